// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The GICv2 (BULKHEAD_IRQCHIP_GICV2) rules of the validator, each accepted
 * and rejected, and the GICv2 fields on the other irqchips. The reference
 * system is QEMU virt with gic-version=2: GICD 0x08000000 (64 KiB), GICC
 * 0x08010000, GICH 0x08030000, GICV 0x08040000, 288 lines, maintenance
 * PPI 9 (INTID 25), root memory[0..3] as in cfg-model.c.
 */
#include "test.h"

#define HV	m.sys.hypervisor_memory
#define CHIP	m.sys.irqchip
#define ROOT	m.sys.root_cell
#define CELL	m.cell

#define RW	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE)
#define RW_IO	(RW | BULKHEAD_MEM_IO)
/* The guest address space of arm64 cells ends here (39 bits). */
#define LIMIT	0x8000000000ULL

#define FRAMES_APART "GICv2 frames are apart (GICC, GICV 0x2000 bytes, GICH 0x1000)"
#define GICC_BY_HV "the hypervisor maps each cell's GICC itself, leave it out"
#define ONLY_HV "only the hypervisor maps it, leave it out"

GICV2_SYSTEM_CASE(gicv2_system_ok, NULL, NULL)
SYSTEM_CASE(gicv2_on_riscv64, RISCV64, "irqchip.type",
	    "must be BULKHEAD_IRQCHIP_PLIC (2) on riscv64 (0x3)",
	    CHIP.type = BULKHEAD_IRQCHIP_GICV2)
SYSTEM_CASE(gicv2_unknown_type_on_arm64, ARM64, "irqchip.type",
	    "must be BULKHEAD_IRQCHIP_GICV3 (1) or BULKHEAD_IRQCHIP_GICV2 (3) on arm64 (0x4)",
	    CHIP.type = 4)

/* Lines and the maintenance interrupt: as on GICv3. */
GICV2_SYSTEM_CASE(gicv2_num_irqs_low, "irqchip.num_irqs",
		  "must be more than 32 on a GIC: interrupts 0..31 are SGIs and PPIs (0x20)",
		  CHIP.num_irqs = 32)
GICV2_SYSTEM_CASE(gicv2_num_irqs_high, "irqchip.num_irqs",
		  "is more than BULKHEAD_GIC_MAX_IRQS (1020): GIC INTIDs 1020..1023 are special (0x3fd)",
		  CHIP.num_irqs = 1021)
GICV2_SYSTEM_CASE(gicv2_num_irqs_max_ok, NULL, NULL, CHIP.num_irqs = 1020)
GICV2_SYSTEM_CASE(gicv2_num_irqs_33_ok, NULL, NULL,
		  CHIP.num_irqs = 33; CHIP.virtio_notify_irq = 32)
GICV2_SYSTEM_CASE(gicv2_maintenance_spi, "irqchip.maintenance_irq",
		  "is not a PPI (16..31): the GIC maintenance interrupt is per-CPU (0x20)",
		  CHIP.maintenance_irq = 32)
GICV2_SYSTEM_CASE(gicv2_maintenance_sgi, "irqchip.maintenance_irq",
		  "is not a PPI (16..31)", CHIP.maintenance_irq = 15)
GICV2_SYSTEM_CASE(gicv2_maintenance_first_ppi_ok, NULL, NULL,
		  CHIP.maintenance_irq = 16)
GICV2_SYSTEM_CASE(gicv2_maintenance_last_ppi_ok, NULL, NULL,
		  CHIP.maintenance_irq = 31)

/* The distributor window: as on GICv3. */
GICV2_SYSTEM_CASE(gicv2_gicd_zero, "irqchip.base", "is 0", CHIP.base = 0)
GICV2_SYSTEM_CASE(gicv2_gicd_unaligned, "irqchip.size",
		  "is not a multiple of the page size (0x1000) (0x10800)",
		  CHIP.size = 0x10800)

/* No redistributors. */
GICV2_SYSTEM_CASE(gicv2_redist_base, "irqchip.redist_base",
		  "must be 0 on GICv2: it has no redistributors (0x80a0000)",
		  CHIP.redist_base = 0x080a0000)
