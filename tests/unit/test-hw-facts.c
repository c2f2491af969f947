// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * What `bulkhead hardware check` concludes from what it reads
 * (tools/hw-facts.c): /proc/iomem, the reservation of the hypervisor memory
 * in a device tree, the GIC, the image header, vermagic and modules.dep.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include <bulkhead/hypervisor.h>

#include "../../tools/hw-facts.h"
#include "test.h"

#define MIB	(1ULL << 20)

/* ---- /proc/iomem ---- */

static const char iomem_arm64[] =
	"08000000-0800ffff : GICD\n"
	"09000000-09000fff : pl011@9000000\n"
	"  09000000-09000fff : 9000000.pl011 pl011@9000000\n"
	"40000000-6fffffff : System RAM\n"
	"  40210000-4112ffff : Kernel code\n"
	"  4d000000-4d0fffff : reserved\n"
	"70000000-7fffffff : reserved\n";

TEST(iomem_hypervisor_memory_outside_ram)
{
	uint64_t first = 1, last = 1;

	if (bh_iomem_ram(iomem_arm64, 0x7f000000, 16 * MIB, &first, &last) != 0)
		test_fail("reserved memory counted as System RAM");
	if (first != 1 || last != 1)
		test_fail("range set without an overlap");
}

TEST(iomem_hypervisor_memory_in_ram)
{
	uint64_t first = 0, last = 0;

	if (bh_iomem_ram(iomem_arm64, 0x60000000, 16 * MIB, &first, &last) != 1)
		test_fail("overlap with System RAM not found");
	if (first != 0x40000000 || last != 0x6fffffff)
		test_fail("System RAM %#llx-%#llx, want 0x40000000-0x6fffffff",
			  (unsigned long long)first, (unsigned long long)last);
}

TEST(iomem_overlap_at_the_edges)
{
	uint64_t first, last;

	/* The last byte of RAM, then the first byte after it. */
	if (bh_iomem_ram(iomem_arm64, 0x6ffff000, 0x2000, &first, &last) != 1)
		test_fail("a range ending after RAM's last byte overlaps it");
	if (bh_iomem_ram(iomem_arm64, 0x70000000, 0x1000, &first, &last) != 0)
		test_fail("a range starting after RAM does not overlap it");
	if (bh_iomem_ram(iomem_arm64, 0x3ffff000, 0x1000, &first, &last) != 0)
		test_fail("a range ending before RAM does not overlap it");
}

TEST(iomem_nested_system_ram)
{
	static const char nested[] =
		"80000000-bfffffff : PCI Bus\n"
		"  90000000-9fffffff : System RAM\n";
	uint64_t first, last;

	if (bh_iomem_ram(nested, 0x98000000, MIB, &first, &last) != 1 ||
	    first != 0x90000000)
		test_fail("System RAM below another entry not found");
}

TEST(iomem_without_root)
{
	static const char hidden[] =
		"00000000-00000000 : GICD\n"
		"00000000-00000000 : System RAM\n"
		"  00000000-00000000 : Kernel code\n";
	uint64_t first, last;

	if (bh_iomem_ram(hidden, 0x7f000000, MIB, &first, &last) != -1)
		test_fail("zeroed addresses (not root) must give -1");
	if (bh_iomem_ram("", 0x7f000000, MIB, &first, &last) != -1)
		test_fail("an empty file must give -1");
}

/* ---- device trees ---- */

static char fdt_buf[16384];

/* A tree with /reserved-memory (cells ac, sc) unless ac is 0. */
static void *tree(int ac, int sc)
{
	void *fdt = fdt_buf;
	int node;

	if (fdt_create_empty_tree(fdt, sizeof(fdt_buf)) ||
	    fdt_setprop_u32(fdt, 0, "#address-cells", 2) ||
	    fdt_setprop_u32(fdt, 0, "#size-cells", 2))
		test_fail("cannot make a tree");
	if (!ac)
		return fdt;
	node = fdt_add_subnode(fdt, 0, "reserved-memory");
	if (node < 0 || fdt_setprop_u32(fdt, node, "#address-cells", ac) ||
	    fdt_setprop_u32(fdt, node, "#size-cells", sc) ||
	    fdt_setprop_empty(fdt, node, "ranges"))
		test_fail("cannot add /reserved-memory");
	return fdt;
}

