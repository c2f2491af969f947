// SPDX-License-Identifier: GPL-2.0
/*
 * riscv64: taking a hart over from Linux and giving it back.
 *
 * Linux runs in HS mode. Enabling moves it, unchanged, one level down: its
 * supervisor state goes into the VS copies (vsstatus, vsatp, vstvec, ...),
 * the G-stage (hgatp) maps what the root cell owns, and sret with SPV set
 * resumes it in VS mode at the instruction it was about to run. Disable
 * does the reverse. The order of the CSR writes matters where noted.
 */
#include <bulkhead/hypercall.h>
#include <bulkhead/hypervisor.h>
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <arch/csr.h>
#include <arch/paging.h>
#include <arch/plic.h>
#include <arch/sbi.h>
#include <arch/setup.h>

/* Read by entry.S to find a hart's stack. */
const u64 percpu_stride = sizeof(struct per_cpu);

/*
 * Exceptions of VS/VU mode the guest handles itself: misaligned and
 * access faults, illegal instruction, breakpoint, U-mode ecall, page
 * faults. VS ecalls, guest page faults and virtual-instruction faults are
 * not delegable and come to us.
 */
#define HEDELEG_GUEST	0xb1ffUL
#define HIDELEG_GUEST	(BIT(IRQ_VS_SOFT) | BIT(IRQ_VS_TIMER) | BIT(IRQ_VS_EXT))

/* What every hart shares, learned from the driver at the first entry. */
static struct {
	u64 return_stub;	/* the driver's HS-mode landing pad */
	u64 timebase;		/* timer ticks per second */
	bool sstc;
	bool trap_wfi;		/* guest wfi traps: see arch_guest_wfi */
} boot;

bool arch_has_sstc(void)
{
	return boot.sstc;
}

u64 arch_time_ns(void)
{
	u64 t = csr_read(CSR_TIME), f = boot.timebase ? boot.timebase : 10000000;

	return t / f * 1000000000ULL + t % f * 1000000000ULL / f;
}

void *arch_map_phys(u64 phys, u64 size)
{
	/* Translation is off in HS mode: physical is virtual. */
	return (void *)phys;
}

void arch_unmap_phys(u64 phys, u64 size)
{
}

int arch_init(const struct bulkhead_system *config)
{
	if (config->irqchip.type != BULKHEAD_IRQCHIP_PLIC) {
		printk("bulkhead: riscv64 needs a PLIC (irqchip.type)\n");
		return -EINVAL;
	}
	return 0;
}

int arch_cell_init(struct cell *cell)
{
	cell->arch.vmid = cell->id;
	return plic_cell_init(cell);
}

void arch_cell_destroy(struct cell *cell)
{
}

static void load_cell_gstage(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;

	csr_write(CSR_HGATP, riscv_hgatp(&cell->guest_paging, cell->arch.vmid));
	/* A mode change for a VMID needs the full fence; so does a new cell. */
	hfence_gvma_all();
	hfence_vvma_all();
}

/* The HS side every hart has while a guest runs on it. */
static void setup_hs(struct per_cpu *cpu)
{
	csr_write(CSR_HEDELEG, HEDELEG_GUEST);
	csr_write(CSR_HIDELEG, HIDELEG_GUEST);
	/*
	 * The root cell owns the machine, its counters need not trap; other
	 * cells read time, cycles and instructions retired.
	 */
	csr_write(CSR_HCOUNTEREN, cpu->cell == &root_cell ? 0xffffffffUL : 0x7);
	csr_write(CSR_HTIMEDELTA, 0);
	csr_write(CSR_HGEIE, 0);
	if (boot.sstc) {
		/* Linux's stimecmp writes then reach vstimecmp directly. */
		csr_write(CSR_HENVCFG, HENVCFG_STCE);
		csr_write(CSR_STIMECMP, -1UL);
	}
	/*
	 * Our own interrupts: IPIs and the PLIC. Without Sstc the guest's
	 * timer is firmware's (SBI set_timer), raising our STIP: a deadline
	 * armed before enable must come through too.
	 */
	csr_write(CSR_SIE, BIT(IRQ_S_SOFT) | BIT(IRQ_S_EXT) |
		  (boot.sstc ? 0 : BIT(IRQ_S_TIMER)));
	csr_write(CSR_STVEC, (u64)trap_vector);
	load_cell_gstage(cpu);
	__atomic_store_n(&cpu->arch.in_guest, true, __ATOMIC_SEQ_CST);
}

