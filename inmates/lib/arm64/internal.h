/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Links between the startup code and the C parts of the library. */
#ifndef _INMATE_ARM64_INTERNAL_H
#define _INMATE_ARM64_INTERNAL_H

#include <inmate/types.h>
#include "../common/startup.h"

/* Saved by vectors.S; the layout is shared with it. */
struct exception_frame {
	u64 x[19];
	u64 fp;
	u64 lr;
	u64 elr;
	u64 spsr;
	u64 pad;
};

/* Vector table slot numbers, as vectors.S passes them. */
#define VECTOR_TYPE(v)		((v) & 3)
#define VECTOR_SOURCE(v)	((v) >> 2)
#define VECTOR_IRQ		1
#define VECTOR_FROM_SPX		1

void exception_dispatch(unsigned long vector, struct exception_frame *frame);
void irq_dispatch(void);

void mmu_build_tables(void);

/* gic.c: what gicv2.c and gicv3.c share. */
void gic_set_byte(unsigned long reg, unsigned int byte, u8 val);
/* GIC_DEFAULT_PRIO for irq in the IPRIORITYR array at prio_regs. */
void gic_set_priority(unsigned long prio_regs, unsigned int irq);
/* gicv2.c and gicv3.c: the API of asm/gic.h, gic.c picks one. */
int gicv2_init(void);
void gicv2_enable_irq(unsigned int irq);
u32 gicv2_ack(void);
void gicv2_eoi(u32 irq);
int gicv3_init(void);
void gicv3_enable_irq(unsigned int irq);
u32 gicv3_ack(void);
void gicv3_eoi(u32 irq);
void gicv3_send_sgi(u64 mpidr, unsigned int sgi);

#ifdef INMATE_BARE
/* qemu-bare.c: the machine without a hypervisor. */
void bare_console_putc(char c);
void bare_gic_setup(unsigned long dist, unsigned long redist);
void bare_gicv2_setup(unsigned long dist);
#endif

extern char secondary_entry[];
extern u64 mmu_l1_table[];

#endif
