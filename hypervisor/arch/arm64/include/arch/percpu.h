/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_PERCPU_H
#define _ARCH_PERCPU_H

#include <core/types.h>

/* A CPU's general-purpose registers as they were in its cell. */
struct guest_regs {
	u64 x[31];
	u64 pad;
};

struct arch_per_cpu {
	u64 mpidr;
	/* Linux's hyp stub vectors, put back at disable. */
	u64 stub_vbar;
	u64 saved_hcr;
	/* Where the cell asked this CPU to start (PSCI CPU_ON). */
	u64 entry;
	u64 context;
	/* Interrupts waiting for a free list register. */
	u64 pending_irqs[1024 / 64];
	/* The cell's registers saved by the current trap, for dumps. */
	struct guest_regs *regs;
	unsigned int num_lrs;
	/* GICv2: this CPU's bit in distributor target lists, 0 if unknown. */
	u8 gic_target;
	bool entered;
	bool disabling;
};

#endif