static void put_cells(fdt32_t *p, uint64_t v, int n)
{
	while (n-- > 0) {
		p[n] = cpu_to_fdt32((uint32_t)v);
		v >>= 32;
	}
}

/* A child of /reserved-memory with one or two reg entries (size2 0: one). */
static int resv_node(void *fdt, const char *name, uint64_t start, uint64_t size,
		     uint64_t start2, uint64_t size2, int no_map, const char *status)
{
	int parent = fdt_path_offset(fdt, "/reserved-memory");
	int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent);
	fdt32_t reg[8];
	int node, n = ac + sc;

	node = fdt_add_subnode(fdt, parent, name);
	put_cells(reg, start, ac);
	put_cells(reg + ac, size, sc);
	if (size2) {
		put_cells(reg + n, start2, ac);
		put_cells(reg + n + ac, size2, sc);
		n *= 2;
	}
	if (node < 0 || fdt_setprop(fdt, node, "reg", reg, n * 4) ||
	    (no_map && fdt_setprop_empty(fdt, node, "no-map")) ||
	    (status && fdt_setprop_string(fdt, node, "status", status)))
		test_fail("cannot add reserved-memory node %s", name);
	return node;
}

static void expect_resv(const struct bh_resv *r, enum bh_resv_verdict verdict,
			const char *path)
{
	if (r->verdict != verdict)
		test_fail("verdict %d, want %d", r->verdict, verdict);
	if (path && strcmp(r->path, path))
		test_fail("node \"%s\", want \"%s\"", r->path, path);
}

TEST(reservation_ok)
{
	void *fdt = tree(2, 2);
	struct bh_resv r;

	resv_node(fdt, "mmode_resv0@80000000", 0x80000000, 0x40000, 0, 0, 1, NULL);
	resv_node(fdt, "bulkhead@70000000", 0x70000000, 0x10000000, 0, 0, 1, NULL);
	bh_fdt_reservation(fdt, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_OK, "/reserved-memory/bulkhead@70000000");
	if (r.start != 0x70000000 || r.size != 0x10000000)
		test_fail("reg %#llx+%#llx", (unsigned long long)r.start,
			  (unsigned long long)r.size);
}

TEST(reservation_no_parent)
{
	struct bh_resv r;

	bh_fdt_reservation(tree(0, 0), 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_NONE, NULL);
	if (r.have_parent || r.address_cells != 2 || r.size_cells != 2)
		test_fail("without /reserved-memory the fix proposes 2/2 cells and the node");
}

TEST(reservation_elsewhere)
{
	void *fdt = tree(1, 1);
	struct bh_resv r;

	resv_node(fdt, "bulkhead@70000000", 0x70000000, 0x10000000, 0, 0, 1, NULL);
	bh_fdt_reservation(fdt, 0x60000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_NONE, NULL);
	if (!r.have_parent || r.address_cells != 1 || r.size_cells != 1)
		test_fail("the fix needs the existing node's cells (1/1), got %d/%d",
			  r.address_cells, r.size_cells);
}

TEST(reservation_too_small)
{
	void *fdt = tree(2, 2);
	struct bh_resv r;

	resv_node(fdt, "bulkhead@7f000000", 0x7f000000, 8 * MIB, 0, 0, 1, NULL);
	bh_fdt_reservation(fdt, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_PARTIAL, "/reserved-memory/bulkhead@7f000000");
	if (r.uncovered != 0x7f800000)
		test_fail("uncovered from %#llx, want 0x7f800000",
			  (unsigned long long)r.uncovered);
}

TEST(reservation_starts_too_late)
{
	void *fdt = tree(2, 2);
	struct bh_resv r;

	resv_node(fdt, "bulkhead@7f800000", 0x7f800000, 8 * MIB, 0, 0, 1, NULL);
	bh_fdt_reservation(fdt, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_PARTIAL, "/reserved-memory/bulkhead@7f800000");
	if (r.uncovered != 0x7f000000)
		test_fail("uncovered from %#llx, want 0x7f000000",
			  (unsigned long long)r.uncovered);
}

