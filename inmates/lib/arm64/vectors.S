/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Exception vectors. Each slot passes its number (0..15) to
 * exception_dispatch() with the caller-saved registers in a frame whose
 * layout is struct exception_frame; ELR and SPSR are saved too, so a fault
 * inside a handler could still return.
 */
#define FRAME_SIZE	192

.macro vector num
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\num
	b	exception_common
.endm

	.section .text.vectors, "ax"
	.balign	2048
	.global exception_vectors
exception_vectors:
	.irp	num, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vector	\num
	.endr

exception_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x30, x2, [sp, #160]
	str	x3, [sp, #176]

	mov	x1, sp
	bl	exception_dispatch

	ldr	x3, [sp, #176]
	ldp	x30, x2, [sp, #160]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x18, x29, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
