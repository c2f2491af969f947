// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The malformed configs of mkbad. Each generator changes one thing in the
 * valid input and predicts the validator's message from the input's own
 * values (region indices, interrupt counts), so the cases work for any
 * valid pair of configs, not only the shipped ones. A generator returns -1
 * when the input lacks what it needs (e.g. a communication region).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bulkhead/config-check.h>

#include "mkbad-gen.h"

#define RW	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE)
#define PAGE	BULKHEAD_PAGE_SIZE

struct gen_in {
	const struct cfg_model *sys;
	const struct cfg_model *cell;
	struct cfg_model m;	/* scratch copy to change */
	struct bad_case *c;
};

static void expect(struct gen_in *in, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void expect(struct gen_in *in, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->c->expect, sizeof(in->c->expect), fmt, ap);
	va_end(ap);
}

static int is_gic(const struct cfg_model *sys)
{
	return sys->sys.irqchip.type != BULKHEAD_IRQCHIP_PLIC;
}

static int is_gicv2(const struct cfg_model *sys)
{
	return sys->sys.irqchip.type == BULKHEAD_IRQCHIP_GICV2;
}

static struct cfg_model *sys_copy(struct gen_in *in)
{
	in->m = *in->sys;
	in->c->system = 1;
	return &in->m;
}

static struct cfg_model *cell_copy(struct gen_in *in)
{
	in->m = *in->cell;
	in->c->system = 0;
	return &in->m;
}

static int finish(struct gen_in *in)
{
	model_to_blob(&in->m, &in->c->blob);
	return 0;
}

static __u64 end_of(__u64 start, __u64 size)
{
	return start + size;
}

/* A cell-virtual page above every region of m. */
static __u64 free_virt(const struct cfg_model *m)
{
	__u64 top = 0x100000;
	unsigned int i;

	for (i = 0; i < m->nmem; i++)
		if (end_of(m->mem[i].virt_start, m->mem[i].size) > top)
			top = end_of(m->mem[i].virt_start, m->mem[i].size);
	return (top + PAGE - 1) & ~(PAGE - 1);
}

/* A physical page above everything the system config describes. */
static __u64 free_phys(const struct cfg_model *sys)
{
	const struct bulkhead_system *s = &sys->sys;
	__u64 top = end_of(s->hypervisor_memory.phys_start,
			   s->hypervisor_memory.size);
	unsigned int i;

	if (end_of(s->irqchip.base, s->irqchip.size) > top)
		top = end_of(s->irqchip.base, s->irqchip.size);
	if (end_of(s->irqchip.redist_base, s->irqchip.redist_size) > top)
		top = end_of(s->irqchip.redist_base, s->irqchip.redist_size);
	if (end_of(s->irqchip.gicc_base, BULKHEAD_GICV2_GICC_SIZE) > top)
		top = end_of(s->irqchip.gicc_base, BULKHEAD_GICV2_GICC_SIZE);
	if (end_of(s->irqchip.gich_base, BULKHEAD_GICV2_GICH_SIZE) > top)
		top = end_of(s->irqchip.gich_base, BULKHEAD_GICV2_GICH_SIZE);
	if (end_of(s->irqchip.gicv_base, BULKHEAD_GICV2_GICV_SIZE) > top)
		top = end_of(s->irqchip.gicv_base, BULKHEAD_GICV2_GICV_SIZE);
	for (i = 0; i < sys->nmem; i++)
		if (end_of(sys->mem[i].phys_start, sys->mem[i].size) > top)
			top = end_of(sys->mem[i].phys_start, sys->mem[i].size);
	return (top + PAGE - 1) & ~(PAGE - 1);
}

static int first_ram_region(const struct cfg_model *m)
{
	unsigned int i;

	for (i = 0; i < m->nmem; i++)
		if (!(m->mem[i].flags & BULKHEAD_MEM_COMM_REGION))
			return (int)i;
	return -1;
}

static int comm_region(const struct cfg_model *m)
{
	unsigned int i;

	for (i = 0; i < m->nmem; i++)
		if (m->mem[i].flags & BULKHEAD_MEM_COMM_REGION)
			return (int)i;
	return -1;
}

/* ---------------------------------------------------------------------- */
/* System configs. */

