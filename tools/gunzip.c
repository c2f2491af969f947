// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * gzip (RFC 1952) around deflate (RFC 1951), decompressed in memory.
 *
 * `cell linux` takes a compressed kernel (Image.gz), as Jailhouse's
 * cell-linux does. The target CLI is a static binary for which Debian has
 * no cross-built zlib, so it carries this small decoder. Huffman codes are
 * looked up by their first FAST_BITS bits in a table; longer codes, rare in
 * practice, are decoded bit by bit from the canonical code.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gunzip.h"

#define MAX_BITS	15
#define FAST_BITS	9
#define MAX_SYMBOLS	288

struct huffman {
	uint16_t count[MAX_BITS + 1];	/* number of codes of each length */
	uint16_t symbol[MAX_SYMBOLS];	/* symbols in canonical code order */
	/* Next FAST_BITS stream bits -> symbol << 4 | length; 0: longer code. */
	uint16_t fast[1 << FAST_BITS];
};

struct inflater {
	const uint8_t *in;
	size_t in_size, in_pos;
	uint64_t bits;			/* unread input bits, LSB first */
	unsigned int nbits;
	uint8_t *out;
	size_t out_size, out_cap, out_max;
	const char *error;
};

static const uint16_t length_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t length_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static int fail(struct inflater *s, const char *why)
{
	if (!s->error)
		s->error = why;
	return -1;
}

static void refill(struct inflater *s)
{
	while (s->nbits <= 56 && s->in_pos < s->in_size) {
		s->bits |= (uint64_t)s->in[s->in_pos++] << s->nbits;
		s->nbits += 8;
	}
}

/* The next n (<= 32) bits, or -1 at the end of the input. */
static long get_bits(struct inflater *s, unsigned int n)
{
	long v;

	if (s->nbits < n)
		refill(s);
	if (s->nbits < n)
		return fail(s, "truncated");
	v = (long)(s->bits & ((1ULL << n) - 1));
	s->bits >>= n;
	s->nbits -= n;
	return v;
}

static unsigned int reverse_bits(unsigned int code, unsigned int len)
{
	unsigned int r = 0;

	while (len--) {
		r = r << 1 | (code & 1);
		code >>= 1;
	}
	return r;
}

/* Builds the code from each symbol's code length; -1 if over-subscribed. */
static int build(struct huffman *h, const uint8_t *lengths, unsigned int n)
{
	uint16_t offset[MAX_BITS + 2];
	unsigned int len, sym, i, code = 0, next = 0;
	int left = 1;

	memset(h, 0, sizeof(*h));
	for (sym = 0; sym < n; sym++)
		h->count[lengths[sym]]++;
	h->count[0] = 0;
	for (len = 1; len <= MAX_BITS; len++) {
		left = left * 2 - h->count[len];
		if (left < 0)
			return -1;
	}
	offset[1] = 0;
	for (len = 1; len <= MAX_BITS; len++)
		offset[len + 1] = offset[len] + h->count[len];
	for (sym = 0; sym < n; sym++)
		if (lengths[sym])
			h->symbol[offset[lengths[sym]]++] = sym;
	/* Canonical codes in order; the short ones go into the fast table. */
	for (len = 1; len <= MAX_BITS; len++, code <<= 1) {
		for (i = 0; i < h->count[len]; i++, code++, next++) {
			unsigned int slot = reverse_bits(code, len);

			if (len > FAST_BITS)
				continue;
			for (; slot < (1U << FAST_BITS); slot += 1U << len)
				h->fast[slot] = h->symbol[next] << 4 | len;
		}
	}
	return 0;
}

