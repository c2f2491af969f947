// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* bulkhead_check_system(): accepted configs and every rejection class. */
#include <string.h>

#include "test.h"

#define HV	m.sys.hypervisor_memory
#define CON	m.sys.debug_console
#define CHIP	m.sys.irqchip
#define ROOT	m.sys.root_cell

SYSTEM_CASE(system_arm64_ok, ARM64, NULL, NULL)
SYSTEM_CASE(system_riscv64_ok, RISCV64, NULL, NULL)
SYSTEM_CASE(system_region_at_top_of_address_space_ok, ARM64, NULL, NULL,
	    model_add_mem(&m, 0x7ffffff000ULL, 0x7ffffff000ULL,
			  0x1000, BULKHEAD_MEM_READ | BULKHEAD_MEM_IO))
SYSTEM_CASE(system_no_console_ok, ARM64, NULL, NULL,
	    memset(&CON, 0, sizeof(CON)))

TEST(system_null_err_ok)
{
	static struct cfg_blob b;
	struct cfg_model m;

	model_system(&m, ARM64);
	model_to_blob(&m, &b);
	if (bulkhead_check_system(b.w, b.size, NULL))
		test_fail("valid config rejected with err == NULL");
	b.size--;
	if (bulkhead_check_system(b.w, b.size, NULL) != -BULKHEAD_EINVAL)
		test_fail("invalid config accepted with err == NULL");
}

/* The blob as a whole. */
SYSTEM_BLOB_CASE(system_empty, ARM64, "config",
		 "is 0 bytes, shorter than the 264-byte system config header",
		 b.size = 0)
SYSTEM_BLOB_CASE(system_truncated_header, ARM64, "config",
		 "is 100 bytes, shorter than the 264-byte", b.size = 100)
SYSTEM_BLOB_CASE(system_arrays_truncated, ARM64, "root_cell.num_memory_regions",
		 "counts past the end", b.size -= 32)
SYSTEM_BLOB_CASE(system_trailing_bytes, ARM64, "config",
		 "has 8 bytes after the arrays", b.size += 8)
SYSTEM_BLOB_CASE(system_count_past_end, ARM64, "root_cell.num_memory_regions",
		 "counts past the end", blob_desc(&b)->num_memory_regions++)
SYSTEM_BLOB_CASE(system_count_too_small, ARM64, "config",
		 "has 32 bytes after the arrays",
		 blob_desc(&b)->num_memory_regions--)
SYSTEM_BLOB_CASE(system_irq_count_past_end, ARM64, "root_cell.num_irqs",
		 "counts past the end", blob_desc(&b)->num_irqs = 1)
SYSTEM_BLOB_CASE(system_huge_counts, ARM64, "root_cell.num_memory_regions",
		 "more than BULKHEAD_MAX_MEMORY_REGIONS",
		 blob_desc(&b)->num_memory_regions = 0xffffffff)
SYSTEM_BLOB_CASE(system_huge_irq_count, ARM64, "root_cell.num_irqs",
		 "more than BULKHEAD_MAX_IRQS", blob_desc(&b)->num_irqs = 1025)
TEST(system_unaligned_blob)
{
	static struct cfg_blob b;
	struct bulkhead_config_error err;
	struct cfg_model m;

	model_system(&m, ARM64);
	model_to_blob(&m, &b);
	memmove((char *)b.w + 4, b.w, b.size);
	expect_result(bulkhead_check_system((char *)b.w + 4, b.size, &err),
		      &err, "config", "8-byte aligned");
}

TEST(system_null_blob)
{
	struct bulkhead_config_error err;

	expect_result(bulkhead_check_system(NULL, 264, &err), &err, "config",
		      "NULL");
	expect_result(bulkhead_check_system(NULL, 0, &err), &err, "config",
		      "is 0 bytes");
}

/* Header. */
SYSTEM_CASE(system_cell_signature, ARM64, "signature",
	    "this is a cell config, not a system config",
	    memcpy(m.sys.signature, BULKHEAD_CELL_SIGNATURE, 8))
