// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead_check_cell(): accepted cells and every rejection class, alone
 * and against the system.
 */
#include <string.h>

#include "test.h"

#define CELL	m.cell
#define RWX	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_EXECUTE)
#define COMM	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_COMM_REGION)

CELL_CASE(cell_arm64_ok, ARM64, NULL, NULL)
CELL_CASE(cell_riscv64_ok, RISCV64, NULL, NULL)
CELL_CASE(cell_even_irq_count_ok, ARM64, NULL, NULL, model_add_irq(&m, 100))
CELL_CASE(cell_no_irqs_no_comm_ok, ARM64, NULL, NULL,
	  m.nirq = 0; m.nmem = 1)
CELL_CASE(cell_last_irq_ok, ARM64, NULL, NULL, model_add_irq(&m, 287))
CELL_CASE(cell_plic_last_irq_ok, RISCV64, NULL, NULL, model_add_irq(&m, 95))
CELL_CASE(cell_whole_root_region_ok, ARM64, NULL, NULL,
	  m.mem[2].phys_start = 0x0a000000; m.mem[2].size = 0x4000)
CELL_CASE(cell_entry_inside_ok, ARM64, NULL, NULL, CELL.entry = 0xffffc)
CELL_CASE(cell_riscv64_entry_2_aligned_ok, RISCV64, NULL, NULL,
	  CELL.entry = 0x102)

TEST(cell_alone_ok)
{
	static struct cfg_blob b;
	struct bulkhead_config_error err;
	struct cfg_model m;

	/* CPU 63 is no CPU of the system, but alone that cannot be known. */
	model_cell(&m, ARM64, 0);
	m.cell.cpu_set = 1ULL << 63;
	model_to_blob(&m, &b);
	expect_result(bulkhead_check_cell(b.w, b.size, NULL, &err), &err,
		      NULL, NULL);
	m.cell.cpu_set = 0;
	model_to_blob(&m, &b);
	expect_result(bulkhead_check_cell(b.w, b.size, NULL, &err), &err,
		      "cpu_set", "is empty");
}

/* The blob as a whole. */
CELL_BLOB_CASE(cell_truncated_header, ARM64, "config",
	       "is 50 bytes, shorter than the 128-byte cell config header",
	       b.size = 50)
CELL_BLOB_CASE(cell_truncated_signature, ARM64, "config", "is 7 bytes",
	       b.size = 7)
CELL_BLOB_CASE(cell_system_signature, ARM64, "signature",
	       "this is a system config, not a cell config",
	       memcpy(b.w, BULKHEAD_SYSTEM_SIGNATURE, 8))
CELL_BLOB_CASE(cell_bad_signature, ARM64, "signature",
	       "is not \"BHCELLCF\": this is not a bulkhead cell config",
	       memcpy(b.w, "\x7f" "ELF\2\1\1\0", 8))
CELL_BLOB_CASE(cell_memory_past_end, ARM64, "num_memory_regions",
	       "counts past the end: the arrays would end at byte 256, but the config has 240 bytes",
	       blob_desc(&b)->num_memory_regions = 4)
CELL_BLOB_CASE(cell_irqs_past_end, ARM64, "num_irqs", "counts past the end",
	       blob_desc(&b)->num_irqs = 5)
CELL_BLOB_CASE(cell_trailing, ARM64, "config", "has 16 bytes after",
	       b.size += 16)
CELL_BLOB_CASE(cell_irq_padding, ARM64, "irqs[3]",
	       "is the padding after the last interrupt and must be 0",
	       ((__u32 *)(blob_mem(&b) + 3))[3] = 7)
CELL_BLOB_CASE(cell_too_many_irqs, ARM64, "num_irqs",
	       "is more than BULKHEAD_MAX_IRQS (1024)",
	       blob_desc(&b)->num_irqs = 0x40000000)

/* Header fields. */
CELL_CASE(cell_revision, ARM64, "revision",
	  "is revision 65535, but this bulkhead reads revision 2",
	  CELL.revision = 0xffff)
