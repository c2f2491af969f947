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

#ifdef INMATE_BARE
/* qemu-bare.c: the machine without a hypervisor. */
void bare_console_putc(char c);
void bare_gic_setup(unsigned long dist, unsigned long redist);
#endif

extern char secondary_entry[];
extern u64 mmu_l1_table[];

#endif
