// SPDX-License-Identifier: GPL-2.0
/*
 * Taking a CPU over at EL2 and giving it back.
 *
 * Linux's nVHE hyp stub has already configured EL2 for an EL1 host (HCR_EL2
 * RW, timers open to EL1, GICv3 system registers enabled, VPIDR/VMPIDR):
 * we keep that configuration, add stage-2 translation and our traps, and
 * restore it exactly at disable. CPUs the root cell switches on later come
 * up in reset state, so they get a copy of the boot CPU's EL2 setup.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/page-alloc.h>
#include <core/printk.h>
#include <core/shared.h>
#include <arch/gic.h>
#include <arch/paging.h>
#include <arch/psci.h>
#include <arch/sysreg.h>

const u64 percpu_stride = sizeof(struct per_cpu);

extern char hyp_vectors[], __image_start[], arch_secondary_entry[];

static struct paging hyp_paging;

/* EL2 registers as Linux's stub left them on the first CPU. */
static struct {
	u64 hcr, cptr, mdcr, cnthctl, hstr, sre;
} stub_state;

/*
 * ID_AA64PFR0_EL1.GIC: a GICv3 system register interface. Without one
 * (GICv2) its registers are undefined.
 */
static bool has_gic_sysregs(void)
{
	return (read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf;
}

static u64 phys_size_bits(void)
{
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	/* 48 bits at most: larger sizes need another descriptor format. */
	return parange > 5 ? 5 : parange;
}

int arch_init(const struct bulkhead_system *config)
{
	u64 shared = (u64)&shared_region;
	u64 shared_size = ALIGN_UP(sizeof(shared_region), PAGE_SIZE);
	int err;

	err = paging_init(&hyp_paging, PAGING_HYP);
	if (!err)
		err = paging_map(&hyp_paging, hypervisor.base, hypervisor.base,
				 shared - hypervisor.base,
				 PAGING_READ | PAGING_WRITE | PAGING_EXEC);
	if (!err)
		err = paging_map(&hyp_paging, shared, shared, shared_size,
				 PAGING_READ | PAGING_WRITE | PAGING_UNCACHED);
	if (!err)
		err = paging_map(&hyp_paging, shared + shared_size,
				 shared + shared_size,
				 hypervisor.base + hypervisor.size -
				 shared - shared_size,
				 PAGING_READ | PAGING_WRITE);
	if (!err && config->debug_console.type != BULKHEAD_CONSOLE_NONE)
		err = arch_map_device(config->debug_console.address,
				      config->debug_console.size);
	if (!err)
		err = gic_init(&config->irqchip);
	if (err)
		printk("bulkhead: cannot build the EL2 page tables: %d\n", err);
	return err;
}

int arch_map_device(u64 address, u64 size)
{
	u64 start = address & PAGE_MASK;

	return paging_map(&hyp_paging, start, start,
			  ALIGN_UP(address + size, PAGE_SIZE) - start,
			  PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
}

static void enable_mmu(void)
{
	u64 tcr = (64 - VA_BITS) | (1 << 8) | (1 << 10) | (3 << 12) |
		  (phys_size_bits() << 16) | BIT(23) | BIT(31);

	write_sysreg(mair_el2, MAIR_EL2_VALUE);
	write_sysreg(tcr_el2, tcr);
	/* Lines of an earlier enable must not be fetched as our code. */
	asm volatile("ic iallu" ::: "memory");
	write_sysreg(ttbr0_el2, (u64)hyp_paging.root);
	isb();
	asm volatile("tlbi alle2" ::: "memory");
	dsb(ish);
	isb();
	write_sysreg(sctlr_el2, read_sysreg(sctlr_el2) | SCTLR_M | SCTLR_C |
		     SCTLR_I);
	isb();
}

static void enter_cell(struct per_cpu *cpu)
{
	u64 vtcr = (64 - VA_BITS) | (1 << 6) | (1 << 8) | (1 << 10) |
		   (3 << 12) | (phys_size_bits() << 16) | BIT(31);
	struct cell *cell = cpu->cell;

	write_sysreg(tpidr_el2, (u64)cpu);
	write_sysreg(vbar_el2, (u64)hyp_vectors);
	write_sysreg(vtcr_el2, vtcr);
	write_sysreg(vttbr_el2, (u64)cell->guest_paging.root |
		     ((u64)cell->arch.vmid << 48));
	write_sysreg(hcr_el2, cpu->arch.saved_hcr | HCR_VM | HCR_SWIO |
		     HCR_FB | HCR_BSU_IS | HCR_TSC | HCR_RW | HCR_IMO | HCR_FMO);
	isb();
	asm volatile("tlbi alle1" ::: "memory");
	dsb(ish);
	isb();
}

int arch_cpu_init(struct per_cpu *cpu)
{
	cpu->arch.mpidr = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
	cpu->arch.saved_hcr = read_sysreg(hcr_el2);
	cpu->arch.entered = true;
	cpu->state = CPU_RUNNING;
	enable_mmu();
	gic_cpu_init(cpu, false);
	enter_cell(cpu);
	return 0;
}

/* First entry through the stub, MMU off, on this CPU's stack. */
long arch_entry_c(unsigned int cpu_id, u64 base, u64 config_size,
		  u64 stub_vbar)
{
	long err;

	if (!stub_state.hcr) {
		stub_state.hcr = read_sysreg(hcr_el2);
		stub_state.cptr = read_sysreg(cptr_el2);
		stub_state.mdcr = read_sysreg(mdcr_el2);
		stub_state.cnthctl = read_sysreg(cnthctl_el2);
		stub_state.hstr = read_sysreg(hstr_el2);
		if (has_gic_sysregs())
			stub_state.sre = read_sysreg(ICC_SRE_EL2);
	}
	if (cpu_id < BULKHEAD_MAX_CPUS)
		per_cpu(cpu_id)->arch.stub_vbar = stub_vbar;
	err = hypervisor_entry(cpu_id, base, config_size);
	/* On failure the stub stays in place and Linux sees the error. */
	return err;
}

/*
 * A CPU switched on by PSCI CPU_ON from the root cell: reset state at EL2.
 * Give it the stub's EL2 setup, then enter Linux at the address Linux
 * asked for, as if the stub had booted it.
 */
void arch_secondary_entry_c(struct guest_regs *regs)
{
	unsigned int cpu_id = regs->x[0];
	struct per_cpu *cpu = per_cpu(cpu_id);

	write_sysreg(cptr_el2, stub_state.cptr);
	write_sysreg(mdcr_el2, stub_state.mdcr);
	write_sysreg(cnthctl_el2, stub_state.cnthctl);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(hstr_el2, stub_state.hstr);
	if (has_gic_sysregs())
		write_sysreg(ICC_SRE_EL2, stub_state.sre);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(hcr_el2, stub_state.hcr);
	write_sysreg(sctlr_el2, 0x30c50830);
	isb();

	cpu->arch.mpidr = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
	cpu->arch.saved_hcr = stub_state.hcr;
	enable_mmu();
	gic_cpu_init(cpu, true);
	enter_cell(cpu);

	memset(regs, 0, sizeof(*regs));
	regs->x[0] = cpu->arch.context;
	write_sysreg(elr_el2, cpu->arch.entry);
	write_sysreg(spsr_el2, SPSR_EL1H_MASKED);
	cpu_started(cpu, cpu->arch.entry);
}

/*
 * Nothing of the hypervisor may stay in the caches once the MMU is off:
 * dirty lines written back later would corrupt the next image copied there.
 */
static void clean_hypervisor_memory(void)
{
	u64 line = 4ULL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 addr;

	for (addr = hypervisor.base; addr < hypervisor.base + hypervisor.size;
	     addr += line)
		asm volatile("dc civac, %0" : : "r" (addr) : "memory");
	dsb(sy);
}

void arch_cpu_disable(struct per_cpu *cpu)
{
	gic_cpu_exit(cpu);
	write_sysreg(hcr_el2, cpu->arch.saved_hcr);
	write_sysreg(vttbr_el2, 0);
	isb();
	asm volatile("tlbi alle1" ::: "memory");
	dsb(ish);
	/*
	 * Cleaning by address reaches every CPU's cache: the last CPU to
	 * leave does it once, after the others wrote their last.
	 */
	if (!READ_ONCE(hypervisor.cpus_enabled))
		clean_hypervisor_memory();
	cpu->arch.disabling = true;
}

int arch_cell_init(struct cell *cell)
{
	cell->arch.vmid = cell->id + 1;
	return gic_cell_init(cell);
}

void arch_cell_destroy(struct cell *cell)
{
}


long arch_cpu_power_on(struct per_cpu *cpu, u64 entry, u64 context)
{
	cpu->arch.entry = entry;
	cpu->arch.context = context;
	cpu->request = CPU_REQUEST_NONE;
	cpu->leaving = false;
	return psci_smc(PSCI_CPU_ON_64, cpu->arch.mpidr, (u64)arch_secondary_entry,
			cpu->cpu_id);
}

void arch_cpu_power_off(struct per_cpu *cpu)
{
	gic_cpu_reset(cpu);
	/*
	 * Off, then no request: a stop of its cell going on must not ask it
	 * again in between (stop_cpus), which would leave a stale stop for
	 * the CPU's next start.
	 */
	cpu->state = CPU_OFF;
	dsb(ish);
	cpu->request = CPU_REQUEST_NONE;
	dsb(ish);
	psci_smc(PSCI_CPU_OFF, 0, 0, 0);
	printk("bulkhead: CPU %u did not power off\n", cpu->cpu_id);
	for (;;)
		asm volatile("wfi");
}

void arch_cpu_park(struct per_cpu *cpu)
{
	asm volatile("msr daifset, #0xf");
	cpu->state = CPU_PARKED;
	for (;;) {
		asm volatile("wfi");
		gic_ack_management();
		cpu_handle_management(cpu);
	}
}

void arch_send_management(struct per_cpu *cpu)
{
	dsb(ish);
	gic_send_management(cpu);
}

u64 arch_cpu_hw_id(struct per_cpu *cpu)
{
	return cpu->arch.mpidr;
}

u64 arch_timer_frequency(void)
{
	return read_sysreg(cntfrq_el0);
}

u64 arch_time_ns(void)
{
	u64 freq = read_sysreg(cntfrq_el0), count = read_sysreg(cntpct_el0);

	return count / freq * 1000000000ULL +
	       count % freq * 1000000000ULL / freq;
}

void *arch_map_phys(u64 phys, u64 size)
{
	u64 start = phys & PAGE_MASK;

	if (paging_map(&hyp_paging, start, start,
		       ALIGN_UP(phys + size, PAGE_SIZE) - start,
		       PAGING_READ | PAGING_WRITE))
		return NULL;
	return (void *)phys;
}

void arch_unmap_phys(u64 phys, u64 size)
{
	u64 start = phys & PAGE_MASK;

	paging_unmap(&hyp_paging, start, ALIGN_UP(phys + size, PAGE_SIZE) - start);
}

void arch_virtio_raise(struct cell *cell, u32 irq)
{
	gic_raise_spi(irq);
}

void arch_cell_take_irqs(struct cell *cell)
{
	gic_move_irqs(cell, true);
}

void arch_cell_return_irqs(struct cell *cell)
{
	gic_move_irqs(cell, false);
}
