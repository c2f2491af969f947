// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI and other SMC calls from the root cell. Firmware does the work;
 * the hypervisor only makes sure a CPU switched on comes up under it and
 * that a cell only switches its own CPUs.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <arch/psci.h>
#include <arch/sysreg.h>

extern char arch_secondary_entry[];

static u64 smc(u64 fn, u64 a1, u64 a2, u64 a3)
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

static int cpu_by_mpidr(u64 mpidr)
{
	unsigned int n;

	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		if (per_cpu(n)->arch.entered &&
		    per_cpu(n)->arch.mpidr == (mpidr & 0xff00ffffffULL))
			return n;
	return -1;
}

static long cpu_on(struct per_cpu *cpu, u64 mpidr, u64 entry, u64 context)
{
	int target = cpu_by_mpidr(mpidr);
	struct per_cpu *tcpu;

	if (target < 0)
		return PSCI_INVALID_PARAMETERS;
	if (!(cpu->cell->cpu_set & BIT(target)))
		return PSCI_DENIED;
	tcpu = per_cpu(target);
	tcpu->arch.entry = entry;
	tcpu->arch.context = context;
	tcpu->cell = cpu->cell;
	return smc(PSCI_CPU_ON_64, mpidr, (u64)arch_secondary_entry, target);
}

void psci_handle(struct per_cpu *cpu, struct guest_regs *regs)
{
	u64 fn = regs->x[0];

	switch (fn) {
	case PSCI_CPU_ON_64:
		regs->x[0] = cpu_on(cpu, regs->x[1], regs->x[2], regs->x[3]);
		break;
	case PSCI_CPU_OFF:
		cpu->enabled = false;
		regs->x[0] = smc(fn, 0, 0, 0);
		break;
	default:
		if (cpu->cell != &root_cell) {
			regs->x[0] = PSCI_NOT_SUPPORTED;
			break;
		}
		regs->x[0] = smc(fn, regs->x[1], regs->x[2], regs->x[3]);
	}
}
