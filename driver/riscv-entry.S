/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entering and leaving the riscv64 hypervisor from HS mode (arch-riscv.c
 * says why by a trap). The hypervisor keeps ra, sp, gp, tp and s0-s11;
 * a0-a7 and t0-t6 are clobbered, as for any call.
 */
#include <linux/linkage.h>
#include <bulkhead/hypercall.h>

/*
 * long bulkhead_riscv_enter(cpu, base, config_size, boot_satp, entry,
 *			     flags, timebase)
 * The hypervisor gets a0 = cpu, a1 = base, a2 = config_size, a3 = Linux's
 * satp, a4 = Linux's stvec, a5 = the return stub, a6 = flags,
 * a7 = timebase, and resumes us in VS mode with a0 = 0, or returns through
 * the stub with a0 = -errno.
 */
SYM_FUNC_START(bulkhead_riscv_enter)
	mv	a7, a6
	mv	a6, a5
	lla	a5, bulkhead_riscv_return
	mv	t0, a3
	csrr	a3, satp
	csrr	t1, stvec
	csrw	stvec, a4
	mv	a4, t1
	csrw	satp, t0
	/* Fetching from here on faults into the hypervisor. */
	sfence.vma
	ret
SYM_FUNC_END(bulkhead_riscv_enter)

/* long bulkhead_riscv_hypercall(code, arg1, arg2) */
SYM_FUNC_START(bulkhead_riscv_hypercall)
	li	a7, BULKHEAD_SBI_EXT
	ecall
	ret
SYM_FUNC_END(bulkhead_riscv_hypercall)

/*
 * The hypervisor leaves to here by a trap, in HS mode with Linux's satp,
 * registers as at the call, a0 = result and a1 = Linux's stvec.
 */
	.balign 4
SYM_CODE_START(bulkhead_riscv_return)
	csrw	stvec, a1
	ret
SYM_CODE_END(bulkhead_riscv_return)
