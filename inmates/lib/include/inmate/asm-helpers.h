/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Templates for the one-instruction helpers each architecture defines in
 * its asm/ headers, so that the reasons for their constraints are written
 * once.
 */
#ifndef _INMATE_ASM_HELPERS_H
#define _INMATE_ASM_HELPERS_H

#include <inmate/types.h>

/*
 * A helper without operands. The "memory" clobber makes the compiler
 * re-read shared data after it (polling loops) and keeps memory accesses
 * on the right side of interrupt masking.
 */
#define DEFINE_INSN_HELPER(name, insn)				\
static inline void name(void)					\
{								\
	asm volatile(insn : : : "memory");			\
}

/*
 * Device register accessors: inline asm pins exactly one load or store of
 * the given width, never merged, split or paired by the compiler, so that
 * a hypervisor decoding the trapping instruction sees what the program
 * wrote. The store constraint lets the zero register store 0.
 */
#define DEFINE_MMIO_READ(name, type, insn)			\
static inline type name(unsigned long addr)			\
{								\
	type val;						\
								\
	asm volatile(insn : "=r" (val) : "r" (addr) : "memory");	\
	return val;						\
}

#define DEFINE_MMIO_WRITE(name, type, insn, constraint)		\
static inline void name(unsigned long addr, type val)		\
{								\
	asm volatile(insn : : constraint (val), "r" (addr) : "memory"); \
}

#endif
