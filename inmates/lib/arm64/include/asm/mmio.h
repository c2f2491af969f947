/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Device register accessors. The hypervisor emulates the GIC by decoding
 * the trapping instruction from its syndrome, which is only valid for a
 * single ldr/str without writeback; inline asm pins exactly that form
 * instead of trusting the compiler not to merge or pair accesses.
 */
#ifndef _INMATE_ASM_MMIO_H
#define _INMATE_ASM_MMIO_H

#include <inmate/types.h>

static inline u32 mmio_read32(unsigned long addr)
{
	u32 val;

	asm volatile("ldr %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	return val;
}

static inline void mmio_write32(unsigned long addr, u32 val)
{
	asm volatile("str %w0, [%1]" : : "rZ" (val), "r" (addr) : "memory");
}

static inline u64 mmio_read64(unsigned long addr)
{
	u64 val;

	asm volatile("ldr %x0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	return val;
}

static inline void mmio_write64(unsigned long addr, u64 val)
{
	asm volatile("str %x0, [%1]" : : "rZ" (val), "r" (addr) : "memory");
}

#endif
