// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A cell for a second, non-root Linux on the arm64 QEMU test machine whose
 * console, disk and network are virtio devices root Linux serves (issue 13), instead of the
 * machine's second console that qemu-virt-linux.c passes through: CPUs 2
 * and 3, the same 128 MiB of RAM as qemu-virt-linux.c (the two never run
 * together), and a 16 MiB virtio pool, the only memory of the cell root's
 * backend sees. Start it with `bulkhead cell linux`, which writes the
 * device tree from this config: the pool becomes a restricted-dma-pool,
 * the console a virtio,mmio node at 0x0b000000 (no device of the machine
 * is there) with SPI 201, then a block and a network device in the next
 * two pages with SPIs 202 and 203 (QEMU virt drives SPIs up to 127; 200
 * is the system's virtio_notify_irq).
 *
 * Linux does not answer shutdown requests: the cell is passive and is
 * stopped without asking. Its early console (earlycon=pl011,0x9000000)
 * is a transmit-only PL011 the hypervisor emulates at the address of the
 * real one, whose output goes to the hypervisor console.
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

struct {
	struct bulkhead_cell_desc cell;
	struct bulkhead_memory memory[2];
	__u32 irqs[3];
	struct bulkhead_virtio_device virtio_devices[3];
} config BULKHEAD_CONFIG_SECTION = {
	.cell = {
		.signature = BULKHEAD_CELL_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = BULKHEAD_ARCH_ARM64,
		.flags = BULKHEAD_CELL_PASSIVE_COMMREG | BULKHEAD_CELL_DEBUG_CONSOLE,
		.name = "linux-virtio",
		.cpu_set = 0xc,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		.num_irqs = BULKHEAD_ARRAY_SIZE(config.irqs),
		.entry = LINUX_RAM_BASE,
		.console = {
			.address = 0x09000000,
			.size = 0x1000,
			.type = BULKHEAD_CONSOLE_PL011,
		},
		.num_virtio_devices = BULKHEAD_ARRAY_SIZE(config.virtio_devices),
	},
	.memory = {
		/* RAM */ {
			.phys_start = LINUX_RAM_BASE,
			.virt_start = LINUX_RAM_BASE,
			.size = LINUX_RAM_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_DMA |
				 BULKHEAD_MEM_LOADABLE,
		},
		/* virtio pool: every virtio buffer and ring of the cell */ {
			.phys_start = LINUX_VIRTIO_POOL_BASE,
			.virt_start = LINUX_VIRTIO_POOL_BASE,
			.size = LINUX_VIRTIO_POOL_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_DMA | BULKHEAD_MEM_ROOTSHARED |
				 BULKHEAD_MEM_VIRTIO_POOL,
		},
	},
	.irqs = { 201, 202, 203 },
	.virtio_devices = {
		{
			.address = 0x0b000000,
			.irq = 201,
			.type = BULKHEAD_VIRTIO_CONSOLE,
		},
		/* served from a file: bulkhead cell linux ... --disk FILE */ {
			.address = 0x0b001000,
			.irq = 202,
			.type = BULKHEAD_VIRTIO_BLOCK,
		},
		/* a TAP in root: bulkhead cell linux ... --tap IFNAME */ {
			.address = 0x0b002000,
			.irq = 203,
			.type = BULKHEAD_VIRTIO_NET,
		},
	},
};
