/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * System config of the arm64 QEMU test machine, for either of its GICs:
 * the hypervisor's memory, its debug console, the interrupt controller, and
 * the root cell (the Linux that enables bulkhead) with the memory and
 * devices it keeps.
 *
 * QEMU's virt machine is the same with gic-version=3 and gic-version=2 but
 * for the GIC's frames next to the distributor, so qemu-virt.c (GICv3) and
 * qemu-virt-gicv2.c define before including this:
 *   QEMU_VIRT_NAME  the root cell's name;
 *   QEMU_VIRT_GIC   the irqchip's type and its version's frames, as
 *                   designated initializers of struct bulkhead_irqchip.
 * A test config may also define QEMU_VIRT_EXTRA_MEMORY, one more memory
 * region of the root cell as an initializer (tests/configs/common/ram-hole.c).
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

#ifdef QEMU_VIRT_EXTRA_MEMORY
#define QEMU_VIRT_NUM_EXTRA	1
#else
#define QEMU_VIRT_NUM_EXTRA	0
#endif

struct {
	struct bulkhead_system system;
	struct bulkhead_memory memory[8 + QEMU_VIRT_NUM_EXTRA];
} config BULKHEAD_CONFIG_SECTION = {
	.system = {
		.signature = BULKHEAD_SYSTEM_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = BULKHEAD_ARCH_ARM64,
		.hypervisor_memory = {
			.phys_start = HYPERVISOR_BASE,
			.size = HYPERVISOR_SIZE,
		},
		.debug_console = {
			.address = 0x09000000,
			.size = 0x1000,
			.type = BULKHEAD_CONSOLE_PL011,
		},
		.irqchip = {
			QEMU_VIRT_GIC,
			/* NUM_IRQS 256 SPIs + 32 SGIs and PPIs, both versions */
			.num_irqs = 288,
			/* the distributor (GICD), at the same place in both */
			.base = 0x08000000,
			.size = 0x10000,
			/* PPI 9 */
			.maintenance_irq = 25,
			/*
			 * An SPI no device of the machine drives (QEMU virt
			 * uses 32..127 at most): virtio requests of cells.
			 */
			.virtio_notify_irq = 200,
		},
		.root_cell = {
			.signature = BULKHEAD_CELL_SIGNATURE,
			.revision = BULKHEAD_CONFIG_REVISION,
			.architecture = BULKHEAD_ARCH_ARM64,
			.name = QEMU_VIRT_NAME,
			.cpu_set = 0xf,
			.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		},
	},
	.memory = {
		/* RAM Linux runs in */ {
			.phys_start = ROOT_RAM_BASE,
			.virt_start = ROOT_RAM_BASE,
			.size = ROOT_RAM_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_DMA,
		},
		/* cell pool: reserved from Linux, handed to cells */ {
			.phys_start = CELL_POOL_BASE,
			.virt_start = CELL_POOL_BASE,
			.size = CELL_POOL_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_DMA,
		},
		/* PL011 UART */ {
			.phys_start = 0x09000000,
			.virt_start = 0x09000000,
			.size = 0x1000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
		/* PL031 RTC */ {
			.phys_start = 0x09010000,
			.virt_start = 0x09010000,
			.size = 0x1000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
		/* fw-cfg */ {
			.phys_start = 0x09020000,
			.virt_start = 0x09020000,
			.size = 0x1000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
		/* PL061 GPIO */ {
			.phys_start = 0x09030000,
			.virt_start = 0x09030000,
			.size = 0x1000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
		/* virtio-mmio transports 0..23 */ {
			.phys_start = 0x0a000000,
			.virt_start = 0x0a000000,
			.size = 0x3000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
		/*
		 * virtio-mmio transports 24..31 share one page; transport 31 is
		 * the machine's second console, later given to a Linux cell.
		 */ {
			.phys_start = 0x0a003000,
			.virt_start = 0x0a003000,
			.size = 0x1000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
#ifdef QEMU_VIRT_EXTRA_MEMORY
		QEMU_VIRT_EXTRA_MEMORY,
#endif
	},
};
