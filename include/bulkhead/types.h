/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fixed-width types for the bulkhead ABI.
 *
 * The same headers are compiled into the Linux module, the freestanding
 * hypervisor and inmates, the userspace CLI and the config blobs. The kernel
 * and userspace both get __u64 and friends from <linux/types.h>; freestanding
 * code defines BULKHEAD_FREESTANDING and gets them here, so the struct layout
 * is identical everywhere.
 */
#ifndef _BULKHEAD_TYPES_H
#define _BULKHEAD_TYPES_H

#ifdef BULKHEAD_FREESTANDING
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed int __s32;
typedef signed long long __s64;
#else
#include <linux/types.h>
#endif

#endif /* _BULKHEAD_TYPES_H */
