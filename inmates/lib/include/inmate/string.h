/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Also what the compiler calls for struct copies and zeroing. */
#ifndef _INMATE_STRING_H
#define _INMATE_STRING_H

#include <inmate/types.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