static int decode(struct inflater *s, const struct huffman *h)
{
	unsigned int entry, len, code = 0, first = 0, index = 0;
	long bit;

	if (s->nbits < MAX_BITS)
		refill(s);
	entry = h->fast[s->bits & ((1U << FAST_BITS) - 1)];
	if (entry && (entry & 15) <= s->nbits) {
		s->bits >>= entry & 15;
		s->nbits -= entry & 15;
		return entry >> 4;
	}
	for (len = 1; len <= MAX_BITS; len++) {
		bit = get_bits(s, 1);
		if (bit < 0)
			return -1;
		code |= bit;
		if (code - first < h->count[len])
			return h->symbol[index + code - first];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return fail(s, "corrupt (invalid Huffman code)");
}

static int put(struct inflater *s, size_t need)
{
	uint8_t *bigger;
	size_t cap = s->out_cap ? s->out_cap : 1 << 20;

	if (s->out_size + need <= s->out_cap)
		return 0;
	if (s->out_size + need > s->out_max)
		return fail(s, "decompresses to more than fits");
	while (cap < s->out_size + need)
		cap *= 2;
	if (cap > s->out_max)
		cap = s->out_max;
	bigger = realloc(s->out, cap);
	if (!bigger)
		return fail(s, "out of memory");
	s->out = bigger;
	s->out_cap = cap;
	return 0;
}

static int stored_block(struct inflater *s)
{
	long len, nlen, byte;

	s->bits >>= s->nbits % 8;
	s->nbits -= s->nbits % 8;
	len = get_bits(s, 16);
	nlen = get_bits(s, 16);
	if (len < 0 || nlen < 0)
		return -1;
	if (len != (~nlen & 0xffff))
		return fail(s, "corrupt (stored block length)");
	if (put(s, len))
		return -1;
	while (len--) {
		byte = get_bits(s, 8);
		if (byte < 0)
			return -1;
		s->out[s->out_size++] = byte;
	}
	return 0;
}

static int codes(struct inflater *s, const struct huffman *lit,
		 const struct huffman *dist)
{
	long extra, len, distance;
	int sym;

	for (;;) {
		sym = decode(s, lit);
		if (sym < 0)
			return -1;
		if (sym < 256) {
			if (put(s, 1))
				return -1;
			s->out[s->out_size++] = sym;
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		if (sym >= 29)
			return fail(s, "corrupt (length code)");
		extra = get_bits(s, length_extra[sym]);
		if (extra < 0)
			return -1;
		len = length_base[sym] + extra;
		sym = decode(s, dist);
		if (sym < 0)
			return -1;
		if (sym >= 30)
			return fail(s, "corrupt (distance code)");
		extra = get_bits(s, dist_extra[sym]);
		if (extra < 0)
			return -1;
		distance = dist_base[sym] + extra;
		if ((size_t)distance > s->out_size)
			return fail(s, "corrupt (distance before the start)");
		if (put(s, len))
			return -1;
		/* Byte by byte: the copy may overlap what it writes. */
		while (len--) {
			s->out[s->out_size] = s->out[s->out_size - distance];
			s->out_size++;
		}
	}
}

static int fixed_block(struct inflater *s)
{
	static struct huffman lit, dist;
	static int built;
	uint8_t lengths[MAX_SYMBOLS];
	unsigned int n;

	if (!built) {
		for (n = 0; n < 288; n++)
			lengths[n] = n < 144 ? 8 : n < 256 ? 9 : n < 280 ? 7 : 8;
		build(&lit, lengths, 288);
		for (n = 0; n < 30; n++)
			lengths[n] = 5;
		build(&dist, lengths, 30);
		built = 1;
	}
	return codes(s, &lit, &dist);
}

static int dynamic_block(struct inflater *s)
{
	static const uint8_t order[19] = {
		16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	struct huffman lit, dist, lencode;
	uint8_t lengths[MAX_SYMBOLS + 32];
	long nlit, ndist, ncode, v, repeat;
	unsigned int n = 0, i;
	int sym, prev;

	nlit = get_bits(s, 5);
	ndist = get_bits(s, 5);
	ncode = get_bits(s, 4);
	if (nlit < 0 || ndist < 0 || ncode < 0)
		return -1;
	nlit += 257;
	ndist += 1;
	ncode += 4;
	if (nlit > 286 || ndist > 30)
		return fail(s, "corrupt (code counts)");
	memset(lengths, 0, sizeof(lengths));
	for (i = 0; i < ncode; i++) {
		v = get_bits(s, 3);
		if (v < 0)
			return -1;
		lengths[order[i]] = v;
	}
	if (build(&lencode, lengths, 19))
		return fail(s, "corrupt (code length code)");
	while (n < nlit + ndist) {
		sym = decode(s, &lencode);
		if (sym < 0)
			return -1;
		if (sym < 16) {
			lengths[n++] = sym;
			continue;
		}
		prev = 0;
		if (sym == 16) {
			if (!n)
				return fail(s, "corrupt (repeat with no previous length)");
			prev = lengths[n - 1];
			repeat = get_bits(s, 2);
			repeat = repeat < 0 ? -1 : repeat + 3;
		} else if (sym == 17) {
			repeat = get_bits(s, 3);
			repeat = repeat < 0 ? -1 : repeat + 3;
		} else {
			repeat = get_bits(s, 7);
			repeat = repeat < 0 ? -1 : repeat + 11;
		}
		if (repeat < 0)
			return -1;
		if (n + repeat > nlit + ndist)
			return fail(s, "corrupt (too many code lengths)");
		while (repeat--)
			lengths[n++] = prev;
	}
	if (!lengths[256])
		return fail(s, "corrupt (no end-of-block code)");
	if (build(&lit, lengths, nlit) || build(&dist, lengths + nlit, ndist))
		return fail(s, "corrupt (over-subscribed code)");
	return codes(s, &lit, &dist);
}

static int inflate(struct inflater *s)
{
	long last, type;
	int err;

	do {
		last = get_bits(s, 1);
		type = get_bits(s, 2);
		if (last < 0 || type < 0)
			return -1;
		if (type == 0)
			err = stored_block(s);
		else if (type == 1)
			err = fixed_block(s);
		else if (type == 2)
			err = dynamic_block(s);
		else
			err = fail(s, "corrupt (block type 3)");
		if (err)
			return -1;
	} while (!last);
	return 0;
}

static uint32_t crc32(const uint8_t *data, size_t size)
{
	static uint32_t table[256];
	uint32_t crc = 0xffffffff, c;
	unsigned int n, k;

	if (!table[1]) {
		for (n = 0; n < 256; n++) {
			for (c = n, k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
			table[n] = c;
		}
	}
	while (size--)
		crc = table[(crc ^ *data++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

int bh_is_gzip(const unsigned char *data, size_t size)
{
	return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

#define GZ_FHCRC	0x02
#define GZ_FEXTRA	0x04
#define GZ_FNAME	0x08
#define GZ_FCOMMENT	0x10

/* Where the deflate data starts, after the header; 0 if malformed. */
static size_t skip_header(const uint8_t *in, size_t size, const char **why)
{
	size_t pos = 10;
	uint8_t flags;

	if (size < 18 || !bh_is_gzip(in, size)) {
		*why = "not a gzip file";
		return 0;
	}
	if (in[2] != 8) {
		*why = "unknown gzip compression method";
		return 0;
	}
	flags = in[3];
	if (flags & GZ_FEXTRA)
		pos += 2 + (in[10] | in[11] << 8);
	if (flags & GZ_FNAME)
		while (pos < size && in[pos++])
			;
	if (flags & GZ_FCOMMENT)
		while (pos < size && in[pos++])
			;
	if (flags & GZ_FHCRC)
		pos += 2;
	if (pos + 8 > size) {
		*why = "truncated gzip header";
		return 0;
	}
	return pos;
}

int bh_gunzip(const unsigned char *in, size_t in_size, size_t max,
	      unsigned char **out, size_t *out_size, const char **why)
{
	struct inflater s = { .in = in, .in_size = in_size, .out_max = max };
	size_t start = skip_header(in, in_size, why), end;

	if (!start)
		return -1;
	s.in_pos = start;
	if (inflate(&s))
		goto fail;
	/* The unread whole bytes in the bit buffer are the trailer's. */
	end = s.in_pos - s.nbits / 8;
	if (end + 8 > in_size) {
		fail(&s, "truncated (no gzip trailer)");
		goto fail;
	}
	if (le32(in + end) != crc32(s.out, s.out_size)) {
		fail(&s, "CRC mismatch: the file is corrupt");
		goto fail;
	}
	if (le32(in + end + 4) != (uint32_t)s.out_size) {
		fail(&s, "size mismatch: the file is corrupt");
		goto fail;
	}
	*out = s.out;
	*out_size = s.out_size;
	return 0;
fail:
	free(s.out);
	*why = s.error;
	return -1;
}
