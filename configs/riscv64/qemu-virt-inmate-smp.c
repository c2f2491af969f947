// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A two-CPU cell for bare-metal inmates on the riscv64 QEMU test machine:
 * harts 1 and 2, 1 MiB of RAM at cell address 0, its communication region,
 * and output through the hypervisor console. Hart 3 stays free for the
 * one-CPU inmate cell, so both can run at once, as on arm64.
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

struct {
	struct bulkhead_cell_desc cell;
	struct bulkhead_memory memory[2];
} config BULKHEAD_CONFIG_SECTION = {
	.cell = {
		.signature = BULKHEAD_CELL_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = BULKHEAD_ARCH_RISCV64,
		.flags = BULKHEAD_CELL_DEBUG_CONSOLE,
		.name = "inmate-smp",
		.cpu_set = 0x6,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		.entry = 0,
	},
	.memory = {
		/* RAM */ {
			.phys_start = INMATE2_RAM_BASE,
			.virt_start = 0,
			.size = INMATE2_RAM_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE,
		},
		/* communication region */ {
			.virt_start = 0x80000000,
			.size = BULKHEAD_PAGE_SIZE,
			.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
				 BULKHEAD_MEM_COMM_REGION,
		},
	},
};
