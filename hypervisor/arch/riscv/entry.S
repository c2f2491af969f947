/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HS-mode entry, trap vector and exit.
 *
 * No Linux mapping of the hypervisor is executable, so the driver gets here
 * by a trap: it points stvec at arch_entry (a physical address), switches
 * satp to a bootstrap table that maps only the hypervisor memory, and the
 * next fetch of its own code faults into us. A trap changes no register:
 * a0..a7 are the driver's arguments, sp is Linux's stack and sepc the
 * instruction to go on with. Leaving works the other way round: stvec
 * points at a stub in the driver, satp gets Linux's table back, and the
 * next fetch of hypervisor code faults into the stub.
 *
 * The hypervisor itself runs with translation off (satp 0): all it touches
 * is identity mapped anyway, and guests are reached through hlvx/hgatp.
 * While it runs, sscratch is 0; while a guest runs, it holds the top of
 * the hart's hypervisor stack, which is how the vector tells the two apart.
 */
#include <arch/csr.h>

#define FRAME_SIZE	272
#define FRAME_SEPC	256
#define FRAME_HSTATUS	264
#define STACK_SIZE	16384
#define R_RISCV_RELATIVE 3

/* Every register but x0 and sp into the frame at sp. */
.macro save_regs
	sd	x1, 8(sp)
	sd	x3, 24(sp)
	sd	x4, 32(sp)
	sd	x5, 40(sp)
	sd	x6, 48(sp)
	sd	x7, 56(sp)
	sd	x8, 64(sp)
	sd	x9, 72(sp)
	sd	x10, 80(sp)
	sd	x11, 88(sp)
	sd	x12, 96(sp)
	sd	x13, 104(sp)
	sd	x14, 112(sp)
	sd	x15, 120(sp)
	sd	x16, 128(sp)
	sd	x17, 136(sp)
	sd	x18, 144(sp)
	sd	x19, 152(sp)
	sd	x20, 160(sp)
	sd	x21, 168(sp)
	sd	x22, 176(sp)
	sd	x23, 184(sp)
	sd	x24, 192(sp)
	sd	x25, 200(sp)
	sd	x26, 208(sp)
	sd	x27, 216(sp)
	sd	x28, 224(sp)
	sd	x29, 232(sp)
	sd	x30, 240(sp)
	sd	x31, 248(sp)
.endm

/* The same back, sp last (from its slot). */
.macro restore_regs
	ld	x1, 8(sp)
	ld	x3, 24(sp)
	ld	x4, 32(sp)
	ld	x5, 40(sp)
	ld	x6, 48(sp)
	ld	x7, 56(sp)
	ld	x8, 64(sp)
	ld	x9, 72(sp)
	ld	x10, 80(sp)
	ld	x11, 88(sp)
	ld	x12, 96(sp)
	ld	x13, 104(sp)
	ld	x14, 112(sp)
	ld	x15, 120(sp)
	ld	x16, 128(sp)
	ld	x17, 136(sp)
	ld	x18, 144(sp)
	ld	x19, 152(sp)
	ld	x20, 160(sp)
	ld	x21, 168(sp)
	ld	x22, 176(sp)
	ld	x23, 184(sp)
	ld	x24, 192(sp)
	ld	x25, 200(sp)
	ld	x26, 208(sp)
	ld	x27, 216(sp)
	ld	x28, 224(sp)
	ld	x29, 232(sp)
	ld	x30, 240(sp)
	ld	x31, 248(sp)
	ld	x2, 16(sp)
.endm

/* sp = top of the stack of the hart whose id is in \reg. Clobbers t1, t2. */
.macro set_cpu_stack reg
	lla	t1, per_cpu_data
	lla	t2, percpu_stride
	ld	t2, 0(t2)
	mul	t2, \reg, t2
	add	t1, t1, t2
	li	t2, STACK_SIZE
	add	sp, t1, t2
.endm

	.section .text.entry, "ax"
	.global arch_entry
	.type arch_entry, %function
	.align 2
arch_entry:
	/* Identity mapped: turning translation off changes nothing here. */
	csrw	satp, zero
	sfence.vma
	/* Only the first hart applies the relocations. */
	lla	t0, relocated
	lw	t1, 0(t0)
	bnez	t1, 2f
	lla	t2, __image_start
	lla	t3, __rela_start
	lla	t4, __rela_end
1:	bgeu	t3, t4, 3f
	lw	t6, 8(t3)
	li	t1, R_RISCV_RELATIVE
	bne	t6, t1, 4f
	ld	t5, 0(t3)
	ld	t6, 16(t3)
	add	t5, t5, t2
	add	t6, t6, t2
	sd	t6, 0(t5)
4:	addi	t3, t3, 24
	j	1b
