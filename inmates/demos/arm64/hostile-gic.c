// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Tries to disable and steal interrupts of the root cell through the
 * emulated distributor: SPI 33 (root's UART) and SPI 79 (root's virtio
 * console). The emulation must ignore the writes and hide root's lines, so
 * the read-backs show 0 in their bits and root keeps its console.
 */
#include <inmate.h>

#define SPI_UART	33
#define SPI_VIRTIO	79

static u32 bit_of(unsigned int irq)
{
	return 1U << (irq % 32);
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
	       irq / 32, val, irq, val & bit_of(irq) ? "set" : "clear");
}

static void try_route(unsigned long dist, unsigned int irq)
{
	printk("hostile-gic: trying to route SPI %u to MPIDR 0x%llx via GICD_IROUTER\n",
	       irq, cpu_mpidr());
	mmio_write64(dist + GICD_IROUTER(irq), cpu_mpidr());
	printk("hostile-gic: GICD_IROUTER%u = 0x%llx\n", irq,
	       mmio_read64(dist + GICD_IROUTER(irq)));
}

int main(void)
{
	unsigned long dist = gic_dist_base();

	try_disable(dist, SPI_UART);
	try_disable(dist, SPI_VIRTIO);
	show_enabled(dist, SPI_UART);
	show_enabled(dist, SPI_VIRTIO);
	try_route(dist, SPI_UART);
	printk("hostile-gic: done\n");
	return 0;
}
