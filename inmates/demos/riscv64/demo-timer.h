/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The timer the demos in demos/common use on riscv64: the supervisor timer
 * through SBI set_timer, its interrupt enabled in sie.
 */
#ifndef _DEMOS_DEMO_TIMER_H
#define _DEMOS_DEMO_TIMER_H

#include <inmate.h>

#define DEMO_TIMER_NAME		"the SBI timer"

/* Nothing to set up: the hart's own interrupt needs no controller. */
static inline int demo_timer_init(void)
{
	return 0;
}

static inline unsigned int demo_timer_irq(void)
{
	return timer_irq();
}

static inline void demo_timer_unmask(void)
{
	irq_unmask(demo_timer_irq());
}

static inline void demo_timer_arm(u64 deadline)
{
	timer_arm(deadline);
}

static inline void demo_timer_stop(void)
{
	timer_stop();
}

#endif
