// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: the cell of the fuzzing inmate (inmates/demos/common/
 * fuzz-cell.c, tests/system/41-fuzz-cell.sh), next to the victim, the
 * inmate cell (CPU 3, INMATE_RAM_*), which must not notice. CPUs 1 and 2,
 * so that one may switch the other on and off and both fuzz at once;
 * 1 MiB of RAM 6 MiB above INMATE_RAM_BASE (clear of every other test
 * cell), a comm region, the console UART the hypervisor emulates (the
 * machine's, where root's own is: arm64 PL011 0x09000000, riscv64 NS16550
 * 0x10000000) and one interrupt line no device drives (arm64 SPI 202,
 * riscv64 PLIC source 42), whose registers are the cell's to play with.
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt-layout.h"

#if QEMU_VIRT_ARCHITECTURE == BULKHEAD_ARCH_ARM64
#define FUZZ_CONSOLE_ADDR	0x09000000
#define FUZZ_CONSOLE_TYPE	BULKHEAD_CONSOLE_PL011
#define FUZZ_IRQ		202
#else
#define FUZZ_CONSOLE_ADDR	0x10000000
#define FUZZ_CONSOLE_TYPE	BULKHEAD_CONSOLE_NS16550
#define FUZZ_IRQ		42
#endif

#define FUZZ_RAM_BASE		(INMATE_RAM_BASE + 0x600000)
#define FUZZ_RAM_SIZE		0x100000

struct {
	struct bulkhead_cell_desc cell;
	struct bulkhead_memory memory[2];
	__u32 irqs[1];
} config BULKHEAD_CONFIG_SECTION = {
	.cell = {
		.signature = BULKHEAD_CELL_SIGNATURE,
		.revision = BULKHEAD_CONFIG_REVISION,
		.architecture = QEMU_VIRT_ARCHITECTURE,
		.flags = BULKHEAD_CELL_DEBUG_CONSOLE,
		.name = "fuzz-cell",
		.cpu_set = 0x6,
		.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),
		.num_irqs = BULKHEAD_ARRAY_SIZE(config.irqs),
		.console = {
			.address = FUZZ_CONSOLE_ADDR,
			.size = 0x1000,
			.type = FUZZ_CONSOLE_TYPE,
		},
	},
	.memory = {
		/* RAM */ {
			.phys_start = FUZZ_RAM_BASE,
			.virt_start = 0,
			.size = FUZZ_RAM_SIZE,
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
	.irqs = { FUZZ_IRQ },
};
