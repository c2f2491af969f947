// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: a one-CPU cell (CPU 1) that owns the machine's real-time
 * clock, its registers and its interrupt line (arm64: PL031, SPI 2, GIC
 * id 34; riscv64: goldfish RTC, PLIC source 11), for rtc-irq
 * (tests/system/29-irq-handover.sh). 1 MiB of RAM 7 MiB above
 * INMATE_RAM_BASE, clear of the other test cells; a comm region.
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

#if QEMU_VIRT_ARCHITECTURE == BULKHEAD_ARCH_ARM64
#define RTC_ADDR		0x09010000
#define RTC_IRQ			34
#else
#define RTC_ADDR		0x00101000
#define RTC_IRQ			11
#endif

#define RTC_CELL_RAM_BASE	(INMATE_RAM_BASE + 0x700000)
#define RTC_CELL_RAM_SIZE	0x100000

struct {
	struct bulkhead_cell_desc cell;
	struct bulkhead_memory memory[3];
	__u32 irqs[1];
} config BULKHEAD_CONFIG_SECTION = {
	.cell = {
		.signature = BULKHEAD_CELL_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = QEMU_VIRT_ARCHITECTURE,
		.flags = BULKHEAD_CELL_DEBUG_CONSOLE,
		.name = "rtc-cell",
		.cpu_set = 0x2,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		.num_irqs = BULKHEAD_ARRAY_SIZE(config.irqs),
	},
	.memory = {
		/* RAM */ {
			.phys_start = RTC_CELL_RAM_BASE,
			.virt_start = 0,
			.size = RTC_CELL_RAM_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE,
		},
		/* the real-time clock */ {
			.phys_start = RTC_ADDR,
			.virt_start = RTC_ADDR,
			.size = 0x1000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
		/* communication region */ {
			.virt_start = 0x80000000,
			.size = BULKHEAD_PAGE_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_COMM_REGION,
		},
	},
	.irqs = { RTC_IRQ },
};
