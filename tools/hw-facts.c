// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Parsing what `bulkhead hardware check` reads: no I/O here, so the unit
 * tests can feed it any machine (hw-facts.h).
 */
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include <bulkhead/config-check.h>
#include <bulkhead/hypervisor.h>

#include "hw-facts.h"

/* The last address of [start, start + size), saturated. */
static uint64_t last_of(uint64_t start, uint64_t size)
{
	return start + size - 1 < start ? UINT64_MAX : start + size - 1;
}

int bh_iomem_ram(const char *text, uint64_t start, uint64_t size,
		 uint64_t *ram_first, uint64_t *ram_last)
{
	uint64_t last = last_of(start, size);
	int entries = 0, addresses = 0, found = 0;
	unsigned long long a, b;
	const char *line, *nl;
	char name[64];
	size_t n;

	for (line = text; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		/* "  40000000-6fffffff : System RAM", indented by depth. */
		if (sscanf(line, " %llx-%llx : %63[^\n]", &a, &b, name) != 3)
			continue;
		entries++;
		if (a || b)
			addresses++;
		n = strlen(name);
		while (n && name[n - 1] == ' ')
			name[--n] = '\0';
		if (found || strcmp(name, "System RAM") || a > last || b < start)
			continue;
		*ram_first = a;
		*ram_last = b;
		found = 1;
	}
	if (!entries || !addresses)
		return -1;
	return found;
}

static int node_available(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/* One reg entry of a reserved-memory child. */
struct resv_entry {
	int node;
	int no_map;
	uint64_t start, size;
};

#define MAX_ENTRIES	64

/*
 * The reg entries of /reserved-memory's available children that overlap
 * [start, last]; returns their number, or -1 if fdt is no device tree.
 */
static int resv_entries(const void *fdt, uint64_t start, uint64_t last,
			struct bh_resv *r, struct resv_entry *e)
{
	int parent, node, len, i, k = 0, step;
	const fdt32_t *reg;
	uint64_t s, z;

	memset(r, 0, sizeof(*r));
	r->address_cells = 2;
	r->size_cells = 2;
	if (fdt_check_header(fdt))
		return -1;
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0)
		return 0;
	r->have_parent = 1;
	r->address_cells = fdt_address_cells(fdt, parent);
	r->size_cells = fdt_size_cells(fdt, parent);
	if (r->address_cells < 1 || r->address_cells > 2 ||
	    r->size_cells < 0 || r->size_cells > 2)
		return -1;
	step = r->address_cells + r->size_cells;
	fdt_for_each_subnode(node, fdt, parent) {
		if (!node_available(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < 0)
			continue;
		for (i = 0; (i + step) * 4 <= len && k < MAX_ENTRIES; i += step) {
			s = read_cells(reg + i, r->address_cells);
			z = read_cells(reg + i + r->address_cells, r->size_cells);
			if (!z || s > last || last_of(s, z) < start)
				continue;
			e[k].node = node;
			e[k].no_map = !!fdt_getprop(fdt, node, "no-map", NULL);
			e[k].start = s;
			e[k].size = z;
			k++;
		}
	}
	return k;
}

static void set_node(const void *fdt, struct bh_resv *r,
		     const struct resv_entry *e)
{
	if (fdt_get_path(fdt, e->node, r->path, sizeof(r->path)))
		snprintf(r->path, sizeof(r->path), "/reserved-memory/%s",
			 fdt_get_name(fdt, e->node, NULL));
	r->start = e->start;
	r->size = e->size;
}

void bh_fdt_reservation(const void *fdt, uint64_t start, uint64_t size,
			struct bh_resv *r)
{
	struct resv_entry e[MAX_ENTRIES];
	const struct resv_entry *mapped = NULL;
	uint64_t last = last_of(start, size), p = start;
	int n, i;

	n = resv_entries(fdt, start, last, r, e);
	if (n < 0) {
		r->verdict = BH_RESV_BAD_TREE;
		return;
	}
	if (!n) {
		r->verdict = BH_RESV_NONE;
		return;
	}
	set_node(fdt, r, &e[0]);
	/* Walk from start through the entries that hold each next address. */
	for (;;) {
		for (i = 0; i < n; i++)
			if (e[i].start <= p && p <= last_of(e[i].start, e[i].size))
				break;
		if (i == n) {
			r->verdict = BH_RESV_PARTIAL;
			r->uncovered = p;
			return;
		}
		if (p == start)
			set_node(fdt, r, &e[i]);
		if (!e[i].no_map && !mapped)
			mapped = &e[i];
		if (last_of(e[i].start, e[i].size) >= last)
			break;
		p = e[i].start + e[i].size;
	}
	r->verdict = BH_RESV_OK;
	if (mapped) {
		r->verdict = BH_RESV_MAPPED;
		set_node(fdt, r, mapped);
	}
}

void bh_fdt_reserved_named(const void *fdt, const char *prefix,
			   struct bh_resv *r)
{
	struct resv_entry e[MAX_ENTRIES];
	size_t plen = strlen(prefix);
	const char *name;
	int n, i;

	/* Every entry of every child: the whole address space. */
	n = resv_entries(fdt, 0, UINT64_MAX, r, e);
	r->verdict = n < 0 ? BH_RESV_BAD_TREE : BH_RESV_NONE;
	for (i = 0; i < n; i++) {
		name = fdt_get_name(fdt, e[i].node, NULL);
		if (!name || strncmp(name, prefix, plen) ||
		    (name[plen] && name[plen] != '@'))
			continue;
		set_node(fdt, r, &e[i]);
		r->verdict = e[i].no_map ? BH_RESV_OK : BH_RESV_MAPPED;
		return;
	}
}

/* The GIC's reg entries, in the cells of its parent. */
static void gic_frames(const void *fdt, int node, struct bh_gic *gic)
{
	int parent = fdt_parent_offset(fdt, node), ac, sc, len, i;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	ac = parent < 0 ? -1 : fdt_address_cells(fdt, parent);
	sc = parent < 0 ? -1 : fdt_size_cells(fdt, parent);
	if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
	    len % ((ac + sc) * 4)) {
		gic->frames = reg ? -1 : 0;
		return;
	}
	for (i = 0; i < BH_GIC_FRAMES && (i + 1) * (ac + sc) * 4 <= len; i++) {
		gic->frame[i] = read_cells(reg + i * (ac + sc), ac);
		gic->frame_size[i] = read_cells(reg + i * (ac + sc) + ac, sc);
	}
	gic->frames = i;
}