CELL_CASE(cell_architecture_unknown, ARM64, "architecture",
	  "is not a known architecture: use BULKHEAD_ARCH_ARM64 (1) or BULKHEAD_ARCH_RISCV64 (2) (0x9)",
	  CELL.architecture = 9)
CELL_BLOB_CASE(cell_architecture_other, ARM64, "architecture",
	       "is riscv64, but the system config is arm64 (0x2)",
	       blob_desc(&b)->architecture = RISCV64)
CELL_CASE(cell_flags, ARM64, "flags", "has unknown bits set (the known bits are 0x3) (0x80000000)",
	  CELL.flags |= 0x80000000)
CELL_CASE(cell_name_empty, ARM64, "name", "is empty", CELL.name[0] = 0)
CELL_CASE(cell_name_unterminated, ARM64, "name",
	  "is not NUL-terminated within 32 bytes",
	  memset(CELL.name, 'x', sizeof(CELL.name)))
CELL_CASE(cell_name_31_chars_ok, ARM64, NULL, NULL,
	  memset(CELL.name, 'x', sizeof(CELL.name) - 1))
CELL_CASE(cell_name_high_byte, ARM64, "name", "not printable ASCII (0xc3)",
	  CELL.name[0] = (char)0xc3)
CELL_CASE(cell_reserved, ARM64, "reserved[0]", "is reserved",
	  CELL.reserved[0] = 1)
CELL_CASE(cell_console_type, ARM64, "console.type",
	  "is not a known console type", CELL.console.type = 3)
CELL_CASE(cell_console_flags, ARM64, "console.flags", "is reserved",
	  CELL.console.type = BULKHEAD_CONSOLE_PL011;
	  CELL.console.address = 0x0a003000; CELL.console.size = 0x1000;
	  CELL.console.flags = 2)
CELL_CASE(cell_console_address, ARM64, "console.address", "is 0",
	  CELL.console.type = BULKHEAD_CONSOLE_NS16550; CELL.console.size = 8)
CELL_CASE(cell_console_size, ARM64, "console.size", "is 0",
	  CELL.console.type = BULKHEAD_CONSOLE_PL011;
	  CELL.console.address = 0x0a003000)
CELL_CASE(cell_console_none_address, ARM64, "console.address",
	  "type is BULKHEAD_CONSOLE_NONE", CELL.console.address = 0x1000)
CELL_CASE(cell_too_many_regions, ARM64, "num_memory_regions",
	  "is more than BULKHEAD_MAX_MEMORY_REGIONS (64) (0x41)",
	  while (m.nmem < 65)
		  model_add_mem(&m, 0x7e200000 + m.nmem * 0x1000ULL,
				0x100000 + m.nmem * 0x1000ULL, 0x1000, RWX))
CELL_CASE(cell_64_regions_ok, ARM64, NULL, NULL,
	  while (m.nmem < 64)
		  model_add_mem(&m, 0x7e200000 + m.nmem * 0x1000ULL,
				0x100000 + m.nmem * 0x1000ULL, 0x1000, RWX))

/* Entry point. */
CELL_CASE(cell_entry_outside, ARM64, "entry",
	  "is not inside a memory region of the cell with BULKHEAD_MEM_EXECUTE",
	  CELL.entry = 0x100000)
CELL_CASE(cell_entry_in_comm_region, ARM64, "entry", "BULKHEAD_MEM_EXECUTE",
	  CELL.entry = 0x80000000)
CELL_CASE(cell_entry_not_executable, ARM64, "entry", "BULKHEAD_MEM_EXECUTE",
	  m.mem[0].flags &= ~(__u64)BULKHEAD_MEM_EXECUTE)
CELL_CASE(cell_entry_unaligned_arm64, ARM64, "entry", "not 4-byte aligned",
	  CELL.entry = 0x102)
CELL_CASE(cell_entry_unaligned_riscv64, RISCV64, "entry",
	  "not 2-byte aligned", CELL.entry = 0x101)

