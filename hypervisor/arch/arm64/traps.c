// SPDX-License-Identifier: GPL-2.0
/*
 * Everything that brings a cell's CPU to EL2. A trap the hypervisor does
 * not understand is never ignored: it is reported on the hypervisor
 * console with the CPU's state, and the CPU is parked.
 */
#include <bulkhead/hypercall.h>
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <core/shared.h>
#include <core/mmio.h>
#include <arch/gic.h>
#include <arch/psci.h>
#include <arch/sysreg.h>

static struct per_cpu *this_cpu(void)
{
	return (struct per_cpu *)read_sysreg(tpidr_el2);
}

static void dump_regs(const char *why, struct guest_regs *regs)
{
	printk("bulkhead: %s\n", why);
	printk("  ESR_EL2 %016llx  ELR_EL2 %016llx  FAR_EL2 %016llx\n",
	       read_sysreg(esr_el2), read_sysreg(elr_el2), read_sysreg(far_el2));
	printk("  HPFAR_EL2 %016llx  SPSR_EL2 %016llx\n",
	       read_sysreg(hpfar_el2), read_sysreg(spsr_el2));
	printk_regs(regs->x, 0, 31);
}

void arch_report_trap(struct per_cpu *cpu, const char *why)
{
	dump_regs(why, cpu->arch.regs);
}

static void skip_instruction(void)
{
	write_sysreg(elr_el2, read_sysreg(elr_el2) + 4);
}

/* Linux's hyp-stub call with which KVM installs its EL2 vectors. */
#define HVC_STUB_SET_VECTORS	0

static bool kvm_reported;

static u64 handle_hvc(struct per_cpu *cpu, struct guest_regs *regs)
{
	u64 imm = read_sysreg(esr_el2) & 0xffff;

	count_exit(cpu->cpu_id, BULKHEAD_EXIT_HYPERCALL);
	if (imm != BULKHEAD_HVC_IMM && cpu->cell != &root_cell)
		cpu_fail(cpu, "unknown hypervisor call");
	if (imm != BULKHEAD_HVC_IMM) {
		/*
		 * Linux's own hyp-stub calls (kexec, KVM probing): no stub
		 * here. HVC_SET_VECTORS is KVM taking EL2 for a guest, which
		 * cannot work while bulkhead is enabled; Linux will warn, so
		 * say why, once.
		 */
		if (regs->x[0] == HVC_STUB_SET_VECTORS && !kvm_reported) {
			kvm_reported = true;
			printk("bulkhead: CPU %u: Linux tried to install KVM at EL2 (a KVM guest started): KVM cannot run under bulkhead; stop the guest, bulkhead disable, then start it\n",
			       cpu->cpu_id);
		}
		regs->x[0] = 0xbadca11;
		return 0;
	}
	regs->x[0] = hypercall(cpu, regs->x[0], regs->x[1], regs->x[2]);
	return cpu->arch.disabling ? cpu->arch.stub_vbar : 0;
}

/*
 * The root cell touched memory it does not own. Parking a root CPU would
 * take Linux down with it; instead the access gets what real hardware gives
 * for a bus error, a synchronous external abort at EL1, so Linux kills the
 * offending task or driver and runs on.
 */
static void inject_root_abort(bool data)
{
	u64 esr = read_sysreg(esr_el2), spsr = read_sysreg(spsr_el2);
	bool from_el0 = (spsr & 0xf) == 0;
	u64 offset = from_el0 ? 0x400 : ((spsr & 1) ? 0x200 : 0);
	u64 ec = (data ? 0x24 : 0x20) + (from_el0 ? 0 : 1);

	write_sysreg(esr_el1, ec << 26 | ESR_IL | (esr & BIT(6)) | 0x10);
	write_sysreg(far_el1, read_sysreg(far_el2));
	write_sysreg(elr_el1, read_sysreg(elr_el2));
	write_sysreg(spsr_el1, spsr);
	write_sysreg(elr_el2, read_sysreg(vbar_el1) + offset);
	write_sysreg(spsr_el2, SPSR_EL1H_MASKED);
}

static void handle_abort(struct per_cpu *cpu, struct guest_regs *regs,
			 bool data, u64 ipa)
{
	printk("bulkhead: cell \"%s\" %s 0x%llx, which it does not own\n",
	       cpu->cell->desc->name, data ? "accessed" : "executed at", ipa);
	if (cpu->cell == &root_cell) {
		printk("bulkhead: CPU %u: external abort injected into the root cell\n",
		       cpu->cpu_id);
		inject_root_abort(data);
		return;
	}
	cpu_fail(cpu, data ? "data abort" : "instruction abort");
}

static u64 fault_ipa(void)
{
	return ((read_sysreg(hpfar_el2) >> 4) << 12) |
	       (read_sysreg(far_el2) & 0xfff);
}

/*
 * A data abort on an emulated device: the syndrome says which register,
 * how wide and in which direction (ISV). An access without a valid
 * syndrome (load/store pair, writeback) cannot be emulated.
 */
