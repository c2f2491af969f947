// SPDX-License-Identifier: GPL-2.0
/*
 * SBI calls of the cells (VS-mode ecalls) and bulkhead's hypercalls.
 *
 * The root cell owns the machine, so most of its calls go on to firmware.
 * What would let firmware act on HS mode is emulated instead: HSM (firmware
 * would start a hart in HS mode at the guest's address) and remote fences
 * (an SFENCE for the guest is an HFENCE.VVMA for us). IPIs are forwarded,
 * but they arrive as HS software interrupts, so the target must know to
 * pass them on; the timer is the guest's own with Sstc.
 */
#include <bulkhead/hypercall.h>
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <core/shared.h>
#include <core/spinlock.h>
#include <arch/csr.h>
#include <arch/sbi.h>
#include <arch/setup.h>

struct sbi_ret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4)
{
	register unsigned long r0 asm("a0") = a0;
	register unsigned long r1 asm("a1") = a1;
	register unsigned long r2 asm("a2") = a2;
	register unsigned long r3 asm("a3") = a3;
	register unsigned long r4 asm("a4") = a4;
	register unsigned long r6 asm("a6") = fid;
	register unsigned long r7 asm("a7") = ext;
	struct sbi_ret ret;

	asm volatile("ecall"
		     : "+r" (r0), "+r" (r1)
		     : "r" (r2), "r" (r3), "r" (r4), "r" (r6), "r" (r7)
		     : "memory");
	ret.error = r0;
	ret.value = r1;
	return ret;
}

void sbi_send_ipi(unsigned long hartid)
{
	sbi_call(SBI_EXT_IPI, 0, 1, hartid, 0, 0, 0);
}

/*
 * The hart mask of an SBI call, checked against the caller's cell: every
 * hart it names must be the cell's (base -1, "all harts", means the cell's
 * own). On success mask and base name exactly those harts for firmware.
 */
static bool cell_hart_mask(struct per_cpu *cpu, unsigned long *mask,
			   unsigned long *base, const char *call)
{
	u64 harts = cpu->cell->cpu_set, foreign;
	unsigned int n = 0;

	if (*base == -1UL) {
		*mask = harts;
		*base = 0;
		return true;
	}
	/* Bit n names hart base + n; cpu_set has no bit past the last CPU. */
	foreign = *base >= 64 ? *mask : *mask & ~(harts >> *base);
	if (foreign) {
		while (!(foreign & BIT(n)))
			n++;
		if (cell_may_report(cpu->cell))
			printk("bulkhead: cell \"%s\": SBI %s naming hart %lu outside the cell refused\n",
			       cpu->cell->desc->name, call, *base + n);
		return false;
	}
	return true;
}

static long send_ipi(struct per_cpu *cpu, unsigned long mask,
		     unsigned long base)
{
	unsigned long rest;
	unsigned int n;

	if (!cell_hart_mask(cpu, &mask, &base, "send_ipi"))
		return SBI_ERR_INVALID_PARAM;
	/* Mark before sending: the target clears its interrupt, then looks. */
	for (n = 0, rest = mask; rest; n++, rest >>= 1)
		if (rest & 1)
			__atomic_store_n(&per_cpu(base + n)->arch.guest_ipi, true,
					 __ATOMIC_SEQ_CST);
	return sbi_call(SBI_EXT_IPI, 0, mask, base, 0, 0, 0).error;
}

static void set_timer(struct per_cpu *cpu, u64 deadline)
{
	if (arch_has_sstc()) {
		csr_write(CSR_VSTIMECMP, deadline);
		return;
	}
	/* Firmware raises STIP at the deadline; we pass it on as VSTIP. */
	sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0, 0, 0);
	csr_clear(CSR_HVIP, BIT(IRQ_VS_TIMER));
	csr_set(CSR_SIE, BIT(IRQ_S_TIMER));
}

/*
 * Remote fences wait in firmware until every hart named has fenced. A
 * hart switching itself off meanwhile never does (OpenSBI leaves it in
 * its HSM wait loop with the request pending), and the fencing hart waits
 * in firmware for good, where not even the hypervisor's stop reaches it:
 * found by fuzz-cell on riscv64 (seed 6), whose harts fenced each other
 * while one went on and off; the cell could no longer be destroyed ("CPUs
 * of cell do not stop"), its harts were lost to root. So a fence names
 * only harts that are on, and none goes off while a fence is on its way
 * (arch_cpu_power_off takes fence_lock to mark itself off).
 */