/* Memory regions on their own. */
CELL_CASE(cell_region_size_zero, ARM64, "memory[0].size", "is 0",
	  m.mem[0].size = 0)
CELL_CASE(cell_region_phys_unaligned, ARM64, "memory[0].phys_start",
	  "is not a multiple of the page size (0x1000) (0x7e000010)",
	  m.mem[0].phys_start += 0x10)
CELL_CASE(cell_region_virt_unaligned, ARM64, "memory[2].virt_start",
	  "page size", m.mem[2].virt_start += 0x200)
CELL_CASE(cell_region_size_unaligned, ARM64, "memory[0].size", "page size",
	  m.mem[0].size = 0xfffff)
CELL_CASE(cell_region_flags, ARM64, "memory[2].flags", "unknown bits",
	  m.mem[2].flags |= 1ULL << 40)
CELL_CASE(cell_region_phys_wraps, ARM64, "memory[3].size",
	  "phys_start + size wrap",
	  model_add_mem(&m, 0xfffffffffff00000ULL, 0x200000, 0x200000, RWX))
CELL_CASE(cell_region_virt_wraps, ARM64, "memory[3].size",
	  "virt_start + size wrap",
	  model_add_mem(&m, 0x7e200000, 0xffffffffffffe000ULL, 0x4000, RWX))
/* The guest address space ends at 1 << 39 on arm64 and 1 << 41 on riscv64. */
CELL_CASE(cell_region_below_arm64_limit_ok, ARM64, NULL, NULL,
	  model_add_mem(&m, 0x7e200000, 0x7fffffc000ULL, 0x4000, RWX))
CELL_CASE(cell_region_beyond_arm64_limit, ARM64, "memory[3].virt_start",
	  "region 0x7fffffe000..0x8000001fff ends beyond 0x8000000000, the end of the guest address space arm64 cells have",
	  model_add_mem(&m, 0x7e200000, 0x7fffffe000ULL, 0x4000, RWX))
CELL_CASE(cell_region_beyond_arm64_is_riscv64_ok, RISCV64, NULL, NULL,
	  model_add_mem(&m, 0xbc200000, 0x7fffffe000ULL, 0x4000, RWX))
CELL_CASE(cell_region_beyond_riscv64_limit, RISCV64, "memory[3].virt_start",
	  "ends beyond 0x20000000000, the end of the guest address space riscv64 cells have",
	  model_add_mem(&m, 0x7e200000, 0x20000000000ULL, 0x4000, RWX))
CELL_CASE(cell_comm_phys, ARM64, "memory[1].phys_start",
	  "must be 0 in the communication region", m.mem[1].phys_start = 0x1000)
CELL_CASE(cell_comm_size, ARM64, "memory[1].size",
	  "must be exactly one page (0x1000) in the communication region (0x2000)",
	  m.mem[1].size = 0x2000)
CELL_CASE(cell_two_comm_regions, ARM64, "memory[3].flags",
	  "marks a second communication region (the first is memory[1])",
	  model_add_mem(&m, 0, 0xa0000000, 0x1000, COMM))
CELL_CASE(cell_regions_overlap_phys, ARM64, "memory[3].phys_start",
	  "physical range 0x7e0ff000..0x7e0fffff overlaps memory[0] (0x7e000000..0x7e0fffff)",
	  model_add_mem(&m, 0x7e0ff000, 0x200000, 0x1000, RWX))
CELL_CASE(cell_regions_overlap_virt, ARM64, "memory[3].virt_start",
	  "virtual range 0x0..0xfff overlaps memory[0]",
	  model_add_mem(&m, 0x7e200000, 0, 0x1000, RWX))
CELL_CASE(cell_region_overlaps_comm_virt, ARM64, "memory[3].virt_start",
	  "overlaps memory[1]",
	  model_add_mem(&m, 0x7e200000, 0x80000000, 0x1000, RWX))

