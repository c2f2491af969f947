/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * bulkhead configuration format: the one definition of the system and cell
 * config blobs, shared by the driver, the hypervisor, the CLI, the inmates and
 * the config sources under configs/.
 *
 * A config is a C file that defines one packed-free, naturally aligned struct
 * whose first member is struct bulkhead_system (system config) or struct
 * bulkhead_cell_desc (cell config), followed by the variable-length arrays
 * announced by the counts. It is compiled and the .bulkhead_config section is
 * extracted as a raw binary: the .cell blob. Every field is little-endian and
 * has a fixed width, so the layout is the same for every compiler involved.
 *
 * Layout of a cell blob:
 *   struct bulkhead_cell_desc
 *   struct bulkhead_memory[num_memory_regions]
 *   __u32 irqs[num_irqs], padded with zeroes to a multiple of 8 bytes
 *
 * Layout of a system blob:
 *   struct bulkhead_system        (ends with the root cell's bulkhead_cell_desc)
 *   the root cell's arrays, as above
 *
 * Documentation/config-format.md describes every field.
 */
#ifndef _BULKHEAD_CELL_CONFIG_H
#define _BULKHEAD_CELL_CONFIG_H

#include <bulkhead/types.h>

#define BULKHEAD_SYSTEM_SIGNATURE	"BHSYSTEM"
#define BULKHEAD_CELL_SIGNATURE		"BHCELLCF"
#define BULKHEAD_SIGNATURE_LEN		8

/* Bumped on every incompatible change of this file. */
#define BULKHEAD_CONFIG_REVISION	2

#define BULKHEAD_ARCH_ARM64		1
#define BULKHEAD_ARCH_RISCV64		2

/*
 * The guest-physical address space the hypervisor translates for every cell
 * (root included), in bits: no memory region may end beyond 1 << bits.
 * arm64: stage 2 with a 4 KiB granule starting at level 1, one root table.
 * riscv64: Sv39x4, the G-stage mode every H-extension hart implements.
 * The hypervisor sizes its tables from these; the validator and `bulkhead
 * config create` hold configs to them.
 */
#define BULKHEAD_ARM64_GUEST_ADDR_BITS	39
#define BULKHEAD_RISCV64_GUEST_ADDR_BITS	41

#define BULKHEAD_CELL_NAME_LEN		32
/* cpu_set is one 64-bit word: CPU n is bit n (Linux logical CPU number). */
#define BULKHEAD_MAX_CPUS		64
#define BULKHEAD_PAGE_SIZE		0x1000ULL

/* Upper bounds that keep a corrupt count from describing gigabytes. */
#define BULKHEAD_MAX_MEMORY_REGIONS	64
#define BULKHEAD_MAX_IRQS		1024

/* struct bulkhead_memory.flags */
#define BULKHEAD_MEM_READ		0x0001
#define BULKHEAD_MEM_WRITE		0x0002
#define BULKHEAD_MEM_EXECUTE		0x0004
/* The region may be target of device DMA (informational until an IOMMU). */
#define BULKHEAD_MEM_DMA		0x0008
/* Device memory: mapped with device attributes, never cached. */
#define BULKHEAD_MEM_IO			0x0010
/*
 * The cell's communication region page. phys_start must be 0: the hypervisor
 * provides the page. size must be one page.
 */
#define BULKHEAD_MEM_COMM_REGION	0x0020
/* Root may map the region while the cell is stopped to load images. */
#define BULKHEAD_MEM_LOADABLE		0x0040
/* The region stays mapped in the root cell while the cell owns it. */
#define BULKHEAD_MEM_ROOTSHARED		0x0080
/*
 * The cell's virtio DMA pool: its virtio devices (struct
 * bulkhead_virtio_device) move all their data through this region, which
 * the cell's Linux sees as a restricted-dma-pool and root's backend maps.
 * Needs BULKHEAD_MEM_ROOTSHARED, READ and WRITE; at most one per cell, and
 * exactly one in a cell that has virtio devices. Root sees no other page of
 * the cell's RAM.
 */
#define BULKHEAD_MEM_VIRTIO_POOL	0x0100
#define BULKHEAD_MEM_VALID_FLAGS	0x01ff

/* struct bulkhead_cell_desc.flags */
/* The cell does not answer shutdown requests; shut it down without asking. */
#define BULKHEAD_CELL_PASSIVE_COMMREG	0x0001
/* The cell may write to the hypervisor's virtual console. */
#define BULKHEAD_CELL_DEBUG_CONSOLE	0x0002
#define BULKHEAD_CELL_VALID_FLAGS	0x0003

/* struct bulkhead_console.type */
#define BULKHEAD_CONSOLE_NONE		0
#define BULKHEAD_CONSOLE_PL011		1
/* 16550-compatible UART with byte-wide registers at 1-byte stride. */
#define BULKHEAD_CONSOLE_NS16550	2
#define BULKHEAD_CONSOLE_TYPE_MAX	2

/* struct bulkhead_irqchip.type */
#define BULKHEAD_IRQCHIP_GICV3		1
#define BULKHEAD_IRQCHIP_PLIC		2
/* GICv2 with virtualization extensions (GIC-400 class). */
#define BULKHEAD_IRQCHIP_GICV2		3

/*
 * GICv2 frame sizes (GIC-400 layout, 4 KiB pages): the CPU interface and the
 * virtual CPU interface span two pages (GICC_DIR / GICV_DIR are at 0x1000),
 * the hypervisor control interface one. Layouts that alias each page over
 * 64 KiB are not supported.
 */
#define BULKHEAD_GICV2_GICC_SIZE	0x2000
#define BULKHEAD_GICV2_GICH_SIZE	0x1000
#define BULKHEAD_GICV2_GICV_SIZE	0x2000
/* A GICv2 has 8 CPU interfaces at most. */
#define BULKHEAD_GICV2_MAX_CPUS		8

/* First GIC interrupt that can be assigned to a cell (SPIs start at 32). */
#define BULKHEAD_GIC_FIRST_SPI		32
/* GIC INTIDs 1020..1023 are special, so at most 1020 lines exist. */
#define BULKHEAD_GIC_MAX_IRQS		1020
/* PLIC source 0 does not exist; sources are 1..num_irqs-1. */
#define BULKHEAD_PLIC_MAX_IRQS		1024

/* struct bulkhead_virtio_device.type: virtio device IDs (virtio spec 5) */
#define BULKHEAD_VIRTIO_NET		1
#define BULKHEAD_VIRTIO_BLOCK		2
#define BULKHEAD_VIRTIO_CONSOLE		3
/* Virtio devices of one cell at most. */
#define BULKHEAD_MAX_VIRTIO_DEVICES	8

struct bulkhead_memory {
	__u64 phys_start;
	__u64 virt_start;
	__u64 size;
	__u64 flags;
};

/*
 * A virtio-mmio device (version 2) root's backend serves to the cell. The
 * cell's accesses to its register window trap into the hypervisor, which
 * passes them to root (include/bulkhead/virtio.h); the device's interrupt
 * is raised by root through the hypervisor.
 */
struct bulkhead_virtio_device {
	/* Guest-physical start of its register window: one page of its own. */
	__u64 address;
	/*
	 * The interrupt the cell sees: a GIC SPI INTID or a PLIC source with
	 * no hardware behind it, listed in the cell's irqs.
	 */
	__u32 irq;
	__u16 type;		/* BULKHEAD_VIRTIO_* */
	__u16 flags;		/* reserved, must be 0 */
};

struct bulkhead_console {
	__u64 address;
	__u32 size;
	__u16 type;
	__u16 flags;		/* reserved, must be 0 */
};

struct bulkhead_cell_desc {
	char signature[BULKHEAD_SIGNATURE_LEN];
	__u16 revision;
	__u16 architecture;
	__u32 flags;
	char name[BULKHEAD_CELL_NAME_LEN];	/* NUL-terminated */
	__u64 cpu_set;
	__u32 num_memory_regions;
	__u32 num_irqs;
	/* Where the cell's first CPU starts, in cell-virtual addresses. */
	__u64 entry;
	struct bulkhead_console console;
	/* Entries of the third array, after the irqs (not for root). */
	__u32 num_virtio_devices;
	__u32 reserved0;			/* must be 0 */
	__u64 reserved[4];			/* must be 0 */
};

struct bulkhead_irqchip {
	__u16 type;
	__u16 reserved0;
	/* Interrupt IDs 0 .. num_irqs - 1 exist on this controller. */
	__u32 num_irqs;
	__u64 base;		/* GIC distributor / PLIC */
	__u64 size;
	__u64 redist_base;	/* GICv3 redistributors, else 0 */
	__u64 redist_size;	/* all redistributor frames together */
	__u32 maintenance_irq;	/* GIC maintenance PPI, 0 for PLIC */
	/*
	 * A line root owns and no hardware drives (GIC SPI / PLIC source):
	 * the hypervisor raises it in root when a cell's virtio access waits
	 * for root's backend. 0: no cell has virtio devices.
	 */
	__u32 virtio_notify_irq;
	/*
	 * GICv2 only, else 0: the CPU interface (GICC), where every cell finds
	 * its virtual CPU interface; the hypervisor control interface (GICH)
	 * and the virtual CPU interface (GICV), which only the hypervisor maps.
	 * Sizes: BULKHEAD_GICV2_*_SIZE.
	 */
	__u64 gicc_base;
	__u64 gich_base;
	__u64 gicv_base;
};

struct bulkhead_system {
	char signature[BULKHEAD_SIGNATURE_LEN];
	__u16 revision;
	__u16 architecture;
	__u32 flags;		/* reserved, must be 0 */
	/* Memory the hypervisor runs in; it belongs to no cell, ever. */
	struct bulkhead_memory hypervisor_memory;
	struct bulkhead_console debug_console;
	struct bulkhead_irqchip irqchip;
	/*
	 * The root cell: the Linux that enables bulkhead. It owns every
	 * interrupt line no other cell owns, so root_cell.num_irqs is 0.
	 */
	struct bulkhead_cell_desc root_cell;
};

/*
 * Structure sizes are part of the ABI; they are checked at compile time in
 * common/config-check.c.
 */
#define BULKHEAD_CELL_DESC_SIZE		128
#define BULKHEAD_SYSTEM_SIZE		(136 + BULKHEAD_CELL_DESC_SIZE)

static inline __u64 bulkhead_irqs_size(__u32 num_irqs)
{
	return ((__u64)num_irqs * 4 + 7) & ~7ULL;
}

/* Bytes taken by the arrays that follow a cell descriptor. */
static inline __u64 bulkhead_cell_arrays_size(const struct bulkhead_cell_desc *cell)
{
	return (__u64)cell->num_memory_regions * sizeof(struct bulkhead_memory) +
		bulkhead_irqs_size(cell->num_irqs) +
		(__u64)cell->num_virtio_devices *
		sizeof(struct bulkhead_virtio_device);
}

static inline const struct bulkhead_memory *
bulkhead_cell_memory(const struct bulkhead_cell_desc *cell)
{
	return (const struct bulkhead_memory *)(cell + 1);
}

static inline const __u32 *bulkhead_cell_irqs(const struct bulkhead_cell_desc *cell)
{
	return (const __u32 *)(bulkhead_cell_memory(cell) +
			       cell->num_memory_regions);
}

/* After the irqs, which are padded to 8 bytes. */
static inline const struct bulkhead_virtio_device *
bulkhead_cell_virtio(const struct bulkhead_cell_desc *cell)
{
	return (const struct bulkhead_virtio_device *)
		((const char *)bulkhead_cell_irqs(cell) +
		 bulkhead_irqs_size(cell->num_irqs));
}

/* Helpers for config sources. */
#define BULKHEAD_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BULKHEAD_CONFIG_SECTION	__attribute__((section(".bulkhead_config"), used))

#endif /* _BULKHEAD_CELL_CONFIG_H */
