/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_ASM_SYSREG_H
#define _INMATE_ASM_SYSREG_H

#include <inmate/types.h>

#define read_sysreg(reg) ({					\
	u64 __val;						\
	asm volatile("mrs %0, " #reg : "=r" (__val));		\
	__val;							\
})

#define write_sysreg(val, reg)					\
	asm volatile("msr " #reg ", %x0" : : "rZ" ((u64)(val)))

#define isb()	asm volatile("isb" : : : "memory")

/* Aff3 sits apart from Aff2..Aff0; the bits in between are flags. */
#define MPIDR_AFF_MASK		0xff00ffffffULL

static inline u64 cpu_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

#endif
