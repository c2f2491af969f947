// SPDX-License-Identifier: GPL-2.0
/*
 * A riscv64 hart's dump: where its cell was (sepc), at which privilege,
 * what it was waiting for (timer) and its virtual interrupt state. Runs on
 * the dumped hart, inside a trap from its cell or in its park loop.
 */
#include <core/arch.h>
#include <core/dump.h>
#include <arch/csr.h>
#include <arch/setup.h>

void arch_cpu_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump)
{
	struct guest_regs *regs = cpu->arch.regs;
	u64 vsstatus = csr_read(CSR_VSSTATUS);

	if (regs) {
		dump->pc = regs->sepc;
		cpu_dump_item(dump, "RA", regs->x[1]);
		cpu_dump_item(dump, "SP", regs->x[2]);
		cpu_dump_item(dump, "A0", regs->x[10]);
		cpu_dump_item(dump, "A7", regs->x[17]);
	}
	dump->privilege = csr_read(CSR_SSTATUS) & SSTATUS_SPP ? 1 : 0;
	if (!(vsstatus & SSTATUS_SIE))
		dump->flags |= BULKHEAD_CPU_DUMP_IRQS_MASKED;
	cpu_dump_item(dump, "SCAUSE", csr_read(CSR_SCAUSE));
	cpu_dump_item(dump, "STVAL", csr_read(CSR_STVAL));
	cpu_dump_item(dump, "HTVAL", csr_read(CSR_HTVAL));
	cpu_dump_item(dump, "VSSTATUS", vsstatus);
	cpu_dump_item(dump, "VSEPC", csr_read(CSR_VSEPC));
	cpu_dump_item(dump, "VSCAUSE", csr_read(CSR_VSCAUSE));
	cpu_dump_item(dump, "VSTVEC", csr_read(CSR_VSTVEC));
	cpu_dump_item(dump, "VSATP", csr_read(CSR_VSATP));
	cpu_dump_item(dump, "VSIE", csr_read(CSR_VSIE));
	cpu_dump_item(dump, "HVIP", csr_read(CSR_HVIP));
	cpu_dump_item(dump, "SIE", csr_read(CSR_SIE));
	cpu_dump_item(dump, "SIP", csr_read(CSR_SIP));
	if (arch_has_sstc())
		cpu_dump_item(dump, "VSTIMECMP", csr_read(CSR_VSTIMECMP));
	cpu_dump_item(dump, "TIME", csr_read(CSR_TIME));
}