/* The compatibles Linux's GIC drivers bind to (irq-gic-v3.c, irq-gic.c). */
static const struct {
	const char *compatible;
	int version;
} gic_compatibles[] = {
	{ "arm,gic-v3", 3 },
	{ "arm,gic-400", 2 },
	{ "arm,cortex-a15-gic", 2 },
	{ "arm,cortex-a9-gic", 2 },
	{ "arm,cortex-a7-gic", 2 },
	{ "arm,cortex-a5-gic", 2 },
	{ "arm,arm11mp-gic", 2 },
	{ "arm,arm1176jzf-devchip-gic", 2 },
	{ "arm,eb11mp-gic", 2 },
	{ "arm,pl390", 2 },
	{ "arm,tc11mp-gic", 2 },
	{ "brcm,brahma-b15-gic", 2 },
	{ "nvidia,tegra210-agic", 2 },
	{ "qcom,msm-8660-qgic", 2 },
	{ "qcom,msm-qgic2", 2 },
};

/*
 * Whether the structure block holds one root node and ends with it.
 * fdt_check_header() does not look: a node after the root's end, which
 * fdt_node_offset_by_compatible() walks to, makes fdt_get_path() write
 * before its buffer.
 */
static int one_root(const void *fdt)
{
	int node = 0, depth = 0, next;
	uint32_t tag;

	do
		node = fdt_next_node(fdt, node, &depth);
	while (node >= 0 && depth >= 0);
	if (node < 0)
		return 0;
	do
		tag = fdt_next_tag(fdt, node, &next);
	while (tag == FDT_NOP && (node = next) >= 0);
	return tag == FDT_END && next >= 0;
}

void bh_fdt_gic(const void *fdt, struct bh_gic *gic)
{
	size_t i;
	int node;

	memset(gic, 0, sizeof(*gic));
	if (fdt_check_header(fdt) || !one_root(fdt))
		return;
	for (i = 0; i < sizeof(gic_compatibles) / sizeof(gic_compatibles[0]); i++) {
		node = fdt_node_offset_by_compatible(fdt, -1,
						     gic_compatibles[i].compatible);
		while (node >= 0 && !node_available(fdt, node))
			node = fdt_node_offset_by_compatible(fdt, node,
							     gic_compatibles[i].compatible);
		if (node < 0)
			continue;
		gic->version = gic_compatibles[i].version;
		gic->compatible = gic_compatibles[i].compatible;
		if (fdt_get_path(fdt, node, gic->path, sizeof(gic->path)))
			snprintf(gic->path, sizeof(gic->path), "%s",
				 fdt_get_name(fdt, node, NULL));
		gic_frames(fdt, node, gic);
		return;
	}
}

const char *bh_gicv2_frame_name(int i)
{
	static const char *const names[BH_GIC_FRAMES] = {
		"distributor (GICD)", "CPU interface (GICC)",
		"hypervisor control interface (GICH)",
		"virtual CPU interface (GICV)",
	};

	return i >= 0 && i < BH_GIC_FRAMES ? names[i] : "frame";
}