static int sys_truncated_header(struct gen_in *in)
{
	sys_copy(in);
	finish(in);
	in->c->blob.size = 100;
	expect(in, "config: is 100 bytes, shorter than the %zu-byte system config header",
	       sizeof(struct bulkhead_system));
	return 0;
}

static int sys_truncated_arrays(struct gen_in *in)
{
	if (!sys_copy(in)->nmem)
		return -1;
	finish(in);
	in->c->blob.size -= 8;
	expect(in, "root_cell.num_memory_regions: counts past the end");
	return 0;
}

static int sys_trailing_bytes(struct gen_in *in)
{
	sys_copy(in);
	finish(in);
	in->c->blob.size += 8;
	expect(in, "config: has 8 bytes after the arrays");
	return 0;
}

static int sys_signature(struct gen_in *in)
{
	sys_copy(in)->sys.signature[0] = 'X';
	expect(in, "signature: is not \"%s\"", BULKHEAD_SYSTEM_SIGNATURE);
	return finish(in);
}

static int sys_is_cell(struct gen_in *in)
{
	in->m = *in->cell;
	in->c->system = 1;
	expect(in, "signature: this is a cell config, not a system config");
	return finish(in);
}

static int sys_revision(struct gen_in *in)
{
	sys_copy(in)->sys.revision = BULKHEAD_CONFIG_REVISION + 1;
	expect(in, "revision: is revision %d, but this bulkhead reads revision %d",
	       BULKHEAD_CONFIG_REVISION + 1, BULKHEAD_CONFIG_REVISION);
	return finish(in);
}

static int sys_architecture(struct gen_in *in)
{
	sys_copy(in)->sys.architecture = 0x77;
	expect(in, "architecture: is not a known architecture");
	return finish(in);
}

static int sys_memory_count(struct gen_in *in)
{
	sys_copy(in);
	finish(in);
	blob_desc(&in->c->blob)->num_memory_regions++;
	expect(in, "root_cell.num_memory_regions: counts past the end");
	return 0;
}

static int sys_hv_too_small(struct gen_in *in)
{
	sys_copy(in)->sys.hypervisor_memory.size = 0x80000;
	expect(in, "hypervisor_memory.size: is less than 1 MiB");
	return finish(in);
}

static int sys_hv_in_root(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);

	expect(in, "root_cell.memory[%u].phys_start: overlaps hypervisor_memory",
	       m->nmem);
	model_add_mem(m, m->sys.hypervisor_memory.phys_start, free_virt(m),
		      PAGE, RW);
	return finish(in);
}

static int sys_misaligned_region(struct gen_in *in)
{
	if (!sys_copy(in)->nmem)
		return -1;
	in->m.mem[0].size += 0x800;
	expect(in, "root_cell.memory[0].size: is not a multiple of the page size (0x1000)");
	return finish(in);
}

static int sys_overlapping_regions(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);

	if (!m->nmem)
		return -1;
	m->mem[m->nmem] = m->mem[0];
	m->mem[m->nmem].virt_start = free_virt(m);
	expect(in, "root_cell.memory[%u].phys_start: physical range 0x%llx..",
	       m->nmem, (unsigned long long)m->mem[0].phys_start);
	m->nmem++;
	return finish(in);
}

static int sys_irqchip_type(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);
	int gic = m->sys.architecture == BULKHEAD_ARCH_ARM64;

	m->sys.irqchip.type = gic ? BULKHEAD_IRQCHIP_PLIC : BULKHEAD_IRQCHIP_GICV3;
	expect(in, "irqchip.type: must be %s", gic ?
	       "BULKHEAD_IRQCHIP_GICV3 (1) or BULKHEAD_IRQCHIP_GICV2 (3) on arm64" :
	       "BULKHEAD_IRQCHIP_PLIC (2) on riscv64");
	return finish(in);
}

static int sys_irqchip_in_root(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);

	expect(in, "irqchip.base: register window 0x%llx..",
	       (unsigned long long)m->sys.irqchip.base);
	model_add_mem(m, m->sys.irqchip.base, free_virt(m), PAGE,
		      RW | BULKHEAD_MEM_IO);
	return finish(in);
}

