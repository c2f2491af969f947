/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What smp-demo in demos/common uses on arm64: CPUs named by MPIDR,
 * started with PSCI CPU_ON, pinged with SGI 3 through the GIC.
 */
#ifndef _DEMOS_DEMO_SMP_H
#define _DEMOS_DEMO_SMP_H

#include <inmate.h>

/* printk format pieces: a CPU's hardware id, the call that starts one. */
#define DEMO_HWID		"MPIDR 0x%llx"
#define DEMO_START_CALL		"CPU_ON"
#define DEMO_IPI_NAME		"SGI"

#define SGI_PING		3

static inline u64 demo_cpu_hwid(void)
{
	return cpu_mpidr();
}

/* Per CPU, before any IPI: 0 or -1. */
static inline int demo_ipi_init(void)
{
	return gic_init();
}

static inline unsigned int demo_ipi_irq(void)
{
	return SGI_PING;
}

static inline void demo_ipi_unmask(void)
{
	gic_enable_irq(SGI_PING);
}

static inline void demo_ipi_send(u64 hwid)
{
	gic_send_sgi(hwid, SGI_PING);
}

#endif
