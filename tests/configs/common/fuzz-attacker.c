// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: the cell the root-side fuzzers (tests/system/40-fuzz-root.sh)
 * create, load, start and destroy over and over, next to the victim, the
 * inmate cell (CPU 3, INMATE_RAM_*), which must not notice. CPU 2, 1 MiB of
 * RAM at cell address 0 (4 MiB above INMATE_RAM_BASE: clear of the other
 * test cells), a comm region, and one virtio console with its 64 KiB pool
 * above the RAM, so the virtio hypercalls have a device to name. The
 * device is where virtio-cell.c has it (arm64 0x0b000000, SPI 201; riscv64
 * 0x10200000, PLIC source 41).
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

#define FUZZ_RAM_BASE		(INMATE_RAM_BASE + 0x400000)
#define FUZZ_RAM_SIZE		0x100000
#define FUZZ_POOL_BASE		(INMATE_RAM_BASE + 0x500000)
#define FUZZ_POOL_SIZE		0x10000

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
		.name = "fuzz-attacker",
		.cpu_set = 0x4,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		.num_irqs = BULKHEAD_ARRAY_SIZE(config.irqs),
		.num_virtio_devices = BULKHEAD_ARRAY_SIZE(config.virtio_devices),
	},
	.memory = {
		/* RAM */ {
			.phys_start = FUZZ_RAM_BASE,
			.virt_start = 0,
			.size = FUZZ_RAM_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE,
		},
		/* virtio pool */ {
			.phys_start = FUZZ_POOL_BASE,
			.virt_start = 0x200000,
			.size = FUZZ_POOL_SIZE,
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
