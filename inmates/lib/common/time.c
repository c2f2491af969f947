// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Conversions split into whole seconds and a remainder, so no product
 * overflows 64 bits and no 128-bit division (a libgcc call) is needed.
 */
#include <inmate/timer.h>

u64 ticks_to_ns(u64 ticks)
{
	u64 freq = timer_frequency();

	return ticks / freq * NS_PER_SEC + ticks % freq * NS_PER_SEC / freq;
}

u64 ns_to_ticks(u64 ns)
{
	u64 freq = timer_frequency();

	return ns / NS_PER_SEC * freq + ns % NS_PER_SEC * freq / NS_PER_SEC;
}

void delay_ns(u64 ns)
{
	u64 start = timer_ticks(), ticks = ns_to_ticks(ns);

	while (timer_ticks() - start < ticks)
		;
}
