// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI and other SMC calls. For the root cell, firmware does the work; the
 * hypervisor only makes sure a CPU switched on comes up under it. Other
 * cells get PSCI emulated on their own CPUs: switching one on goes through
 * firmware, switching the last one off or SYSTEM_OFF shuts the cell down,
 * and nothing reaches another cell's CPUs.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <arch/psci.h>
#include <arch/sysreg.h>

#define PSCI_SMCCC_VERSION	0x80000000
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_VERSION_1_1	0x10001
#define PSCI_TOS_NOT_PRESENT	2
#define PSCI_ALREADY_ON		(-4L)
#define AFFINITY_ON		0
#define AFFINITY_OFF		1
#define CPU_OFF_WAIT_NS		100000000ULL

u64 psci_smc(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

int cpu_by_mpidr(u64 mpidr)
{
	unsigned int n;

	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		if (per_cpu(n)->arch.entered &&
		    per_cpu(n)->arch.mpidr == (mpidr & MPIDR_AFF_MASK))
			return n;
	return -1;
}

/* The target CPU if it belongs to the caller's cell, else NULL. */
static struct per_cpu *own_cpu(struct per_cpu *cpu, u64 mpidr, const char *call)
{
	int target = cpu_by_mpidr(mpidr);

	if (target >= 0 && (cpu->cell->cpu_set & BIT(target)))
		return per_cpu(target);
	if (cell_may_report(cpu->cell))
		printk("bulkhead: cell \"%s\": PSCI %s on MPIDR 0x%llx outside the cell refused\n",
		       cpu->cell->desc->name, call, mpidr);
	return NULL;
}

/*
 * The target is on from here, as in cell_start(), though firmware has yet
 * to start it: a destroy meanwhile must wait for it and stop it (see
 * cpu_started), not take it for off and hand it to root while firmware
 * starts it at the cell's address. Found by fuzz-cell on arm64: a cell
 * destroyed while it switched its second CPU on gave root a CPU that ran
 * the cell's code ("cell \"qemu-virt-arm64\" executed at 0x200", over and
 * over; tests/system/41-fuzz-cell.sh). Of two CPU_ONs at once, one wins.
 */
static long cpu_on(struct per_cpu *cpu, u64 mpidr, u64 entry, u64 context)
{
	struct per_cpu *target = own_cpu(cpu, mpidr, "CPU_ON");
	enum cpu_state off = CPU_OFF;
	u64 start = arch_time_ns();
	bool stopping;
	long ret;

	if (!target)
		return PSCI_DENIED;
	if (!__atomic_compare_exchange_n(&target->state, &off, CPU_RUNNING,
					 false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST))
		return PSCI_ALREADY_ON;
	target->cell = cpu->cell;
	/* A stop asked for just now must survive the power-on's reset. */
	stopping = READ_ONCE(target->request) == CPU_REQUEST_STOP;
	/*
	 * A CPU that switched itself off a moment ago is off for us before
	 * firmware has done with it, which answers ALREADY_ON meanwhile: wait
	 * for it rather than tell the cell its CPU is on.
	 */
	do
		ret = arch_cpu_power_on(target, entry, context);
	while (ret == PSCI_ALREADY_ON &&
	       arch_time_ns() - start < CPU_OFF_WAIT_NS);
	if (ret) {
		target->state = CPU_OFF;
		return ret;
	}
	if (stopping || READ_ONCE(cpu->request) == CPU_REQUEST_STOP)
		WRITE_ONCE(target->request, CPU_REQUEST_STOP);
	return ret;
}

static long affinity_info(struct per_cpu *cpu, u64 mpidr)
{
	struct per_cpu *target = own_cpu(cpu, mpidr, "AFFINITY_INFO");

	if (!target)
		return PSCI_DENIED;
	return target->state == CPU_OFF ? AFFINITY_OFF : AFFINITY_ON;
}

static long cell_psci(struct per_cpu *cpu, struct guest_regs *regs)
{
	switch (regs->x[0]) {
	case PSCI_VERSION:
		return PSCI_VERSION_1_1;
	case PSCI_CPU_ON_64:
		return cpu_on(cpu, regs->x[1], regs->x[2], regs->x[3]);
	case PSCI_CPU_OFF:
		cpu_power_off_self(cpu);
	case PSCI_AFFINITY_INFO_64:
		return affinity_info(cpu, regs->x[1]);
	case PSCI_MIGRATE_INFO_TYPE:
		return PSCI_TOS_NOT_PRESENT;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		cell_powered_off(cpu->cell, cpu);
		arch_cpu_power_off(cpu);
	case PSCI_FEATURES:
		switch (regs->x[1]) {
		case PSCI_VERSION:
		case PSCI_CPU_ON_64:
		case PSCI_CPU_OFF:
		case PSCI_AFFINITY_INFO_64:
		case PSCI_MIGRATE_INFO_TYPE:
		case PSCI_SYSTEM_OFF:
		case PSCI_SYSTEM_RESET:
		case PSCI_FEATURES:
			return 0;
		}
		return PSCI_NOT_SUPPORTED;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

static long root_psci(struct per_cpu *cpu, struct guest_regs *regs)
{
	u64 fn = regs->x[0];

	switch (fn) {
	case PSCI_CPU_ON_64:
		return cpu_on(cpu, regs->x[1], regs->x[2], regs->x[3]);
	case PSCI_CPU_OFF:
		cpu_power_off_self(cpu);
	default:
		return psci_smc(fn, regs->x[1], regs->x[2], regs->x[3]);
	}
}

void psci_handle(struct per_cpu *cpu, struct guest_regs *regs)
{
	if (cpu->cell == &root_cell)
		regs->x[0] = root_psci(cpu, regs);
	else
		regs->x[0] = cell_psci(cpu, regs);
}