TEST(reservation_without_no_map)
{
	void *fdt = tree(2, 2);
	struct bh_resv r;

	resv_node(fdt, "bulkhead@70000000", 0x70000000, 0x10000000, 0, 0, 0, NULL);
	bh_fdt_reservation(fdt, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_MAPPED, "/reserved-memory/bulkhead@70000000");
}

TEST(reservation_in_two_nodes)
{
	void *fdt = tree(2, 2);
	struct bh_resv r;

	resv_node(fdt, "b@7f800000", 0x7f800000, 8 * MIB, 0, 0, 1, NULL);
	resv_node(fdt, "a@7f000000", 0x7f000000, 8 * MIB, 0, 0, 1, NULL);
	bh_fdt_reservation(fdt, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_OK, "/reserved-memory/a@7f000000");

	/* The second half mapped: that node is the one to fix. */
	fdt = tree(2, 2);
	resv_node(fdt, "a@7f000000", 0x7f000000, 8 * MIB, 0, 0, 1, NULL);
	resv_node(fdt, "b@7f800000", 0x7f800000, 8 * MIB, 0, 0, 0, NULL);
	bh_fdt_reservation(fdt, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_MAPPED, "/reserved-memory/b@7f800000");
}

TEST(reservation_second_reg_entry)
{
	void *fdt = tree(2, 2);
	struct bh_resv r;

	resv_node(fdt, "pool", 0x50000000, MIB, 0x7f000000, 16 * MIB, 1, NULL);
	bh_fdt_reservation(fdt, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_OK, "/reserved-memory/pool");
	if (r.start != 0x7f000000)
		test_fail("the entry that covers it is the second, not %#llx",
			  (unsigned long long)r.start);
}

TEST(reservation_disabled_node)
{
	void *fdt = tree(2, 2);
	struct bh_resv r;

	resv_node(fdt, "bulkhead@70000000", 0x70000000, 0x10000000, 0, 0, 1, "disabled");
	bh_fdt_reservation(fdt, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_NONE, NULL);
}

TEST(reservation_above_4g_one_cell)
{
	void *fdt = tree(2, 1);
	struct bh_resv r;

	resv_node(fdt, "bulkhead@880000000", 0x880000000ULL, 0x10000000, 0, 0, 1, NULL);
	bh_fdt_reservation(fdt, 0x880000000ULL, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_OK, "/reserved-memory/bulkhead@880000000");
}

TEST(reservation_not_a_tree)
{
	static char junk[64] = "not a device tree";
	struct bh_resv r;

	bh_fdt_reservation(junk, 0x7f000000, 16 * MIB, &r);
	expect_resv(&r, BH_RESV_BAD_TREE, NULL);
	bh_fdt_reserved_named(junk, "bulkhead", &r);
	expect_resv(&r, BH_RESV_BAD_TREE, NULL);
}

TEST(reserved_named)
{
	void *fdt = tree(2, 2);
	struct bh_resv r;

	resv_node(fdt, "bulkheadx@60000000", 0x60000000, MIB, 0, 0, 1, NULL);
	bh_fdt_reserved_named(fdt, "bulkhead", &r);
	expect_resv(&r, BH_RESV_NONE, NULL);
	resv_node(fdt, "bulkhead@70000000", 0x70000000, 0x10000000, 0, 0, 1, NULL);
	bh_fdt_reserved_named(fdt, "bulkhead", &r);
	expect_resv(&r, BH_RESV_OK, "/reserved-memory/bulkhead@70000000");
	if (r.start != 0x70000000 || r.size != 0x10000000)
		test_fail("reg of the named node");

	fdt = tree(2, 2);
	resv_node(fdt, "bulkhead", 0x70000000, 0x10000000, 0, 0, 0, NULL);
	bh_fdt_reserved_named(fdt, "bulkhead", &r);
	expect_resv(&r, BH_RESV_MAPPED, "/reserved-memory/bulkhead");
	bh_fdt_reserved_named(tree(0, 0), "bulkhead", &r);
	expect_resv(&r, BH_RESV_NONE, NULL);
}

static void gic_node(void *fdt, const char *name, const char *compatible,
		     const char *status)
{
	int node = fdt_add_subnode(fdt, 0, name);

	if (node < 0 || fdt_setprop_string(fdt, node, "compatible", compatible) ||
	    fdt_setprop_empty(fdt, node, "interrupt-controller") ||
	    (status && fdt_setprop_string(fdt, node, "status", status)))
		test_fail("cannot add %s", name);
}