SYSTEM_CASE(system_bad_signature, ARM64, "signature",
	    "is not \"BHSYSTEM\"", m.sys.signature[0] = 'X')
SYSTEM_CASE(system_revision, ARM64, "revision",
	    "is revision 1, but this bulkhead reads revision 2: rebuild the config against this bulkhead",
	    m.sys.revision = 1)
SYSTEM_CASE(system_architecture_unknown, ARM64, "architecture",
	    "is not a known architecture", m.sys.architecture = 3)
SYSTEM_CASE(system_architecture_zero, ARM64, "architecture",
	    "is not a known architecture", m.sys.architecture = 0)
SYSTEM_CASE(system_flags, ARM64, "flags", "is reserved and must be 0 (0x1)",
	    m.sys.flags = 1)

/* Hypervisor memory. */
SYSTEM_CASE(system_hv_phys_unaligned, ARM64, "hypervisor_memory.phys_start",
	    "is not a multiple of the page size (0x1000)", HV.phys_start += 0x10)
SYSTEM_CASE(system_hv_size_unaligned, ARM64, "hypervisor_memory.size",
	    "is not a multiple of the page size", HV.size += 0x800)
SYSTEM_CASE(system_hv_too_small, ARM64, "hypervisor_memory.size",
	    "is less than 1 MiB", HV.size = 0xff000)
SYSTEM_CASE(system_hv_zero, ARM64, "hypervisor_memory.size",
	    "is less than 1 MiB", HV.size = 0)
SYSTEM_CASE(system_hv_flags, ARM64, "hypervisor_memory.flags",
	    "must be 0", HV.flags = BULKHEAD_MEM_READ)
SYSTEM_CASE(system_hv_virt, ARM64, "hypervisor_memory.virt_start",
	    "is unused and must be 0", HV.virt_start = 0x1000)
SYSTEM_CASE(system_hv_wraps, ARM64, "hypervisor_memory.size", "wrap",
	    HV.phys_start = 0xfffffffffff00000ULL; HV.size = 0x200000)
SYSTEM_CASE(system_hv_in_root, ARM64, "root_cell.memory[1].phys_start",
	    "overlaps hypervisor_memory (0x7f000000..0x7fffffff)",
	    m.mem[1].size = 0x10000000)

/* Debug console. */
SYSTEM_CASE(system_console_type, ARM64, "debug_console.type",
	    "is not a known console type", CON.type = 3)
SYSTEM_CASE(system_console_address, ARM64, "debug_console.address", "is 0",
	    CON.address = 0)
SYSTEM_CASE(system_console_size, ARM64, "debug_console.size", "is 0",
	    CON.size = 0)
SYSTEM_CASE(system_console_flags, ARM64, "debug_console.flags",
	    "is reserved and must be 0", CON.flags = 1)
SYSTEM_CASE(system_console_none_with_address, ARM64, "debug_console.address",
	    "type is BULKHEAD_CONSOLE_NONE", CON.type = BULKHEAD_CONSOLE_NONE)
SYSTEM_CASE(system_console_wraps, ARM64, "debug_console.size", "wrap",
	    CON.address = 0xfffffffffffff800ULL)

/* Irqchip. */
SYSTEM_CASE(system_irqchip_plic_on_arm64, ARM64, "irqchip.type",
	    "must be BULKHEAD_IRQCHIP_GICV3 (1) or BULKHEAD_IRQCHIP_GICV2 (3) on arm64",
	    CHIP.type = BULKHEAD_IRQCHIP_PLIC)
SYSTEM_CASE(system_irqchip_gic_on_riscv64, RISCV64, "irqchip.type",
	    "must be BULKHEAD_IRQCHIP_PLIC (2) on riscv64",
	    CHIP.type = BULKHEAD_IRQCHIP_GICV3)
SYSTEM_CASE(system_irqchip_reserved0, ARM64, "irqchip.reserved0",
	    "is reserved", CHIP.reserved0 = 1)
SYSTEM_CASE(system_gic_num_irqs_low, ARM64, "irqchip.num_irqs",
	    "must be more than 32", CHIP.num_irqs = 32)
