/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * GICv3 as a cell sees it: the distributor and redistributors are emulated
 * by the hypervisor, the CPU interface is the virtual one behind the ICC_*
 * system registers.
 */
#ifndef _INMATE_ASM_GIC_H
#define _INMATE_ASM_GIC_H

#include <inmate/types.h>

#define GIC_FIRST_PPI		16
#define GIC_FIRST_SPI		32
/* ICC_IAR1_EL1 returns 1020..1023 when there is nothing to handle. */
#define GIC_SPURIOUS_MIN	1020
#define GIC_DEFAULT_PRIO	0xa0

/* Distributor registers. */
#define GICD_CTLR		0x0000
#define GICD_IGROUPR(n)		(0x0080 + 4 * (n))
#define GICD_ISENABLER(n)	(0x0100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x0180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x0400 + 4 * (n))
#define GICD_IROUTER(irq)	(0x6000 + 8 * (irq))

/* Redistributor RD_base frame. */
#define GICR_TYPER		0x0008
#define GICR_TYPER_VLPIS	(1ULL << 1)
#define GICR_TYPER_LAST		(1ULL << 4)
#define GICR_FRAME_SIZE		0x10000
/* Redistributor SGI_base frame, the second of the CPU's frames. */
#define GICR_SGI_BASE		GICR_FRAME_SIZE
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR(n)	(GICR_SGI_BASE + 0x0400 + 4 * (n))

/* ICC_SGI1R_EL1 fields. */
#define ICC_SGI1R_TARGETS(list)	((u64)(list) & 0xffff)
#define ICC_SGI1R_AFF1(a)	((u64)(a) << 16)
#define ICC_SGI1R_INTID(i)	((u64)((i) & 0xf) << 24)
#define ICC_SGI1R_AFF2(a)	((u64)(a) << 32)
#define ICC_SGI1R_IRM		(1ULL << 40)
#define ICC_SGI1R_RS(r)		((u64)((r) & 0xf) << 44)
#define ICC_SGI1R_AFF3(a)	((u64)(a) << 48)

unsigned long gic_dist_base(void);
/* The calling CPU's RD_base frame, 0 if none matches its MPIDR. */
unsigned long gic_redist_base(void);

/* Per CPU: CPU interface on, own redistributor located. 0 or -1. */
int gic_init(void);
/* SPIs are routed to the calling CPU; SGIs and PPIs use its redistributor. */
void gic_enable_irq(unsigned int irq);
void gic_disable_irq(unsigned int irq);

u32 gic_ack(void);
void gic_eoi(u32 irq);

/* mpidr: a CPU of the same cell; others are dropped by the hypervisor. */
void gic_send_sgi(u64 mpidr, unsigned int sgi);
void gic_send_sgi_others(unsigned int sgi);
/* Raw ICC_SGI1R_EL1 write, for tests that need an exact value. */
void gic_write_sgi1r(u64 val);

#endif
