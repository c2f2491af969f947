// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: valid on paper, but its hypervisor memory lies in RAM that
 * Linux uses (System RAM). The driver must refuse it and say how to
 * reserve memory.
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

#define HV_IN_RAM	0x90000000
#define HV_IN_RAM_SIZE	0x01000000

struct {
	struct bulkhead_system system;
	struct bulkhead_memory memory[2];
} config BULKHEAD_CONFIG_SECTION = {
	.system = {
		.signature = BULKHEAD_SYSTEM_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = BULKHEAD_ARCH_RISCV64,
		.hypervisor_memory = {
			.phys_start = HV_IN_RAM,
			.size = HV_IN_RAM_SIZE,
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
		},
		.root_cell = {
			.signature = BULKHEAD_CELL_SIGNATURE,
			.revision = BULKHEAD_CONFIG_REVISION,
			.architecture = BULKHEAD_ARCH_RISCV64,
			.name = "hv-in-ram",
			.cpu_set = 0xf,
			.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		},
	},
	.memory = {
		{
			.phys_start = ROOT_RAM_BASE,
			.virt_start = ROOT_RAM_BASE,
			.size = HV_IN_RAM - ROOT_RAM_BASE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_DMA,
		},
		{
			.phys_start = 0x10000000,
			.virt_start = 0x10000000,
			.size = 0x1000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_IO,
		},
	},
};
