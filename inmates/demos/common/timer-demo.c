// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Interrupt latency of a cell: the architecture's demo timer (demo-timer.h)
 * fires at 100 Hz (faster is pointless under emulation) and the handler
 * measures how late it runs compared to the programmed deadline.
 */
#include <inmate.h>
#include "demo-timer.h"

#define RATE_HZ		100
#define REPORT_EVERY	100

struct stats {
	u64 ticks;
	u64 min, max, sum;	/* counter ticks */
};

static struct stats stats = { .min = ~0ULL };
static u64 period, next_deadline;

static void on_irq(unsigned int irq)
{
	u64 now = timer_ticks(), late;

	if (irq != demo_timer_irq())
		return;
	late = now - next_deadline;
	if (late < stats.min)
		stats.min = late;
	if (late > stats.max)
		stats.max = late;
	stats.sum += late;
	stats.ticks++;

	/* Keep the fixed rate; skip deadlines a long stall has passed. */
	do
		next_deadline += period;
	while ((s64)(next_deadline - now) <= 0);
	demo_timer_arm(next_deadline);
}

static struct stats snapshot(void)
{
	unsigned long flags = irq_save();
	struct stats copy = stats;

	irq_restore(flags);
	return copy;
}

static void report(const struct stats *s)
{
	printk("timer-demo: %llu ticks, latency min %llu ns avg %llu ns max %llu ns, memory %s\n",
	       s->ticks, ticks_to_ns(s->min), ticks_to_ns(s->sum / s->ticks),
	       ticks_to_ns(s->max), guard_state());
}

int main(void)
{
	u64 reported = 0;
	struct stats s;

	guard_init();
	if (demo_timer_init())
		return 0;
	period = timer_frequency() / RATE_HZ;
	printk("timer-demo: %u Hz on " DEMO_TIMER_NAME " (IRQ %u), counter at %llu Hz\n",
	       RATE_HZ, demo_timer_irq(), timer_frequency());

	irq_set_handler(on_irq);
	demo_timer_unmask();
	next_deadline = timer_ticks() + period;
	demo_timer_arm(next_deadline);
	irq_enable();

	/* The timer interrupt ends every wait, so this polls at 100 Hz. */
	while (!comm_shutdown_requested()) {
		s = snapshot();
		if (s.ticks >= reported + REPORT_EVERY) {
			reported = s.ticks - s.ticks % REPORT_EVERY;
			report(&s);
		}
		wfi();
	}

	irq_disable();
	demo_timer_stop();
	printk("timer-demo: shutdown requested, stopping after %llu ticks\n",
	       stats.ticks);
	comm_reply_shutdown(true);
	return 0;
}
