/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The two EL1 generic timers a cell may use. The hypervisor sets CNTVOFF to
 * 0, so both compare against the same count that timer_ticks() returns.
 */
#ifndef _INMATE_ASM_TIMER_H
#define _INMATE_ASM_TIMER_H

#include <inmate/types.h>

enum arm_timer {
	TIMER_VIRT,	/* CNTV_*, PPI 27 */
	TIMER_PHYS,	/* CNTP_*, PPI 30 */
};

#define TIMER_VIRT_IRQ		27
#define TIMER_PHYS_IRQ		30

unsigned int timer_irq(enum arm_timer timer);
/* Fires once when the count reaches cval; re-arm from the handler. */
void timer_arm(enum arm_timer timer, u64 cval);
void timer_stop(enum arm_timer timer);

#endif
