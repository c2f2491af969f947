// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: valid on its own, but uses the memory of the inmate cell,
 * which only the hypervisor can see at create time.
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

struct {
	struct bulkhead_cell_desc cell;
	struct bulkhead_memory memory[1];
} config BULKHEAD_CONFIG_SECTION = {
	.cell = {
		.signature = BULKHEAD_CELL_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = BULKHEAD_ARCH_ARM64,
		.flags = BULKHEAD_CELL_DEBUG_CONSOLE | BULKHEAD_CELL_PASSIVE_COMMREG,
		.name = "overlap",
		.cpu_set = 0x4,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
	},
	.memory = {
		{
			.phys_start = INMATE_RAM_BASE,
			.virt_start = 0,
			.size = 0x100000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE,
		},
	},
};
