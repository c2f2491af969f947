/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The supervisor timer through SBI set_timer, which works with and without
 * Sstc. It compares against the same count that timer_ticks() reads from
 * the time CSR.
 */
#ifndef _INMATE_ASM_TIMER_H
#define _INMATE_ASM_TIMER_H

#include <inmate/types.h>

/* IRQ_TIMER, for irq_unmask() and the handler. */
unsigned int timer_irq(void);
/* Fires once when the count reaches stime; re-arm from the handler. */
void timer_arm(u64 stime);
/* Also withdraws a pending interrupt. */
void timer_stop(void);

#endif
