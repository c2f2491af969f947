/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A one-region test cell, valid on its own: the including file defines
 * CELL_NAME, CELL_CPUS and CELL_RAM to give it the conflict it tests.
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
		.architecture = QEMU_VIRT_ARCHITECTURE,
		.flags = BULKHEAD_CELL_DEBUG_CONSOLE | BULKHEAD_CELL_PASSIVE_COMMREG,
		.name = CELL_NAME,
		.cpu_set = CELL_CPUS,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
	},
	.memory = {
		{
			.phys_start = CELL_RAM,
			.virt_start = 0,
			.size = 0x100000,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE,
		},
	},
};