/* Returning sets V and the guest's privilege from these. */
static void prepare_sret(struct guest_regs *regs, bool supervisor)
{
	regs->hstatus = (csr_read(CSR_HSTATUS) & ~(HSTATUS_GVA)) |
			HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VSXL_64 |
			(boot.trap_wfi ? HSTATUS_VTW : 0);
	if (supervisor)
		csr_set(CSR_SSTATUS, SSTATUS_SPP);
	/* FP in VS mode needs both FS fields on. */
	csr_set(CSR_SSTATUS, SSTATUS_FS);
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
}

/*
 * First entry on a hart: Linux's HS state becomes its VS state. Called by
 * arch_entry_c with the state Linux had in HS mode.
 */
static int take_over(struct per_cpu *cpu, struct guest_regs *regs,
		     u64 linux_satp, u64 linux_stvec, u64 linux_sscratch)
{
	u64 sie = csr_read(CSR_SIE);

	cpu->arch.linux_hedeleg = csr_read(CSR_HEDELEG);
	cpu->arch.linux_hideleg = csr_read(CSR_HIDELEG);
	cpu->arch.linux_hcounteren = csr_read(CSR_HCOUNTEREN);
	cpu->arch.linux_henvcfg = csr_read(CSR_HENVCFG);

	csr_write(CSR_VSSTATUS, csr_read(CSR_SSTATUS));
	/* hideleg first: vsie bits read as zero while not delegated. */
	csr_write(CSR_HIDELEG, HIDELEG_GUEST);
	csr_write(CSR_VSIE, sie);
	csr_write(CSR_VSTVEC, linux_stvec);
	csr_write(CSR_VSSCRATCH, linux_sscratch);
	csr_write(CSR_VSATP, linux_satp);
	if (boot.sstc)
		csr_write(CSR_VSTIMECMP, csr_read(CSR_STIMECMP));
	/*
	 * A pending software interrupt is a latch (an IPI Linux has not
	 * taken yet): move it to VS. Timer and external lines are live and
	 * come back on their own.
	 */
	csr_write(CSR_HVIP, 0);
	if (csr_read(CSR_SIP) & BIT(IRQ_S_SOFT)) {
		csr_set(CSR_HVIP, BIT(IRQ_VS_SOFT));
		csr_clear(CSR_SIP, BIT(IRQ_S_SOFT));
	}
	setup_hs(cpu);
	prepare_sret(regs, true);
	regs->x[10] = 0;
	return 0;
}

/* Everything to leave through exit_to_linux with result in a0. */
static void prepare_exit(struct guest_regs *regs, long result, u64 linux_stvec,
			 u64 linux_satp)
{
	regs->x[10] = result;
	regs->x[11] = linux_stvec;
	regs->x[5] = linux_satp;
	csr_write(CSR_STVEC, boot.return_stub);
}

/*
 * From arch_entry: regs holds Linux's registers, the driver's arguments in
 * a0..a7 and Linux's sscratch in the x0 slot. 0: go to the guest.
 */
long arch_entry_c(struct guest_regs *regs)
{
	unsigned int cpu_id = regs->x[10];
	u64 base = regs->x[11], config_size = regs->x[12];
	u64 linux_satp = regs->x[13], linux_stvec = regs->x[14];
	u64 linux_sscratch = regs->x[0];
	struct per_cpu *cpu;
	long err;

	regs->x[0] = 0;
	if (!boot.return_stub) {
		boot.return_stub = regs->x[15];
		boot.sstc = regs->x[16] & BULKHEAD_RISCV_ENTRY_SSTC;
		boot.trap_wfi = boot.sstc &&
				(regs->x[16] & BULKHEAD_RISCV_ENTRY_QEMU_VIRT);
		boot.timebase = regs->x[17];
	}
	if (cpu_id >= BULKHEAD_MAX_CPUS) {
		err = -EINVAL;
		goto fail;
	}
	cpu = per_cpu(cpu_id);
	cpu->arch.hartid = cpu_id;
	cpu->arch.regs = regs;
	err = hypervisor_entry(cpu_id, base, config_size);
	if (err)
		goto fail;
	/* Linux's own stack pointer etc. stay in regs for the return. */
	csr_write(CSR_SSCRATCH, 0);
	return 0;

fail:
	/* Nothing changed in HS mode yet but stvec, which the stub restores. */
	csr_write(CSR_SSCRATCH, linux_sscratch);
	prepare_exit(regs, err, linux_stvec, linux_satp);
	return 1;
}

int arch_cpu_init(struct per_cpu *cpu)
{
	struct guest_regs *regs = cpu->arch.regs;

	cpu->state = CPU_RUNNING;
	return take_over(cpu, regs, regs->x[13], regs->x[14], regs->x[0]);
}

/*
 * A hart the root cell (or a cell) started through SBI HSM: it comes from
 * firmware in HS mode with translation off and enters its cell where the
 * cell asked, as the SBI specification describes a started hart: a0 = hart
 * id, a1 = the opaque value, translation and interrupts off.
 */