/* The GICv2 frames on another irqchip. */
static int sys_foreign_gicv2_frame(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);

	if (is_gicv2(m))
		return -1;
	m->sys.irqchip.gich_base = free_phys(in->sys);
	expect(in, "irqchip.gich_base: must be 0 on %s",
	       is_gic(m) ? "GICv3: only a GICv2 has this frame" : "the PLIC");
	return finish(in);
}

static int sys_gicv2_no_gich(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);

	if (!is_gicv2(m))
		return -1;
	m->sys.irqchip.gich_base = 0;
	expect(in, "irqchip.gich_base: is 0: give the physical address of the GICv2's hypervisor control interface (GICH)");
	return finish(in);
}

static int sys_gicv2_frames_overlap(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);

	if (!is_gicv2(m))
		return -1;
	m->sys.irqchip.gicv_base = m->sys.irqchip.gicc_base;
	expect(in, "irqchip.gicv_base: GICV 0x%llx..",
	       (unsigned long long)m->sys.irqchip.gicc_base);
	return finish(in);
}

static int sys_gicv2_frame_in_root(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);

	if (!is_gicv2(m))
		return -1;
	expect(in, "irqchip.gicv_base: GICV 0x%llx..",
	       (unsigned long long)m->sys.irqchip.gicv_base);
	model_add_mem(m, m->sys.irqchip.gicv_base, m->sys.irqchip.gicv_base,
		      PAGE, RW | BULKHEAD_MEM_IO);
	return finish(in);
}

static int sys_gicv2_cpus(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);

	if (!is_gicv2(m))
		return -1;
	m->sys.root_cell.cpu_set |= 1ULL << BULKHEAD_GICV2_MAX_CPUS;
	expect(in, "root_cell.cpu_set: contains CPU %d, but a GICv2 has 8 CPU interfaces at most",
	       BULKHEAD_GICV2_MAX_CPUS);
	return finish(in);
}

static int sys_root_irqs(struct gen_in *in)
{
	model_add_irq(sys_copy(in), 33);
	expect(in, "root_cell.num_irqs: must be 0");
	return finish(in);
}

static int sys_root_cpus(struct gen_in *in)
{
	sys_copy(in)->sys.root_cell.cpu_set = 0;
	expect(in, "root_cell.cpu_set: is empty");
	return finish(in);
}

/* ---------------------------------------------------------------------- */
/* Cell configs: header and blob. */

static int cell_truncated_header(struct gen_in *in)
{
	cell_copy(in);
	finish(in);
	in->c->blob.size = 50;
	expect(in, "config: is 50 bytes, shorter than the %zu-byte cell config header",
	       sizeof(struct bulkhead_cell_desc));
	return 0;
}

static int cell_is_system(struct gen_in *in)
{
	in->m = *in->sys;
	in->c->system = 0;
	expect(in, "signature: this is a system config, not a cell config");
	return finish(in);
}

static int cell_signature(struct gen_in *in)
{
	cell_copy(in)->cell.signature[0] = 'X';
	expect(in, "signature: is not \"%s\"", BULKHEAD_CELL_SIGNATURE);
	return finish(in);
}

static int cell_revision(struct gen_in *in)
{
	cell_copy(in)->cell.revision = BULKHEAD_CONFIG_REVISION + 1;
	expect(in, "revision: is revision %d, but this bulkhead reads revision %d: rebuild the config against this bulkhead",
	       BULKHEAD_CONFIG_REVISION + 1, BULKHEAD_CONFIG_REVISION);
	return finish(in);
}

static int cell_architecture_unknown(struct gen_in *in)
{
	cell_copy(in)->cell.architecture = 0x77;
	expect(in, "architecture: is not a known architecture");
	return finish(in);
}

static int cell_architecture_other(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	__u16 own = m->cell.architecture;
	__u16 other = own == BULKHEAD_ARCH_ARM64 ? BULKHEAD_ARCH_RISCV64 :
						   BULKHEAD_ARCH_ARM64;

	/* an arm64 entry must be 4-byte aligned, which would fail first */
	if (m->cell.entry & 3)
		return -1;
	m->cell.architecture = other;
	expect(in, "architecture: is %s, but the system config is %s",
	       bulkhead_arch_name(other), bulkhead_arch_name(own));
	return finish(in);
}