int bh_gic_config_mismatch(const struct bh_gic *gic,
			   const struct bulkhead_irqchip *chip, char *why,
			   size_t len)
{
	static const char *const fields[BH_GIC_FRAMES] = {
		"base", "gicc_base", "gich_base", "gicv_base",
	};
	const uint64_t addr[BH_GIC_FRAMES] = {
		chip->base, chip->gicc_base, chip->gich_base, chip->gicv_base,
	};
	unsigned int want = gic->version == 3 ? BULKHEAD_IRQCHIP_GICV3 :
						 BULKHEAD_IRQCHIP_GICV2;
	int i;

	if (chip->type != want) {
		snprintf(why, len, "irqchip.type is %s, but this machine's GIC is a GICv%d (%s, %s)",
			 bulkhead_irqchip_name(chip->type), gic->version, gic->path,
			 gic->compatible);
		return -1;
	}
	for (i = 0; gic->version == 2 && i < gic->frames; i++) {
		if (addr[i] == gic->frame[i])
			continue;
		snprintf(why, len, "irqchip.%s is %#llx, but the device tree has the GICv2's %s at %#llx (%s, reg entry %d)",
			 fields[i], (unsigned long long)addr[i],
			 bh_gicv2_frame_name(i), (unsigned long long)gic->frame[i],
			 gic->path, i);
		return -1;
	}
	return 0;
}

int bh_image_check(const void *data, size_t size,
		   const struct bh_image_want *want, uint64_t *core_size,
		   char *why, size_t len)
{
	struct bulkhead_image_header hdr;

	if (size < sizeof(hdr)) {
		snprintf(why, len, "%zu bytes, shorter than an image header: not a bulkhead hypervisor image",
			 size);
		return -1;
	}
	memcpy(&hdr, data, sizeof(hdr));
	if (memcmp(hdr.signature, BULKHEAD_IMAGE_SIGNATURE, sizeof(hdr.signature))) {
		snprintf(why, len, "no \"%s\" signature: not a bulkhead hypervisor image",
			 BULKHEAD_IMAGE_SIGNATURE);
		return -1;
	}
	if (hdr.architecture != want->architecture) {
		snprintf(why, len, "built for %s, this machine is %s",
			 bulkhead_arch_name(hdr.architecture),
			 bulkhead_arch_name(want->architecture));
		return -1;
	}
	if (hdr.revision != want->revision) {
		snprintf(why, len, "image revision %u, the driver loads revision %u",
			 hdr.revision, want->revision);
		return -1;
	}
	if (hdr.config_revision != want->config_revision) {
		snprintf(why, len, "reads config revision %u, the driver and configs have %u",
			 hdr.config_revision, want->config_revision);
		return -1;
	}
	if (!hdr.entry || hdr.core_size < size ||
	    hdr.shared_offset + hdr.shared_size > hdr.core_size) {
		snprintf(why, len, "inconsistent header (entry %#llx, core size %llu, shared region %#llx+%#llx, file %zu bytes)",
			 (unsigned long long)hdr.entry,
			 (unsigned long long)hdr.core_size,
			 (unsigned long long)hdr.shared_offset,
			 (unsigned long long)hdr.shared_size, size);
		return -1;
	}
	*core_size = hdr.core_size;
	return 0;
}

uint64_t bh_image_memory_need(uint64_t core_size, uint64_t config_size,
			      uint64_t page_size)
{
	uint64_t mask = page_size - 1;

	return ((core_size + mask) & ~mask) + ((config_size + mask) & ~mask) +
	       (1ULL << 20);
}

int bh_module_release(const void *data, size_t size, char *release,
		      size_t len)
{
	static const char key[] = "vermagic=";
	const char *p = data, *v;
	size_t i, n;

	for (i = 0; i + sizeof(key) - 1 < size; i++) {
		/* A modinfo string starts after a NUL. */
		if ((i && p[i - 1]) || memcmp(p + i, key, sizeof(key) - 1))
			continue;
		v = p + i + sizeof(key) - 1;
		for (n = 0; v + n < p + size && v[n] && v[n] != ' '; n++)
			;
		if (!n || n >= len)
			return -1;
		memcpy(release, v, n);
		release[n] = '\0';
		return 0;
	}
	return -1;
}

/* Module names: '-' and '_' are the same to modprobe. */
static int same_module(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (alen != strlen(b))
		return 0;
	for (i = 0; i < alen; i++)
		if (a[i] != b[i] && !((a[i] == '-' || a[i] == '_') &&
				      (b[i] == '-' || b[i] == '_')))
			return 0;
	return 1;
}

int bh_modules_dep_path(const char *text, const char *name, char *path,
			size_t len)
{
	const char *line, *nl, *colon, *base, *ko;
	size_t n;

	for (line = text; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		/* "extra/bulkhead.ko: dependencies..." */
		colon = strchr(line, ':');
		if (!colon || (nl && nl < colon))
			continue;
		for (base = colon; base > line && base[-1] != '/'; base--)
			;
		for (ko = base; ko + 3 <= colon && strncmp(ko, ".ko", 3); ko++)
			;
		if (ko + 3 > colon || !same_module(base, ko - base, name))
			continue;
		n = colon - line;
		if (n >= len)
			return -1;
		memcpy(path, line, n);
		path[n] = '\0';
		return 0;
	}
	return -1;
}