static spinlock_t fence_lock;

void sbi_fence_lock(void)
{
	spin_lock(&fence_lock);
}

void sbi_fence_unlock(void)
{
	spin_unlock(&fence_lock);
}

/* The harts of mask (relative to base) that are not off. */
static unsigned long harts_on(unsigned long mask, unsigned long base)
{
	unsigned long on = 0;
	unsigned int n;

	for (n = 0; n < 64 && base + n < BULKHEAD_MAX_CPUS; n++)
		if ((mask & BIT(n)) && per_cpu(base + n)->state != CPU_OFF)
			on |= BIT(n);
	return on;
}

/*
 * Remote fences on the cell's own harts. A guest's SFENCE.VMA is an
 * HFENCE.VVMA for us; firmware takes the VMID from this hart's hgatp,
 * which is the cell's.
 */
static struct sbi_ret rfence(struct per_cpu *cpu, struct guest_regs *regs,
			     unsigned long fid)
{
	struct sbi_ret ret = { SBI_ERR_NOT_SUPPORTED, 0 };
	unsigned long mask = regs->x[10], base = regs->x[11];
	u64 *a = &regs->x[10];

	if (fid > SBI_RFENCE_SFENCE_VMA_ASID)
		return ret;
	if (!cell_hart_mask(cpu, &mask, &base, "remote fence")) {
		ret.error = SBI_ERR_INVALID_PARAM;
		return ret;
	}
	spin_lock(&fence_lock);
	mask = harts_on(mask, base);
	if (!mask)
		ret.error = SBI_SUCCESS;
	else if (fid == SBI_RFENCE_FENCE_I)
		ret = sbi_call(SBI_EXT_RFENCE, fid, mask, base, 0, 0, 0);
	else if (fid == SBI_RFENCE_SFENCE_VMA)
		ret = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_VVMA,
			       mask, base, a[2], a[3], 0);
	else
		ret = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_VVMA_ASID,
			       mask, base, a[2], a[3], a[4]);
	spin_unlock(&fence_lock);
	return ret;
}

/*
 * HSM, emulated on the cell's own harts: firmware would start a hart in HS
 * mode at the guest's address, so a start goes through the hypervisor's
 * entry, which then enters the cell where it asked.
 */
static struct sbi_ret hsm(struct per_cpu *cpu, struct guest_regs *regs,
			  unsigned long fid)
{
	unsigned long hartid = regs->x[10];
	struct sbi_ret ret = { SBI_SUCCESS, 0 };
	struct per_cpu *target;

	if (fid == SBI_HSM_HART_STOP)
		cpu_power_off_self(cpu);
	if (fid != SBI_HSM_HART_START && fid != SBI_HSM_HART_STATUS) {
		ret.error = SBI_ERR_NOT_SUPPORTED;
		return ret;
	}
	if (hartid >= BULKHEAD_MAX_CPUS ||
	    !(cpu->cell->cpu_set & BIT(hartid))) {
		if (cell_may_report(cpu->cell))
			printk("bulkhead: cell \"%s\": SBI HSM %s of hart %lu outside the cell refused\n",
			       cpu->cell->desc->name,
			       fid == SBI_HSM_HART_START ? "start" : "status",
			       hartid);
		ret.error = SBI_ERR_INVALID_PARAM;
		return ret;
	}
	target = per_cpu(hartid);
	if (fid == SBI_HSM_HART_STATUS) {
		ret.value = target->state == CPU_OFF ? SBI_HSM_STOPPED :
						       SBI_HSM_STARTED;
		return ret;
	}
	if (target->state != CPU_OFF) {
		ret.error = SBI_ERR_ALREADY_AVAILABLE;
		return ret;
	}
	/*
	 * A hart asked to stop (its cell shut down or destroyed) starts no
	 * other: the other may have stopped already, and would run on with
	 * the cell gone (found by fuzz-cell, tests/system/41-fuzz-cell.sh).
	 * The caller stops as soon as it is back in its cell.
	 */
	if (READ_ONCE(cpu->request) == CPU_REQUEST_STOP) {
		ret.error = SBI_ERR_FAILED;
		return ret;
	}
	target->cell = cpu->cell;
	ret.error = arch_cpu_power_on(target, regs->x[11], regs->x[12]);
	return ret;
}

