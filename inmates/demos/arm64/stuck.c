// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * What a lost wakeup looks like from outside: the cell masks interrupts,
 * arms its timer and spins, so the timer interrupt stays pending and is
 * never taken. `bulkhead cell dump` must show it as such: interrupts
 * masked, the timer's interrupt pending, the PC inside the spin loop.
 */
#include <inmate.h>

int main(void)
{
	if (gic_init())
		return 0;
	gic_enable_irq(timer_irq(TIMER_VIRT));
	timer_arm(TIMER_VIRT, timer_ticks() + timer_frequency() / 1000);
	irq_disable();
	printk("stuck: spinning with interrupts masked, timer IRQ %u armed\n",
	       timer_irq(TIMER_VIRT));
	for (;;)
		cpu_relax();
	return 0;
}
