// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: the inmate cell (CPU 3, 1 MiB of RAM at 0, comm region) with
 * one virtio console that root's backend serves and a 64 KiB virtio pool at
 * cell address 0x200000, for the hostile virtio guest
 * (inmates/demos/common/virtio-hostile.c, tests/system/28-virtio-hostile.sh).
 *
 * The pool lies in the cell pool 3 MiB above the inmate cells' RAM
 * (INMATE_RAM_BASE + 0x300000): clear of INMATE2_RAM_* (shared-cell.c,
 * qemu-virt-inmate-smp.c) and of last-cpu.c's MiB at INMATE_RAM_BASE +
 * 0x200000, so only the RAM at INMATE_RAM_BASE clashes with the other
 * inmate cells (as it does between them). The device is where the Linux
 * virtio cells have their console: arm64 0x0b000000, SPI 201; riscv64
 * 0x10200000, PLIC source 41 (the system configs' virtio_notify_irq is
 * 200 / 40).
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

#if QEMU_VIRT_ARCHITECTURE == BULKHEAD_ARCH_ARM64
#define VIRTIO_CONSOLE_ADDR	0x0b000000
#define VIRTIO_CONSOLE_IRQ	201
#else
#define VIRTIO_CONSOLE_ADDR	0x10200000
#define VIRTIO_CONSOLE_IRQ	41
#endif

#define VIRTIO_POOL_BASE	(INMATE_RAM_BASE + 0x300000)
#define VIRTIO_POOL_SIZE	0x10000

struct {
	struct bulkhead_cell_desc cell;
	struct bulkhead_memory memory[3];
	__u32 irqs[1];
	struct bulkhead_virtio_device virtio_devices[1];
} config BULKHEAD_CONFIG_SECTION = {
	.cell = {
		.signature = BULKHEAD_CELL_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = QEMU_VIRT_ARCHITECTURE,
		.flags = BULKHEAD_CELL_DEBUG_CONSOLE,
		.name = "virtio-hostile",
		.cpu_set = 0x8,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		.num_irqs = BULKHEAD_ARRAY_SIZE(config.irqs),
		.num_virtio_devices = BULKHEAD_ARRAY_SIZE(config.virtio_devices),
	},
	.memory = {
		/* RAM */ {
			.phys_start = INMATE_RAM_BASE,
			.virt_start = 0,
			.size = INMATE_RAM_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE,
		},
		/* virtio pool: the only memory of the cell root's backend sees */ {
			.phys_start = VIRTIO_POOL_BASE,
			.virt_start = 0x200000,
			.size = VIRTIO_POOL_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_ROOTSHARED | BULKHEAD_MEM_VIRTIO_POOL,
		},
		/* communication region */ {
			.virt_start = 0x80000000,
			.size = BULKHEAD_PAGE_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_COMM_REGION,
		},
	},
	.irqs = { VIRTIO_CONSOLE_IRQ },
	.virtio_devices = {
		{
			.address = VIRTIO_CONSOLE_ADDR,
			.irq = VIRTIO_CONSOLE_IRQ,
			.type = BULKHEAD_VIRTIO_CONSOLE,
		},
	},
};
