/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Startup. The boot hart enters at _start, the first byte of the image,
 * with a0 = its hart id; harts started through smp_start_cpu() (SBI HSM
 * HART_START) enter at secondary_entry with a0 = hart id, a1 = their CPU
 * index. Both come in with translation off, interrupts off and no stack.
 * Nothing else is needed: without translation, RAM is ordinary memory with
 * atomics, and harts' caches are coherent.
 */
#include <asm/csr.h>
#include <asm/layout.h>

/* sp = top of the stack of CPU \idx. Clobbers t0, t1. */
.macro set_stack idx
	la	t0, __stacks
	addi	t1, \idx, 1
	li	sp, INMATE_STACK_SIZE
	mul	t1, t1, sp
	add	sp, t0, t1
.endm

/* Direct mode: every trap enters trap_vector (4-byte aligned). */
.macro set_trap_vector
	la	t0, trap_vector
	csrw	stvec, t0
.endm

/* Interrupts off whatever we were told; a0 = hart id to sscratch. */
.macro cpu_setup
	csrw	sie, zero
	csrci	sstatus, SSTATUS_SIE
	csrw	sscratch, a0
	li	ra, 0
	li	s0, 0
.endm

	.section .text.entry, "ax"
	.global _start
_start:
	cpu_setup
	/* The image was just written by another hart: fetch it afresh. */
	fence.i
	li	tp, 0
	set_stack tp
	set_trap_vector

	/* Before anything lives in .bss; the stacks are part of it. */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
#ifdef INMATE_BARE
	/* a0: still this hart's id */
	call	bare_park_harts
#endif
	tail	boot_main

	.text
	.global secondary_entry
	.type secondary_entry, %function
secondary_entry:
	cpu_setup
	/* Index 0 is the boot CPU's stack; beyond the last there is none. */
	beqz	a1, park
	li	t0, INMATE_MAX_CPUS
	bgeu	a1, t0, park
	fence.i
	mv	tp, a1
	set_stack tp
	set_trap_vector
	mv	a0, a1
	tail	secondary_main

park:
	wfi
	j	park

	.section .bss.stacks, "aw", %nobits
	.balign 16
__stacks:
	.space	INMATE_STACK_SIZE * INMATE_MAX_CPUS
