// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The independent FDT checker (fdt-verify.h). */
#include <stdint.h>
#include <string.h>

#include "fdt-verify.h"

#define FDT_MAGIC_	0xd00dfeedU
#define TOK_BEGIN_NODE	1
#define TOK_END_NODE	2
#define TOK_PROP	3
#define TOK_NOP		4
#define TOK_END		9
#define HEADER_SIZE	40	/* version 17 */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* [a, a + alen) and [b, b + blen) share a byte. */
static int overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/* The length + 1 of the string at p if its NUL lies before end, else 0. */
static size_t string_in(const uint8_t *p, const uint8_t *end)
{
	const uint8_t *nul = memchr(p, 0, end - p);

	return nul ? (size_t)(nul - p) + 1 : 0;
}

const char *fdt_verify(const void *buf, size_t size)
{
	const uint8_t *b = buf, *s, *end, *strings;
	uint32_t off_struct, off_strings, off_rsv, size_strings, size_struct;
	uint64_t rsv_end;
	size_t len, pos;
	int depth = 0, roots = 0, ended = 0;
	uint32_t tok, plen, nameoff;

	if (size < HEADER_SIZE)
		return "shorter than a header";
	if (be32(b) != FDT_MAGIC_)
		return "no magic";
	if (be32(b + 4) != size)
		return "totalsize is not the blob's size";
	off_struct = be32(b + 8);
	off_strings = be32(b + 12);
	off_rsv = be32(b + 16);
	/* Linux's libfdt reads versions 16 and 17. */
	if (be32(b + 20) < 16 || be32(b + 24) > 17)
		return "version below 16, or not readable as 17";
	size_strings = be32(b + 32);
	size_struct = be32(b + 36);
	if (off_struct % 4 || off_rsv % 8)
		return "structure block or reservation map misaligned";
	if (off_struct < HEADER_SIZE || off_strings < HEADER_SIZE ||
	    off_rsv < HEADER_SIZE)
		return "a block overlaps the header";
	if ((uint64_t)off_struct + size_struct > size ||
	    (uint64_t)off_strings + size_strings > size || off_rsv >= size)
		return "a block extends past totalsize";
	if (overlap(off_struct, size_struct, off_strings, size_strings))
		return "structure and strings blocks overlap";

	/*
	 * The reservation map: 16-byte entries up to one of size 0 (the spec
	 * wants the address 0 too, but Linux, through libfdt, stops at size 0).
	 */
	for (rsv_end = off_rsv;; rsv_end += 16) {
		if (rsv_end + 16 > size)
			return "reservation map without its terminating entry";
		if (!be64(b + rsv_end + 8))
			break;
	}
	rsv_end += 16;
	if (overlap(off_rsv, rsv_end - off_rsv, off_struct, size_struct) ||
	    overlap(off_rsv, rsv_end - off_rsv, off_strings, size_strings))
		return "the reservation map overlaps another block";

	s = b + off_struct;
	end = s + size_struct;
	strings = b + off_strings;
	for (pos = 0; pos + 4 <= size_struct && !ended;) {
		tok = be32(s + pos);
		pos += 4;
		switch (tok) {
		case TOK_BEGIN_NODE:
			len = string_in(s + pos, end);
			if (!len)
				return "a node name runs past the structure block";
			/*
			 * Names are copied from the trees given as they are
			 * (a -d tree's root keeps its name, if it has one).
			 */
			if (!depth && roots++)
				return "more than one root node";
			depth++;
			pos += (len + 3) & ~(size_t)3;
			break;
		case TOK_END_NODE:
			if (!depth--)
				return "FDT_END_NODE without a node";
			break;
		case TOK_PROP:
			if (!depth)
				return "a property outside every node";
			if (pos + 8 > size_struct)
				return "a property header runs past the structure block";
			plen = be32(s + pos);
			nameoff = be32(s + pos + 4);
			pos += 8;
			if (plen > size_struct - pos)
				return "a property value runs past the structure block";
			if (nameoff >= size_strings ||
			    !string_in(strings + nameoff, strings + size_strings))
				return "a property name is not a string in the strings block";
			pos += ((size_t)plen + 3) & ~(size_t)3;
			break;
		case TOK_NOP:
			break;
		case TOK_END:
			ended = 1;
			break;
		default:
			return "an unknown token";
		}
		if (pos > size_struct)
			return "the structure block ends inside a token";
	}
	if (!ended)
		return "no FDT_END in the structure block";
	if (depth || roots != 1)
		return "nodes not balanced, or no root";
	/* Bytes after FDT_END (a -d tree's) are read by no one. */
	return NULL;
}
