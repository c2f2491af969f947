// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * tools/gunzip.c, the decompressor `cell linux` uses for Image.gz: round
 * trips through the host's gzip (dynamic and fixed Huffman blocks) and
 * Python's zlib (stored blocks), and every kind of damage refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../tools/gunzip.h"
#include "test.h"

/* Compresses data with a shell command reading stdin, writing stdout. */
static unsigned char *compress_with(const char *cmd, const unsigned char *data,
				    size_t size, size_t *out_size)
{
	char in_path[] = "/tmp/bulkhead-gz-XXXXXX", line[512];
	unsigned char *out = NULL;
	size_t cap = 0, n;
	FILE *f, *p;
	int fd = mkstemp(in_path);

	*out_size = 0;
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		test_fail("cannot write %s", in_path);
		return NULL;
	}
	close(fd);
	snprintf(line, sizeof(line), "%s < %s", cmd, in_path);
	p = popen(line, "r");
	if (!p) {
		test_fail("cannot run %s", cmd);
		return NULL;
	}
	f = p;
	for (;;) {
		if (*out_size == cap) {
			cap = cap ? cap * 2 : 65536;
			out = realloc(out, cap);
		}
		n = fread(out + *out_size, 1, cap - *out_size, f);
		if (!n)
			break;
		*out_size += n;
	}
	if (pclose(p))
		test_fail("%s failed", cmd);
	unlink(in_path);
	return out;
}

/* Text-like runs and noise, so every block type and long codes appear. */
static unsigned char *sample(size_t size)
{
	unsigned char *d = malloc(size);
	unsigned int x = 12345;
	size_t i;

	for (i = 0; i < size; i++) {
		x = x * 1103515245 + 12345;
		d[i] = (i / 4096) % 3 == 0 ? (unsigned char)(x >> 16) :
		       (i / 4096) % 3 == 1 ? "bulkhead kernel image "[i % 22] :
		       (unsigned char)((x >> 16) % 7);
	}
	return d;
}

static void round_trip(const char *cmd, size_t size)
{
	unsigned char *data = sample(size), *gz, *out = NULL;
	size_t gz_size, out_size = 0;
	const char *why = NULL;

	gz = compress_with(cmd, data, size, &gz_size);
	if (gz && !bh_is_gzip(gz, gz_size))
		test_fail("%s: no gzip magic", cmd);
	if (gz && bh_gunzip(gz, gz_size, size, &out, &out_size, &why))
		test_fail("%s: %zu bytes refused: %s", cmd, size, why);
	else if (gz && (out_size != size || (size && memcmp(out, data, size))))
		test_fail("%s: %zu bytes came back as %zu different bytes", cmd, size, out_size);
	free(out);
	free(gz);
	free(data);
}

TEST(gunzip_round_trips)
{
	round_trip("gzip -9 -c", 3 << 20);
	round_trip("gzip -1 -c", 1 << 20);
	round_trip("gzip -c", 5);		/* a fixed-Huffman block */
	round_trip("gzip -c", 0);
	round_trip("python3 -c 'import sys, gzip; sys.stdout.buffer.write("
		   "gzip.compress(sys.stdin.buffer.read(), 0))'", 200000);
}

static void expect_refused(const unsigned char *gz, size_t size, size_t max,
			   const char *want)
{
	unsigned char *out = NULL;
	size_t out_size;
	const char *why = NULL;

	if (!bh_gunzip(gz, size, max, &out, &out_size, &why)) {
		test_fail("damaged input accepted (wanted \"%s\")", want);
		free(out);
	} else if (!why || !strstr(why, want)) {
		test_fail("refused with \"%s\", wanted \"%s\"", why ? why : "(null)", want);
	}
}

TEST(gunzip_refuses_damage)
{
	size_t size = 100000, gz_size;
	unsigned char *data = sample(size);
	unsigned char *gz = compress_with("gzip -9 -c", data, size, &gz_size);

	if (!gz)
		return;
	expect_refused(data, size, size, "not a gzip file");
	expect_refused(gz, gz_size / 2, size, "truncated");
	expect_refused(gz, gz_size, size - 1, "more than fits");
	gz[gz_size - 8] ^= 1;			/* CRC */
	expect_refused(gz, gz_size, size, "CRC mismatch");
	gz[gz_size - 8] ^= 1;
	gz[gz_size - 4] ^= 1;			/* ISIZE */
	expect_refused(gz, gz_size, size, "size mismatch");
	gz[gz_size - 4] ^= 1;
	gz[2] = 7;				/* method */
	expect_refused(gz, gz_size, size, "compression method");
	gz[2] = 8;
	gz[10] = 0xff;				/* first block header: type 3 */
	expect_refused(gz, gz_size, size, "corrupt");
	free(gz);
	free(data);
}