TEST(gic_versions)
{
	struct bh_gic g;
	void *fdt;

	fdt = tree(0, 0);
	gic_node(fdt, "intc@8000000", "arm,gic-v3", NULL);
	bh_fdt_gic(fdt, &g);
	if (g.version != 3 || strcmp(g.path, "/intc@8000000") ||
	    strcmp(g.compatible, "arm,gic-v3"))
		test_fail("GICv3 at /intc@8000000: got v%d %s", g.version, g.path);

	fdt = tree(0, 0);
	gic_node(fdt, "intc@8000000", "arm,cortex-a15-gic", NULL);
	bh_fdt_gic(fdt, &g);
	if (g.version != 2)
		test_fail("QEMU's gic-version=2 node is a GICv2, got v%d", g.version);

	/* A disabled GICv3 does not count; the GIC-400 does. */
	fdt = tree(0, 0);
	gic_node(fdt, "gicv3@0", "arm,gic-v3", "disabled");
	gic_node(fdt, "interrupt-controller@40041000", "arm,gic-400", NULL);
	bh_fdt_gic(fdt, &g);
	if (g.version != 2 || strcmp(g.path, "/interrupt-controller@40041000"))
		test_fail("Raspberry Pi 4's GIC-400 is a GICv2, got v%d %s",
			  g.version, g.path);

	fdt = tree(0, 0);
	gic_node(fdt, "its@8080000", "arm,gic-v3-its", NULL);
	bh_fdt_gic(fdt, &g);
	if (g.version)
		test_fail("an ITS alone is no GIC, got v%d", g.version);
}

/* A GIC node with reg entries <address size> in 2/2 cells (n of them). */
static void gic_with_frames(void *fdt, const char *compatible,
			    const uint64_t *frames, int n)
{
	fdt32_t reg[4 * BH_GIC_FRAMES];
	int node = fdt_add_subnode(fdt, 0, "intc@8000000"), i;

	for (i = 0; i < n; i++) {
		put_cells(reg + 4 * i, frames[2 * i], 2);
		put_cells(reg + 4 * i + 2, frames[2 * i + 1], 2);
	}
	if (node < 0 || fdt_setprop_string(fdt, node, "compatible", compatible) ||
	    fdt_setprop_empty(fdt, node, "interrupt-controller") ||
	    fdt_setprop(fdt, node, "reg", reg, n * 16))
		test_fail("cannot add the GIC");
}

/* QEMU virt, gic-version=2, virtualization=on: GICD, GICC, GICH, GICV. */
static const uint64_t qemu_gicv2[8] = {
	0x08000000, 0x10000, 0x08010000, 0x10000,
	0x08030000, 0x10000, 0x08040000, 0x10000,
};

TEST(gic_frames)
{
	struct bh_gic g;
	void *fdt;

	fdt = tree(0, 0);
	gic_with_frames(fdt, "arm,cortex-a15-gic", qemu_gicv2, 4);
	bh_fdt_gic(fdt, &g);
	if (g.version != 2 || g.frames != 4)
		test_fail("GICv2 with virtualization: v%d, %d frames", g.version, g.frames);
	else if (g.frame[0] != 0x08000000 || g.frame[1] != 0x08010000 ||
		 g.frame[2] != 0x08030000 || g.frame[3] != 0x08040000 ||
		 g.frame_size[3] != 0x10000)
		test_fail("frames %#llx %#llx %#llx %#llx",
			  (unsigned long long)g.frame[0], (unsigned long long)g.frame[1],
			  (unsigned long long)g.frame[2], (unsigned long long)g.frame[3]);
	if (strcmp(bh_gicv2_frame_name(2), "hypervisor control interface (GICH)"))
		test_fail("frame 2 is \"%s\"", bh_gicv2_frame_name(2));

	/* virtualization=off: GICD and GICC only. */
	fdt = tree(0, 0);
	gic_with_frames(fdt, "arm,cortex-a15-gic", qemu_gicv2, 2);
	bh_fdt_gic(fdt, &g);
	if (g.version != 2 || g.frames != 2)
		test_fail("GICv2 without virtualization: v%d, %d frames", g.version,
			  g.frames);

	/* A GICv3's GICD and GICR: two frames, no more is asked of it. */
	fdt = tree(0, 0);
	gic_with_frames(fdt, "arm,gic-v3", qemu_gicv2, 2);
	bh_fdt_gic(fdt, &g);
	if (g.version != 3 || g.frames != 2)
		test_fail("GICv3: v%d, %d frames", g.version, g.frames);

	/* Without reg, and with a reg that is no whole number of entries. */
	fdt = tree(0, 0);
	gic_node(fdt, "intc@8000000", "arm,gic-400", NULL);
	bh_fdt_gic(fdt, &g);
	if (g.version != 2 || g.frames != 0)
		test_fail("GIC-400 without reg: v%d, %d frames", g.version, g.frames);
	if (fdt_setprop_u32(fdt, fdt_path_offset(fdt, "/intc@8000000"), "reg", 1))
		test_fail("cannot set reg");
	bh_fdt_gic(fdt, &g);
	if (g.frames != -1)
		test_fail("malformed reg: %d frames", g.frames);
}

