/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* gzip decompression for `cell linux KERNEL` given as an Image.gz. */
#ifndef _TOOLS_GUNZIP_H
#define _TOOLS_GUNZIP_H

#include <stddef.h>

/* Whether the data starts like a gzip file (magic 1f 8b). */
int bh_is_gzip(const unsigned char *data, size_t size);

/*
 * Decompresses the gzip file in[0..in_size) into a malloc'ed buffer of at
 * most max bytes. Returns 0, or -1 with *why saying what is wrong (a
 * static string): not gzip, corrupt, truncated, too large, bad checksum.
 */
int bh_gunzip(const unsigned char *in, size_t in_size, size_t max,
	      unsigned char **out, size_t *out_size, const char **why);

#endif /* _TOOLS_GUNZIP_H */