void arch_secondary_entry_c(struct guest_regs *regs, unsigned int cpu_id,
			    u64 hartid)
{
	struct per_cpu *cpu = per_cpu(cpu_id);

	memset(regs, 0, sizeof(*regs));
	cpu->arch.regs = regs;
	csr_write(CSR_VSSTATUS, 0);
	csr_write(CSR_VSIE, 0);
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_VSTVEC, 0);
	csr_write(CSR_VSSCRATCH, 0);
	if (boot.sstc)
		csr_write(CSR_VSTIMECMP, -1UL);
	csr_write(CSR_HVIP, 0);
	setup_hs(cpu);
	prepare_sret(regs, true);
	regs->sepc = cpu->arch.entry;
	regs->x[10] = cpu->arch.hartid;
	regs->x[11] = cpu->arch.context;
	/* Stopped while firmware was starting it. */
	if (READ_ONCE(cpu->request) == CPU_REQUEST_STOP)
		arch_cpu_power_off(cpu);
	cpu_started(cpu, cpu->arch.entry);
}

/*
 * From the disable hypercall: Linux's VS state goes back to HS. The return
 * itself happens in exit_to_linux once the trap handler returns 1.
 */
void arch_cpu_disable(struct per_cpu *cpu)
{
	struct guest_regs *regs = cpu->arch.regs;
	u64 vsie = csr_read(CSR_VSIE), hvip = csr_read(CSR_HVIP);

	csr_write(CSR_SIE, 0);
	csr_write(CSR_SSTATUS, csr_read(CSR_VSSTATUS) & ~SSTATUS_SIE);
	csr_write(CSR_SSCRATCH, csr_read(CSR_VSSCRATCH));
	if (boot.sstc) {
		csr_write(CSR_STIMECMP, csr_read(CSR_VSTIMECMP));
		/* Drops a pending VS timer interrupt while STCE still counts. */
		csr_write(CSR_VSTIMECMP, -1UL);
		csr_write(CSR_HENVCFG, cpu->arch.linux_henvcfg);
	}
	/* An IPI Linux has not taken yet stays pending for it. */
	if (hvip & BIT(IRQ_VS_SOFT))
		csr_set(CSR_SIP, BIT(IRQ_S_SOFT));
	csr_write(CSR_HVIP, 0);
	/*
	 * Not delegated any more, an enabled VS interrupt would trap to
	 * Linux in HS mode, which does not know the cause.
	 */
	csr_write(CSR_HIE, 0);
	__atomic_store_n(&cpu->arch.in_guest, false, __ATOMIC_SEQ_CST);
	csr_write(CSR_HGATP, 0);
	hfence_gvma_all();
	csr_write(CSR_HEDELEG, cpu->arch.linux_hedeleg);
	csr_write(CSR_HIDELEG, cpu->arch.linux_hideleg);
	csr_write(CSR_HCOUNTEREN, cpu->arch.linux_hcounteren);
	csr_write(CSR_HSTATUS, csr_read(CSR_HSTATUS) & ~(HSTATUS_SPV | HSTATUS_VTW));
	regs->hstatus &= ~(HSTATUS_SPV | HSTATUS_VTW);
	/* The stub runs Linux's stvec restore; sie last, interrupts are off. */
	prepare_exit(regs, 0, csr_read(CSR_VSTVEC), csr_read(CSR_VSATP));
	csr_write(CSR_SIE, vsie);
	cpu->arch.disabling = true;
}

/*
 * A hart that has just switched itself off (HART_STOP, arch_cpu_power_off)
 * is off for us before firmware has done with it, and firmware refuses to
 * start a hart still stopping (OpenSBI: SBI_ERR_INVALID_PARAM): the start
 * waits for the stop to end instead of failing with that error, which a
 * cell would take for a bad hart id (found by fuzz-cell switching its
 * second hart on and off, tests/system/41-fuzz-cell.sh).
 */
#define HART_STOP_WAIT_NS	100000000ULL

static struct sbi_ret start_hart(struct per_cpu *cpu)
{
	u64 start = arch_time_ns();
	struct sbi_ret ret, status;

	for (;;) {
		ret = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, cpu->cpu_id,
			       (u64)arch_secondary_entry, cpu->cpu_id, 0, 0);
		if (ret.error != SBI_ERR_INVALID_PARAM ||
		    arch_time_ns() - start > HART_STOP_WAIT_NS)
			return ret;
		status = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STATUS,
				  cpu->cpu_id, 0, 0, 0, 0);
		/* Stopping, or stopped since the start was refused. */
		if (status.error || (status.value != SBI_HSM_STOP_PENDING &&
				     status.value != SBI_HSM_STOPPED))
			return ret;
	}
}