SYSTEM_CASE(system_gic_num_irqs_high, ARM64, "irqchip.num_irqs",
	    "BULKHEAD_GIC_MAX_IRQS (1020)", CHIP.num_irqs = 1021)
SYSTEM_CASE(system_gic_num_irqs_max_ok, ARM64, NULL, NULL,
	    CHIP.num_irqs = 1020)
SYSTEM_CASE(system_plic_num_irqs_low, RISCV64, "irqchip.num_irqs",
	    "must be more than 1", CHIP.num_irqs = 1)
SYSTEM_CASE(system_plic_num_irqs_high, RISCV64, "irqchip.num_irqs",
	    "BULKHEAD_PLIC_MAX_IRQS (1024)", CHIP.num_irqs = 1025)
SYSTEM_CASE(system_plic_num_irqs_max_ok, RISCV64, NULL, NULL,
	    CHIP.num_irqs = 1024)
SYSTEM_CASE(system_irqchip_base_zero, ARM64, "irqchip.base", "is 0",
	    CHIP.base = 0)
SYSTEM_CASE(system_irqchip_size_zero, RISCV64, "irqchip.size", "is 0",
	    CHIP.size = 0)
SYSTEM_CASE(system_irqchip_base_unaligned, ARM64, "irqchip.base",
	    "page size", CHIP.base += 0x100)
SYSTEM_CASE(system_irqchip_size_unaligned, ARM64, "irqchip.size",
	    "page size", CHIP.size = 0x10010)
SYSTEM_CASE(system_irqchip_wraps, ARM64, "irqchip.size", "wrap",
	    CHIP.base = 0xfffffffffffff000ULL; CHIP.size = 0x2000)
SYSTEM_CASE(system_gic_redist_base_zero, ARM64, "irqchip.redist_base", "is 0",
	    CHIP.redist_base = 0)
SYSTEM_CASE(system_gic_redist_size_zero, ARM64, "irqchip.redist_size", "is 0",
	    CHIP.redist_size = 0)
SYSTEM_CASE(system_gic_redist_overlaps_dist, ARM64, "irqchip.redist_base",
	    "overlaps the distributor", CHIP.redist_base = CHIP.base)
SYSTEM_CASE(system_gic_maintenance_spi, ARM64, "irqchip.maintenance_irq",
	    "is not a PPI (16..31): the GIC maintenance interrupt is per-CPU (0x28)", CHIP.maintenance_irq = 40)
SYSTEM_CASE(system_gic_maintenance_sgi, ARM64, "irqchip.maintenance_irq",
	    "is not a PPI", CHIP.maintenance_irq = 15)
SYSTEM_CASE(system_plic_redist_base, RISCV64, "irqchip.redist_base",
	    "must be 0 on the PLIC", CHIP.redist_base = 0x1000)
SYSTEM_CASE(system_plic_redist_size, RISCV64, "irqchip.redist_size",
	    "must be 0 on the PLIC", CHIP.redist_size = 0x1000)
SYSTEM_CASE(system_plic_maintenance, RISCV64, "irqchip.maintenance_irq",
	    "must be 0 on the PLIC", CHIP.maintenance_irq = 25)
SYSTEM_CASE(system_irqchip_in_root_memory, ARM64, "irqchip.base",
	    "overlaps root_cell.memory[4]: the hypervisor traps the irqchip",
	    model_add_mem(&m, 0x08000000, 0x08000000, 0x1000,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_IO))
SYSTEM_CASE(system_redist_in_root_memory, ARM64, "irqchip.redist_base",
	    "redistributor window 0x80a0000..0x811ffff overlaps root_cell.memory[4]",
	    model_add_mem(&m, 0x08100000, 0x08100000, 0x1000,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_IO))
SYSTEM_CASE(system_irqchip_in_hv_memory, RISCV64, "irqchip.base",
	    "overlaps hypervisor_memory", CHIP.base = HV.phys_start)

/* Root cell descriptor. */
SYSTEM_CASE(system_root_signature, ARM64, "root_cell.signature",
	    "is not \"BHCELLCF\"", ROOT.signature[7] = 'X')
