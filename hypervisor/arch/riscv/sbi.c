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

/* The hart ids of an SBI hart mask, one by one; base -1 means all harts. */
static bool mask_next(unsigned long mask, unsigned long base, unsigned int *n)
{
	for (; *n < BULKHEAD_MAX_CPUS; (*n)++) {
		if (base == -1UL)
			return true;
		if (*n >= base && *n - base < 64 && (mask & BIT(*n - base)))
			return true;
	}
	return false;
}

static long root_send_ipi(unsigned long mask, unsigned long base)
{
	unsigned int n = 0;

	/* Mark before sending: the target clears its interrupt, then looks. */
	for (; mask_next(mask, base, &n); n++)
		__atomic_store_n(&per_cpu(n)->arch.guest_ipi, true,
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

static struct sbi_ret root_rfence(struct guest_regs *regs, unsigned long fid)
{
	u64 *a = &regs->x[10];
	struct sbi_ret denied = { SBI_ERR_NOT_SUPPORTED, 0 };

	switch (fid) {
	case SBI_RFENCE_FENCE_I:
		return sbi_call(SBI_EXT_RFENCE, fid, a[0], a[1], 0, 0, 0);
	case SBI_RFENCE_SFENCE_VMA:
		return sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_VVMA,
				a[0], a[1], a[2], a[3], 0);
	case SBI_RFENCE_SFENCE_VMA_ASID:
		return sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_VVMA_ASID,
				a[0], a[1], a[2], a[3], a[4]);
	}
	return denied;
}

static struct sbi_ret root_hsm(struct per_cpu *cpu, struct guest_regs *regs,
			       unsigned long fid)
{
	unsigned long hartid = regs->x[10];
	struct sbi_ret ret = { SBI_SUCCESS, 0 };
	struct per_cpu *target;

	if (fid == SBI_HSM_HART_STOP)
		arch_cpu_power_off(cpu);
	if (fid != SBI_HSM_HART_START && fid != SBI_HSM_HART_STATUS) {
		ret.error = SBI_ERR_NOT_SUPPORTED;
		return ret;
	}
	if (hartid >= BULKHEAD_MAX_CPUS ||
	    !(cpu->cell->cpu_set & BIT(hartid))) {
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
	target->cell = cpu->cell;
	ret.error = arch_cpu_power_on(target, regs->x[11], regs->x[12]);
	return ret;
}

static struct sbi_ret root_sbi(struct per_cpu *cpu, struct guest_regs *regs)
{
	unsigned long ext = regs->x[17], fid = regs->x[16];
	u64 *a = &regs->x[10];
	struct sbi_ret ret = { SBI_ERR_NOT_SUPPORTED, 0 };

	switch (ext) {
	case SBI_EXT_LEGACY_SET_TIMER:
	case SBI_EXT_TIME:
		set_timer(cpu, a[0]);
		ret.error = SBI_SUCCESS;
		return ret;
	case SBI_EXT_IPI:
		ret.error = root_send_ipi(a[0], a[1]);
		return ret;
	case SBI_EXT_RFENCE:
		return root_rfence(regs, fid);
	case SBI_EXT_HSM:
		return root_hsm(cpu, regs, fid);
	case SBI_EXT_BASE:
	case SBI_EXT_LEGACY_PUTCHAR:
	case SBI_EXT_LEGACY_GETCHAR:
	case SBI_EXT_LEGACY_SHUTDOWN:
	case SBI_EXT_SRST:
	case SBI_EXT_PMU:
	case SBI_EXT_DBCN:
		return sbi_call(ext, fid, a[0], a[1], a[2], a[3], a[4]);
	}
	return ret;
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
	ret = root_sbi(cpu, regs);
	regs->x[10] = ret.error;
	/* Legacy calls return their value in a0 alone. */
	if (ext > SBI_EXT_LEGACY_SHUTDOWN)
		regs->x[11] = ret.value;
	return 0;
}
