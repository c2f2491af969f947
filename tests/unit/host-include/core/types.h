/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The host's stand-in for hypervisor/include/core/types.h, so that pure
 * hypervisor files (hypervisor/arch/riscv/insn.c) build unchanged in the
 * unit tests: the real header defines bool, NULL, size_t and errno values
 * of its own, which clash with the host's headers. Same fixed-width types,
 * the rest from libc; add here what the next pure file needs.
 */
#ifndef _CORE_TYPES_H
#define _CORE_TYPES_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

#include <bulkhead/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;

#endif