3:	li	t1, 1
	sw	t1, 0(t0)
	fence	rw, rw
2:	mv	t0, sp
	set_cpu_stack a0
	addi	sp, sp, -FRAME_SIZE
	save_regs
	sd	t0, 16(sp)
	csrr	t0, sepc
	sd	t0, FRAME_SEPC(sp)
	/* Linux's sscratch goes in the unused x0 slot for arch_entry_c. */
	csrr	t0, sscratch
	sd	t0, 0(sp)
	csrw	sscratch, zero
	mv	a0, sp
	call	arch_entry_c
	bnez	a0, exit_to_linux
	j	return_to_guest

/*
 * A hart started by SBI HSM for a cell (or for root's CPU hotplug): HS
 * mode, translation off, a0 = hart id, a1 = its CPU id.
 */
	.global arch_secondary_entry
	.type arch_secondary_entry, %function
	.align 2
arch_secondary_entry:
	set_cpu_stack a1
	addi	sp, sp, -FRAME_SIZE
	csrw	sscratch, zero
	mv	a2, a0
	mv	a0, sp
	call	arch_secondary_entry_c
	j	return_to_guest

	.text
	.global trap_vector
	.align 2
trap_vector:
	csrrw	sp, sscratch, sp
	beqz	sp, hyp_trap
	addi	sp, sp, -FRAME_SIZE
	save_regs
	csrr	t0, sscratch
	sd	t0, 16(sp)
	csrw	sscratch, zero
	csrr	t0, sepc
	sd	t0, FRAME_SEPC(sp)
	csrr	t0, CSR_HSTATUS
	sd	t0, FRAME_HSTATUS(sp)
	mv	a0, sp
	call	arch_handle_trap
	bnez	a0, exit_to_linux

	.global return_to_guest
return_to_guest:
	ld	t0, FRAME_SEPC(sp)
	csrw	sepc, t0
	ld	t0, FRAME_HSTATUS(sp)
	csrw	CSR_HSTATUS, t0
	addi	t0, sp, FRAME_SIZE
	csrw	sscratch, t0
	restore_regs
	sret

/* The hypervisor trapped itself: a bug. Report and park. */
hyp_trap:
	csrrw	sp, sscratch, sp
	addi	sp, sp, -FRAME_SIZE
	save_regs
	csrr	t0, sepc
	sd	t0, FRAME_SEPC(sp)
	mv	a0, sp
	call	arch_hyp_fault
1:	wfi
	j	1b

/*
 * Back to Linux in HS mode. C has put Linux's CSRs back, stvec on the
 * driver's return stub and Linux's satp in the frame's t0.
 */
exit_to_linux:
	restore_regs
	csrw	satp, t0
	sfence.vma
	/* Not reached: this fetch faults into the stub. */
	j	.

/*
 * u16 guest_fetch_u16(u64 address, u64 *failed): half an instruction of
 * the guest at address (hlvx.hu, with the guest's privilege and both
 * translation stages). If the guest unmapped it meanwhile, the fault
 * lands at 1 and *failed is set. A trap here overwrites sepc, sstatus.SPP
 * and hstatus.SPV, which describe the guest: they are put back.
 */
	.global guest_fetch_u16
	.align 2
guest_fetch_u16:
	csrr	t1, stvec
	csrr	t3, sepc
	csrr	t4, sstatus
	csrr	t5, CSR_HSTATUS
	lla	t0, 1f
	csrw	stvec, t0
	li	a2, 0
	.4byte	0x64354573		/* hlvx.hu a0, (a0) */
	j	2f
	.align 2
1:	li	a2, 1
	li	a0, 0
2:	csrw	stvec, t1
	csrw	sepc, t3
	csrw	sstatus, t4
	csrw	CSR_HSTATUS, t5
	sd	a2, 0(a1)
	ret

/*
 * long arch_copy_guarded(void *dst, const void *src, u64 size) (core/arch.h):
 * a byte copy whose faults land at 2, which returns -EFAULT. As in
 * guest_fetch_u16, the CSRs a trap overwrites describe the guest and are
 * put back.
 */
	.global arch_copy_guarded
	.align 2
arch_copy_guarded:
	csrr	t1, stvec
	csrr	t3, sepc
	csrr	t4, sstatus
	csrr	t5, CSR_HSTATUS
	lla	t0, 2f
	csrw	stvec, t0
1:	beqz	a2, 3f
	lbu	t0, 0(a1)
	sb	t0, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	1b
	.align 2
2:	li	a0, -14			/* -EFAULT */
	j	4f
3:	li	a0, 0
4:	csrw	stvec, t1
	csrw	sepc, t3
	csrw	sstatus, t4
	csrw	CSR_HSTATUS, t5
	ret

	.data
	.align 2
relocated:
	.word	0
