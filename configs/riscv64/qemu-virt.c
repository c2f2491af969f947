// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * System config of the riscv64 QEMU test machine: the hypervisor's memory,
 * its debug console, the PLIC, and the root cell (the Linux that enables
 * bulkhead) with the memory and devices it keeps. A test config may define
 * QEMU_VIRT_EXTRA_MEMORY, one more memory region of the root cell as an
 * initializer, and include this (tests/configs/common/ram-hole.c).
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

#define RW_IO (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IO)
#define RWX_RAM (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | \
		 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_DMA)

#ifdef QEMU_VIRT_EXTRA_MEMORY
#define QEMU_VIRT_NUM_EXTRA	1
#else
#define QEMU_VIRT_NUM_EXTRA	0
#endif

struct {
	struct bulkhead_system system;
	struct bulkhead_memory memory[7 + QEMU_VIRT_NUM_EXTRA];
} config BULKHEAD_CONFIG_SECTION = {
	.system = {
		.signature = BULKHEAD_SYSTEM_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = BULKHEAD_ARCH_RISCV64,
		.hypervisor_memory = {
			.phys_start = HYPERVISOR_BASE,
			.size = HYPERVISOR_SIZE,
		},
		.debug_console = {
			.address = 0x10000000,
			.size = 0x1000,
			.type = BULKHEAD_CONSOLE_NS16550,
		},
		.irqchip = {
			.type = BULKHEAD_IRQCHIP_PLIC,
			.num_irqs = 96,
			.base = 0x0c000000,
			.size = 0x600000,
			/*
			 * A source no device of the machine drives (QEMU virt:
			 * 1-8 virtio, 10 UART, 11 RTC, 32-35 PCIe, 64-95
			 * platform bus): virtio requests of cells.
			 */
			.virtio_notify_irq = 40,
		},
		.root_cell = {
			.signature = BULKHEAD_CELL_SIGNATURE,
			.revision = BULKHEAD_CONFIG_REVISION,
			.architecture = BULKHEAD_ARCH_RISCV64,
			.name = "qemu-virt-riscv64",
			.cpu_set = 0xf,
			.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		},
	},
	.memory = {
		/* RAM below the reservation */ {
			.phys_start = ROOT_RAM_BASE,
			.virt_start = ROOT_RAM_BASE,
			.size = ROOT_RAM_SIZE,
			.flags = RWX_RAM,
		},
		/* cell pool: reserved from Linux, handed to cells */ {
			.phys_start = CELL_POOL_BASE,
			.virt_start = CELL_POOL_BASE,
			.size = CELL_POOL_SIZE,
			.flags = RWX_RAM,
		},
		/* RAM above the reservation (holds the device tree) */ {
			.phys_start = ROOT_RAM_HIGH_BASE,
			.virt_start = ROOT_RAM_HIGH_BASE,
			.size = ROOT_RAM_HIGH_SIZE,
			.flags = RWX_RAM,
		},
		/* test device: power off and reboot */ {
			.phys_start = 0x00100000,
			.virt_start = 0x00100000,
			.size = 0x1000,
			.flags = RW_IO,
		},
		/* goldfish RTC */ {
			.phys_start = 0x00101000,
			.virt_start = 0x00101000,
			.size = 0x1000,
			.flags = RW_IO,
		},
		/* ns16550a UART */ {
			.phys_start = 0x10000000,
			.virt_start = 0x10000000,
			.size = 0x1000,
			.flags = RW_IO,
		},
		/* virtio-mmio transports 0..7; transport 7 is the second console */ {
			.phys_start = 0x10001000,
			.virt_start = 0x10001000,
			.size = 0x8000,
			.flags = RW_IO,
		},
#ifdef QEMU_VIRT_EXTRA_MEMORY
		QEMU_VIRT_EXTRA_MEMORY,
#endif
	},
};
