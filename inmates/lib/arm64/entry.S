/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Startup. The boot CPU enters at _start, address 0; CPUs started through
 * smp_start_cpu() enter at secondary_entry with their index in x0. Both
 * come in at EL1 with the MMU off and no stack.
 *
 * A secondary CPU writes nothing to memory until its MMU and caches are on:
 * the boot CPU's caches may hold lines of that memory already, which would
 * hide writes that went around them.
 */
#include <asm/layout.h>

/* Attr0 Device-nGnRnE, Attr1 normal write-back; see mmu.c. */
#define MAIR_VALUE	0xff00
/* 4 GiB of VA from TTBR0, 4 KiB granule, inner-shareable write-back
 * walks; no TTBR1 walks; 32-bit output addresses. */
#define TCR_VALUE	(32 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | \
			 (2 << 30))
/* RES1 bits, M, C, SA, SA0, I; little-endian, no alignment checks. */
#define SCTLR_VALUE	(0x30d00800 | (1 << 0) | (1 << 2) | (1 << 3) | \
			 (1 << 4) | (1 << 12))

/* sp = top of the stack of CPU \idx. Clobbers x1..x3. */
.macro set_stack idx
	adrp	x1, __stacks
	add	x1, x1, :lo12:__stacks
	add	x2, \idx, #1
	mov	x3, #INMATE_STACK_SIZE
	madd	x1, x2, x3, x1
	mov	sp, x1
.endm

.macro set_vectors
	adrp	x1, exception_vectors
	add	x1, x1, :lo12:exception_vectors
	msr	vbar_el1, x1
	isb
.endm

	.section .text.entry, "ax"
	.global _start
_start:
	msr	daifset, #0xf
	mov	x19, #0
	msr	tpidr_el1, x19
	mov	x29, #0
	set_stack x19
	set_vectors

	/* Before anything lives in .bss; the stacks are part of it. */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:
	bl	mmu_build_tables
	bl	mmu_enable
	b	boot_main

	.text
	.global secondary_entry
	.type secondary_entry, %function
secondary_entry:
	msr	daifset, #0xf
	/* Index 0 is the boot CPU's stack; beyond the last there is none. */
	cbz	x0, park
	cmp	x0, #INMATE_MAX_CPUS
	b.hs	park
	mov	x19, x0
	msr	tpidr_el1, x19
	mov	x29, #0
	set_vectors
	bl	mmu_enable
	set_stack x19
	mov	x0, x19
	b	secondary_main

park:
	wfe
	b	park

/* Uses the tables the boot CPU built; touches no memory itself. */
	.type mmu_enable, %function
mmu_enable:
	mov	x1, #MAIR_VALUE
	msr	mair_el1, x1
	ldr	x1, =TCR_VALUE
	msr	tcr_el1, x1
	adrp	x1, mmu_l1_table
	msr	ttbr0_el1, x1
	isb
	/* Nothing cached from before the cell started may be used. */
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	ldr	x1, =SCTLR_VALUE
	msr	sctlr_el1, x1
	isb
	ret
	.ltorg

	.section .bss.stacks, "aw", %nobits
	.balign 16
__stacks:
	.space	INMATE_STACK_SIZE * INMATE_MAX_CPUS
