/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The free-running system counter and conversions to time. */
#ifndef _INMATE_TIMER_H
#define _INMATE_TIMER_H

#include <inmate/types.h>
#include <asm/timer.h>

#define NS_PER_SEC	1000000000ULL
#define NS_PER_MS	1000000ULL
#define NS_PER_US	1000ULL

u64 timer_ticks(void);
/* Counter frequency in Hz, never 0. */
u64 timer_frequency(void);

/* Rounded down; no overflow for any frequency a counter really has. */
u64 ticks_to_ns(u64 ticks);
u64 ns_to_ticks(u64 ns);

/* Busy wait; nothing is polled meanwhile. */
void delay_ns(u64 ns);

#endif