long arch_cpu_power_on(struct per_cpu *cpu, u64 entry, u64 context)
{
	struct sbi_ret ret;

	cpu->arch.entry = entry;
	cpu->arch.context = context;
	cpu->arch.hartid = cpu->cpu_id;
	cpu->request = CPU_REQUEST_NONE;
	cpu->leaving = false;
	/*
	 * On its way from here: a stop (cell destroyed right after start)
	 * must wait for it and stop it, not take it for off and hand it to
	 * another cell while firmware is still starting it.
	 */
	cpu->state = CPU_RUNNING;
	memory_barrier();
	ret = start_hart(cpu);
	if (ret.error)
		cpu->state = CPU_OFF;
	return ret.error;
}

void arch_cpu_power_off(struct per_cpu *cpu)
{
	__atomic_store_n(&cpu->arch.in_guest, false, __ATOMIC_SEQ_CST);
	csr_write(CSR_SIE, 0);
	csr_write(CSR_HVIP, 0);
	memory_barrier();
	/* No remote fence may be waiting for this hart in firmware. */
	sbi_fence_lock();
	cpu->state = CPU_OFF;
	sbi_fence_unlock();
	/*
	 * Off, then no request: a stop of its cell going on must not ask it
	 * again in between (stop_cpus), which would leave a stale stop for
	 * the hart's next start.
	 */
	memory_barrier();
	cpu->request = CPU_REQUEST_NONE;
	memory_barrier();
	sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, 0, 0);
	printk("bulkhead: CPU %u did not power off\n", cpu->cpu_id);
	for (;;)
		asm volatile("wfi");
}

/*
 * A guest's wfi, trapped (hstatus.VTW) only on QEMU's virt machine with
 * Sstc. QEMU 7.2 (Debian 12's) keeps "VS timer pending" in a flag of its
 * own, which it reads outside its lock whenever a hart changes mip: if the
 * vstimecmp deadline passes just then, the interrupt stays pending but is
 * never taken, and the hart spins in its idle loop until some other
 * interrupt arrives; with nothing else due, root Linux stalls for minutes.
 * Writing an expired deadline again raises the interrupt anew; otherwise
 * the hart waits here until the deadline. The same lost interrupt would
 * keep this wfi waiting for good (root Linux on one CPU hung here, its
 * VS timer pending, while fuzz-cell ran: tests/system/41-fuzz-cell.sh), so
 * the wait ends on our own timer at the deadline, whose interrupt QEMU
 * keeps in mip itself; pending or not, it is gone before the guest runs.
 */
void arch_guest_wfi(struct guest_regs *regs)
{
	u64 deadline = csr_read(CSR_VSTIMECMP);

	regs->sepc += 4;
	if (csr_read(CSR_TIME) < deadline) {
		csr_write(CSR_STIMECMP, deadline);
		csr_set(CSR_SIE, BIT(IRQ_S_TIMER));
		asm volatile("wfi");
		csr_clear(CSR_SIE, BIT(IRQ_S_TIMER));
		csr_write(CSR_STIMECMP, -1UL);
	}
	if (csr_read(CSR_TIME) >= deadline)
		csr_write(CSR_VSTIMECMP, deadline);
}

void arch_cpu_park(struct per_cpu *cpu)
{
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
	/* wfi wakes on a pending enabled interrupt even with SIE off. */
	csr_write(CSR_SIE, BIT(IRQ_S_SOFT));
	cpu->state = CPU_PARKED;
	for (;;) {
		asm volatile("wfi");
		if (csr_read(CSR_SIP) & BIT(IRQ_S_SOFT)) {
			csr_clear(CSR_SIP, BIT(IRQ_S_SOFT));
			__atomic_store_n(&cpu->arch.management_ipi, false,
					 __ATOMIC_SEQ_CST);
			cpu_handle_management(cpu);
		}
	}
}

void arch_virtio_raise(struct cell *cell, u32 irq)
{
	plic_raise_virtual(cell, irq);
}

void arch_send_management(struct per_cpu *cpu)
{
	__atomic_store_n(&cpu->arch.management_ipi, true, __ATOMIC_SEQ_CST);
	sbi_send_ipi(cpu->arch.hartid);
}

u64 arch_cpu_hw_id(struct per_cpu *cpu)
{
	return cpu->arch.hartid;
}

u64 arch_timer_frequency(void)
{
	return boot.timebase;
}

void arch_cell_take_irqs(struct cell *cell)
{
	plic_move_irqs(cell);
}

void arch_cell_return_irqs(struct cell *cell)
{
	plic_move_irqs(cell);
}
