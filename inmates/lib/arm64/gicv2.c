// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * GICv2 (GIC-400 class) through the hypervisor: the distributor is trapped
 * and filtered (interrupts the cell owns, and its own CPUs' banked SGI and
 * PPI registers), the CPU interface at the comm region's irqchip_cpu_base
 * is the hardware's virtual CPU interface, reached directly. Injected
 * interrupts are group 0. gic.c calls this when the cell has a GICv2.
 */
#include <inmate/comm.h>
#include <asm/gic.h>
#include <asm/layout.h>
#include <asm/mmio.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include "internal.h"

/*
 * Each CPU's interface mask, as it read it in gic_init(): SGIs name their
 * targets by interface, and nothing ties an interface number to an MPIDR.
 */
static struct {
	u64 mpidr;
	u32 mask;
} cpus[INMATE_MAX_CPUS];

/* Each CPU's last acknowledged IAR: an SGI's EOI must repeat its CPUID. */
static u32 last_iar[INMATE_MAX_CPUS];

unsigned long gic_cpu_base(void)
{
	u64 base = comm_region()->irqchip_cpu_base;

	if (gic_version() != 2)
		return 0;
	return base ? base : INMATE_GICC_DEFAULT;
}

/* QEMU numbers the interfaces like the CPUs: interface n is Aff0 n. */
static u32 aff0_mask(u64 mpidr)
{
	unsigned int aff0 = mpidr & 0xff;

	return aff0 < GIC_V2_MAX_CPUS ? 1U << aff0 : 0;
}

u32 gic_cpu_mask(u64 mpidr)
{
	unsigned int n;

	mpidr &= MPIDR_AFF_MASK;
	for (n = 0; n < INMATE_MAX_CPUS; n++)
		if (cpus[n].mask && cpus[n].mpidr == mpidr)
			return cpus[n].mask;
	return aff0_mask(mpidr);
}

int gicv2_init(void)
{
	unsigned long cpu = gic_cpu_base();
	unsigned long dist = gic_dist_base();
	unsigned int idx = cpu_index();
	u32 ctlr, mask;

#ifdef INMATE_BARE
	bare_gicv2_setup(dist);
#endif
	/*
	 * Byte 0 of the banked GICD_ITARGETSR0 is the reading CPU's own
	 * interface; 0 on a GIC with one interface.
	 */
	mask = mmio_read32(dist + GICD_ITARGETSR(0)) & 0xff;
	if (idx < INMATE_MAX_CPUS) {
		cpus[idx].mpidr = cpu_mpidr();
		cpus[idx].mask = mask ? mask : aff0_mask(cpu_mpidr());
	}

	mmio_write32(cpu + GICC_PMR, 0xff);
	mmio_write32(cpu + GICC_BPR, 0);
	/* EOImode 0: one EOIR write both drops priority and deactivates. */
	ctlr = mmio_read32(cpu + GICC_CTLR);
	mmio_write32(cpu + GICC_CTLR,
		     (ctlr & ~GICC_CTLR_EOIMODE) | GICC_CTLR_ENABLE_GRP0);
	return 0;
}

void gicv2_enable_irq(unsigned int irq)
{
	unsigned long dist = gic_dist_base();

	if (irq >= GIC_FIRST_SPI)
		gic_set_byte(dist + GICD_ITARGETSR(irq / 4), irq % 4,
			     gic_cpu_mask(cpu_mpidr()));
	gic_set_priority(dist + GICD_IPRIORITYR(0), irq);
	mmio_write32(dist + GICD_ISENABLER(irq / 32), 1U << (irq % 32));
}

u32 gicv2_ack(void)
{
	u32 iar = mmio_read32(gic_cpu_base() + GICC_IAR);

	last_iar[cpu_index()] = iar;
	return iar & GICC_IAR_INTID_MASK;
}

void gicv2_eoi(u32 irq)
{
	u32 iar = last_iar[cpu_index()];

	if ((iar & GICC_IAR_INTID_MASK) != irq)
		iar = irq;
	mmio_write32(gic_cpu_base() + GICC_EOIR, iar);
}

void gic_write_sgir(u32 val)
{
	/* Data the receiver will look at must be visible before the SGI. */
	dsb(ish);
	mmio_write32(gic_dist_base() + GICD_SGIR, val);
}
