/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypervisor image and the memory it shares with the root cell.
 *
 * The driver reads the image header before it copies the image to the start
 * of the hypervisor memory and the system config right after it (at
 * core_size). The shared region is part of the image; once enabled, it is the
 * only hypervisor memory the root cell can see, read-only, and it holds the
 * statistics and the hypervisor console.
 */
#ifndef _BULKHEAD_HYPERVISOR_H
#define _BULKHEAD_HYPERVISOR_H

#include <bulkhead/types.h>
#include <bulkhead/cell-config.h>

#define BULKHEAD_IMAGE_SIGNATURE	"BULKHEAD"
/* Bumped on every incompatible change of the driver/hypervisor interface. */
#define BULKHEAD_IMAGE_REVISION		1

/*
 * riscv64: flags the driver passes to the hypervisor's entry (in a6; see
 * driver/riscv-entry.S). SSTC: the harts have Sstc, as Linux found.
 * QEMU_VIRT: the machine is QEMU's virt board, whose lost VS timer wakeup
 * the hypervisor works around (Documentation/riscv-enable.md).
 */
#define BULKHEAD_RISCV_ENTRY_SSTC	1
#define BULKHEAD_RISCV_ENTRY_QEMU_VIRT	2

struct bulkhead_image_header {
	char signature[8];
	__u16 revision;
	__u16 architecture;		/* BULKHEAD_ARCH_* */
	__u32 config_revision;		/* BULKHEAD_CONFIG_REVISION it reads */
	/* Bytes from the image start to the end of its zeroed data. */
	__u64 core_size;
	/* Offset of the entry each CPU calls; 0: the image cannot enable. */
	__u64 entry;
	/* Offset and size of struct bulkhead_shared, page aligned. */
	__u64 shared_offset;
	__u64 shared_size;
	__u32 max_cpus;
	__u32 reserved;
};

/* Why a CPU left its cell for the hypervisor: the statistics' categories. */
enum bulkhead_exit_reason {
	BULKHEAD_EXIT_TOTAL,
	BULKHEAD_EXIT_HYPERCALL,
	BULKHEAD_EXIT_PSCI,		/* PSCI / SBI calls */
	BULKHEAD_EXIT_MMIO,		/* emulated device accesses */
	BULKHEAD_EXIT_SYSREG,		/* trapped system registers / CSRs */
	BULKHEAD_EXIT_IRQ,		/* physical interrupts taken */
	BULKHEAD_EXIT_MANAGEMENT,	/* requests from other CPUs */
	BULKHEAD_EXIT_OTHER,
	BULKHEAD_EXIT_MAX
};

#define BULKHEAD_EXIT_NAMES { "total", "hypercall", "psci", "mmio", \
			      "sysreg", "irq", "management", "other" }

#define BULKHEAD_CONSOLE_BUFFER_SIZE	16384

struct bulkhead_shared {
	__u64 pool_pages;		/* pages in the hypervisor's page pool */
	__u64 pool_used;		/* of those, in use */
	__u64 cpus_enabled;		/* bitmap: CPUs running under bulkhead */
	__u64 reserved[5];
	__u64 exits[BULKHEAD_MAX_CPUS][BULKHEAD_EXIT_MAX];
	/*
	 * Console ring: byte n of the output is at buffer[n % size];
	 * written is the count of bytes ever written.
	 */
	struct {
		__u64 written;
		char buffer[BULKHEAD_CONSOLE_BUFFER_SIZE];
	} console;
};

#endif /* _BULKHEAD_HYPERVISOR_H */
