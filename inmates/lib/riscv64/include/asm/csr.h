/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Supervisor CSRs. An inmate runs in VS mode, where these names reach the
 * VS copies (vsstatus, vsie, ...) without trapping; the code is the same
 * as for plain S mode.
 */
#ifndef _INMATE_ASM_CSR_H
#define _INMATE_ASM_CSR_H

#define SSTATUS_SIE		(1 << 1)

/* Bits of sie and sip; the same numbers are the interrupts' scause codes. */
#define IRQ_S_SOFT		1
#define IRQ_S_TIMER		5
#define IRQ_S_EXT		9

#define SCAUSE_INTERRUPT	(1UL << 63)

#ifndef __ASSEMBLY__

#define csr_read(csr) ({					\
	unsigned long __val;					\
	asm volatile("csrr %0, " #csr : "=r" (__val) : : "memory");	\
	__val;							\
})

#define csr_write(csr, val)					\
	asm volatile("csrw " #csr ", %0" : : "rK" ((unsigned long)(val)) \
		     : "memory")

#define csr_set(csr, bits)					\
	asm volatile("csrs " #csr ", %0" : : "rK" ((unsigned long)(bits)) \
		     : "memory")

#define csr_clear(csr, bits)					\
	asm volatile("csrc " #csr ", %0" : : "rK" ((unsigned long)(bits)) \
		     : "memory")

#endif /* __ASSEMBLY__ */

#endif
