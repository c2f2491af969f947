/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The PLIC as a cell sees it: the hypervisor traps every access and lets a
 * cell touch only its own interrupt sources and its own harts' S-mode
 * contexts. Registers are 32 bits wide and take only 32-bit accesses
 * (mmio_read32/mmio_write32).
 */
#ifndef _INMATE_ASM_PLIC_H
#define _INMATE_ASM_PLIC_H

#include <inmate/types.h>

/* QEMU virt numbers contexts 2h (M mode) and 2h + 1 (S mode) for hart h. */
#define PLIC_S_CONTEXT(hart)		(2 * (hart) + 1)

#define PLIC_PRIORITY(src)		(4 * (src))
#define PLIC_ENABLE(ctx, src)		(0x2000 + 0x80 * (ctx) + 4 * ((src) / 32))
#define PLIC_THRESHOLD(ctx)		(0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)			(PLIC_THRESHOLD(ctx) + 4)

/* Any non-zero priority beats threshold 0. */
#define PLIC_DEFAULT_PRIO		1

unsigned long plic_base(void);
/* The calling hart's S-mode context. */
unsigned int plic_context(void);

/* Priority, enable bit in the calling hart's context, threshold 0. */
void plic_enable_irq(unsigned int src);
void plic_disable_irq(unsigned int src);

/* 0: nothing (left) to handle. */
u32 plic_claim(void);
void plic_complete(u32 src);

#endif