static void handle_data_abort(struct per_cpu *cpu, struct guest_regs *regs,
			      u64 esr)
{
	unsigned int reg = (esr >> 16) & 0x1f;
	struct mmio_access access = {
		.address = fault_ipa(),
		.size = 1U << ((esr >> 22) & 3),
		.is_write = esr & BIT(6),
		.cpu_id = cpu->cpu_id,
	};
	enum mmio_result result;

	if (!(esr & BIT(24))) {
		handle_abort(cpu, regs, true, access.address);
		return;
	}
	/*
	 * Devices take naturally aligned accesses. A guest whose own MMU
	 * maps a device's address as normal memory may issue unaligned ones,
	 * which the emulation repeated on the hardware through the
	 * hypervisor's Device mapping: an alignment fault in the hypervisor
	 * itself on real hardware (QEMU 7.2 lets it pass). Found by
	 * fuzz-cell's fatal operation 5 (tests/system/41-fuzz-cell.sh).
	 */
	if (access.address & (access.size - 1)) {
		printk("bulkhead: cell \"%s\": unaligned %u-byte %s of 0x%llx: a device takes aligned accesses only\n",
		       cpu->cell->desc->name, access.size,
		       access.is_write ? "write" : "read", access.address);
		if (cpu->cell != &root_cell)
			cpu_fail(cpu, "unaligned device access");
		inject_root_abort(true);
		return;
	}
	if (access.is_write)
		access.value = reg == 31 ? 0 : regs->x[reg];
	if (access.size < 8)
		access.value &= BIT(access.size * 8) - 1;
	count_exit(cpu->cpu_id, BULKHEAD_EXIT_MMIO);
	result = mmio_handle_access(cpu->cell, &access);
	if (result == MMIO_UNHANDLED) {
		handle_abort(cpu, regs, true, access.address);
		return;
	}
	if (result == MMIO_DENIED) {
		printk("bulkhead: cell \"%s\" denied %s of 0x%llx\n",
		       cpu->cell->desc->name, access.is_write ? "write" : "read",
		       access.address);
		if (cpu->cell != &root_cell)
			cpu_fail(cpu, "forbidden device access");
		access.value = 0;
	}
	if (!access.is_write && reg != 31) {
		u64 value = access.value;

		/* SSE: sign-extend; SF clear: a W register. */
		if ((esr & BIT(21)) && access.size < 8 &&
		    (value & BIT(access.size * 8 - 1)))
			value |= ~(BIT(access.size * 8) - 1);
		if (!(esr & BIT(15)))
			value &= 0xffffffffULL;
		regs->x[reg] = value;
	}
	skip_instruction();
}

#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_ISS_MASK		SYSREG_ISS(3, 7, 15, 15, 7)
#define ISS_ICC_SGI1R_EL1	SYSREG_ISS(3, 0, 12, 11, 5)

static void handle_sysreg(struct per_cpu *cpu, struct guest_regs *regs, u64 esr)
{
	unsigned int reg = (esr >> 5) & 0x1f;
	bool is_read = esr & 1;

	count_exit(cpu->cpu_id, BULKHEAD_EXIT_SYSREG);
	if ((esr & SYSREG_ISS_MASK) == ISS_ICC_SGI1R_EL1 && !is_read) {
		gicv3_send_sgi(cpu, reg == 31 ? 0 : regs->x[reg]);
		skip_instruction();
		return;
	}
	cpu_fail(cpu, "access to a trapped system register");
}

u64 arch_handle_trap(struct guest_regs *regs)
{
	struct per_cpu *cpu = this_cpu();
	u64 esr = read_sysreg(esr_el2);

	cpu->arch.regs = regs;
	switch (ESR_EC(esr)) {
	case EC_HVC64:
		return handle_hvc(cpu, regs);
	case EC_SMC64:
		count_exit(cpu->cpu_id, BULKHEAD_EXIT_PSCI);
		/* A trapped SMC returns to itself: step over it. */
		skip_instruction();
		psci_handle(cpu, regs);
		return 0;
	case EC_DABT_LOW:
		handle_data_abort(cpu, regs, esr);
		return 0;
	case EC_SYSREG:
		handle_sysreg(cpu, regs, esr);
		return 0;
	case EC_IABT_LOW:
		handle_abort(cpu, regs, false, fault_ipa());
		return 0;
	default:
		count_exit(cpu->cpu_id, BULKHEAD_EXIT_OTHER);
		cpu_fail(cpu, "unhandled trap");
	}
}

u64 arch_handle_irq(struct guest_regs *regs)
{
	struct per_cpu *cpu = this_cpu();

	cpu->arch.regs = regs;
	gic_handle_irqs(cpu);
	return 0;
}

u64 arch_handle_serror(struct guest_regs *regs)
{
	struct per_cpu *cpu = this_cpu();

	cpu->arch.regs = regs;
	cpu_fail(cpu, "SError");
}

void arch_hyp_fault(struct guest_regs *regs)
{
	struct per_cpu *cpu = this_cpu();

	dump_regs("fault in the hypervisor itself", regs);
	if (cpu)
		arch_cpu_park(cpu);
	for (;;)
		asm volatile("wfi");
}
