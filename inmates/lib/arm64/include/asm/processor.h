/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_ASM_PROCESSOR_H
#define _INMATE_ASM_PROCESSOR_H

#include <inmate/asm-helpers.h>

#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define dmb(opt)	asm volatile("dmb " #opt : : : "memory")

DEFINE_INSN_HELPER(cpu_relax, "yield")
DEFINE_INSN_HELPER(wfi, "wfi")
DEFINE_INSN_HELPER(irq_enable, "msr daifclr, #2")
DEFINE_INSN_HELPER(irq_disable, "msr daifset, #2")

static inline unsigned long irq_save(void)
{
	unsigned long flags;

	asm volatile("mrs %0, daif\n\tmsr daifset, #2"
		     : "=r" (flags) : : "memory");
	return flags;
}

static inline void irq_restore(unsigned long flags)
{
	asm volatile("msr daif, %0" : : "r" (flags) : "memory");
}

/* Set once by the startup code: the index the CPU was started with. */
static inline unsigned int cpu_index(void)
{
	unsigned long idx;

	asm volatile("mrs %0, tpidr_el1" : "=r" (idx));
	return idx;
}

#endif
