// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Tries to disable, reprioritise and steal interrupts of the root cell
 * through the emulated distributor: SPI 33 (root's UART) and SPI 79 (root's
 * virtio console); then to disable the hypervisor's own interrupts (SGI 15,
 * maintenance PPI 25) in its own CPU's banked registers (GICv3: the
 * redistributor, GICv2: the distributor). The emulation must ignore the
 * writes and hide those interrupts, so the read-backs show 0 in their
 * fields, root keeps its console and the hypervisor keeps control of the
 * cell's CPU. GICv3 routes SPIs through GICD_IROUTER, GICv2 through
 * GICD_ITARGETSR: the lines name the register used.
 */
#include <inmate.h>
#include "hostile-targets.h"

static u32 bit_of(unsigned int irq)
{
	return 1U << (irq % 32);
}

static const char *set_or_clear(u32 val, unsigned int irq)
{
	return val & bit_of(irq) ? "set" : "clear";
}

static u32 byte_of(u32 val, unsigned int irq)
{
	return val >> (8 * (irq % 4)) & 0xff;
}

static void try_disable(unsigned long dist, unsigned int irq)
{
	printk("hostile-gic: trying to disable SPI %u via GICD_ICENABLER%u\n",
	       irq, irq / 32);
	mmio_write32(dist + GICD_ICENABLER(irq / 32), bit_of(irq));
}

static void show_enabled(unsigned long dist, unsigned int irq)
{
	u32 val = mmio_read32(dist + GICD_ISENABLER(irq / 32));

	printk("hostile-gic: GICD_ISENABLER%u = 0x%08x, SPI %u bit %s\n",
	       irq / 32, val, irq, set_or_clear(val, irq));
}

/* Priority 0x10 would let root's UART preempt everything else of root. */
static void try_priority(unsigned long dist, unsigned int irq)
{
	unsigned long reg = dist + GICD_IPRIORITYR(irq / 4);
	u32 val;

	printk("hostile-gic: trying to set SPI %u to priority 0x10 via GICD_IPRIORITYR%u\n",
	       irq, irq / 4);
	mmio_write32(reg, 0x10U << (8 * (irq % 4)));
	val = mmio_read32(reg);
	printk("hostile-gic: GICD_IPRIORITYR%u = 0x%08x, SPI %u priority 0x%02x\n",
	       irq / 4, val, irq, byte_of(val, irq));
}

static void try_route(unsigned long dist, unsigned int irq)
{
	printk("hostile-gic: trying to route SPI %u to MPIDR 0x%llx via GICD_IROUTER\n",
	       irq, cpu_mpidr());
	mmio_write64(dist + GICD_IROUTER(irq), cpu_mpidr());
	printk("hostile-gic: GICD_IROUTER%u = 0x%llx\n", irq,
	       mmio_read64(dist + GICD_IROUTER(irq)));
}

static void try_target(unsigned long dist, unsigned int irq)
{
	unsigned long reg = dist + GICD_ITARGETSR(irq / 4);
	u32 mask = gic_cpu_mask(cpu_mpidr()), val;

	printk("hostile-gic: trying to target SPI %u at CPU interface mask 0x%02x via GICD_ITARGETSR%u\n",
	       irq, mask, irq / 4);
	mmio_write32(reg, mask << (8 * (irq % 4)));
	val = mmio_read32(reg);
	printk("hostile-gic: GICD_ITARGETSR%u = 0x%08x, SPI %u targets 0x%02x\n",
	       irq / 4, val, irq, byte_of(val, irq));
}

/* The hypervisor's interrupts in this CPU's banked enable registers. */
static void try_private(unsigned long dist)
{
	u32 bits = bit_of(HOSTILE_SGI_HYPERVISOR) | bit_of(HOSTILE_PPI_MAINTENANCE);
	unsigned long clear, set;
	const char *name;
	u32 val;

	if (gic_version() == 2) {
		name = "GICD";
		clear = dist + GICD_ICENABLER(0);
		set = dist + GICD_ISENABLER(0);
	} else {
		unsigned long rd = gic_redist_base();

		if (!rd) {
			printk("hostile-gic: no redistributor for this CPU\n");
			return;
		}
		name = "GICR";
		clear = rd + GICR_ICENABLER0;
		set = rd + GICR_ISENABLER0;
	}
	printk("hostile-gic: trying to disable the hypervisor's SGI %u and PPI %u via %s_ICENABLER0\n",
	       HOSTILE_SGI_HYPERVISOR, HOSTILE_PPI_MAINTENANCE, name);
	mmio_write32(clear, bits);
	val = mmio_read32(set);
	printk("hostile-gic: %s_ISENABLER0 = 0x%08x, SGI %u bit %s, PPI %u bit %s\n",
	       name, val, HOSTILE_SGI_HYPERVISOR,
	       set_or_clear(val, HOSTILE_SGI_HYPERVISOR), HOSTILE_PPI_MAINTENANCE,
	       set_or_clear(val, HOSTILE_PPI_MAINTENANCE));
}

int main(void)
{
	unsigned long dist = gic_dist_base();

	try_disable(dist, HOSTILE_SPI_ROOT_UART);
	try_disable(dist, HOSTILE_SPI_ROOT_VIRTIO);
	show_enabled(dist, HOSTILE_SPI_ROOT_UART);
	show_enabled(dist, HOSTILE_SPI_ROOT_VIRTIO);
	try_priority(dist, HOSTILE_SPI_ROOT_UART);
	if (gic_version() == 2)
		try_target(dist, HOSTILE_SPI_ROOT_UART);
	else
		try_route(dist, HOSTILE_SPI_ROOT_UART);
	try_private(dist);
	printk("hostile-gic: done\n");
	return 0;
}
