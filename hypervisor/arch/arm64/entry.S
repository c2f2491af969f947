/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 entry and exception vectors.
 *
 * The driver enters through Linux's hyp stub with HVC_SOFT_RESTART, which
 * branches here at EL2 with the MMU off, x0..x2 = our arguments, VBAR_EL2
 * still pointing at the stub, and ELR_EL2/SPSR_EL2 holding the return to
 * Linux right after its hvc. So the first entry looks like a trap: we save
 * Linux's registers in a frame, set up, and return through the common exit.
 */
#define FRAME_SIZE	256
#define STACK_SIZE	16384
#define R_AARCH64_RELATIVE 1027

.macro save_frame
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
.endm

.macro restore_frame
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
.endm

/* x0 = CPU id: sp = top of that CPU's stack. Clobbers x9, x10. */
.macro set_cpu_stack
	adrp	x9, per_cpu_data
	add	x9, x9, :lo12:per_cpu_data
	adrp	x10, percpu_stride
	ldr	x10, [x10, :lo12:percpu_stride]
	madd	x9, x0, x10, x9
	add	x9, x9, #STACK_SIZE
	mov	sp, x9
.endm

	.section .text.entry, "ax"
	.global arch_entry
	.type arch_entry, %function
arch_entry:
	/* Only the first CPU applies the relocations; MMU is off, so plain
	 * stores go straight to memory. */
	adrp	x9, relocated
	add	x9, x9, :lo12:relocated
	ldr	w10, [x9]
	cbnz	w10, 2f
	adr	x11, __image_start
	adrp	x12, __rela_start
	add	x12, x12, :lo12:__rela_start
	adrp	x13, __rela_end
	add	x13, x13, :lo12:__rela_end
1:	cmp	x12, x13
	b.hs	3f
	ldp	x14, x15, [x12], #16
	ldr	x16, [x12], #8
	cmp	x15, #R_AARCH64_RELATIVE
	b.ne	1b
	add	x16, x16, x11
	str	x16, [x11, x14]
	b	1b
3:	mov	w10, #1
	str	w10, [x9]
2:	set_cpu_stack
	save_frame
	mrs	x3, vbar_el2
	bl	arch_entry_c
	str	x0, [sp, #0]
	b	return_to_cell

/*
 * A CPU the root cell switched on with PSCI CPU_ON: EL2, MMU off,
 * x0 = CPU id. It enters Linux where Linux asked, set up by C.
 */
	.global arch_secondary_entry
	.type arch_secondary_entry, %function
arch_secondary_entry:
	set_cpu_stack
	save_frame
	mov	x0, sp
	bl	arch_secondary_entry_c
	b	return_to_cell

	.text
	.global return_to_cell
return_to_cell:
	restore_frame
	eret

/*
 * Leave the hypervisor on this CPU: x0 = Linux's stub vectors. C has
 * restored the EL1-visible state; turn the MMU off (the code is identity
 * mapped) and go back to Linux with the stub in place.
 */
disable_return:
	mrs	x9, sctlr_el2
	bic	x9, x9, #1
	bic	x9, x9, #(1 << 2)
	bic	x9, x9, #(1 << 12)
	msr	sctlr_el2, x9
	isb
	msr	vbar_el2, x0
	tlbi	alle2
	dsb	ish
	isb
	restore_frame
	eret

.macro vector_trap handler
	.align 7
	save_frame
	mov	x0, sp
	bl	\handler
	cbnz	x0, disable_return
	b	return_to_cell
.endm

.macro vector_invalid
	.align 7
	save_frame
	mov	x0, sp
	bl	arch_hyp_fault
	b	.
.endm

	.align 11
	.global hyp_vectors
hyp_vectors:
	/* current EL with SP_EL0: never used */
	vector_invalid
	vector_invalid
	vector_invalid
	vector_invalid
	/* current EL with SP_EL2: the hypervisor itself faulted */
	vector_invalid
	vector_invalid
	vector_invalid
	vector_invalid
	/* lower EL, AArch64: the cells */
	vector_trap arch_handle_trap
	vector_trap arch_handle_irq
	vector_trap arch_handle_irq
	vector_trap arch_handle_serror
	/* lower EL, AArch32: cells are AArch64 only */
	vector_invalid
	vector_invalid
	vector_invalid
	vector_invalid

/*
 * long arch_copy_guarded(void *dst, const void *src, u64 size) (core/arch.h):
 * a byte copy under copy_vectors, where a synchronous exception at EL2
 * returns -EFAULT. The registers an exception overwrites describe the
 * cell's CPU (the trap being handled) and are put back.
 */
	.global arch_copy_guarded
arch_copy_guarded:
	mrs	x9, vbar_el2
	mrs	x10, elr_el2
	mrs	x11, spsr_el2
	mrs	x12, esr_el2
	mrs	x13, far_el2
	adr	x14, copy_vectors
	msr	vbar_el2, x14
	isb
1:	cbz	x2, 2f
	ldrb	w15, [x1], #1
	strb	w15, [x0], #1
	sub	x2, x2, #1
	b	1b
2:	mov	x0, #0
3:	msr	vbar_el2, x9
	msr	elr_el2, x10
	msr	spsr_el2, x11
	msr	esr_el2, x12
	msr	far_el2, x13
	isb
	ret
copy_fault:
	mov	x0, #-14		/* -EFAULT */
	b	3b

/* hyp_vectors, but a synchronous exception at EL2 is a failed copy. */
.macro vector_to offset
	.align 7
	b	hyp_vectors + \offset
.endm
.macro vector_copy_fault
	.align 7
	b	copy_fault
.endm
	.align 11
copy_vectors:
	vector_copy_fault
	vector_to 0x080
	vector_to 0x100
	vector_to 0x180
	vector_copy_fault
	vector_to 0x280
	vector_to 0x300
	vector_to 0x380
	vector_to 0x400
	vector_to 0x480
	vector_to 0x500
	vector_to 0x580
	vector_to 0x600
	vector_to 0x680
	vector_to 0x700
	vector_to 0x780

	.data
	.align 2
relocated:
	.word	0
