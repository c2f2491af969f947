// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A cell that keeps working: a counter every 100 ms, polling the comm
 * region in between so it stops cleanly when root shuts the cell down.
 * Each line says whether its memory is as it left it (inmate/guard.h).
 * (Named after Jailhouse's demo; the output goes to the hypervisor console.)
 */
#include <inmate.h>

#define PERIOD_NS	(100 * NS_PER_MS)

/* Returns true when a shutdown request came in meanwhile. */
static bool wait_polling(u64 ns)
{
	u64 start = timer_ticks(), ticks = ns_to_ticks(ns);

	while (timer_ticks() - start < ticks) {
		if (comm_shutdown_requested())
			return true;
		cpu_relax();
	}
	return false;
}

int main(void)
{
	unsigned int counter = 0;

	guard_init();
	do
		printk("uart-demo: counter %u, memory %s\n", ++counter,
		       guard_state());
	while (!wait_polling(PERIOD_NS));

	printk("uart-demo: shutdown requested, stopping after %u\n", counter);
	comm_reply_shutdown(true);
	return 0;
}
