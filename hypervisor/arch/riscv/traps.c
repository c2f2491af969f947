// SPDX-License-Identifier: GPL-2.0
/*
 * Everything that brings a hart from its cell to HS mode. A trap the
 * hypervisor does not understand is never ignored: it is reported on the
 * hypervisor console with the hart's state, and the hart is parked.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/mmio.h>
#include <core/printk.h>
#include <core/shared.h>
#include <arch/csr.h>
#include <arch/insn.h>
#include <arch/plic.h>
#include <arch/sbi.h>
#include <arch/setup.h>

struct per_cpu *this_cpu(void)
{
	/* While the hypervisor runs, sp is on this hart's stack. */
	u64 sp = (u64)__builtin_frame_address(0);

	return per_cpu((sp - (u64)per_cpu_data) / sizeof(struct per_cpu));
}

static void dump_regs(const char *why, struct guest_regs *regs)
{
	printk("bulkhead: %s\n", why);
	printk("  scause %016lx  sepc %016llx  stval %016lx\n",
	       csr_read(CSR_SCAUSE), regs->sepc, csr_read(CSR_STVAL));
	printk("  htval %016lx  htinst %016lx  hstatus %016llx\n",
	       csr_read(CSR_HTVAL), csr_read(CSR_HTINST), regs->hstatus);
	printk_regs(&regs->x[1], 1, 31);
}

void arch_report_trap(struct per_cpu *cpu, const char *why)
{
	dump_regs(why, cpu->arch.regs);
}

/*
 * Deliver an exception to the guest's own handler, as if it had been
 * delegated: what a real bus error would give the root cell, whose harts
 * must not be parked for a bad access (Linux kills the task or oopses).
 */
static void inject_exception(struct guest_regs *regs, u64 cause, u64 tval)
{
	u64 old = csr_read(CSR_VSSTATUS);
	u64 vsstatus = old & ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE);

	csr_write(CSR_VSEPC, regs->sepc);
	csr_write(CSR_VSCAUSE, cause);
	csr_write(CSR_VSTVAL, tval);
	if (old & SSTATUS_SIE)
		vsstatus |= SSTATUS_SPIE;
	/* The guest's privilege at the trap is in our sstatus.SPP. */
	if (csr_read(CSR_SSTATUS) & SSTATUS_SPP)
		vsstatus |= SSTATUS_SPP;
	csr_write(CSR_VSSTATUS, vsstatus);
	/* Exceptions go to the base of stvec, vectored or not. */
	regs->sepc = csr_read(CSR_VSTVEC) & ~3UL;
	csr_set(CSR_SSTATUS, SSTATUS_SPP);
}

/* A root cell access from its kernel (VS mode, not VU). */
static bool root_kernel_access(struct per_cpu *cpu)
{
	return cpu->cell == &root_cell &&
	       (csr_read(CSR_SSTATUS) & SSTATUS_SPP);
}

static void handle_abort(struct per_cpu *cpu, struct guest_regs *regs,
			 u64 cause, u64 gpa)
{
	static const u64 access_fault[] = {
		[EXC_INST_GUEST_PF] = EXC_INST_ACCESS,
		[EXC_LOAD_GUEST_PF] = EXC_LOAD_ACCESS,
		[EXC_STORE_GUEST_PF] = EXC_STORE_ACCESS,
	};

	printk("bulkhead: cell \"%s\" %s 0x%llx, which it does not own\n",
	       cpu->cell->desc->name,
	       cause == EXC_INST_GUEST_PF ? "executed at" : "accessed", gpa);
	if (cpu->cell != &root_cell)
		cpu_fail(cpu, "guest page fault");
	printk("bulkhead: CPU %u: access fault injected into the root cell\n",
	       cpu->cpu_id);
	inject_exception(regs, access_fault[cause], csr_read(CSR_STVAL));
}

/* The instruction at the guest's pc, or -EINVAL if it cannot be read. */
static int fetch_guest_insn(struct guest_regs *regs, u32 *insn)
{
	u64 failed;
	u32 low = guest_fetch_u16(regs->sepc, &failed);

	if (failed)
		return -EINVAL;
	*insn = low;
	if ((low & 3) != 3)
		return 0;
	*insn |= (u32)guest_fetch_u16(regs->sepc + 2, &failed) << 16;
	return failed ? -EINVAL : 0;
}

static void handle_guest_page_fault(struct per_cpu *cpu,
				    struct guest_regs *regs, u64 cause)
{
	u64 htinst = csr_read(CSR_HTINST);
	struct mmio_access access = {
		.address = (csr_read(CSR_HTVAL) << 2) | (csr_read(CSR_STVAL) & 3),
		.is_write = cause == EXC_STORE_GUEST_PF,
		.cpu_id = cpu->cpu_id,
	};
	struct riscv_mmio_insn d;
	enum mmio_result result;
	u32 insn = 0;
	int err;

