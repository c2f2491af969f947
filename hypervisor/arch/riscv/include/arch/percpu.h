/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_PERCPU_H
#define _ARCH_PERCPU_H

#include <core/types.h>

/*
 * A hart's registers as they were in its cell: x0 (always zero) holds
 * nothing, then x1..x31, the guest's pc and hstatus, restored on return.
 * entry.S knows this layout.
 */
struct guest_regs {
	u64 x[32];
	u64 sepc;
	u64 hstatus;
};

struct arch_per_cpu {
	u64 hartid;
	/* Where the cell asked this hart to start (SBI HSM), and a1 then. */
	u64 entry;
	u64 context;
	/* HS state of Linux at enable, given back at disable. */
	u64 linux_hedeleg, linux_hideleg, linux_hcounteren, linux_henvcfg;
	/* Reasons for the last supervisor software interrupt. */
	bool guest_ipi;
	bool management_ipi;
	/* A virtual PLIC line was raised for this hart's context. */
	bool plic_ipi;
	/* The cell's registers saved by the current trap, for dumps. */
	struct guest_regs *regs;
	bool disabling;
	/*
	 * Runs a guest (loaded its G-stage): what remote G-stage fences
	 * must reach. A hart firmware is still starting or stopping is not
	 * asked, it fences when it enters its cell.
	 */
	bool in_guest;
};

#endif