SYSTEM_CASE(system_root_revision, ARM64, "root_cell.revision",
	    "is revision 0", ROOT.revision = 0)
SYSTEM_CASE(system_root_architecture, ARM64, "root_cell.architecture",
	    "is riscv64, but the system config's architecture is arm64",
	    ROOT.architecture = RISCV64)
SYSTEM_CASE(system_root_flags, ARM64, "root_cell.flags",
	    "has unknown bits set", ROOT.flags = 0x10)
SYSTEM_CASE(system_root_name_empty, ARM64, "root_cell.name", "is empty",
	    ROOT.name[0] = 0)
SYSTEM_CASE(system_root_name_unterminated, ARM64, "root_cell.name",
	    "is not NUL-terminated within 32 bytes",
	    memset(ROOT.name, 'a', sizeof(ROOT.name)))
SYSTEM_CASE(system_root_name_unprintable, ARM64, "root_cell.name",
	    "not printable ASCII (0x7)", ROOT.name[2] = 7)
SYSTEM_CASE(system_root_cpu_set_empty, ARM64, "root_cell.cpu_set",
	    "is empty", ROOT.cpu_set = 0)
SYSTEM_CASE(system_root_reserved, ARM64, "root_cell.reserved[3]",
	    "is reserved and must be 0", ROOT.reserved[3] = 1)
SYSTEM_CASE(system_root_irqs, ARM64, "root_cell.num_irqs",
	    "must be 0: the root cell owns every interrupt",
	    model_add_irq(&m, 40); model_add_irq(&m, 41))
SYSTEM_CASE(system_root_entry, ARM64, "root_cell.entry", "must be 0",
	    ROOT.entry = 0x40000000)
SYSTEM_CASE(system_root_console_type, ARM64, "root_cell.console.type",
	    "is not a known console type", ROOT.console.type = 7)
SYSTEM_CASE(system_root_console_size, ARM64, "root_cell.console.size",
	    "type is BULKHEAD_CONSOLE_NONE", ROOT.console.size = 0x1000)
SYSTEM_CASE(system_root_too_many_regions, ARM64, "root_cell.num_memory_regions",
	    "is more than BULKHEAD_MAX_MEMORY_REGIONS (64)",
	    while (m.nmem < 65)
		    model_add_mem(&m, 0x20000000 + m.nmem * 0x1000ULL,
				  0x20000000 + m.nmem * 0x1000ULL, 0x1000,
				  BULKHEAD_MEM_READ))

/* Root cell memory regions. */
SYSTEM_CASE(system_region_size_zero, ARM64, "root_cell.memory[2].size",
	    "is 0", m.mem[2].size = 0)
SYSTEM_CASE(system_region_phys_unaligned, ARM64,
	    "root_cell.memory[3].phys_start",
	    "is not a multiple of the page size (0x1000) (0xa000800)",
	    m.mem[3].phys_start += 0x800)
SYSTEM_CASE(system_region_virt_unaligned, ARM64,
	    "root_cell.memory[3].virt_start", "page size",
	    m.mem[3].virt_start += 4)
SYSTEM_CASE(system_region_size_unaligned, ARM64, "root_cell.memory[0].size",
	    "page size", m.mem[0].size += 1)
SYSTEM_CASE(system_region_flags_unknown, ARM64, "root_cell.memory[0].flags",
	    "has unknown bits set (the known bits are 0x1ff) (0x200)",
	    m.mem[0].flags |= 0x200)
SYSTEM_CASE(system_region_phys_wraps, ARM64, "root_cell.memory[4].size",
	    "phys_start + size wrap",
	    model_add_mem(&m, 0xfffffffffffff000ULL, 0x20000000, 0x2000,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_IO))
SYSTEM_CASE(system_region_virt_wraps, ARM64, "root_cell.memory[4].size",
	    "virt_start + size wrap",
	    model_add_mem(&m, 0x20000000, 0xfffffffffffff000ULL, 0x2000,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_IO))
SYSTEM_CASE(system_region_beyond_guest_limit, ARM64,
	    "root_cell.memory[4].virt_start",
	    "region 0x8000000000..0xffffffffff ends beyond 0x8000000000",
	    model_add_mem(&m, 0x8000000000ULL, 0x8000000000ULL, 0x8000000000ULL,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_IO))
