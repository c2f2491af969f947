// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Starts every CPU of the cell through PSCI and checks that they all run,
 * then that an SGI reaches each of them: CPU_ON and SGIs inside a cell
 * work, while the hostile inmates show they go no further.
 */
#include <inmate.h>

#define SGI_PING	3
#define WAIT_NS		(2 * NS_PER_SEC)

static u32 cpus_up, cpus_pinged;

static void secondary(unsigned int cpu)
{
	printk("smp-demo: CPU %u (MPIDR 0x%llx) up\n", cpu, cpu_mpidr());
	__atomic_fetch_add(&cpus_up, 1, __ATOMIC_RELEASE);

	if (gic_init())
		return;
	gic_enable_irq(SGI_PING);
	irq_enable();
	for (;;)
		wfi();
}

static void on_irq(unsigned int irq)
{
	if (irq != SGI_PING)
		return;
	printk("smp-demo: CPU %u got SGI %u\n", cpu_index(), irq);
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
			printk("smp-demo: CPU_ON of MPIDR 0x%llx failed: %ld\n",
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
		gic_send_sgi(comm->cpu_ids[i], SGI_PING);
	if (wait_for(&cpus_pinged, num - 1))
		printk("smp-demo: SGI reached all %u other CPUs\n", num - 1);
	else
		printk("smp-demo: SGI reached only %u of %u other CPUs\n",
		       cpus_pinged, num - 1);
}

int main(void)
{
	const struct bulkhead_comm_region *comm = comm_region();
	u32 num = comm->num_cpus, started;

	if (num < 1 || num > INMATE_MAX_CPUS)
		num = num < 1 ? 1 : INMATE_MAX_CPUS;
	printk("smp-demo: boot CPU MPIDR 0x%llx, starting %u more CPU(s)\n",
	       cpu_mpidr(), num - 1);
	irq_set_handler(on_irq);
	started = start_cpus(comm, num);

	if (!wait_for(&cpus_up, started) || started != num - 1) {
		printk("smp-demo: only %u of %u CPUs up\n", cpus_up + 1, num);
		return 0;
	}
	printk("smp-demo: all %u CPUs up\n", num);
	if (num > 1 && !gic_init())
		ping_cpus(comm, num);
	return 0;
}
