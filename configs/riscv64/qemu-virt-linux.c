// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A cell for a second, non-root Linux on the riscv64 QEMU test machine:
 * harts 2 and 3, 128 MiB of RAM, and the machine's second console (the
 * virtio console on virtio-mmio transport 7, PLIC source 8). Root Linux
 * keeps the NS16550. Start it with `bulkhead cell linux`, which writes the
 * device tree from this config.
 *
 * Linux does not answer shutdown requests: the cell is passive and is
 * stopped without asking. Its early console
 * (earlycon=uart8250,mmio,0x10000000) is a transmit-only NS16550 the
 * hypervisor emulates at the address of the real one, whose output goes to
 * the hypervisor console.
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

struct {
	struct bulkhead_cell_desc cell;
	struct bulkhead_memory memory[2];
	__u32 irqs[1];
} config BULKHEAD_CONFIG_SECTION = {
	.cell = {
		.signature = BULKHEAD_CELL_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = BULKHEAD_ARCH_RISCV64,
		.flags = BULKHEAD_CELL_PASSIVE_COMMREG | BULKHEAD_CELL_DEBUG_CONSOLE,
		.name = "linux",
		.cpu_set = 0xc,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		.num_irqs = BULKHEAD_ARRAY_SIZE(config.irqs),
		.entry = LINUX_RAM_BASE,
		.console = {
			.address = 0x10000000,
			.size = 0x1000,
			.type = BULKHEAD_CONSOLE_NS16550,
		},
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
		/* virtio-mmio transport 7, the second console */ {
			.phys_start = 0x10008000,
			.virt_start = 0x10008000,
			.size = 0x1000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
	},
	.irqs = { 8 },
};
