/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What the host fuzz targets share (Documentation/testing.md, "Host fuzz
 * targets"): a reader that takes the fuzzer's input apart field by field,
 * the check that turns a broken invariant into a crash libFuzzer records,
 * and copies of input parts into allocations of exactly their size, so
 * that AddressSanitizer sees every read past their end.
 */
#ifndef _TESTS_FUZZ_FUZZ_H
#define _TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sanitizer/common_interface_defs.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input, consumed from the front; reads past its end give zeros. */
struct fz {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t fz_u8(struct fz *f)
{
	uint8_t v = 0;

	if (f->n) {
		v = *f->p++;
		f->n--;
	}
	return v;
}

static inline uint16_t fz_u16(struct fz *f)
{
	uint16_t lo = fz_u8(f);

	return lo | (uint16_t)fz_u8(f) << 8;
}

static inline uint32_t fz_u32(struct fz *f)
{
	uint32_t lo = fz_u16(f);

	return lo | (uint32_t)fz_u16(f) << 16;
}

static inline uint64_t fz_u64(struct fz *f)
{
	uint64_t lo = fz_u32(f);

	return lo | (uint64_t)fz_u32(f) << 32;
}

/* Up to len bytes of the input (fewer at its end); *got says how many. */
static inline const uint8_t *fz_bytes(struct fz *f, size_t len, size_t *got)
{
	const uint8_t *p = f->p;

	if (len > f->n)
		len = f->n;
	f->p += len;
	f->n -= len;
	*got = len;
	return p;
}

/* A malloc'ed copy of exactly len bytes (one byte for len 0). */
static inline void *fz_dup(const void *data, size_t len)
{
	void *p = malloc(len ? len : 1);

	if (!p)
		abort();
	if (len)
		memcpy(p, data, len);
	return p;
}

/* A malloc'ed C string of the bytes up to the first NUL. */
static inline char *fz_str(const void *data, size_t len)
{
	const char *nul = memchr(data, 0, len);
	size_t n = nul ? (size_t)(nul - (const char *)data) : len;
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/*
 * A broken invariant: says which and aborts, so libFuzzer saves the input.
 * The message goes where the sanitizers report: with -close_fd_mask=2
 * (which the Makefile uses, to keep the messages of the code under test
 * out of the log) stderr is /dev/null, but their report stays.
 */
#define FZ_CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			char fz_msg_[512];				\
			int fz_n_ = snprintf(fz_msg_, sizeof(fz_msg_),	\
					     "fuzz invariant broken at %s:%d: ", \
					     __FILE__, __LINE__);	\
			snprintf(fz_msg_ + fz_n_, sizeof(fz_msg_) - fz_n_, \
				 __VA_ARGS__);				\
			__sanitizer_report_error_summary(fz_msg_);	\
			abort();					\
		}							\
	} while (0)

#endif /* _TESTS_FUZZ_FUZZ_H */
