/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_ASM_PROCESSOR_H
#define _INMATE_ASM_PROCESSOR_H

#include <inmate/asm-helpers.h>
#include <asm/csr.h>

/* Orders all earlier loads and stores before all later ones. */
DEFINE_INSN_HELPER(fence, "fence rw, rw")
/*
 * PAUSE (Zihintpause), encoded by hand since the baseline -march lacks it;
 * it is a FENCE hint, so harts without it run it as a no-op.
 */
DEFINE_INSN_HELPER(cpu_relax, ".4byte 0x0100000f")
DEFINE_INSN_HELPER(wfi, "wfi")
DEFINE_INSN_HELPER(irq_enable, "csrsi sstatus, 2")	/* SSTATUS_SIE */
DEFINE_INSN_HELPER(irq_disable, "csrci sstatus, 2")

/* Returns the old sstatus; only its SIE bit matters to irq_restore(). */
static inline unsigned long irq_save(void)
{
	unsigned long flags;

	asm volatile("csrrci %0, sstatus, %1"
		     : "=r" (flags) : "i" (SSTATUS_SIE) : "memory");
	return flags;
}

static inline void irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SSTATUS_SIE);
}

/*
 * Set once by the startup code: the index the CPU was started with lives
 * in tp (no thread-local storage here, and no trap changes it).
 */
static inline unsigned int cpu_index(void)
{
	unsigned long idx;

	asm volatile("mv %0, tp" : "=r" (idx));
	return idx;
}

/* The hart id the CPU entered with (a0), kept in sscratch. */
static inline u64 cpu_hartid(void)
{
	return csr_read(sscratch);
}

#endif