/*
 * The first count whose array no longer fits once a count grew: with the
 * virtio devices behind them, a larger count may still end inside the
 * blob, and a later array is the one that runs past its end.
 */
static const char *past_end_count(struct bad_case *c)
{
	const struct bulkhead_cell_desc *d = blob_desc(&c->blob);
	__u64 end = sizeof(*d) + (__u64)d->num_memory_regions *
				 sizeof(struct bulkhead_memory);

	if (end > c->blob.size)
		return "num_memory_regions";
	end += bulkhead_irqs_size(d->num_irqs);
	return end > c->blob.size ? "num_irqs" : "num_virtio_devices";
}

static int cell_memory_count(struct gen_in *in)
{
	cell_copy(in);
	finish(in);
	blob_desc(&in->c->blob)->num_memory_regions++;
	expect(in, "%s: counts past the end", past_end_count(in->c));
	return 0;
}

static int cell_irq_count(struct gen_in *in)
{
	cell_copy(in);
	finish(in);
	blob_desc(&in->c->blob)->num_irqs += 2;
	expect(in, "%s: counts past the end", past_end_count(in->c));
	return 0;
}

static int cell_trailing_bytes(struct gen_in *in)
{
	cell_copy(in);
	finish(in);
	in->c->blob.size += 16;
	expect(in, "config: has 16 bytes after the arrays");
	return 0;
}

static int cell_name_empty(struct gen_in *in)
{
	cell_copy(in)->cell.name[0] = '\0';
	expect(in, "name: is empty");
	return finish(in);
}

static int cell_name_unterminated(struct gen_in *in)
{
	memset(cell_copy(in)->cell.name, 'n', BULKHEAD_CELL_NAME_LEN);
	expect(in, "name: is not NUL-terminated within 32 bytes");
	return finish(in);
}

static int cell_flags(struct gen_in *in)
{
	cell_copy(in)->cell.flags |= 0x100;
	expect(in, "flags: has unknown bits set");
	return finish(in);
}

static int cell_reserved(struct gen_in *in)
{
	cell_copy(in)->cell.reserved[2] = 1;
	expect(in, "reserved[2]: is reserved and must be 0");
	return finish(in);
}

static int cell_console_type(struct gen_in *in)
{
	cell_copy(in)->cell.console.type = 9;
	expect(in, "console.type: is not a known console type");
	return finish(in);
}

static int cell_entry_outside(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);

	m->cell.entry = free_virt(m);
	expect(in, "entry: is not inside a memory region of the cell with BULKHEAD_MEM_EXECUTE");
	return finish(in);
}

/* ---------------------------------------------------------------------- */
/* Cell configs: memory. */

static int cell_overlapping_regions(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	int k = first_ram_region(m);

	if (k < 0)
		return -1;
	m->mem[m->nmem] = m->mem[k];
	m->mem[m->nmem].virt_start = free_virt(m);
	expect(in, "memory[%u].phys_start: physical range 0x%llx..",
	       m->nmem, (unsigned long long)m->mem[k].phys_start);
	m->nmem++;
	return finish(in);
}

static int cell_overlapping_virt(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	int k = first_ram_region(m);

	if (k < 0)
		return -1;
	expect(in, "memory[%u].virt_start: virtual range 0x%llx..",
	       m->nmem, (unsigned long long)m->mem[k].virt_start);
	model_add_mem(m, free_phys(in->sys), m->mem[k].virt_start, PAGE, RW);
	return finish(in);
}

static int cell_misaligned_region(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	int k = first_ram_region(m);

	if (k < 0)
		return -1;
	m->mem[k].phys_start += 0x10;
	expect(in, "memory[%d].phys_start: is not a multiple of the page size (0x1000)", k);
	return finish(in);
}

static int cell_zero_size(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	int k = first_ram_region(m);

	if (k < 0)
		return -1;
	m->mem[k].size = 0;
	expect(in, "memory[%d].size: is 0", k);
	return finish(in);
}

static int cell_region_wraps(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);

	expect(in, "memory[%u].size: makes phys_start + size wrap", m->nmem);
	model_add_mem(m, 0xfffffffffffff000ULL, free_virt(m), 2 * PAGE, RW);
	return finish(in);
}