/* What a cell (root included) may ask firmware for through us. */
static bool extension_available(struct per_cpu *cpu, unsigned long ext)
{
	switch (ext) {
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case BULKHEAD_SBI_EXT:
		return true;
	case SBI_EXT_PMU:
	case SBI_EXT_DBCN:
		return cpu->cell == &root_cell &&
		       sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, ext, 0, 0, 0, 0).value;
	}
	return false;
}

static struct sbi_ret base(struct per_cpu *cpu, struct guest_regs *regs,
			   unsigned long fid)
{
	struct sbi_ret ret = { SBI_SUCCESS, 0 };

	if (fid == SBI_BASE_PROBE_EXT) {
		ret.value = extension_available(cpu, regs->x[10]);
		return ret;
	}
	/* Versions and machine ids: read-only facts of firmware. */
	return sbi_call(SBI_EXT_BASE, fid, 0, 0, 0, 0, 0);
}

/* SBI system reset from a cell other than root ends that cell only. */
static void __attribute__((noreturn)) cell_system_reset(struct per_cpu *cpu)
{
	printk("bulkhead: cell \"%s\" asked for a system reset: the cell shuts down\n",
	       cpu->cell->desc->name);
	cell_powered_off(cpu->cell, cpu);
	arch_cpu_power_off(cpu);
}

static struct sbi_ret cell_sbi(struct per_cpu *cpu, struct guest_regs *regs)
{
	unsigned long ext = regs->x[17], fid = regs->x[16];
	u64 *a = &regs->x[10];
	struct sbi_ret ret = { SBI_ERR_NOT_SUPPORTED, 0 };
	bool root = cpu->cell == &root_cell;

	switch (ext) {
	case SBI_EXT_LEGACY_SET_TIMER:
	case SBI_EXT_TIME:
		set_timer(cpu, a[0]);
		ret.error = SBI_SUCCESS;
		return ret;
	case SBI_EXT_IPI:
		ret.error = send_ipi(cpu, a[0], a[1]);
		return ret;
	case SBI_EXT_RFENCE:
		return rfence(cpu, regs, fid);
	case SBI_EXT_HSM:
		return hsm(cpu, regs, fid);
	case SBI_EXT_BASE:
		return base(cpu, regs, fid);
	case SBI_EXT_SRST:
	case SBI_EXT_LEGACY_SHUTDOWN:
		if (!root)
			cell_system_reset(cpu);
		break;
	case SBI_EXT_LEGACY_PUTCHAR:
		if (!root && (cpu->cell->desc->flags & BULKHEAD_CELL_DEBUG_CONSOLE)) {
			cell_console_putc(cpu->cell, a[0]);
			ret.error = SBI_SUCCESS;
			return ret;
		}
		break;
	case SBI_EXT_LEGACY_GETCHAR:
	case SBI_EXT_PMU:
	case SBI_EXT_DBCN:
		break;
	default:
		return ret;
	}
	/* The rest belongs to whoever owns the machine: root. */
	if (!root)
		return ret;
	return sbi_call(ext, fid, a[0], a[1], a[2], a[3], a[4]);
}

int sbi_handle(struct per_cpu *cpu, struct guest_regs *regs)
{
	struct sbi_ret ret;
	unsigned long ext = regs->x[17];

	/* The ecall returns past itself. */
	regs->sepc += 4;
	if (ext == BULKHEAD_SBI_EXT) {
		count_exit(cpu->cpu_id, BULKHEAD_EXIT_HYPERCALL);
		regs->x[10] = hypercall(cpu, regs->x[10], regs->x[11], regs->x[12]);
		return cpu->arch.disabling;
	}
	count_exit(cpu->cpu_id, BULKHEAD_EXIT_PSCI);
	ret = cell_sbi(cpu, regs);
	regs->x[10] = ret.error;
	/* Legacy calls return their value in a0 alone. */
	if (ext > SBI_EXT_LEGACY_SHUTDOWN)
		regs->x[11] = ret.value;
	return 0;
}
