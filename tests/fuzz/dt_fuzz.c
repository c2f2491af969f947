// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target of `bulkhead cell linux`'s device tree (tools/linux-dt*.c):
 * a random root DTB (and with -d a random base tree) and a valid cell
 * config in, the cell's tree out.
 *
 * Input: a flags byte, then what the flags ask for, then the tree(s):
 *
 *   flags bits 0-2  the cell: 0 arm64 qemu-virt-linux, 1 arm64
 *                   qemu-virt-linux-virtio, 2 and 3 the same of riscv64;
 *                   4-7: a cell config in the input (le16 length, bytes),
 *                   used when the validator takes it, else cell flags & 3
 *         bit 3     -d: le32 length of the root tree, the root tree, and
 *                   the rest is the base tree (else the rest is the root)
 *         bit 4     -c: a length byte and the command line
 *         bit 5     -i: an initrd in the cell's RAM
 *
 * Every tree is copied into an allocation of exactly its size. When the
 * build succeeds, the output must be a well-formed tree by our own checker
 * (fdt-verify.c), at most 2 MiB, and say what
 * the cell config says: the cell's CPUs (no more, no fewer), its RAM, the
 * command line and initrd in /chosen, each virtio device with the pool as
 * its restricted-dma-pool; built from the root tree alone, every device
 * node it passes on lies inside the cell's I/O regions. Then the project's
 * other readers of device trees (hw-facts.c, config-gen.c) read it back.
 */
#include <libfdt.h>

#include <bulkhead/config-check.h>

#include "../../tools/bulkhead.h"
#include "../../tools/config-gen.h"
#include "../../tools/hw-facts.h"
#include "../../tools/linux-dt-internal.h"
#include "fdt-verify.h"
#include "fuzz.h"
#include "shipped.h"

#define DEFAULT_CMDLINE	"bulkhead.test=poweroff"

static FILE *report;

struct shipped_cell {
	const void *const *data;
	const unsigned long *size;
};

static const struct shipped_cell cells[4] = {
	{ &fuzz_arm64_linux, &fuzz_arm64_linux_size },
	{ &fuzz_arm64_linux_virtio, &fuzz_arm64_linux_virtio_size },
	{ &fuzz_riscv64_linux, &fuzz_riscv64_linux_size },
	{ &fuzz_riscv64_linux_virtio, &fuzz_riscv64_linux_virtio_size },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsigned int i;

	(void)argc;
	(void)argv;
	report = fopen("/dev/null", "w");
	if (!report)
		abort();
	/* A fuzzer of cells the validator refuses would test nothing. */
	for (i = 0; i < 4; i++)
		if (bulkhead_check_cell(*cells[i].data, *cells[i].size, NULL, NULL))
			abort();
	return 0;
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/* A node's only reg entry in its parent's cells, or 0 if it has not one. */
static int one_reg(const void *fdt, int node, uint64_t *addr, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node), ac, sc, len;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || parent < 0)
		return 0;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || len != (ac + sc) * 4)
		return 0;
	*addr = read_cells(p, ac);
	*size = read_cells(p + ac, sc);
	return 1;
}

static int has_string(const void *fdt, int node, const char *prop, const char *want)
{
	int len;
	const char *s = fdt_getprop(fdt, node, prop, &len);

	return s && len == (int)strlen(want) + 1 && !memcmp(s, want, len);
}

static void check_cpus(const void *out, const struct bulkhead_cell_desc *cell)
{
	int cpus = fdt_path_offset(out, "/cpus"), node, n = 0;

	FZ_CHECK(cpus >= 0, "no /cpus in the cell's tree");
	fdt_for_each_subnode(node, out, cpus) {
		const char *type = fdt_getprop(out, node, "device_type", NULL);

		if (!type || strcmp(type, "cpu"))
			continue;
		n++;
		if (cell->architecture == BULKHEAD_ARCH_ARM64)
			FZ_CHECK(has_string(out, node, "enable-method", "psci"),
				 "cpu node %s without enable-method psci",
				 fdt_get_name(out, node, NULL));
		FZ_CHECK(!fdt_getprop(out, node, "cpu-idle-states", NULL),
			 "cpu node %s keeps its idle states",
			 fdt_get_name(out, node, NULL));
	}
	FZ_CHECK(n == __builtin_popcountll(cell->cpu_set),
		 "%d cpu nodes for cpu_set 0x%llx", n,
		 (unsigned long long)cell->cpu_set);
}

