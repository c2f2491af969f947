/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Links between the startup and trap code and the C parts of the library. */
#ifndef _INMATE_RISCV64_INTERNAL_H
#define _INMATE_RISCV64_INTERNAL_H

#include <inmate/types.h>
#include "../common/startup.h"

/* Saved by trap.S; the layout is shared with it. */
struct trap_frame {
	u64 ra;
	u64 t0, t1, t2;
	u64 a[8];
	u64 t3, t4, t5, t6;
	u64 sepc;
	u64 sstatus;
};

void trap_dispatch(struct trap_frame *frame, unsigned long scause,
		   unsigned long stval);
/* False for an interrupt the library does not know. */
bool irq_dispatch(unsigned long cause);

extern char secondary_entry[];

#ifdef INMATE_BARE
/* hsm-bare.c: the firmware's other harts to the parking loop. */
void bare_park_harts(unsigned long self);
#endif

#endif
