/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_TYPES_H
#define _INMATE_TYPES_H

/* The compiler's own headers are usable freestanding; no libc needed. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The ABI's types, so that a comm region field and a local u64 print with
 * the same format: u64 is unsigned long long (%llu, %llx).
 */
#include <bulkhead/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define __noreturn	__attribute__((noreturn))

#endif