	if (cause == EXC_INST_GUEST_PF) {
		handle_abort(cpu, regs, cause, access.address);
		return;
	}
	/* Reading the instruction clobbers scause/stval: decode after. */
	if (htinst)
		err = riscv_decode_htinst(htinst, &d);
	else
		err = fetch_guest_insn(regs, &insn) ?: riscv_decode_mmio(insn, &d);
	if (!err && d.is_write != access.is_write)
		err = -EINVAL;
	count_exit(cpu->cpu_id, BULKHEAD_EXIT_MMIO);
	if (err) {
		printk("bulkhead: cell \"%s\": cannot emulate the access at pc 0x%llx\n",
		       cpu->cell->desc->name, regs->sepc);
		handle_abort(cpu, regs, cause, access.address);
		return;
	}
	access.size = d.size;
	if (access.is_write)
		access.value = d.reg ? regs->x[d.reg] : 0;
	if (access.size < 8)
		access.value &= BIT(access.size * 8) - 1;
	result = mmio_handle_access(cpu->cell, &access);
	if (result == MMIO_UNHANDLED) {
		if (!root_kernel_access(cpu)) {
			handle_abort(cpu, regs, cause, access.address);
			return;
		}
		/*
		 * Linux treats an access fault in its kernel like an NMI and
		 * panics; a bad root driver must not take the machine down.
		 */
		printk("bulkhead: cell \"%s\" accessed 0x%llx, which it does not own: %s\n",
		       cpu->cell->desc->name, access.address,
		       access.is_write ? "write ignored" : "reads as zero");
		access.value = 0;
	}
	if (result == MMIO_DENIED) {
		printk("bulkhead: cell \"%s\" denied %u-byte %s of 0x%llx\n",
		       cpu->cell->desc->name, access.size,
		       access.is_write ? "write" : "read", access.address);
		if (cpu->cell != &root_cell)
			cpu_fail(cpu, "forbidden device access");
		access.value = 0;
	}
	if (!access.is_write && d.reg)
		regs->x[d.reg] = riscv_mmio_load_value(&d, access.value);
	regs->sepc += d.len;
}

static void handle_interrupt(struct per_cpu *cpu, u64 irq)
{
	bool management, guest, plic;

	switch (irq) {
	case IRQ_S_SOFT:
		csr_clear(CSR_SIP, BIT(IRQ_S_SOFT));
		management = __atomic_exchange_n(&cpu->arch.management_ipi,
						 false, __ATOMIC_SEQ_CST);
		guest = __atomic_exchange_n(&cpu->arch.guest_ipi, false,
					    __ATOMIC_SEQ_CST);
		plic = __atomic_exchange_n(&cpu->arch.plic_ipi, false,
					   __ATOMIC_SEQ_CST);
		if (plic)
			plic_virtual_kick(cpu);
		if (management)
			cpu_handle_management(cpu);
		/*
		 * An IPI without a mark comes from a Linux that is not under
		 * the hypervisor (yet, or any more, during enable and disable):
		 * it is the guest's.
		 */
		if (guest || (!management && !plic)) {
			count_exit(cpu->cpu_id, BULKHEAD_EXIT_IRQ);
			csr_set(CSR_HVIP, BIT(IRQ_VS_SOFT));
		}
		break;
	case IRQ_S_TIMER:
		/* Only without Sstc: firmware's timer, armed for the guest. */
		count_exit(cpu->cpu_id, BULKHEAD_EXIT_IRQ);
		csr_clear(CSR_SIE, BIT(IRQ_S_TIMER));
		csr_set(CSR_HVIP, BIT(IRQ_VS_TIMER));
		break;
	case IRQ_S_EXT:
		plic_handle_irq(cpu);
		break;
	default:
		cpu_fail(cpu, "unexpected interrupt");
	}
}

/* From entry.S; non-zero: leave the hypervisor on this hart (disable). */
long arch_handle_trap(struct guest_regs *regs)
{
	struct per_cpu *cpu = this_cpu();
	u64 cause = csr_read(CSR_SCAUSE);

	cpu->arch.regs = regs;
	if (cause & SCAUSE_IRQ) {
		handle_interrupt(cpu, cause & ~SCAUSE_IRQ);
		return 0;
	}
	switch (cause) {
	case EXC_VS_ECALL:
		return sbi_handle(cpu, regs);
	case EXC_INST_GUEST_PF:
	case EXC_LOAD_GUEST_PF:
	case EXC_STORE_GUEST_PF:
		handle_guest_page_fault(cpu, regs, cause);
		return 0;
	case EXC_VIRTUAL_INST:
		if (csr_read(CSR_STVAL) == INSN_WFI &&
		    (regs->hstatus & HSTATUS_SPVP)) {
			count_exit(cpu->cpu_id, BULKHEAD_EXIT_OTHER);
			arch_guest_wfi(regs);
			return 0;
		}
		/* An H-extension instruction or CSR the guest may not use. */
		count_exit(cpu->cpu_id, BULKHEAD_EXIT_SYSREG);
		if (cpu->cell != &root_cell)
			cpu_fail(cpu, "virtual instruction");
		inject_exception(regs, EXC_ILLEGAL_INST, csr_read(CSR_STVAL));
		return 0;
	default:
		count_exit(cpu->cpu_id, BULKHEAD_EXIT_OTHER);
		cpu_fail(cpu, "unhandled trap");
	}
}

void arch_hyp_fault(struct guest_regs *regs)
{
	dump_regs("fault in the hypervisor itself", regs);
	arch_cpu_park(this_cpu());
}