static void expect_mismatch(const struct bh_gic *g,
			    const struct bulkhead_irqchip *chip, const char *why_part)
{
	char why[256] = "";
	int ret = bh_gic_config_mismatch(g, chip, why, sizeof(why));

	if (!why_part && ret)
		test_fail("config refused: %s", why);
	if (why_part && (!ret || !strstr(why, why_part)))
		test_fail("mismatch: \"%s\" lacks \"%s\"", why, why_part);
}

TEST(gic_config_mismatch)
{
	struct bulkhead_irqchip v3 = {
		.type = BULKHEAD_IRQCHIP_GICV3, .base = 0x08000000,
		.redist_base = 0x080a0000,
	};
	struct bulkhead_irqchip v2 = {
		.type = BULKHEAD_IRQCHIP_GICV2, .base = 0x08000000,
		.gicc_base = 0x08010000, .gich_base = 0x08030000,
		.gicv_base = 0x08040000,
	};
	struct bh_gic g;
	void *fdt;

	fdt = tree(0, 0);
	gic_with_frames(fdt, "arm,cortex-a15-gic", qemu_gicv2, 4);
	bh_fdt_gic(fdt, &g);
	expect_mismatch(&g, &v2, NULL);
	expect_mismatch(&g, &v3, "irqchip.type is GICv3, but this machine's GIC is "
			"a GICv2 (/intc@8000000, arm,cortex-a15-gic)");
	v2.gich_base = 0x08020000;
	expect_mismatch(&g, &v2, "irqchip.gich_base is 0x8020000, but the device tree "
			"has the GICv2's hypervisor control interface (GICH) at 0x8030000 "
			"(/intc@8000000, reg entry 2)");
	v2.gich_base = 0x08030000;
	v2.base = 0x2f000000;
	expect_mismatch(&g, &v2, "irqchip.base is 0x2f000000, but the device tree has "
			"the GICv2's distributor (GICD) at 0x8000000");
	v2.base = 0x08000000;

	fdt = tree(0, 0);
	gic_with_frames(fdt, "arm,gic-v3", qemu_gicv2, 2);
	bh_fdt_gic(fdt, &g);
	expect_mismatch(&g, &v3, NULL);
	expect_mismatch(&g, &v2, "irqchip.type is GICv2, but this machine's GIC is "
			"a GICv3 (/intc@8000000, arm,gic-v3)");
}

/* ---- the image header ---- */

static struct bulkhead_image_header good_header(void)
{
	struct bulkhead_image_header h;

	memset(&h, 0, sizeof(h));
	memcpy(h.signature, BULKHEAD_IMAGE_SIGNATURE, sizeof(h.signature));
	h.revision = BULKHEAD_IMAGE_REVISION;
	h.architecture = BULKHEAD_ARCH_ARM64;
	h.config_revision = BULKHEAD_CONFIG_REVISION;
	h.core_size = 0x200000;
	h.entry = 0x1000;
	h.shared_offset = 0x100000;
	h.shared_size = 0x10000;
	return h;
}

