// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target of what `bulkhead cell linux` reads of the kernel: the
 * gzip decoder (tools/gunzip.c, for an Image.gz) and the Image header with
 * the placement in the cell's RAM (tools/linux-image.c).
 *
 * Input: a mode byte, then
 *
 *   mode bit 0 = 0  the kernel file: decompressed if it is gzip (at most
 *                   as much as mode bits 2-3 say: the cell's 128 MiB, 1 MiB,
 *                   64 KiB or 4 KiB), then its header read and the Image
 *                   placed in the RAM of the shipped Linux cell of the
 *                   architecture of mode bit 1 (0 arm64, 1 riscv64), with
 *                   initrds of a few sizes (bits 4-5);
 *   mode bit 0 = 1  a plan byte, then a payload the target compresses
 *                   itself (stored and fixed-Huffman blocks, literals and
 *                   matches, split where the plan says): the decoder must
 *                   give the payload back exactly, and refuse it with one
 *                   byte less room.
 *
 * Invariants: the decoder's output is within its limit; a placement that
 * succeeds has the boot stub, the kernel with its image_size, the initrd
 * and the 2 MiB block of the device tree in that order, apart, inside the
 * RAM, the stub at the entry and the kernel 2 MiB aligned (plus
 * text_offset on arm64).
 */
#include <bulkhead/config-check.h>

#include "../../tools/gunzip.h"
#include "../../tools/linux-image.h"
#include "fuzz.h"
#include "shipped.h"

#define SZ_2M	0x200000ULL

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* ---- a small deflate encoder for the round trip ---- */

struct bits {
	uint8_t *buf;
	size_t len, cap;
	uint64_t acc;
	unsigned int n;
};

static void put_bits(struct bits *b, uint32_t v, unsigned int n)
{
	b->acc |= (uint64_t)v << b->n;
	b->n += n;
	while (b->n >= 8) {
		if (b->len == b->cap)
			abort();
		b->buf[b->len++] = b->acc & 0xff;
		b->acc >>= 8;
		b->n -= 8;
	}
}

static void flush_byte(struct bits *b)
{
	if (b->n)
		put_bits(b, 0, 8 - b->n);
}

/* Huffman codes go MSB first into the LSB-first stream. */
static void put_code(struct bits *b, uint32_t code, unsigned int len)
{
	uint32_t r = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		r |= ((code >> i) & 1) << (len - 1 - i);
	put_bits(b, r, len);
}

/* RFC 1951 3.2.6: the fixed literal/length code. */
static void put_fixed_sym(struct bits *b, unsigned int sym)
{
	if (sym < 144)
		put_code(b, 0x30 + sym, 8);
	else if (sym < 256)
		put_code(b, 0x190 + sym - 144, 9);
	else if (sym < 280)
		put_code(b, sym - 256, 7);
	else
		put_code(b, 0xc0 + sym - 280, 8);
}

static const uint16_t len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static void put_match(struct bits *b, unsigned int len, unsigned int dist)
{
	unsigned int s = 28, d = 29;

	while (len_base[s] > len)
		s--;
	put_fixed_sym(b, 257 + s);
	put_bits(b, len - len_base[s], len_extra[s]);
	while (dist_base[d] > dist)
		d--;
	put_code(b, d, 5);
	put_bits(b, dist - dist_base[d], dist_extra[d]);
}

/* One fixed-Huffman block of p[from, to); matches back to the payload's start. */
static void fixed_block(struct bits *b, const uint8_t *p, size_t from, size_t to,
			int last, unsigned int window)
{
	size_t i = from, best, k;
	unsigned int d, bestd;

	put_bits(b, last, 1);
	put_bits(b, 1, 2);
	while (i < to) {
		best = 0;
		bestd = 0;
		for (d = 1; d <= window && d <= i; d++) {
			for (k = 0; k < 258 && i + k < to && p[i + k] == p[i + k - d]; k++)
				;
			if (k > best) {
				best = k;
				bestd = d;
			}
		}
		if (best >= 3) {
			put_match(b, best, bestd);
			i += best;
		} else {
			put_fixed_sym(b, p[i++]);
		}
	}
	put_fixed_sym(b, 256);
}

static void stored_block(struct bits *b, const uint8_t *p, size_t from, size_t to,
			 int last)
{
	size_t n = to - from;

	put_bits(b, last, 1);
	put_bits(b, 0, 2);
	flush_byte(b);
	put_bits(b, n, 16);
	put_bits(b, ~n & 0xffff, 16);
	for (; from < to; from++)
		put_bits(b, p[from], 8);
}

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffff;
	int k;

	while (n--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? 0xedb88320 ^ (crc >> 1) : crc >> 1;
	}
	return ~crc;
}