GICV2_SYSTEM_CASE(gicv2_redist_size, "irqchip.redist_size",
		  "must be 0 on GICv2: it has no redistributors (0x20000)",
		  CHIP.redist_size = 0x20000)

/* GICC, GICH, GICV: set, page-aligned, below the guest address limit. */
GICV2_SYSTEM_CASE(gicv2_gicc_zero, "irqchip.gicc_base",
		  "is 0: give the physical address of the GICv2's CPU interface (GICC), reg[1] of its device tree node",
		  CHIP.gicc_base = 0)
GICV2_SYSTEM_CASE(gicv2_gich_zero, "irqchip.gich_base",
		  "is 0: give the physical address of the GICv2's hypervisor control interface (GICH), reg[2] of its device tree node; a GIC without it lacks the virtualization extensions bulkhead needs",
		  CHIP.gich_base = 0)
GICV2_SYSTEM_CASE(gicv2_gicv_zero, "irqchip.gicv_base",
		  "is 0: give the physical address of the GICv2's virtual CPU interface (GICV), reg[3] of its device tree node; a GIC without it lacks",
		  CHIP.gicv_base = 0)
GICV2_SYSTEM_CASE(gicv2_gicc_unaligned, "irqchip.gicc_base",
		  "is not a multiple of the page size (0x1000) (0x8010800)",
		  CHIP.gicc_base += 0x800)
GICV2_SYSTEM_CASE(gicv2_gich_unaligned, "irqchip.gich_base",
		  "is not a multiple of the page size (0x1000) (0x8030004)",
		  CHIP.gich_base += 4)
GICV2_SYSTEM_CASE(gicv2_gicv_unaligned, "irqchip.gicv_base",
		  "is not a multiple of the page size (0x1000) (0x8040100)",
		  CHIP.gicv_base += 0x100)
GICV2_SYSTEM_CASE(gicv2_gicv_straddles_guest_limit, "irqchip.gicv_base",
		  "GICV 0x7ffffff000..0x8000000fff ends beyond 0x8000000000, the end of the arm64 guest address space: the hypervisor cannot map it (0x7ffffff000)",
		  CHIP.gicv_base = LIMIT - 0x1000)
GICV2_SYSTEM_CASE(gicv2_gicc_beyond_guest_limit, "irqchip.gicc_base",
		  "GICC 0x10000000000..0x10000001fff ends beyond 0x8000000000",
		  CHIP.gicc_base = 0x10000000000ULL)
GICV2_SYSTEM_CASE(gicv2_gich_at_top_of_address_space, "irqchip.gich_base",
		  "ends beyond 0x8000000000",
		  CHIP.gich_base = 0xfffffffffffff000ULL)
GICV2_SYSTEM_CASE(gicv2_frames_at_guest_limit_ok, NULL, NULL,
		  CHIP.gicc_base = LIMIT - 0x5000;
		  CHIP.gich_base = LIMIT - 0x3000;
		  CHIP.gicv_base = LIMIT - 0x2000)

/* The four frames are apart; their sizes are fixed. */
GICV2_SYSTEM_CASE(gicv2_gicc_overlaps_gicd, "irqchip.gicc_base",
		  "GICC 0x800f000..0x8010fff overlaps GICD 0x8000000..0x800ffff: " FRAMES_APART,
		  CHIP.gicc_base = 0x0800f000)
GICV2_SYSTEM_CASE(gicv2_gich_overlaps_gicc, "irqchip.gich_base",
		  "GICH 0x8011000..0x8011fff overlaps GICC 0x8010000..0x8011fff",
		  CHIP.gich_base = 0x08011000)
GICV2_SYSTEM_CASE(gicv2_gicv_is_gich, "irqchip.gicv_base",
		  "GICV 0x8030000..0x8031fff overlaps GICH 0x8030000..0x8030fff",
		  CHIP.gicv_base = CHIP.gich_base)
GICV2_SYSTEM_CASE(gicv2_gicv_overlaps_gicc, "irqchip.gicv_base",
		  "GICV 0x8011000..0x8012fff overlaps GICC 0x8010000..0x8011fff",
		  CHIP.gicv_base = 0x08011000)