static int cell_second_comm(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	int k = comm_region(m);

	if (k < 0) {
		k = (int)m->nmem;
		model_add_mem(m, 0, free_virt(m), PAGE,
			      RW | BULKHEAD_MEM_COMM_REGION);
	}
	expect(in, "memory[%u].flags: marks a second communication region (the first is memory[%d])",
	       m->nmem, k);
	model_add_mem(m, 0, free_virt(m), PAGE, RW | BULKHEAD_MEM_COMM_REGION);
	return finish(in);
}

static int cell_comm_phys(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	int k = comm_region(m);

	if (k < 0)
		return -1;
	m->mem[k].phys_start = PAGE;
	expect(in, "memory[%d].phys_start: must be 0 in the communication region", k);
	return finish(in);
}

static int cell_hypervisor_memory(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	const struct bulkhead_memory *hv = &in->sys->sys.hypervisor_memory;

	expect(in, "memory[%u].phys_start: overlaps hypervisor_memory (0x%llx..0x%llx): hypervisor memory is never given to a cell",
	       m->nmem, (unsigned long long)hv->phys_start,
	       (unsigned long long)(hv->phys_start + hv->size - 1));
	model_add_mem(m, hv->phys_start, free_virt(m), PAGE, RW);
	return finish(in);
}

static int cell_outside_root(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	__u64 phys = free_phys(in->sys);

	if (!phys)
		return -1;
	expect(in, "memory[%u].phys_start: physical range 0x%llx..0x%llx is not inside one memory region of the root cell",
	       m->nmem, (unsigned long long)phys,
	       (unsigned long long)(phys + PAGE - 1));
	model_add_mem(m, phys, free_virt(m), PAGE, RW);
	return finish(in);
}

static int page_is_free(const struct cfg_model *cell, __u64 phys)
{
	unsigned int i;

	for (i = 0; i < cell->nmem; i++)
		if (!(cell->mem[i].flags & BULKHEAD_MEM_COMM_REGION) &&
		    phys >= cell->mem[i].phys_start &&
		    phys - cell->mem[i].phys_start < cell->mem[i].size)
			return 0;
	return 1;
}

/* A page of root RAM the cell does not use yet, or 0. */
static __u64 free_root_ram_page(const struct cfg_model *sys,
				const struct cfg_model *cell,
				unsigned int *root_index)
{
	const struct bulkhead_memory *r;
	unsigned int i;

	for (i = 0; i < sys->nmem; i++) {
		r = &sys->mem[i];
		if (r->flags & BULKHEAD_MEM_IO)
			continue;
		*root_index = i;
		if (page_is_free(cell, r->phys_start))
			return r->phys_start;
		if (page_is_free(cell, r->phys_start + r->size - PAGE))
			return r->phys_start + r->size - PAGE;
	}
	return 0;
}

static int cell_io_in_ram(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	unsigned int root_index = 0;
	__u64 page = free_root_ram_page(in->sys, m, &root_index);

	if (!page)
		return -1;
	expect(in, "memory[%u].flags: has BULKHEAD_MEM_IO, but lies in RAM (root_cell.memory[%u])",
	       m->nmem, root_index);
	model_add_mem(m, page, free_virt(m), PAGE, RW | BULKHEAD_MEM_IO);
	return finish(in);
}

/* A GICv2 cell finds its virtual CPU interface at the GICC address. */
static int cell_on_gicc(struct gen_in *in)
{
	const struct bulkhead_irqchip *chip = &in->sys->sys.irqchip;
	struct cfg_model *m = cell_copy(in);
	unsigned int root_index = 0;
	__u64 page = free_root_ram_page(in->sys, m, &root_index);

	if (!is_gicv2(in->sys) || !page)
		return -1;
	expect(in, "memory[%u].virt_start: virtual range 0x%llx..0x%llx overlaps GICC",
	       m->nmem, (unsigned long long)chip->gicc_base,
	       (unsigned long long)(chip->gicc_base + PAGE - 1));
	model_add_mem(m, page, chip->gicc_base, PAGE, RW);
	return finish(in);
}

/* ---------------------------------------------------------------------- */
/* Cell configs: CPUs and interrupts. */