static void check_memory(const void *out, const struct bulkhead_cell_desc *cell)
{
	const struct bulkhead_memory *m = bulkhead_cell_memory(cell);
	uint64_t addr, size;
	unsigned int i;
	char path[48];
	int node;

	for (i = 0; i < cell->num_memory_regions; i++) {
		if (!bh_linux_is_ram(&m[i]))
			continue;
		snprintf(path, sizeof(path), "/memory@%llx",
			 (unsigned long long)m[i].virt_start);
		node = fdt_path_offset(out, path);
		FZ_CHECK(node >= 0, "no %s for the cell's RAM", path);
		FZ_CHECK(has_string(out, node, "device_type", "memory"),
			 "%s is no memory node", path);
		FZ_CHECK(one_reg(out, node, &addr, &size) && addr == m[i].virt_start &&
			 size == m[i].size, "%s: reg is not the cell's RAM", path);
	}
}

/* A 64-bit cell pair: property values are only 4-byte aligned. */
static uint64_t u64_at(const void *p)
{
	fdt64_t v;

	memcpy(&v, p, sizeof(v));
	return fdt64_to_cpu(v);
}

static void check_chosen(const void *out, const char *cmdline,
			 unsigned long long initrd_start, unsigned long long initrd_end)
{
	int node = fdt_path_offset(out, "/chosen"), len;
	const char *args;
	const fdt64_t *p;
	size_t n;

	FZ_CHECK(node >= 0, "no /chosen");
	args = fdt_getprop(out, node, "bootargs", &len);
	FZ_CHECK(args && len > 0 && !args[len - 1] && strlen(args) == (size_t)len - 1,
		 "bootargs missing or not one string");
	n = strlen(cmdline);
	FZ_CHECK(strlen(args) >= n && !strcmp(args + strlen(args) - n, cmdline),
		 "bootargs \"%.100s\" do not end with -c \"%.100s\"", args, cmdline);
	p = fdt_getprop(out, node, "linux,initrd-start", &len);
	if (initrd_end > initrd_start) {
		FZ_CHECK(p && len == 8 && u64_at(p) == initrd_start,
			 "linux,initrd-start is not the initrd's");
		p = fdt_getprop(out, node, "linux,initrd-end", &len);
		FZ_CHECK(p && len == 8 && u64_at(p) == initrd_end,
			 "linux,initrd-end is not the initrd's");
	} else {
		FZ_CHECK(!p && !fdt_getprop(out, node, "linux,initrd-end", NULL),
			 "an initrd in /chosen, but none given");
	}
}

static const struct bulkhead_memory *pool_of(const struct bulkhead_cell_desc *cell)
{
	const struct bulkhead_memory *m = bulkhead_cell_memory(cell);
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++)
		if (m[i].flags & BULKHEAD_MEM_VIRTIO_POOL)
			return &m[i];
	return NULL;
}

static void check_virtio(const void *out, const struct bulkhead_cell_desc *cell)
{
	const struct bulkhead_virtio_device *dev = bulkhead_cell_virtio(cell);
	const struct bulkhead_memory *pool = pool_of(cell);
	uint64_t addr, size;
	const fdt32_t *ph;
	unsigned int i;
	char path[48];
	int node, len, rm;

	for (i = 0; i < cell->num_virtio_devices; i++) {
		snprintf(path, sizeof(path), "/virtio_mmio@%llx",
			 (unsigned long long)dev[i].address);
		node = fdt_path_offset(out, path);
		FZ_CHECK(node >= 0, "no %s for virtio device %u", path, i);
		FZ_CHECK(has_string(out, node, "compatible", "virtio,mmio"),
			 "%s is not compatible \"virtio,mmio\"", path);
		FZ_CHECK(one_reg(out, node, &addr, &size) && addr == dev[i].address &&
			 size == 0x200, "%s: reg is not the device's window", path);
		ph = fdt_getprop(out, node, "memory-region", &len);
		FZ_CHECK(ph && len == 4 && pool, "%s: no memory-region", path);
		rm = fdt_node_offset_by_phandle(out, fdt32_to_cpu(*ph));
		FZ_CHECK(rm >= 0 && has_string(out, rm, "compatible", "restricted-dma-pool"),
			 "%s: its memory-region is no restricted-dma-pool", path);
		FZ_CHECK(one_reg(out, rm, &addr, &size) && addr == pool->virt_start &&
			 size == pool->size, "%s: its pool's reg is not the cell's pool", path);
	}
}

/* [addr, addr + size) lies in one of the cell's I/O regions, cell addresses. */
static int in_io(const struct bulkhead_cell_desc *cell, uint64_t addr, uint64_t size)
{
	const struct bulkhead_memory *m = bulkhead_cell_memory(cell);
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++)
		if ((m[i].flags & BULKHEAD_MEM_IO) && size && addr >= m[i].virt_start &&
		    size <= m[i].size && addr - m[i].virt_start <= m[i].size - size)
			return 1;
	return 0;
}

