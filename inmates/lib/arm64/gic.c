// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The GIC API of asm/gic.h: picks GICv3 (gicv3.c) or GICv2 (gicv2.c) once,
 * from the comm region (a BARE=1 build: from the distributor's
 * identification), and keeps what both share. Registers are only ever
 * accessed 32 or 64 bits wide; byte-wide priority and target registers are
 * updated by read-modify-write of their word, and the emulation masks the
 * bytes of interrupts the cell does not own.
 */
#include <bulkhead/cell-config.h>
#include <inmate/comm.h>
#include <asm/gic.h>
#include <asm/layout.h>
#include <asm/mmio.h>
#include "internal.h"

/* 0 until the first call of gic_version(); every CPU finds the same. */
static unsigned int version;

unsigned long gic_dist_base(void)
{
	u64 base = comm_region()->irqchip_base;

	return base ? base : INMATE_GICD_DEFAULT;
}

#ifdef INMATE_BARE
/*
 * No hypervisor to ask. A GICv2 distributor has its identification at
 * 0xfe8 (GIC-400 and QEMU: ArchRev 2, 1 on older parts); a GICv3 has it at
 * 0xffe8, where a GICv2 distributor (4 KiB) may not even decode, and reads
 * 0xfe8 as 0 (reserved).
 */
static unsigned int find_version(void)
{
	u32 rev = mmio_read32(gic_dist_base() + GICD_PIDR2_V2) >> 4 & 0xf;

	return rev == 1 || rev == 2 ? 2 : 3;
}
#else
static unsigned int find_version(void)
{
	/* A comm region without a type (older hypervisor): GICv3. */
	return comm_region()->irqchip_type == BULKHEAD_IRQCHIP_GICV2 ? 2 : 3;
}
#endif

unsigned int gic_version(void)
{
	if (!version)
		version = find_version();
	return version;
}

void gic_set_priority(unsigned long prio_regs, unsigned int irq)
{
	gic_set_byte(prio_regs + 4 * (irq / 4), irq % 4, GIC_DEFAULT_PRIO);
}

void gic_set_byte(unsigned long reg, unsigned int byte, u8 val)
{
	unsigned int shift = 8 * byte;
	u32 word = mmio_read32(reg);

	word &= ~(0xffU << shift);
	word |= (u32)val << shift;
	mmio_write32(reg, word);
}

int gic_init(void)
{
	return gic_version() == 2 ? gicv2_init() : gicv3_init();
}

void gic_enable_irq(unsigned int irq)
{
	if (gic_version() == 2)
		gicv2_enable_irq(irq);
	else
		gicv3_enable_irq(irq);
}

void gic_disable_irq(unsigned int irq)
{
	unsigned long rd;

	if (irq >= GIC_FIRST_SPI || gic_version() == 2) {
		mmio_write32(gic_dist_base() + GICD_ICENABLER(irq / 32),
			     1U << (irq % 32));
		return;
	}
	rd = gic_redist_base();
	if (rd)
		mmio_write32(rd + GICR_ICENABLER0, 1U << irq);
}

u32 gic_ack(void)
{
	return gic_version() == 2 ? gicv2_ack() : gicv3_ack();
}

void gic_eoi(u32 irq)
{
	if (gic_version() == 2)
		gicv2_eoi(irq);
	else
		gicv3_eoi(irq);
}

void gic_send_sgi(u64 mpidr, unsigned int sgi)
{
	if (gic_version() == 2)
		gic_write_sgir(GICD_SGIR_LIST | GICD_SGIR_TARGETS(gic_cpu_mask(mpidr)) |
			       GICD_SGIR_INTID(sgi));
	else
		gicv3_send_sgi(mpidr, sgi);
}

void gic_send_sgi_others(unsigned int sgi)
{
	if (gic_version() == 2)
		gic_write_sgir(GICD_SGIR_OTHERS | GICD_SGIR_INTID(sgi));
	else
		gic_write_sgi1r(ICC_SGI1R_INTID(sgi) | ICC_SGI1R_IRM);
}