static int cell_foreign_cpu(struct gen_in *in)
{
	__u64 root = in->sys->sys.root_cell.cpu_set;
	int cpu = 63;

	while (cpu >= 0 && (root & (1ULL << cpu)))
		cpu--;
	if (cpu < 0)
		return -1;
	cell_copy(in)->cell.cpu_set |= 1ULL << cpu;
	expect(in, "cpu_set: contains CPU %d, not in the root cell's cpu_set", cpu);
	return finish(in);
}

static int cell_root_last_cpu(struct gen_in *in)
{
	cell_copy(in)->cell.cpu_set = in->sys->sys.root_cell.cpu_set;
	expect(in, "cpu_set: takes the root cell's last CPU");
	return finish(in);
}

static int cell_no_cpu(struct gen_in *in)
{
	cell_copy(in)->cell.cpu_set = 0;
	expect(in, "cpu_set: is empty");
	return finish(in);
}

static int cell_irq_not_exist(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	__u32 lines = in->sys->sys.irqchip.num_irqs;

	expect(in, "irqs[%u]: interrupt %u does not exist: the irqchip has %u lines",
	       m->nirq, lines, lines);
	model_add_irq(m, lines);
	return finish(in);
}

static int irq_in_cell(const struct cfg_model *m, __u32 irq)
{
	unsigned int i;

	for (i = 0; i < m->nirq; i++)
		if (m->irqs[i] == irq)
			return 1;
	return 0;
}

static int cell_irq_duplicate(struct gen_in *in)
{
	const struct bulkhead_irqchip *chip = &in->sys->sys.irqchip;
	struct cfg_model *m = cell_copy(in);
	__u32 irq = is_gic(in->sys) ? BULKHEAD_GIC_FIRST_SPI : 1;

	while (irq < chip->num_irqs && irq_in_cell(m, irq))
		irq++;
	if (irq >= chip->num_irqs || m->nirq + 2 > BULKHEAD_MAX_IRQS)
		return -1;
	expect(in, "irqs[%u]: interrupt %u is listed twice (also irqs[%u])",
	       m->nirq + 1, irq, m->nirq);
	model_add_irq(m, irq);
	model_add_irq(m, irq);
	return finish(in);
}

static int cell_irq_per_cpu(struct gen_in *in)
{
	const struct bulkhead_irqchip *chip = &in->sys->sys.irqchip;
	struct cfg_model *m = cell_copy(in);

	if (!is_gic(in->sys)) {
		expect(in, "irqs[%u]: interrupt 0 does not exist on the PLIC",
		       m->nirq);
		model_add_irq(m, 0);
		return finish(in);
	}
	expect(in, "irqs[%u]: interrupt %u is an SGI or PPI", m->nirq,
	       chip->maintenance_irq == 30 ? 29 : 30);
	model_add_irq(m, chip->maintenance_irq == 30 ? 29 : 30);
	return finish(in);
}

static int cell_irq_maintenance(struct gen_in *in)
{
	const struct bulkhead_irqchip *chip = &in->sys->sys.irqchip;
	struct cfg_model *m = cell_copy(in);

	if (!is_gic(in->sys))
		return -1;
	expect(in, "irqs[%u]: interrupt %u is the GIC maintenance interrupt",
	       m->nirq, chip->maintenance_irq);
	model_add_irq(m, chip->maintenance_irq);
	return finish(in);
}


/* ---------------------------------------------------------------------- */
/* Virtio: the notify line of the system, a cell's devices and pool. */

static int sys_virtio_notify_irq(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);
	m->sys.irqchip.virtio_notify_irq = m->sys.irqchip.num_irqs;
	expect(in, "irqchip.virtio_notify_irq: is not %s", is_gic(m) ?
	       "an SPI of the GIC" : "a source of the PLIC");
	return finish(in);
}

static int sys_root_virtio_pool(struct gen_in *in)
{
	struct cfg_model *m = sys_copy(in);
	int k = first_ram_region(m);

	if (k < 0)
		return -1;
	m->mem[k].flags |= BULKHEAD_MEM_VIRTIO_POOL | BULKHEAD_MEM_ROOTSHARED;
	expect(in, "root_cell.memory[%d].flags: has BULKHEAD_MEM_VIRTIO_POOL, but the root cell serves virtio devices", k);
	return finish(in);
}

