// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * GICv3 through the hypervisor's emulation: distributor and redistributors
 * trapped, the CPU interface behind the ICC_* system registers (gic.c
 * calls this when the cell has a GICv3).
 */
#include <inmate/comm.h>
#include <inmate/printk.h>
#include <asm/gic.h>
#include <asm/layout.h>
#include <asm/mmio.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include "internal.h"

#define ICC_SRE_SRE		(1 << 0)
#define ICC_CTLR_EOIMODE	(1 << 1)
#define ICC_IAR_INTID_MASK	0xffffff
/* Bounds the search if no frame carries the Last bit. */
#define GICR_MAX_FRAMES		256

static unsigned long redist_bases[INMATE_MAX_CPUS];

/* GICR_TYPER keeps Aff3..Aff0 packed in bits 63:32. */
static u64 typer_affinity(u64 mpidr)
{
	return ((mpidr >> 32 & 0xff) << 24) | (mpidr & 0xffffff);
}

static unsigned long find_redist(void)
{
	u64 region = comm_region()->irqchip_cpu_base;
	unsigned long frame = region ? region : INMATE_GICR_DEFAULT;
	u64 aff = typer_affinity(cpu_mpidr());
	unsigned int n;

	for (n = 0; n < GICR_MAX_FRAMES; n++) {
		u64 typer = mmio_read64(frame + GICR_TYPER);

		if (typer >> 32 == aff)
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
		/* GICv4 adds two frames for virtual LPIs. */
		frame += (typer & GICR_TYPER_VLPIS ? 4 : 2) * GICR_FRAME_SIZE;
	}
	return 0;
}

unsigned long gic_redist_base(void)
{
	unsigned int cpu = cpu_index();

	if (gic_version() != 3)
		return 0;
	if (!redist_bases[cpu])
		redist_bases[cpu] = find_redist();
	return redist_bases[cpu];
}

int gicv3_init(void)
{
	write_sysreg(read_sysreg(icc_sre_el1) | ICC_SRE_SRE, icc_sre_el1);
	isb();
	write_sysreg(0xff, icc_pmr_el1);
	write_sysreg(0, icc_bpr1_el1);
	/* EOImode 0: one EOIR write both drops priority and deactivates. */
	write_sysreg(read_sysreg(icc_ctlr_el1) & ~ICC_CTLR_EOIMODE,
		     icc_ctlr_el1);
	write_sysreg(1, icc_igrpen1_el1);
	isb();

	if (gic_redist_base()) {
#ifdef INMATE_BARE
		bare_gic_setup(gic_dist_base(), gic_redist_base());
#endif
		return 0;
	}
	printk("gic: no redistributor for MPIDR 0x%llx\n", cpu_mpidr());
	return -1;
}

static void set_bit32(unsigned long reg, unsigned int bit)
{
	mmio_write32(reg, mmio_read32(reg) | 1U << bit);
}

static void enable_private(unsigned int irq)
{
	unsigned long rd = gic_redist_base();

	if (!rd)
		return;
	set_bit32(rd + GICR_IGROUPR0, irq);
	gic_set_priority(rd + GICR_IPRIORITYR(0), irq);
	mmio_write32(rd + GICR_ISENABLER0, 1U << irq);
}

static void enable_shared(unsigned int irq)
{
	unsigned long dist = gic_dist_base();

	/* IROUTER takes the affinity in the MPIDR layout, IRM clear. */
	mmio_write64(dist + GICD_IROUTER(irq), cpu_mpidr());
	set_bit32(dist + GICD_IGROUPR(irq / 32), irq % 32);
	gic_set_priority(dist + GICD_IPRIORITYR(0), irq);
	mmio_write32(dist + GICD_ISENABLER(irq / 32), 1U << (irq % 32));
}

void gicv3_enable_irq(unsigned int irq)
{
	if (irq < GIC_FIRST_SPI)
		enable_private(irq);
	else
		enable_shared(irq);
}

u32 gicv3_ack(void)
{
	return read_sysreg(icc_iar1_el1) & ICC_IAR_INTID_MASK;
}

void gicv3_eoi(u32 irq)
{
	write_sysreg(irq, icc_eoir1_el1);
	isb();
}

void gic_write_sgi1r(u64 val)
{
	/* Data the receiver will look at must be visible before the SGI. */
	dsb(ish);
	write_sysreg(val, icc_sgi1r_el1);
	isb();
}

void gicv3_send_sgi(u64 mpidr, unsigned int sgi)
{
	unsigned int aff0 = mpidr & 0xff;

	gic_write_sgi1r(ICC_SGI1R_INTID(sgi) |
			ICC_SGI1R_AFF1(mpidr >> 8 & 0xff) |
			ICC_SGI1R_AFF2(mpidr >> 16 & 0xff) |
			ICC_SGI1R_AFF3(mpidr >> 32 & 0xff) |
			ICC_SGI1R_RS(aff0 / 16) |
			ICC_SGI1R_TARGETS(1U << (aff0 % 16)));
}
