/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The inmate's command line: a string root loads with the image,
 *
 *	bulkhead cell load NAME IMAGE -s "seed=7 count=5000" -a 0x100
 *
 * at INMATE_CMDLINE_OFFSET (0x100) from the image's start, at most
 * INMATE_CMDLINE_SIZE - 1 (255) characters. Every image holds zeros there,
 * so loading the image alone gives an empty command line; the string must
 * be loaded after the image, which it overwrites. Words are separated by
 * spaces, values are "name=value".
 */
#ifndef _INMATE_CMDLINE_H
#define _INMATE_CMDLINE_H

#include <inmate/types.h>

/* The whole line, "" if none was loaded. */
const char *cmdline(void);
/*
 * The value of name=VALUE (decimal, or hexadecimal after 0x), def if the
 * word is missing or its value is not a number.
 */
u64 cmdline_u64(const char *name, u64 def);
/* Whether the exact word ("verbose", "end=off") is on the line. */
bool cmdline_has(const char *word);

#endif
