// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * What a lost wakeup looks like from outside: the cell masks interrupts,
 * arms its timer and spins, so the timer interrupt stays pending and is
 * never taken. `bulkhead cell dump` must show it as such: interrupts
 * masked, the timer's interrupt pending, the PC inside the spin loop.
 */
#include <inmate.h>
#include "demo-timer.h"

int main(void)
{
	if (demo_timer_init())
		return 0;
	demo_timer_unmask();
	demo_timer_arm(timer_ticks() + timer_frequency() / 1000);
	irq_disable();
	printk("stuck: spinning with interrupts masked, timer IRQ %u armed\n",
	       demo_timer_irq());
	for (;;)
		cpu_relax();
	return 0;
}