SYSTEM_CASE(system_region_comm_in_root, ARM64, "root_cell.memory[4].flags",
	    "the root cell has no communication region",
	    model_add_mem(&m, 0, 0x20000000, 0x1000,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_COMM_REGION))
SYSTEM_CASE(system_regions_overlap_phys, ARM64,
	    "root_cell.memory[4].phys_start",
	    "physical range 0x40001000..0x40001fff overlaps root_cell.memory[0] (0x40000000..0x6fffffff)",
	    model_add_mem(&m, 0x40001000, 0x20000000, 0x1000, BULKHEAD_MEM_READ))
SYSTEM_CASE(system_regions_overlap_virt, ARM64,
	    "root_cell.memory[4].virt_start",
	    "virtual range 0x9000000..0x9000fff overlaps root_cell.memory[2]",
	    model_add_mem(&m, 0x20000000, 0x09000000, 0x1000, BULKHEAD_MEM_READ))

/* virtio_notify_irq: 0, or a GIC SPI / PLIC source. */
SYSTEM_CASE(system_no_notify_irq_ok, ARM64, NULL, NULL,
	    CHIP.virtio_notify_irq = 0)
SYSTEM_CASE(system_notify_irq_first_spi_ok, ARM64, NULL, NULL,
	    CHIP.virtio_notify_irq = 32)
SYSTEM_CASE(system_notify_irq_last_spi_ok, ARM64, NULL, NULL,
	    CHIP.virtio_notify_irq = 287)
SYSTEM_CASE(system_notify_irq_plic_first_ok, RISCV64, NULL, NULL,
	    CHIP.virtio_notify_irq = 1)
SYSTEM_CASE(system_notify_irq_plic_last_ok, RISCV64, NULL, NULL,
	    CHIP.virtio_notify_irq = 95)
SYSTEM_CASE(system_notify_irq_ppi, ARM64, "irqchip.virtio_notify_irq",
	    "is not an SPI of the GIC (32..287): use a line no device drives, or 0 without virtio (0x1f)",
	    CHIP.virtio_notify_irq = 31)
SYSTEM_CASE(system_notify_irq_beyond_gic, ARM64, "irqchip.virtio_notify_irq",
	    "is not an SPI of the GIC (32..287)", CHIP.virtio_notify_irq = 288)
SYSTEM_CASE(system_notify_irq_beyond_plic, RISCV64, "irqchip.virtio_notify_irq",
	    "is not a source of the PLIC (1..95): use a line no device drives, or 0 without virtio (0x60)",
	    CHIP.virtio_notify_irq = 96)
SYSTEM_CASE(system_notify_irq_huge, RISCV64, "irqchip.virtio_notify_irq",
	    "is not a source of the PLIC", CHIP.virtio_notify_irq = 0xffffffff)

/* The root cell has no virtio devices and no pool of its own. */
SYSTEM_CASE(system_root_reserved0, ARM64, "root_cell.reserved0",
	    "is reserved and must be 0", ROOT.reserved0 = 1)
SYSTEM_BLOB_CASE(system_root_virtio_devices, ARM64,
		 "root_cell.num_virtio_devices",
		 "must be 0: the root cell serves virtio devices to other cells and has none of its own (0x1)",
		 blob_desc(&b)->num_virtio_devices = 1)
SYSTEM_BLOB_CASE(system_root_virtio_count_huge, RISCV64,
		 "root_cell.num_virtio_devices",
		 "is more than BULKHEAD_MAX_VIRTIO_DEVICES (8)",
		 blob_desc(&b)->num_virtio_devices = 9)
SYSTEM_CASE(system_root_virtio_pool, ARM64, "root_cell.memory[1].flags",
	    "has BULKHEAD_MEM_VIRTIO_POOL, but the root cell serves virtio devices and has none of its own: clear the flag",
	    m.mem[1].flags |= BULKHEAD_MEM_VIRTIO_POOL | BULKHEAD_MEM_ROOTSHARED)