/* CPUs against the system. */
CELL_CASE(cell_cpu_set_empty, ARM64, "cpu_set", "is empty", CELL.cpu_set = 0)
CELL_CASE(cell_cpu_not_roots, ARM64, "cpu_set",
	  "contains CPUs 4-5, not in the root cell's cpu_set (0xf)",
	  CELL.cpu_set = 0x38)
CELL_CASE(cell_cpu_63_not_roots, RISCV64, "cpu_set",
	  "contains CPU 63, not in the root cell's cpu_set",
	  CELL.cpu_set |= 1ULL << 63)
CELL_CASE(cell_takes_all_root_cpus, ARM64, "cpu_set",
	  "takes the root cell's last CPU (the root cell has CPUs 0-3)",
	  CELL.cpu_set = 0xf)

/* Memory against the system. */
CELL_CASE(cell_hypervisor_memory, ARM64, "memory[3].phys_start",
	  "overlaps hypervisor_memory (0x7f000000..0x7fffffff): hypervisor memory is never given to a cell",
	  model_add_mem(&m, 0x7f800000, 0x200000, 0x1000, RWX))
CELL_CASE(cell_hypervisor_memory_riscv64, RISCV64, "memory[0].phys_start",
	  "hypervisor memory is never given to a cell",
	  m.mem[0].phys_start = 0xbd000000)
CELL_CASE(cell_outside_root, ARM64, "memory[0].phys_start",
	  "physical range 0x100000000..0x1000fffff is not inside one memory region of the root cell",
	  m.mem[0].phys_start = 0x100000000ULL)
CELL_CASE(cell_spans_root_regions, ARM64, "memory[0].phys_start",
	  "is not inside one memory region of the root cell",
	  m.mem[0].phys_start = 0x6ff00000; m.mem[0].size = 0x200000)
CELL_CASE(cell_io_in_ram, ARM64, "memory[0].flags",
	  "has BULKHEAD_MEM_IO, but lies in RAM (root_cell.memory[1]): clear BULKHEAD_MEM_IO",
	  m.mem[0].flags |= BULKHEAD_MEM_IO)
CELL_CASE(cell_ram_in_io, RISCV64, "memory[2].flags",
	  "lacks BULKHEAD_MEM_IO, but lies in device memory (root_cell.memory[3]): set BULKHEAD_MEM_IO",
	  m.mem[2].flags &= ~(__u64)BULKHEAD_MEM_IO)

/* Interrupts against the system. */
CELL_CASE(cell_irq_does_not_exist, ARM64, "irqs[3]",
	  "interrupt 288 does not exist: the irqchip has 288 lines",
	  model_add_irq(&m, 288))
CELL_CASE(cell_irq_huge, RISCV64, "irqs[0]",
	  "interrupt 4294967295 does not exist: the irqchip has 96 lines",
	  m.irqs[0] = 0xffffffff)
CELL_CASE(cell_irq_ppi, ARM64, "irqs[1]",
	  "interrupt 27 is an SGI or PPI (below 32)", m.irqs[1] = 27)
CELL_CASE(cell_irq_sgi, ARM64, "irqs[0]", "SGI or PPI", m.irqs[0] = 0)
CELL_CASE(cell_irq_maintenance, ARM64, "irqs[2]",
	  "interrupt 25 is the GIC maintenance interrupt", m.irqs[2] = 25)
CELL_CASE(cell_irq_plic_zero, RISCV64, "irqs[0]",
	  "interrupt 0 does not exist on the PLIC", m.irqs[0] = 0)
CELL_CASE(cell_irq_duplicate, ARM64, "irqs[3]",
	  "interrupt 41 is listed twice (also irqs[1])", model_add_irq(&m, 41))
CELL_CASE(cell_cpus_not_roots_list, ARM64, "cpu_set",
	  "contains CPUs 4,6-7,63, not in the root cell's cpu_set",
	  CELL.cpu_set = 0x80000000000000d8ULL)

