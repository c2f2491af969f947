// SPDX-License-Identifier: GPL-2.0
/*
 * An arm64 CPU's dump: where its cell was (ELR_EL2, SPSR_EL2), what it was
 * waiting for (timers) and its interrupt state (gic_dump). Runs on the
 * dumped CPU, inside a trap from its cell or in its park loop, so the EL2
 * exception registers still describe the cell.
 */
#include <core/arch.h>
#include <core/dump.h>
#include <arch/gic.h>
#include <arch/sysreg.h>

#define SPSR_I		BIT(7)
#define SPSR_EL_SHIFT	2

void arch_cpu_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump)
{
	u64 spsr = read_sysreg(spsr_el2);
	struct guest_regs *regs = cpu->arch.regs;

	dump->pc = read_sysreg(elr_el2);
	dump->privilege = (spsr >> SPSR_EL_SHIFT) & 3 ? 1 : 0;
	if (spsr & SPSR_I)
		dump->flags |= BULKHEAD_CPU_DUMP_IRQS_MASKED;
	cpu_dump_item(dump, "SPSR_EL2", spsr);
	cpu_dump_item(dump, "ESR_EL2", read_sysreg(esr_el2));
	if (regs) {
		cpu_dump_item(dump, "X0", regs->x[0]);
		cpu_dump_item(dump, "X1", regs->x[1]);
		cpu_dump_item(dump, "X30", regs->x[30]);
	}
	cpu_dump_item(dump, "SP_EL1", read_sysreg(sp_el1));
	cpu_dump_item(dump, "VBAR_EL1", read_sysreg(vbar_el1));
	cpu_dump_item(dump, "SCTLR_EL1", read_sysreg(sctlr_el1));
	cpu_dump_item(dump, "ESR_EL1", read_sysreg(esr_el1));
	cpu_dump_item(dump, "ELR_EL1", read_sysreg(elr_el1));
	cpu_dump_item(dump, "CNTV_CTL_EL0", read_sysreg(cntv_ctl_el0));
	cpu_dump_item(dump, "CNTV_CVAL_EL0", read_sysreg(cntv_cval_el0));
	cpu_dump_item(dump, "CNTVCT_EL0", read_sysreg(cntvct_el0));
	cpu_dump_item(dump, "CNTP_CTL_EL0", read_sysreg(cntp_ctl_el0));
	cpu_dump_item(dump, "CNTP_CVAL_EL0", read_sysreg(cntp_cval_el0));
	cpu_dump_item(dump, "CNTPCT_EL0", read_sysreg(cntpct_el0));
	gic_dump(cpu, dump);
}