static void expect_image(const struct bulkhead_image_header *h, size_t size,
			 const char *why_part)
{
	const struct bh_image_want want = {
		BULKHEAD_ARCH_ARM64, BULKHEAD_IMAGE_REVISION, BULKHEAD_CONFIG_REVISION,
	};
	char why[256] = "", data[4096];
	uint64_t core = 0;
	int ret;

	memset(data, 0, sizeof(data));
	memcpy(data, h, sizeof(*h));
	ret = bh_image_check(data, size, &want, &core, why, sizeof(why));
	if (!why_part && (ret || core != h->core_size))
		test_fail("image refused: %s", why);
	if (why_part && (!ret || !strstr(why, why_part)))
		test_fail("image: \"%s\" lacks \"%s\"", why, why_part);
}

TEST(image_headers)
{
	struct bulkhead_image_header h = good_header();

	expect_image(&h, sizeof(h) + 100, NULL);
	expect_image(&h, sizeof(h) - 1, "shorter than an image header");
	h.signature[0] = 'X';
	expect_image(&h, 4096, "not a bulkhead hypervisor image");
	h = good_header();
	h.architecture = BULKHEAD_ARCH_RISCV64;
	expect_image(&h, 4096, "built for riscv64, this machine is arm64");
	h = good_header();
	h.revision = BULKHEAD_IMAGE_REVISION + 1;
	expect_image(&h, 4096, "image revision");
	h = good_header();
	h.config_revision = BULKHEAD_CONFIG_REVISION + 1;
	expect_image(&h, 4096, "config revision");
	h = good_header();
	h.entry = 0;
	expect_image(&h, 4096, "inconsistent header");
	h = good_header();
	h.core_size = 1000;
	expect_image(&h, 4096, "inconsistent header");
}

TEST(image_memory_need)
{
	/* As the driver: pages of the image and the config, and 1 MiB. */
	if (bh_image_memory_need(0x200001, 0x1234, 4096) !=
	    0x201000 + 0x2000 + MIB)
		test_fail("memory need of image and config");
	if (bh_image_memory_need(0x200000, 0x1000, 65536) !=
	    0x200000 + 0x10000 + MIB)
		test_fail("memory need with 64 KiB pages");
}

/* ---- the module ---- */

TEST(module_vermagic)
{
	static const char ko[] = "\177ELF junk\0license=GPL\0vermagic=6.12.118-test SMP mod_unload aarch64\0name=bulkhead";
	static const char glued[] = "xvermagic=6.1 SMP";
	char rel[64];

	if (bh_module_release(ko, sizeof(ko), rel, sizeof(rel)) ||
	    strcmp(rel, "6.12.118-test"))
		test_fail("release of the vermagic");
	if (!bh_module_release(glued, sizeof(glued), rel, sizeof(rel)))
		test_fail("vermagic= inside another string is none");
	if (!bh_module_release("\0vermagic=", 10, rel, sizeof(rel)))
		test_fail("an empty vermagic is none");
	if (!bh_module_release(ko, 20, rel, sizeof(rel)))
		test_fail("no vermagic in the first bytes");
}

TEST(modules_dep)
{
	static const char dep[] =
		"kernel/drivers/virtio/virtio_mmio.ko: kernel/drivers/virtio/virtio.ko\n"
		"extra/bulkhead_tests.ko:\n"
		"updates/dkms/bulkhead.ko.xz: kernel/foo.ko\n"
		"extra/bulkhead.ko:\n";
	static const char old[] = "/lib/modules/6.1/extra/bulk-head.ko:";
	char path[128];

	if (bh_modules_dep_path(dep, "bulkhead", path, sizeof(path)) ||
	    strcmp(path, "updates/dkms/bulkhead.ko.xz"))
		test_fail("first listed bulkhead module: got %s", path);
	if (bh_modules_dep_path(old, "bulk_head", path, sizeof(path)) ||
	    strcmp(path, "/lib/modules/6.1/extra/bulk-head.ko"))
		test_fail("absolute path and '-' for '_'");
	if (!bh_modules_dep_path("kernel/a.ko:\nextra/bulkhead_tests.ko:\n",
				 "bulkhead", path, sizeof(path)))
		test_fail("another module with a longer name matched");
	if (!bh_modules_dep_path("", "bulkhead", path, sizeof(path)))
		test_fail("empty modules.dep");
}
