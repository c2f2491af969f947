// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: the inmate cell (CPU 3, 1 MiB of RAM at 0, comm region) with
 * 1 MiB more at cell address 0x200000 that stays mapped in root
 * (BULKHEAD_MEM_ROOTSHARED): the kind of region through which root serves
 * a cell's devices. Root may read and write it while the cell runs; the
 * cell's RAM stays out of root's reach (tests/system/25-shared-mem.sh).
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

struct {
	struct bulkhead_cell_desc cell;
	struct bulkhead_memory memory[3];
} config BULKHEAD_CONFIG_SECTION = {
	.cell = {
		.signature = BULKHEAD_CELL_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = QEMU_VIRT_ARCHITECTURE,
		.flags = BULKHEAD_CELL_DEBUG_CONSOLE,
		.name = "shared",
		.cpu_set = 0x8,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
	},
	.memory = {
		/* RAM */ {
			.phys_start = INMATE_RAM_BASE,
			.virt_start = 0,
			.size = INMATE_RAM_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE,
		},
		/* shared with root */ {
			.phys_start = INMATE2_RAM_BASE,
			.virt_start = 0x200000,
			.size = INMATE2_RAM_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_ROOTSHARED,
		},
		/* communication region */ {
			.virt_start = 0x80000000,
			.size = BULKHEAD_PAGE_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_COMM_REGION,
		},
	},
};