/* gzip of p[0, n), blocks as plan says: a malloc'ed file and its size. */
static uint8_t *gzip_of(const uint8_t *p, size_t n, uint8_t plan, size_t *size)
{
	static const uint8_t header[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
	struct bits b = { 0 };
	size_t from = 0, to, step = 1 + ((plan >> 2) & 7) * 97;
	uint32_t crc = crc32_of(p, n);
	int kind;

	b.cap = 64 + n * 6;	/* stored blocks of a byte each: 6 bytes a byte */
	b.buf = malloc(b.cap);
	if (!b.buf)
		abort();
	memcpy(b.buf, header, sizeof(header));
	if (plan & 0x80) {
		/* FNAME: a file name before the data */
		b.buf[3] = 0x08;
		memcpy(b.buf + 10, "Image\0", 6);
		b.len = 16;
	} else {
		b.len = 10;
	}
	do {
		to = plan & 0x20 ? n : (from + step < n ? from + step : n);
		kind = (plan & 3) == 2 ? (int)((from / step) & 1) : (plan & 3) == 1;
		if (kind || to - from > 0xffff)
			fixed_block(&b, p, from, to, to == n, plan & 0x40 ? 32 : 1);
		else
			stored_block(&b, p, from, to, to == n);
		from = to;
	} while (from < n);
	flush_byte(&b);
	put_bits(&b, crc, 32);
	put_bits(&b, (uint32_t)n, 32);
	*size = b.len;
	return b.buf;
}

static void round_trip(const uint8_t *p, size_t n, uint8_t plan)
{
	size_t gz_size, out_size;
	uint8_t *gz, *out = NULL;
	const char *why = NULL;

	if (n > 8192)
		n = 8192;	/* the encoder's matches are quadratic */
	gz = gzip_of(p, n, plan, &gz_size);
	FZ_CHECK(bh_is_gzip(gz, gz_size), "our gzip does not look like gzip");
	FZ_CHECK(!bh_gunzip(gz, gz_size, n, &out, &out_size, &why),
		 "%zu bytes, plan 0x%x: refused: %s", n, plan, why);
	FZ_CHECK(out_size == n && (!n || !memcmp(out, p, n)),
		 "%zu bytes, plan 0x%x: %zu bytes back, not the same", n, plan, out_size);
	free(out);
	out = NULL;
	if (n) {
		FZ_CHECK(bh_gunzip(gz, gz_size, n - 1, &out, &out_size, &why),
			 "%zu bytes decompressed into %zu bytes of room", n, n - 1);
		FZ_CHECK(why && !strcmp(why, "decompresses to more than fits"),
			 "with too little room: \"%s\"", why ? why : "(none)");
	}
	free(gz);
}

/* ---- the kernel file ---- */

static void check_layout(const struct bh_linux_layout *l, unsigned long long entry,
			 unsigned long long isize, unsigned int arch)
{
	unsigned char stub[BH_LINUX_STUB_MAX];
	unsigned long long low = isize ? l->initrd : l->dtb;

	FZ_CHECK(l->stub == entry && l->stub >= l->ram &&
		 l->stub + l->stub_size <= l->kernel, "boot stub 0x%llx misplaced", l->stub);
	FZ_CHECK(l->kernel_end == l->kernel + l->image_size && l->kernel_end >= l->kernel &&
		 l->kernel_end <= low, "kernel 0x%llx-0x%llx overlaps what follows",
		 l->kernel, l->kernel_end);
	FZ_CHECK(arch == BULKHEAD_ARCH_ARM64 ? (l->kernel - l->text_offset) % SZ_2M == 0 :
		 l->kernel % SZ_2M == 0, "kernel at 0x%llx misaligned", l->kernel);
	if (isize)
		FZ_CHECK(l->initrd % 0x1000 == 0 && l->initrd >= l->ram &&
			 l->initrd + isize <= l->dtb,
			 "initrd 0x%llx+%llu overlaps the device tree", l->initrd, isize);
	else
		FZ_CHECK(!l->initrd && !l->initrd_end, "an initrd without one");
	FZ_CHECK(l->dtb % SZ_2M == 0 && l->dtb >= l->ram && l->dtb + SZ_2M <= l->ram_end,
		 "device tree block 0x%llx outside the RAM", l->dtb);
	FZ_CHECK(bh_linux_stub(l, stub) == l->stub_size && l->stub_size <= BH_LINUX_STUB_MAX,
		 "stub of %llu bytes", l->stub_size);
}

static void kernel_file(const uint8_t *p, size_t n, uint8_t mode)
{
	static const size_t maxes[4] = { 128 << 20, 1 << 20, 64 << 10, 4 << 10 };
	static const unsigned long long isizes[4] = { 0, 957440, 1, 100 << 20 };
	const struct bulkhead_cell_desc *cell = mode & 2 ? fuzz_riscv64_linux :
							   fuzz_arm64_linux;
	const struct bulkhead_memory *ram = bulkhead_cell_memory(cell);
	unsigned long long isize = isizes[(mode >> 4) & 3];
	size_t max = maxes[(mode >> 2) & 3], size = n;
	uint8_t *data = fz_dup(p, n), *out = NULL;
	struct bh_linux_layout l;
	const char *why = NULL;

	if (bh_is_gzip(data, size)) {
		if (bh_gunzip(data, size, max, &out, &size, &why)) {
			FZ_CHECK(why && *why, "a refused gzip without a reason");
			free(data);
			return;
		}
		FZ_CHECK(size <= max, "%zu bytes decompressed, at most %zu allowed", size, max);
		free(data);
		data = out;
	}
	if (!bh_linux_layout_init(&l, "cell", cell->architecture) &&
	    !bh_linux_parse_image(&l, "Image", data, size) &&
	    !bh_linux_place(&l, cell->entry, ram, isize))
		check_layout(&l, cell->entry, isize, cell->architecture);
	free(data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	uint8_t mode = fz_u8(&f);

	if (mode & 1) {
		uint8_t plan = fz_u8(&f);

		round_trip(f.p, f.n, plan);
	} else {
		kernel_file(f.p, f.n, mode);
	}
	return 0;
}