GICV2_SYSTEM_CASE(gicv2_gich_in_gicd, "irqchip.gich_base",
		  "GICH 0x8030000..0x8030fff overlaps GICD 0x8030000..0x803ffff",
		  CHIP.base = 0x08030000)
GICV2_SYSTEM_CASE(gicv2_frames_adjacent_ok, NULL, NULL,
		  CHIP.gicc_base = 0x08010000;
		  CHIP.gich_base = 0x08012000;
		  CHIP.gicv_base = 0x08013000)

/* The GICv2 fields are 0 on the other irqchips. */
SYSTEM_CASE(gicv3_gicc_base, ARM64, "irqchip.gicc_base",
	    "must be 0 on GICv3: only a GICv2 has this frame (0x8010000)",
	    CHIP.gicc_base = 0x08010000)
SYSTEM_CASE(gicv3_gich_base, ARM64, "irqchip.gich_base",
	    "must be 0 on GICv3: only a GICv2 has this frame (0x8030000)",
	    CHIP.gich_base = 0x08030000)
SYSTEM_CASE(gicv3_gicv_base, ARM64, "irqchip.gicv_base",
	    "must be 0 on GICv3: only a GICv2 has this frame (0x8040000)",
	    CHIP.gicv_base = 0x08040000)
SYSTEM_CASE(plic_gicc_base, RISCV64, "irqchip.gicc_base",
	    "must be 0 on the PLIC (0x1000)", CHIP.gicc_base = 0x1000)
SYSTEM_CASE(plic_gich_base, RISCV64, "irqchip.gich_base",
	    "must be 0 on the PLIC (0x2000)", CHIP.gich_base = 0x2000)
SYSTEM_CASE(plic_gicv_base, RISCV64, "irqchip.gicv_base",
	    "must be 0 on the PLIC (0x3000)", CHIP.gicv_base = 0x3000)

/* CPUs: 8 CPU interfaces at most. */
GICV2_SYSTEM_CASE(gicv2_root_cpu_8, "root_cell.cpu_set",
		  "contains CPU 8, but a GICv2 has 8 CPU interfaces at most (CPUs 0-7): leave the others out, no interrupt could reach them (0x1ff)",
		  ROOT.cpu_set = 0x1ff)
GICV2_SYSTEM_CASE(gicv2_root_cpus_high, "root_cell.cpu_set",
		  "contains CPUs 10,63, but a GICv2 has 8 CPU interfaces at most",
		  ROOT.cpu_set = 0xf | 1ULL << 10 | 1ULL << 63)
GICV2_SYSTEM_CASE(gicv2_root_8_cpus_ok, NULL, NULL, ROOT.cpu_set = 0xff)
SYSTEM_CASE(gicv3_root_cpu_8_ok, ARM64, NULL, NULL, ROOT.cpu_set = 0x1ff)

/* No root region and no hypervisor memory on any frame. */
GICV2_SYSTEM_CASE(gicv2_gicd_in_root, "irqchip.base",
		  "register window 0x8000000..0x800ffff overlaps root_cell.memory[4]: the hypervisor traps the irqchip, nobody else maps it",
		  model_add_mem(&m, 0x0800f000, 0x0800f000, 0x1000, RW_IO))
GICV2_SYSTEM_CASE(gicv2_gicc_in_root, "irqchip.gicc_base",
		  "GICC 0x8010000..0x8011fff overlaps root_cell.memory[4]: " GICC_BY_HV,
		  model_add_mem(&m, 0x08011000, 0x08011000, 0x1000, RW_IO))
GICV2_SYSTEM_CASE(gicv2_gich_in_root, "irqchip.gich_base",
		  "GICH 0x8030000..0x8030fff overlaps root_cell.memory[4]: " ONLY_HV,
		  model_add_mem(&m, 0x08030000, 0x08030000, 0x1000, RW_IO))
GICV2_SYSTEM_CASE(gicv2_gicv_in_root, "irqchip.gicv_base",
		  "GICV 0x8040000..0x8041fff overlaps root_cell.memory[4]: " ONLY_HV,
		  model_add_mem(&m, 0x08040000, 0x08040000, 0x10000, RW_IO))