/*
 * The names of the root tree's nodes the cell's tree copies as they are,
 * found as linux-dt*.c finds them (libfdt's compatible matching, which a
 * malformed "compatible" can make depend on the byte after it): the
 * interrupt controller, and on arm64 the timer and PSCI.
 */
struct own_names {
	const char *irqchip, *timer, *psci;
};

static void find_own_names(const void *root, const struct bulkhead_cell_desc *cell,
			   struct own_names *own)
{
	static const char *const timer[] = { "arm,armv8-timer", NULL };
	static const char *const psci[] = {
		"arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL
	};
	int arm64 = cell->architecture == BULKHEAD_ARCH_ARM64;
	const struct bh_dt_arch *arch = arm64 ? &bh_dt_arm64 : &bh_dt_riscv64;
	int node;

	memset(own, 0, sizeof(*own));
	node = bh_dt_find_compatible(root, arch->irqchip_compat);
	own->irqchip = node >= 0 ? fdt_get_name(root, node, NULL) : NULL;
	if (!arm64)
		return;
	node = bh_dt_find_compatible(root, timer);
	own->timer = node >= 0 ? fdt_get_name(root, node, NULL) : NULL;
	node = bh_dt_find_compatible(root, psci);
	own->psci = node >= 0 && !fdt_parent_offset(root, node) ?
		    fdt_get_name(root, node, NULL) : "psci";
}

static int is_name(const char *name, const char *own)
{
	return own && !strcmp(name, own);
}

/* A node the cell's tree has of its own, not a device of the root tree. */
static int own_node(const void *out, int node, const struct bulkhead_cell_desc *cell,
		    const struct own_names *own)
{
	const struct bulkhead_virtio_device *dev = bulkhead_cell_virtio(cell);
	const char *name = fdt_get_name(out, node, NULL);
	unsigned int i;
	char vname[48];

	if (!strcmp(name, "cpus") || !strcmp(name, "chosen") ||
	    !strcmp(name, "reserved-memory") ||
	    has_string(out, node, "device_type", "memory") ||
	    is_name(name, own->irqchip) || is_name(name, own->timer) ||
	    is_name(name, own->psci))
		return 1;
	for (i = 0; i < cell->num_virtio_devices; i++) {
		snprintf(vname, sizeof(vname), "virtio_mmio@%llx",
			 (unsigned long long)dev[i].address);
		if (!strcmp(name, vname))
			return 1;
	}
	return 0;
}

/* Every reg entry of node in the cells of its parent lies in the cell's I/O. */
static void check_reg_in_io(const void *out, int node,
			    const struct bulkhead_cell_desc *cell)
{
	int parent = fdt_parent_offset(out, node), ac, sc, len, i;
	const fdt32_t *p = fdt_getprop(out, node, "reg", &len);

	if (!p)
		return;
	ac = fdt_address_cells(out, parent);
	sc = fdt_size_cells(out, parent);
	FZ_CHECK(ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 && len % ((ac + sc) * 4) == 0,
		 "%s: reg of %d bytes in %d/%d cells", fdt_get_name(out, node, NULL),
		 len, ac, sc);
	for (i = 0; i < len / 4; i += ac + sc)
		FZ_CHECK(in_io(cell, read_cells(p + i, ac), read_cells(p + i + ac, sc)),
			 "%s: reg 0x%llx+0x%llx is outside the cell's I/O regions",
			 fdt_get_name(out, node, NULL),
			 (unsigned long long)read_cells(p + i, ac),
			 (unsigned long long)read_cells(p + i + ac, sc));
}

/* A copy of an identity bus, as linux-dt.c's is_identity_bus() finds them. */
static int is_bus(const void *out, int node)
{
	int len, ac = fdt_address_cells(out, node), sc = fdt_size_cells(out, node);

	return !fdt_node_check_compatible(out, node, "simple-bus") &&
	       fdt_getprop(out, node, "ranges", &len) && !len &&
	       ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2;
}

/*
 * The devices passed on: nodes under the root, and under the copies of
 * identity buses, that are not the cell's own.
 */
static void check_devices(const void *out, const void *root,
			  const struct bulkhead_cell_desc *cell)
{
	struct own_names own;
	int node, sub;

	find_own_names(root, cell, &own);
	fdt_for_each_subnode(node, out, 0) {
		if (own_node(out, node, cell, &own))
			continue;
		if (is_bus(out, node)) {
			fdt_for_each_subnode(sub, out, node)
				if (!own_node(out, sub, cell, &own))
					check_reg_in_io(out, sub, cell);
			continue;
		}
		check_reg_in_io(out, node, cell);
	}
}

