// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Starts every CPU of the cell through the firmware interface and checks
 * that they all run, then that an IPI reaches each of them (demo-smp.h
 * says which calls and interrupts): starting CPUs and IPIs inside a cell
 * work, while the hostile inmates show they go no further.
 */
#include <inmate.h>
#include "demo-smp.h"

#define WAIT_NS		(2 * NS_PER_SEC)

static u32 cpus_up, cpus_pinged;

static void secondary(unsigned int cpu)
{
	printk("smp-demo: CPU %u (" DEMO_HWID ") up\n", cpu, demo_cpu_hwid());
	__atomic_fetch_add(&cpus_up, 1, __ATOMIC_RELEASE);

	if (demo_ipi_init())
		return;
	demo_ipi_unmask();
	irq_enable();
	for (;;)
		wfi();
}

static void on_irq(unsigned int irq)
{
	if (irq != demo_ipi_irq())
		return;
	printk("smp-demo: CPU %u got " DEMO_IPI_NAME " %u\n", cpu_index(), irq);
	__atomic_fetch_add(&cpus_pinged, 1, __ATOMIC_RELEASE);
}

/* Waits until *counter reaches target; false on timeout or shutdown. */
static bool wait_for(u32 *counter, u32 target)
{
	u64 start = timer_ticks(), limit = ns_to_ticks(WAIT_NS);

	while (__atomic_load_n(counter, __ATOMIC_ACQUIRE) < target) {
		if (comm_shutdown_requested() ||
		    timer_ticks() - start >= limit)
			return false;
		cpu_relax();
	}
	return true;
}

static u32 start_cpus(const struct bulkhead_comm_region *comm, u32 num)
{
	u32 i, started = 0;
	long ret;

	for (i = 1; i < num; i++) {
		ret = smp_start_cpu(i, comm->cpu_ids[i], secondary);
		if (ret)
			printk("smp-demo: " DEMO_START_CALL " of " DEMO_HWID " failed: %ld\n",
			       comm->cpu_ids[i], ret);
		else
			started++;
	}
	return started;
}

static void ping_cpus(const struct bulkhead_comm_region *comm, u32 num)
{
	u32 i;

	for (i = 1; i < num; i++)
		demo_ipi_send(comm->cpu_ids[i]);
	if (wait_for(&cpus_pinged, num - 1))
		printk("smp-demo: " DEMO_IPI_NAME " reached all %u other CPUs\n",
		       num - 1);
	else
		printk("smp-demo: " DEMO_IPI_NAME " reached only %u of %u other CPUs\n",
		       cpus_pinged, num - 1);
}

int main(void)
{
	const struct bulkhead_comm_region *comm = comm_region();
	u32 num = comm->num_cpus, started;

	if (num < 1 || num > INMATE_MAX_CPUS)
		num = num < 1 ? 1 : INMATE_MAX_CPUS;
	printk("smp-demo: boot CPU " DEMO_HWID ", starting %u more CPU(s)\n",
	       demo_cpu_hwid(), num - 1);
	irq_set_handler(on_irq);
	started = start_cpus(comm, num);

	if (!wait_for(&cpus_up, started) || started != num - 1) {
		printk("smp-demo: only %u of %u CPUs up\n", cpus_up + 1, num);
		return 0;
	}
	printk("smp-demo: all %u CPUs up\n", num);
	if (num > 1 && !demo_ipi_init())
		ping_cpus(comm, num);
	return 0;
}