GICV2_SYSTEM_CASE(gicv2_gicv_in_hv_memory, "irqchip.gicv_base",
		  "GICV 0x8040000..0x8041fff overlaps hypervisor_memory: " ONLY_HV,
		  HV.phys_start = 0x08040000; HV.size = 0x100000)
/* QEMU repeats GICH over 64 KiB; the config describes its first page. */
GICV2_SYSTEM_CASE(gicv2_root_next_to_gich_ok, NULL, NULL,
		  model_add_mem(&m, 0x08031000, 0x08031000, 0x1000, RW_IO))

/* Cells: the irq rules of GICv3, and the CPUs and frames root has. */
GICV2_CELL_CASE(gicv2_cell_ok, NULL, NULL)
GICV2_CELL_CASE(gicv2_cell_irq_maintenance, "irqs[2]",
		"interrupt 25 is the GIC maintenance interrupt, which the hypervisor keeps",
		m.irqs[2] = 25)
GICV2_CELL_CASE(gicv2_cell_irq_ppi, "irqs[1]",
		"interrupt 27 is an SGI or PPI (below 32): those are per-CPU and cannot be assigned",
		m.irqs[1] = 27)
GICV2_CELL_CASE(gicv2_cell_irq_sgi, "irqs[0]",
		"interrupt 1 is an SGI or PPI", m.irqs[0] = 1)
GICV2_CELL_CASE(gicv2_cell_irq_does_not_exist, "irqs[3]",
		"interrupt 288 does not exist: the irqchip has 288 lines",
		model_add_irq(&m, 288))
GICV2_CELL_CASE(gicv2_cell_last_spi_ok, NULL, NULL, model_add_irq(&m, 287))
GICV2_CELL_CASE(gicv2_cell_takes_notify_irq, "irqs[3]",
		"interrupt 200 is the system's irqchip.virtio_notify_irq, which root keeps",
		model_add_irq(&m, 200))
GICV2_SYSTEM_CASE(gicv2_notify_irq_ppi, "irqchip.virtio_notify_irq",
		  "is not an SPI of the GIC (32..287)",
		  CHIP.virtio_notify_irq = 31)
GICV2_CELL_CASE(gicv2_cell_cpu_8, "cpu_set",
		"contains CPU 8, not in the root cell's cpu_set (0xf)",
		CELL.cpu_set |= 0x100)
GICV2_CELL_CASE(gicv2_cell_phys_on_gicc, "memory[3].phys_start",
		"physical range 0x8010000..0x8010fff is not inside one memory region of the root cell",
		model_add_mem(&m, 0x08010000, 0x90001000, 0x1000, RW_IO))

/* A cell finds its GICD and GICC at the machine's addresses. */
GICV2_CELL_CASE(gicv2_cell_virt_on_gicc, "memory[3].virt_start",
		"virtual range 0x8011000..0x8011fff overlaps GICC 0x8010000..0x8011fff, where the cell finds its GICv2: move the region",
		model_add_mem(&m, 0x7e200000, 0x08011000, 0x1000, RW))
GICV2_CELL_CASE(gicv2_cell_virt_on_gicd, "memory[0].virt_start",
		"virtual range 0x7f80000..0x807ffff overlaps GICD 0x8000000..0x800ffff",
		m.mem[0].virt_start = 0x07f80000; CELL.entry = 0x07f80000)
GICV2_CELL_CASE(gicv2_cell_comm_on_gicc, "memory[1].virt_start",
		"virtual range 0x8010000..0x8010fff overlaps GICC",
		m.mem[1].virt_start = 0x08010000)
GICV2_CELL_CASE(gicv2_cell_virt_next_to_gicd_ok, NULL, NULL,
		model_add_mem(&m, 0x7e200000, 0x07fff000, 0x1000, RW))
/* Only the hypervisor maps GICH and GICV: a cell may use their addresses. */
GICV2_CELL_CASE(gicv2_cell_virt_on_gich_and_gicv_ok, NULL, NULL,
		model_add_mem(&m, 0x7e200000, 0x08030000, 0x20000, RW))
