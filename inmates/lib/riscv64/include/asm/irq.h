/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Interrupt numbers as the handler set with irq_set_handler() sees them:
 * the hart's own interrupts keep their scause codes, PLIC source n is
 * IRQ_PLIC(n). External interrupts are claimed from the PLIC by the
 * library, so IRQ_S_EXT itself never reaches the handler.
 */
#ifndef _INMATE_ASM_IRQ_H
#define _INMATE_ASM_IRQ_H

#include <inmate/types.h>
#include <asm/csr.h>

/* An IPI, cleared in sip before the handler runs. */
#define IRQ_SOFTWARE		IRQ_S_SOFT
/* The SBI timer; the handler re-arms it (timer_arm) or stops it. */
#define IRQ_TIMER		IRQ_S_TIMER
/* Above every local interrupt's scause code (they are below XLEN). */
#define IRQ_PLIC_BASE		64
#define IRQ_PLIC(src)		(IRQ_PLIC_BASE + (src))

/* Enable one interrupt for the calling hart: its sie bit or PLIC source. */
void irq_unmask(unsigned int irq);
void irq_mask(unsigned int irq);

/* A software interrupt to a hart of the same cell; the SBI error. */
long ipi_send(u64 hartid);

#endif
