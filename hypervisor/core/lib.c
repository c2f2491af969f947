// SPDX-License-Identifier: GPL-2.0
/* The few C library routines the compiler may emit calls to. */
#include <core/types.h>

/*
 * Word stores where both ends allow: pages are cleared with this (the pool,
 * a new cell's tables), where a byte loop made up most of enable and cell
 * create. The attribute keeps the compiler from turning the loops back
 * into calls to the functions themselves.
 */
#define NO_LOOP_CALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_LOOP_CALLS void *memset(void *s, int c, size_t n)
{
	u8 *p = s;

	if (!((unsigned long)p & 7)) {
		u64 word = 0x0101010101010101ULL * (u8)c;

		for (; n >= 8; n -= 8, p += 8)
			*(u64 *)p = word;
	}
	while (n--)
		*p++ = c;
	return s;
}

NO_LOOP_CALLS void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (!(((unsigned long)d | (unsigned long)s) & 7))
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64 *)d = *(const u64 *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
