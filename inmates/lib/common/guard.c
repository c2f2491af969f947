// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The guard of inmate/guard.h: 64 KiB of .bss and the image from its start
 * to the end of its constants (__rodata_end, inmate.lds.S).
 */
#include <inmate.h>
#include <inmate/guard.h>

#define GUARD_WORDS	8192

extern char _start[], __rodata_end[];

static u64 guard_area[GUARD_WORDS];
static u64 image_sum;

static u64 pattern(unsigned int n)
{
	return (n + 1) * 0x9e3779b97f4a7c15ULL;
}

/* FNV-1a over 8-byte words: cheap, and any changed word changes it. */
static u64 sum_image(void)
{
	const volatile u64 *p = (const u64 *)_start;
	const u64 *end = (const u64 *)__rodata_end;
	u64 sum = 0xcbf29ce484222325ULL;

	for (; p < end; p++)
		sum = (sum ^ *p) * 0x100000001b3ULL;
	return sum;
}

void guard_init(void)
{
	unsigned int n;

	for (n = 0; n < GUARD_WORDS; n++)
		guard_area[n] = pattern(n);
	image_sum = sum_image();
}

const char *guard_state(void)
{
	const volatile u64 *area = guard_area;
	unsigned int n;

	for (n = 0; n < GUARD_WORDS; n++)
		if (area[n] != pattern(n))
			return "CHANGED";
	return sum_image() == image_sum ? "intact" : "CHANGED";
}
