/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The timer the demos in demos/common use on arm64: the EL1 virtual timer,
 * its PPI enabled for the calling CPU (GICv3: in its redistributor, GICv2:
 * in the distributor's banked registers).
 */
#ifndef _DEMOS_DEMO_TIMER_H
#define _DEMOS_DEMO_TIMER_H

#include <inmate.h>

#define DEMO_TIMER_NAME		"the virtual timer"

/* Per CPU, before anything else: 0 or -1. */
static inline int demo_timer_init(void)
{
	return gic_init();
}

static inline unsigned int demo_timer_irq(void)
{
	return timer_irq(TIMER_VIRT);
}

static inline void demo_timer_unmask(void)
{
	gic_enable_irq(demo_timer_irq());
}

static inline void demo_timer_arm(u64 deadline)
{
	timer_arm(TIMER_VIRT, deadline);
}

static inline void demo_timer_stop(void)
{
	timer_stop(TIMER_VIRT);
}

#endif
