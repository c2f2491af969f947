/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The GIC as a cell sees it, GICv3 or GICv2 (the comm region's
 * irqchip_type says which; a BARE=1 build asks the distributor). The
 * distributor (GICv3: and the redistributors) is emulated by the
 * hypervisor; the CPU interface is the virtual one, behind the ICC_* system
 * registers on GICv3, memory-mapped at the comm region's irqchip_cpu_base
 * on GICv2. The API is the same for both.
 */
#ifndef _INMATE_ASM_GIC_H
#define _INMATE_ASM_GIC_H

#include <inmate/types.h>

#define GIC_FIRST_PPI		16
#define GIC_FIRST_SPI		32
/* Acknowledging returns 1020..1023 when there is nothing to handle. */
#define GIC_SPURIOUS_MIN	1020
#define GIC_DEFAULT_PRIO	0xa0

/* Distributor registers, both versions. */
#define GICD_CTLR		0x0000
#define GICD_IGROUPR(n)		(0x0080 + 4 * (n))
#define GICD_ISENABLER(n)	(0x0100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x0180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x0400 + 4 * (n))
/* GICv3 with affinity routing. */
#define GICD_IROUTER(irq)	(0x6000 + 8 * (irq))
/* GICv2 only: one byte per interrupt, a mask of CPU interfaces. */
#define GICD_ITARGETSR(n)	(0x0800 + 4 * (n))
#define GICD_SGIR		0x0f00
/* GICv2 identification; ArchRev in bits 7:4 (GICv3 keeps its at 0xffe8). */
#define GICD_PIDR2_V2		0x0fe8

/* GICD_SGIR fields (GICv2). */
#define GICD_SGIR_INTID(i)	((u32)(i) & 0xf)
#define GICD_SGIR_TARGETS(m)	(((u32)(m) & 0xff) << 16)
#define GICD_SGIR_LIST		(0U << 24)	/* the CPUs in TARGETS */
#define GICD_SGIR_OTHERS	(1U << 24)	/* all CPUs but the sender */
#define GICD_SGIR_SELF		(2U << 24)	/* the sender only */

/* GICv2 CPU interface (a cell's is the virtual one, GICV, 8 KiB). */
#define GICC_CTLR		0x0000
#define GICC_CTLR_ENABLE_GRP0	(1U << 0)
#define GICC_CTLR_EOIMODE	(3U << 9)	/* EOImode(S) and EOImodeNS */
#define GICC_PMR		0x0004
#define GICC_BPR		0x0008
#define GICC_IAR		0x000c
#define GICC_EOIR		0x0010
#define GICC_IAR_INTID_MASK	0x3ff
/* An SGI's requesting CPU interface, which its EOIR write must repeat. */
#define GICC_IAR_CPUID_MASK	(7U << 10)
/* A GICv2 has at most 8 CPU interfaces. */
#define GIC_V2_MAX_CPUS		8

/* GICv3 redistributor RD_base frame. */
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

/* ICC_SGI1R_EL1 fields (GICv3). */
#define ICC_SGI1R_TARGETS(list)	((u64)(list) & 0xffff)
#define ICC_SGI1R_AFF1(a)	((u64)(a) << 16)
#define ICC_SGI1R_INTID(i)	((u64)((i) & 0xf) << 24)
#define ICC_SGI1R_AFF2(a)	((u64)(a) << 32)
#define ICC_SGI1R_IRM		(1ULL << 40)
#define ICC_SGI1R_RS(r)		((u64)((r) & 0xf) << 44)
#define ICC_SGI1R_AFF3(a)	((u64)(a) << 48)

/* 2 or 3: the GIC architecture version the cell has. */
unsigned int gic_version(void);
unsigned long gic_dist_base(void);
/* GICv3: the calling CPU's RD_base frame, 0 if none matches its MPIDR or on GICv2. */
unsigned long gic_redist_base(void);
/* GICv2: the (virtual) CPU interface; 0 on GICv3. */
unsigned long gic_cpu_base(void);
/*
 * GICv2: the CPU interface mask of the cell's CPU mpidr (what GICD_SGIR
 * and GICD_ITARGETSR take), as that CPU found it in gic_init(); before
 * that, or for a CPU outside the cell, 1 << Aff0 (0 if Aff0 >= 8).
 */
u32 gic_cpu_mask(u64 mpidr);

/*
 * Per CPU: CPU interface on (PMR 0xff, BPR 0, EOImode 0, GICv3 group 1 /
 * GICv2 group 0), GICv3: own redistributor located, GICv2: own interface
 * mask read from GICD_ITARGETSR0. 0 or -1.
 */
int gic_init(void);
/*
 * Priority GIC_DEFAULT_PRIO, enabled; an SPI is routed (GICv3) or targeted
 * (GICv2) at the calling CPU. SGIs and PPIs: GICv3 in the own
 * redistributor, GICv2 in the distributor's banked registers.
 */
void gic_enable_irq(unsigned int irq);
void gic_disable_irq(unsigned int irq);

/* The INTID; pass it to gic_eoi() on the same CPU, before the next ack. */
u32 gic_ack(void);
void gic_eoi(u32 irq);

/* mpidr: a CPU of the same cell; others are dropped by the hypervisor. */
void gic_send_sgi(u64 mpidr, unsigned int sgi);
void gic_send_sgi_others(unsigned int sgi);
/* Raw writes, for tests that need an exact value: GICv3 ICC_SGI1R_EL1... */
void gic_write_sgi1r(u64 val);
/* ...and GICv2 GICD_SGIR. */
void gic_write_sgir(u32 val);

#endif