/* The line the system keeps for virtio requests, taken by the cell. */
static int cell_takes_notify_irq(struct gen_in *in)
{
	__u32 notify = in->sys->sys.irqchip.virtio_notify_irq;
	struct cfg_model *m = cell_copy(in);

	if (!notify || irq_in_cell(m, notify))
		return -1;
	expect(in, "irqs[%u]: interrupt %u is the system's irqchip.virtio_notify_irq",
	       m->nirq, notify);
	model_add_irq(m, notify);
	return finish(in);
}

static int cell_virtio_count(struct gen_in *in)
{
	cell_copy(in);
	finish(in);
	blob_desc(&in->c->blob)->num_virtio_devices++;
	expect(in, "num_virtio_devices: counts past the end");
	return 0;
}

static int cell_virtio_type(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);

	if (!m->nvirtio)
		return -1;
	m->virtio[0].type = 0x77;
	expect(in, "virtio_devices[0].type: is not a device type bulkhead serves");
	return finish(in);
}

static int cell_virtio_window_in_memory(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	int k = first_ram_region(m);

	if (!m->nvirtio || k < 0)
		return -1;
	m->virtio[0].address = m->mem[k].virt_start;
	expect(in, "virtio_devices[0].address: window 0x%llx..",
	       (unsigned long long)m->mem[k].virt_start);
	return finish(in);
}

static int cell_virtio_irq_not_listed(struct gen_in *in)
{
	const struct bulkhead_irqchip *chip = &in->sys->sys.irqchip;
	struct cfg_model *m = cell_copy(in);
	__u32 irq = chip->num_irqs - 1;

	if (!m->nvirtio)
		return -1;
	while (irq && irq_in_cell(m, irq))
		irq--;
	m->virtio[0].irq = irq;
	expect(in, "virtio_devices[0].irq: interrupt %u is not in the cell's irqs",
	       irq);
	return finish(in);
}

static int cell_virtio_no_pool(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	unsigned int i;

	if (!m->nvirtio)
		return -1;
	for (i = 0; i < m->nmem; i++)
		m->mem[i].flags &= ~(__u64)BULKHEAD_MEM_VIRTIO_POOL;
	expect(in, "num_virtio_devices: is not 0, but no memory region has BULKHEAD_MEM_VIRTIO_POOL");
	return finish(in);
}

static int cell_virtio_pool_not_shared(struct gen_in *in)
{
	struct cfg_model *m = cell_copy(in);
	unsigned int i;

	for (i = 0; i < m->nmem; i++)
		if (m->mem[i].flags & BULKHEAD_MEM_VIRTIO_POOL)
			break;
	if (i == m->nmem)
		return -1;
	m->mem[i].flags &= ~(__u64)BULKHEAD_MEM_ROOTSHARED;
	expect(in, "memory[%u].flags: has BULKHEAD_MEM_VIRTIO_POOL without all of BULKHEAD_MEM_ROOTSHARED, READ and WRITE",
	       i);
	return finish(in);
}

