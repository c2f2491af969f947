/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What smp-demo in demos/common uses on riscv64: CPUs named by hart id,
 * started with SBI HSM HART_START, pinged with an SBI IPI (the supervisor
 * software interrupt).
 */
#ifndef _DEMOS_DEMO_SMP_H
#define _DEMOS_DEMO_SMP_H

#include <inmate.h>

/* printk format pieces: a CPU's hardware id, the call that starts one. */
#define DEMO_HWID		"hart %llu"
#define DEMO_START_CALL		"HART_START"
#define DEMO_IPI_NAME		"IPI"

static inline u64 demo_cpu_hwid(void)
{
	return cpu_hartid();
}

/* Nothing to set up: the IPI is the hart's own interrupt. */
static inline int demo_ipi_init(void)
{
	return 0;
}

static inline unsigned int demo_ipi_irq(void)
{
	return IRQ_SOFTWARE;
}

static inline void demo_ipi_unmask(void)
{
	irq_unmask(IRQ_SOFTWARE);
}

static inline void demo_ipi_send(u64 hwid)
{
	ipi_send(hwid);
}

#endif
