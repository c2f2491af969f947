// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* bulkhead_check_cells_disjoint() and bulkhead_check_root_keeps_cpu(). */
#include <string.h>

#include "mkbad-gen.h"
#include "test.h"

/* Checks cell a and b (both must be valid) against each other. */
static void expect_disjoint(const struct cfg_model *a,
			    const struct cfg_model *b, const char *field,
			    const char *reason)
{
	static struct cfg_blob ba, bb, s;
	struct bulkhead_config_error err;
	struct cfg_model sys;

	model_system(&sys, a->cell.architecture);
	model_to_blob(&sys, &s);
	model_to_blob(a, &ba);
	model_to_blob(b, &bb);
	expect_result(bulkhead_check_cell(ba.w, ba.size, blob_sys(&s), &err),
		      &err, NULL, NULL);
	expect_result(bulkhead_check_cell(bb.w, bb.size, blob_sys(&s), &err),
		      &err, NULL, NULL);
	expect_result(bulkhead_check_cells_disjoint(blob_desc(&ba),
						    blob_desc(&bb), &err),
		      &err, field, reason);
}

#define DISJOINT_CASE(name, arch, field, reason, ...)			\
	TEST(name)							\
	{								\
		struct cfg_model a, b;					\
		model_cell(&a, arch, 0);				\
		model_cell(&b, arch, 1);				\
		__VA_ARGS__;						\
		expect_disjoint(&a, &b, field, reason);			\
	}

DISJOINT_CASE(disjoint_arm64_ok, ARM64, NULL, NULL)
DISJOINT_CASE(disjoint_riscv64_ok, RISCV64, NULL, NULL)
DISJOINT_CASE(disjoint_same_name, ARM64, "name",
	      "\"cell-a\" is also the name of another cell",
	      strcpy(b.cell.name, "cell-a"))
DISJOINT_CASE(disjoint_shared_cpu, ARM64, "cpu_set",
	      "shares CPU 3 with cell \"cell-a\" (0x8)", b.cell.cpu_set = 0xc)
DISJOINT_CASE(disjoint_shared_memory, ARM64, "memory[0].phys_start",
	      "physical range 0x7e080000..0x7e17ffff overlaps memory[0] of cell \"cell-a\"",
	      b.mem[0].phys_start = 0x7e080000)
DISJOINT_CASE(disjoint_shared_device, RISCV64, "memory[2].phys_start",
	      "overlaps memory[2] of cell \"cell-a\"",
	      model_add_mem(&b, 0x10008000, 0x90000000, 0x1000,
			    BULKHEAD_MEM_READ | BULKHEAD_MEM_IO))
DISJOINT_CASE(disjoint_one_rootshared, ARM64, "memory[0].phys_start",
	      "unless both are BULKHEAD_MEM_ROOTSHARED",
	      a.mem[0].flags |= BULKHEAD_MEM_ROOTSHARED;
	      b.mem[0].phys_start = a.mem[0].phys_start)
DISJOINT_CASE(disjoint_both_rootshared_ok, ARM64, NULL, NULL,
	      a.mem[0].flags |= BULKHEAD_MEM_ROOTSHARED;
	      b.mem[0].flags |= BULKHEAD_MEM_ROOTSHARED;
	      b.mem[0].phys_start = a.mem[0].phys_start)
/* A pool is ROOTSHARED for root's backend, never for another cell. */
DISJOINT_CASE(disjoint_shared_virtio_pool, ARM64, "memory[2].phys_start",
	      "overlaps memory[3] of cell \"cell-a\" (a virtio pool is never shared)",
	      model_virtio_cell(&a, ARM64);
	      model_add_mem(&b, 0x7e400000, 0x300000, 0x100000,
			    BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
			    BULKHEAD_MEM_ROOTSHARED))
DISJOINT_CASE(disjoint_virtio_ok, RISCV64, NULL, NULL,
	      model_virtio_cell(&a, RISCV64))
DISJOINT_CASE(disjoint_comm_regions_ok, ARM64, NULL, NULL,
	      b.mem[1].virt_start = a.mem[1].virt_start)
DISJOINT_CASE(disjoint_shared_irq, ARM64, "irqs[1]",
	      "interrupt 45 is also given to cell \"cell-a\"",
	      model_add_irq(&b, 45))

TEST(root_keeps_cpu)
{
	static struct cfg_blob s;
	struct bulkhead_config_error err;
	struct cfg_model m;

	model_system(&m, ARM64);
	model_to_blob(&m, &s);
	expect_result(bulkhead_check_root_keeps_cpu(blob_sys(&s), 0xe, &err),
		      &err, NULL, NULL);
	expect_result(bulkhead_check_root_keeps_cpu(blob_sys(&s), 0xf0, &err),
		      &err, NULL, NULL);
	expect_result(bulkhead_check_root_keeps_cpu(blob_sys(&s), 0x1f, &err),
		      &err, "cpu_set",
		      "takes the root cell's last CPU (the root cell has CPUs 0-3): leave the root cell at least one (0x1f)");
}

static int count_bad(struct bad_case *c, void *ctx)
{
	static struct cfg_blob s;
	struct cfg_model *sys = ctx;
	const char *why;

	model_to_blob(sys, &s);
	why = bad_verify(c, &s);
	if (why)
		test_fail("%s: %s", c->name, why);
	return 0;
}

/* mkbad's predictions hold for the reference configs of both machines. */
TEST(mkbad_reference_configs)
{
	static struct cfg_model sys, cell;
	__u16 arch;
	int which;

	for (arch = ARM64; arch <= RISCV64; arch++)
		for (which = 0; which < 2; which++) {
			model_system(&sys, arch);
			model_cell(&cell, arch, which);
			bad_generate(&sys, &cell, count_bad, &sys);
		}
	for (arch = ARM64; arch <= RISCV64; arch++) {
		model_system(&sys, arch);
		model_virtio_cell(&cell, arch);
		bad_generate(&sys, &cell, count_bad, &sys);
	}
}