TEST(cell_null_err)
{
	static struct cfg_blob b, s;
	struct cfg_model m;

	model_system(&m, ARM64);
	model_to_blob(&m, &s);
	model_cell(&m, ARM64, 0);
	model_to_blob(&m, &b);
	if (bulkhead_check_cell(b.w, b.size, blob_sys(&s), NULL))
		test_fail("valid cell rejected with err == NULL");
	if (bulkhead_check_cells_disjoint(blob_desc(&b), blob_desc(&b), NULL) !=
	    -BULKHEAD_EINVAL)
		test_fail("a cell is not disjoint from itself");
	if (bulkhead_check_root_keeps_cpu(blob_sys(&s), 0xf, NULL) !=
	    -BULKHEAD_EINVAL)
		test_fail("taking all root CPUs accepted with err == NULL");
	blob_desc(&b)->cpu_set = 0;
	if (bulkhead_check_cell(b.w, b.size, blob_sys(&s), NULL) !=
	    -BULKHEAD_EINVAL)
		test_fail("invalid cell accepted with err == NULL");
}

/*
 * Virtio devices: model_virtio_cell() is cell 0 with a pool (memory[3])
 * and a console at 0xa0000000 whose interrupt is irqs[3].
 */
#define POOL	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | \
		 BULKHEAD_MEM_ROOTSHARED | BULKHEAD_MEM_VIRTIO_POOL)

#define VIRTIO_CASE(name, arch, field, reason, ...)			\
	TEST(name)							\
	{								\
		struct cfg_model m;					\
		model_virtio_cell(&m, arch);				\
		__VA_ARGS__;						\
		expect_cell(&m, field, reason);				\
	}

/* Same, but the change is made to the serialised cell b or system s. */
#define VIRTIO_BLOB_CASE(name, arch, field, reason, ...)		\
	TEST(name)							\
	{								\
		static struct cfg_blob b, s;				\
		struct cfg_model m;					\
		model_system(&m, arch);					\
		model_to_blob(&m, &s);					\
		model_virtio_cell(&m, arch);				\
		model_to_blob(&m, &b);					\
		__VA_ARGS__;						\
		expect_cell_blob(&b, &s, field, reason);		\
	}

VIRTIO_CASE(cell_virtio_arm64_ok, ARM64, NULL, NULL)
VIRTIO_CASE(cell_virtio_riscv64_ok, RISCV64, NULL, NULL)
VIRTIO_CASE(cell_virtio_all_types_ok, ARM64, NULL, NULL,
	    model_add_virtio(&m, 0xa0001000, 101, BULKHEAD_VIRTIO_NET);
	    model_add_virtio(&m, 0x7ffffff000ULL, 102, BULKHEAD_VIRTIO_BLOCK))
VIRTIO_CASE(cell_virtio_eight_ok, RISCV64, NULL, NULL,
	    while (m.nvirtio < 8)
		    model_add_virtio(&m, 0xa0000000 + m.nvirtio * 0x1000ULL,
				     30 + m.nvirtio, BULKHEAD_VIRTIO_BLOCK))
VIRTIO_CASE(cell_virtio_pool_without_devices_ok, ARM64, NULL, NULL,
	    m.nvirtio = 0)
VIRTIO_CASE(cell_virtio_window_next_to_memory_ok, ARM64, NULL, NULL,
	    m.virtio[0].address = 0x80001000)
TEST(cell_virtio_alone_ok)
{
	static struct cfg_blob b;
	struct bulkhead_config_error err;
	struct cfg_model m;

	model_virtio_cell(&m, ARM64);
	model_to_blob(&m, &b);
	expect_result(bulkhead_check_cell(b.w, b.size, NULL, &err), &err,
		      NULL, NULL);
}

/* Header and blob. */
CELL_CASE(cell_reserved0, ARM64, "reserved0", "is reserved and must be 0 (0x1)",
	  CELL.reserved0 = 1)
CELL_CASE(cell_reserved_last, ARM64, "reserved[3]", "is reserved",
	  CELL.reserved[3] = 1)