/* ---------------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*gen)(struct gen_in *in);
} generators[] = {
	{ "sys-truncated-header", sys_truncated_header },
	{ "sys-truncated-arrays", sys_truncated_arrays },
	{ "sys-trailing-bytes", sys_trailing_bytes },
	{ "sys-wrong-signature", sys_signature },
	{ "sys-is-cell-config", sys_is_cell },
	{ "sys-wrong-revision", sys_revision },
	{ "sys-wrong-architecture", sys_architecture },
	{ "sys-memory-count-past-end", sys_memory_count },
	{ "sys-hypervisor-too-small", sys_hv_too_small },
	{ "sys-hypervisor-in-root", sys_hv_in_root },
	{ "sys-misaligned-region", sys_misaligned_region },
	{ "sys-overlapping-regions", sys_overlapping_regions },
	{ "sys-irqchip-type", sys_irqchip_type },
	{ "sys-irqchip-in-root", sys_irqchip_in_root },
	{ "sys-foreign-gicv2-frame", sys_foreign_gicv2_frame },
	{ "sys-gicv2-no-gich", sys_gicv2_no_gich },
	{ "sys-gicv2-frames-overlap", sys_gicv2_frames_overlap },
	{ "sys-gicv2-frame-in-root", sys_gicv2_frame_in_root },
	{ "sys-gicv2-cpus", sys_gicv2_cpus },
	{ "sys-root-irqs", sys_root_irqs },
	{ "sys-root-no-cpu", sys_root_cpus },
	{ "cell-truncated-header", cell_truncated_header },
	{ "cell-is-system-config", cell_is_system },
	{ "cell-wrong-signature", cell_signature },
	{ "cell-wrong-revision", cell_revision },
	{ "cell-unknown-architecture", cell_architecture_unknown },
	{ "cell-wrong-architecture", cell_architecture_other },
	{ "cell-memory-count-past-end", cell_memory_count },
	{ "cell-irq-count-past-end", cell_irq_count },
	{ "cell-trailing-bytes", cell_trailing_bytes },
	{ "cell-name-empty", cell_name_empty },
	{ "cell-name-unterminated", cell_name_unterminated },
	{ "cell-unknown-flags", cell_flags },
	{ "cell-reserved", cell_reserved },
	{ "cell-console-type", cell_console_type },
	{ "cell-entry-outside", cell_entry_outside },
	{ "cell-overlapping-regions", cell_overlapping_regions },
	{ "cell-overlapping-virt", cell_overlapping_virt },
	{ "cell-misaligned-region", cell_misaligned_region },
	{ "cell-zero-size-region", cell_zero_size },
	{ "cell-region-wraps", cell_region_wraps },
	{ "cell-second-comm-region", cell_second_comm },
	{ "cell-comm-region-phys", cell_comm_phys },
	{ "cell-hypervisor-memory", cell_hypervisor_memory },
	{ "cell-memory-not-roots", cell_outside_root },
	{ "cell-io-in-ram", cell_io_in_ram },
	{ "cell-on-gicc", cell_on_gicc },
	{ "cell-cpu-not-roots", cell_foreign_cpu },
	{ "cell-root-last-cpu", cell_root_last_cpu },
	{ "cell-no-cpu", cell_no_cpu },
	{ "cell-irq-does-not-exist", cell_irq_not_exist },
	{ "cell-irq-duplicate", cell_irq_duplicate },
	{ "cell-irq-per-cpu", cell_irq_per_cpu },
	{ "cell-irq-maintenance", cell_irq_maintenance },
	{ "sys-virtio-notify-irq", sys_virtio_notify_irq },
	{ "sys-root-virtio-pool", sys_root_virtio_pool },
	{ "cell-takes-virtio-notify-irq", cell_takes_notify_irq },
	{ "cell-virtio-count-past-end", cell_virtio_count },
	{ "cell-virtio-type", cell_virtio_type },
	{ "cell-virtio-window-in-memory", cell_virtio_window_in_memory },
	{ "cell-virtio-irq-not-listed", cell_virtio_irq_not_listed },
	{ "cell-virtio-no-pool", cell_virtio_no_pool },
	{ "cell-virtio-pool-not-rootshared", cell_virtio_pool_not_shared },
};

int bad_generate(const struct cfg_model *sys, const struct cfg_model *cell,
		 bad_emit_fn emit, void *ctx)
{
	static struct bad_case c;
	static struct gen_in in;
	unsigned int i;
	int ret;

	in.sys = sys;
	in.cell = cell;
	in.c = &c;
	for (i = 0; i < sizeof(generators) / sizeof(generators[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.name = generators[i].name;
		if (generators[i].gen(&in))
			continue;
		ret = emit(&c, ctx);
		if (ret)
			return ret;
	}
	return 0;
}

const char *bad_verify(struct bad_case *c, struct cfg_blob *sys)
{
	static char why[640];
	struct bulkhead_config_error err;
	char msg[320];
	int ret;

	ret = c->system ? bulkhead_check_system(c->blob.w, c->blob.size, &err) :
			  bulkhead_check_cell(c->blob.w, c->blob.size,
					      blob_sys(sys), &err);
	if (!ret) {
		snprintf(why, sizeof(why), "accepted, expected \"%s\"", c->expect);
		return why;
	}
	bulkhead_config_error_format(&err, msg, sizeof(msg));
	if (strstr(msg, c->expect))
		return NULL;
	snprintf(why, sizeof(why), "got \"%s\", expected \"%s\"", msg, c->expect);
	return why;
}