/* The other device tree readers of the project on the cell's tree. */
static void read_back(const void *out, const struct bulkhead_cell_desc *cell,
		      int from_root)
{
	static struct cg_machine m;
	const struct bulkhead_memory *pool = pool_of(cell);
	struct bh_resv r;
	struct bh_gic gic;
	int rm, sub, children = 0;

	bh_fdt_gic(out, &gic);
	if (pool) {
		bh_fdt_reservation(out, pool->virt_start, pool->size, &r);
		rm = fdt_path_offset(out, "/reserved-memory");
		fdt_for_each_subnode(sub, out, rm)
			children++;
		/* Ours alone: covered, and in Linux's linear map (no no-map). */
		FZ_CHECK(!from_root || children != 1 || r.verdict == BH_RESV_MAPPED,
			 "the virtio pool's reservation reads as verdict %d", r.verdict);
	}
	memset(&m, 0, sizeof(m));
	if (!cg_read_fdt(&m, out, fdt_totalsize(out), "cell.dtb")) {
		if (cell->architecture == BULKHEAD_ARCH_RISCV64)
			FZ_CHECK(!(m.cpu_set & ~cell->cpu_set),
				 "config create reads harts 0x%llx from a tree of harts 0x%llx",
				 (unsigned long long)m.cpu_set,
				 (unsigned long long)cell->cpu_set);
		else
			FZ_CHECK(__builtin_popcountll(m.cpu_set) <=
				 __builtin_popcountll(cell->cpu_set),
				 "config create reads more CPUs than the cell has");
	}
}

/* DT_FUZZ_OUT=FILE: the cell's tree of the (last) input goes there. */
static void dump_out(const void *out, size_t size)
{
	const char *path = getenv("DT_FUZZ_OUT");
	FILE *f = path ? fopen(path, "wb") : NULL;

	if (f) {
		fwrite(out, 1, size, f);
		fclose(f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	uint8_t flags = fz_u8(&f);
	unsigned int which = flags & 7;
	struct bh_linux_dt_args a;
	const struct bulkhead_cell_desc *cell;
	const struct bulkhead_memory *ram;
	void *cell_copy = NULL, *root, *base = NULL, *out = NULL;
	char *cmdline = NULL;
	const uint8_t *p;
	size_t n, out_size, root_size, base_size = 0;
	const char *why;

	if (which >= 4) {
		p = fz_bytes(&f, fz_u16(&f), &n);
		cell_copy = fz_dup(p, n);
		if (bulkhead_check_cell(cell_copy, n, NULL, NULL)) {
			free(cell_copy);
			cell_copy = NULL;
		}
	}
	cell = cell_copy ? cell_copy : *cells[which & 3].data;
	if (flags & 0x10) {
		p = fz_bytes(&f, fz_u8(&f), &n);
		cmdline = fz_str(p, n);
	}
	if (flags & 0x08) {
		p = fz_bytes(&f, fz_u32(&f), &root_size);
		root = fz_dup(p, root_size);
		base_size = f.n;
		base = fz_dup(f.p, f.n);
	} else {
		root_size = f.n;
		root = fz_dup(f.p, f.n);
	}

	memset(&a, 0, sizeof(a));
	a.cell = cell;
	a.root = root;
	a.root_size = root_size;
	a.root_path = "root.dtb";
	a.base = base;
	a.base_size = base_size;
	a.base_path = "base.dtb";
	a.cmdline = cmdline ? cmdline : DEFAULT_CMDLINE;
	a.report = report;
	ram = bulkhead_cell_memory(cell);
	if ((flags & 0x20) && cell->num_memory_regions && bh_linux_is_ram(ram)) {
		a.initrd_start = ram->virt_start + ram->size / 2;
		a.initrd_end = a.initrd_start + 0x123400;
	}
	if (!bh_linux_dt_build(&a, &out, &out_size)) {
		dump_out(out, out_size);
		FZ_CHECK(out_size <= BH_LINUX_DT_MAX, "%zu bytes, more than 2 MiB",
			 out_size);
		why = fdt_verify(out, out_size);
		FZ_CHECK(!why, "the cell's tree is malformed: %s", why);
		check_cpus(out, cell);
		check_memory(out, cell);
		check_chosen(out, a.cmdline, a.initrd_start, a.initrd_end);
		check_virtio(out, cell);
		if (!base)
			check_devices(out, root, cell);
		read_back(out, cell, !base);
	}
	free(out);
	free(root);
	free(base);
	free(cmdline);
	free(cell_copy);
	return 0;
}