VIRTIO_CASE(cell_virtio_too_many, ARM64, "num_virtio_devices",
	    "is more than BULKHEAD_MAX_VIRTIO_DEVICES (8) (0x9)",
	    while (m.nvirtio < 9)
		    model_add_virtio(&m, 0xa0000000 + m.nvirtio * 0x1000ULL,
				     100 + m.nvirtio, BULKHEAD_VIRTIO_BLOCK))
VIRTIO_BLOB_CASE(cell_virtio_past_end, ARM64, "num_virtio_devices",
		 "counts past the end: the arrays would end at byte 304, but the config has 288 bytes",
		 blob_desc(&b)->num_virtio_devices = 2)
VIRTIO_BLOB_CASE(cell_virtio_trailing, ARM64, "config",
		 "has 16 bytes after the arrays",
		 blob_desc(&b)->num_virtio_devices = 0)
CELL_BLOB_CASE(cell_virtio_count_huge, ARM64, "num_virtio_devices",
	       "is more than BULKHEAD_MAX_VIRTIO_DEVICES",
	       blob_desc(&b)->num_virtio_devices = 0xffffffff)

/* One device. */
VIRTIO_CASE(cell_virtio_type_zero, ARM64, "virtio_devices[0].type",
	    "is not a device type bulkhead serves: use BULKHEAD_VIRTIO_NET (1), BULKHEAD_VIRTIO_BLOCK (2) or BULKHEAD_VIRTIO_CONSOLE (3) (0x0)",
	    m.virtio[0].type = 0)
VIRTIO_CASE(cell_virtio_type_unknown, RISCV64, "virtio_devices[0].type",
	    "is not a device type bulkhead serves", m.virtio[0].type = 4)
VIRTIO_CASE(cell_virtio_flags, ARM64, "virtio_devices[0].flags",
	    "is reserved and must be 0 (0x1)", m.virtio[0].flags = 1)
VIRTIO_CASE(cell_virtio_unaligned, ARM64, "virtio_devices[0].address",
	    "is not a multiple of the page size (0x1000): each device has a page of its own (0xa0000200)",
	    m.virtio[0].address += 0x200)
VIRTIO_CASE(cell_virtio_beyond_arm64_limit, ARM64, "virtio_devices[0].address",
	    "is beyond 0x7ffffff000, the last page of the guest address space arm64 cells have: move it lower (0x8000000000)",
	    m.virtio[0].address = 0x8000000000ULL)
VIRTIO_CASE(cell_virtio_beyond_riscv64_limit, RISCV64, "virtio_devices[0].address",
	    "the last page of the guest address space riscv64 cells have",
	    m.virtio[0].address = 0xfffffffffffff000ULL)
VIRTIO_CASE(cell_virtio_riscv64_high_ok, RISCV64, NULL, NULL,
	    m.virtio[0].address = 0x1fffffff000ULL)
VIRTIO_CASE(cell_virtio_in_ram, ARM64, "virtio_devices[0].address",
	    "window 0xff000..0xfffff overlaps memory[0] of the cell: the window is trapped",
	    m.virtio[0].address = 0xff000)
VIRTIO_CASE(cell_virtio_in_pool, ARM64, "virtio_devices[0].address",
	    "overlaps memory[3] of the cell", m.virtio[0].address = 0x2ff000)
VIRTIO_CASE(cell_virtio_in_comm_region, ARM64, "virtio_devices[0].address",
	    "window 0x80000000..0x80000fff overlaps memory[1]",
	    m.virtio[0].address = 0x80000000)
VIRTIO_CASE(cell_virtio_in_device, RISCV64, "virtio_devices[0].address",
	    "overlaps memory[2]", m.virtio[0].address = 0x90000000)
VIRTIO_CASE(cell_virtio_same_window, ARM64, "virtio_devices[1].address",
	    "window 0xa0000000..0xa0000fff is also the window of virtio_devices[0]: give each device a page of its own",
	    model_add_virtio(&m, 0xa0000000, 101, BULKHEAD_VIRTIO_NET))
