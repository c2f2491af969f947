/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The trap vector (stvec, direct mode). Saves the caller-saved registers
 * in a frame whose layout is struct trap_frame and calls
 * trap_dispatch(frame, scause, stval); sepc and sstatus are saved too, so
 * a trap inside a handler could still return. tp (the CPU index), gp and
 * the callee-saved registers are left alone: nothing below changes them.
 */
#define FRAME_SIZE	(18 * 8)	/* a multiple of 16, as sp must stay */

	.text
	.balign	4
	.global trap_vector
trap_vector:
	addi	sp, sp, -FRAME_SIZE
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	a0, 32(sp)
	sd	a1, 40(sp)
	sd	a2, 48(sp)
	sd	a3, 56(sp)
	sd	a4, 64(sp)
	sd	a5, 72(sp)
	sd	a6, 80(sp)
	sd	a7, 88(sp)
	sd	t3, 96(sp)
	sd	t4, 104(sp)
	sd	t5, 112(sp)
	sd	t6, 120(sp)
	csrr	t0, sepc
	sd	t0, 128(sp)
	csrr	t0, sstatus
	sd	t0, 136(sp)

	mv	a0, sp
	csrr	a1, scause
	csrr	a2, stval
	call	trap_dispatch

	ld	t0, 136(sp)
	csrw	sstatus, t0
	ld	t0, 128(sp)
	csrw	sepc, t0
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	a0, 32(sp)
	ld	a1, 40(sp)
	ld	a2, 48(sp)
	ld	a3, 56(sp)
	ld	a4, 64(sp)
	ld	a5, 72(sp)
	ld	a6, 80(sp)
	ld	a7, 88(sp)
	ld	t3, 96(sp)
	ld	t4, 104(sp)
	ld	t5, 112(sp)
	ld	t6, 120(sp)
	addi	sp, sp, FRAME_SIZE
	sret