VIRTIO_CASE(cell_virtio_irq_not_listed, ARM64, "virtio_devices[0].irq",
	    "interrupt 99 is not in the cell's irqs: list it there",
	    m.virtio[0].irq = 99)
VIRTIO_CASE(cell_virtio_irq_shared, RISCV64, "virtio_devices[1].irq",
	    "interrupt 30 is also the interrupt of virtio_devices[0]: give each device its own",
	    model_add_virtio(&m, 0xa0001000, 31, BULKHEAD_VIRTIO_NET);
	    m.virtio[1].irq = 30)

/* The pool. */
VIRTIO_CASE(cell_virtio_no_pool, ARM64, "num_virtio_devices",
	    "is not 0, but no memory region has BULKHEAD_MEM_VIRTIO_POOL: give the cell one",
	    m.mem[3].flags &= ~(__u64)BULKHEAD_MEM_VIRTIO_POOL)
VIRTIO_CASE(cell_virtio_two_pools, ARM64, "memory[4].flags",
	    "marks a second virtio pool (the first is memory[3]): a cell has at most one",
	    model_add_mem(&m, 0x7e500000, 0x300000, 0x100000, POOL))
VIRTIO_CASE(cell_virtio_pool_not_rootshared, ARM64, "memory[3].flags",
	    "has BULKHEAD_MEM_VIRTIO_POOL without all of BULKHEAD_MEM_ROOTSHARED, READ and WRITE",
	    m.mem[3].flags &= ~(__u64)BULKHEAD_MEM_ROOTSHARED)
VIRTIO_CASE(cell_virtio_pool_read_only, RISCV64, "memory[3].flags",
	    "without all of BULKHEAD_MEM_ROOTSHARED, READ and WRITE",
	    m.mem[3].flags &= ~(__u64)BULKHEAD_MEM_WRITE)
VIRTIO_CASE(cell_virtio_pool_io, ARM64, "memory[3].flags",
	    "has BULKHEAD_MEM_VIRTIO_POOL and BULKHEAD_MEM_IO: the pool is RAM",
	    m.mem[3].flags |= BULKHEAD_MEM_IO)
VIRTIO_CASE(cell_virtio_pool_comm, ARM64, "memory[1].flags",
	    "has BULKHEAD_MEM_VIRTIO_POOL and BULKHEAD_MEM_COMM_REGION",
	    m.mem[1].flags |= POOL)
VIRTIO_CASE(cell_virtio_pool_outside_root, ARM64, "memory[3].phys_start",
	    "is not inside one memory region of the root cell",
	    m.mem[3].phys_start = 0x100000000ULL)

/* Against the system's virtio_notify_irq (arm64 200, riscv64 40). */
VIRTIO_BLOB_CASE(cell_virtio_no_notify_irq, ARM64, "num_virtio_devices",
		 "is not 0, but the system config has no irqchip.virtio_notify_irq: set it there",
		 blob_sys(&s)->irqchip.virtio_notify_irq = 0)
CELL_BLOB_CASE(cell_no_virtio_no_notify_irq_ok, ARM64, NULL, NULL,
	       blob_sys(&s)->irqchip.virtio_notify_irq = 0)
VIRTIO_CASE(cell_virtio_takes_notify_irq, RISCV64, "irqs[4]",
	    "interrupt 40 is the system's irqchip.virtio_notify_irq, which root keeps: use another line",
	    model_add_irq(&m, 40))
CELL_CASE(cell_takes_notify_irq, ARM64, "irqs[3]",
	  "is the system's irqchip.virtio_notify_irq", model_add_irq(&m, 200))
VIRTIO_CASE(cell_virtio_device_irq_is_notify_irq, ARM64, "irqs[3]",
	    "interrupt 200 is the system's irqchip.virtio_notify_irq",
	    m.irqs[3] = 200; m.virtio[0].irq = 200)
