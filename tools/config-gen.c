// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead config create, the machine model: what a flattened device tree
 * says about RAM, bulkhead's reserved memory, the interrupt controller, the
 * console, the CPUs and the memory-mapped devices. Writing the C sources
 * from the model is in config-gen-write.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <bulkhead/config-check.h>

#include "config-gen.h"
#include "linux-dt.h"

#define PAGE		0x1000ULL
#define GICR_FRAMES	0x20000ULL	/* RD_base + SGI_base of one CPU */

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static int cells_of(const void *fdt, int node, const char *prop, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	return p && len == 4 ? (int)fdt32_to_cpu(*p) : dflt;
}

static int node_ok(const void *fdt, int node)
{
	const char *s = fdt_getprop(fdt, node, "status", NULL);

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

static void node_path(const void *fdt, int node, char *buf, size_t len)
{
	if (fdt_get_path(fdt, node, buf, (int)len))
		snprintf(buf, len, "%s", fdt_get_name(fdt, node, NULL));
}

static int is_compatible(const void *fdt, int node, const char *const *list)
{
	for (; *list; list++)
		if (!fdt_node_check_compatible(fdt, node, *list))
			return 1;
	return 0;
}

/*
 * A bus address of node's children (node's own #address-cells) to a CPU
 * physical address through the ranges of node and its ancestors. 0 if some
 * ancestor has no ranges: then the children are not memory-mapped.
 */
static int translate(const void *fdt, int bus, uint64_t *addr)
{
	int parent, len, ac, pac, sc, entry, i;
	const fdt32_t *r;

	while (bus > 0) {
		parent = fdt_parent_offset(fdt, bus);
		if (parent < 0)
			return 0;
		r = fdt_getprop(fdt, bus, "ranges", &len);
		if (!r)
			return 0;
		if (len) {
			ac = fdt_address_cells(fdt, bus);
			sc = fdt_size_cells(fdt, bus);
			pac = fdt_address_cells(fdt, parent);
			entry = (ac + pac + sc) * 4;
			for (i = 0; i + entry <= len; i += entry) {
				const fdt32_t *e = r + i / 4;
				uint64_t c = read_cells(e, ac);
				uint64_t p = read_cells(e + ac, pac);
				uint64_t s = read_cells(e + ac + pac, sc);

				if (*addr >= c && *addr - c < s) {
					*addr = *addr - c + p;
					break;
				}
			}
			if (i + entry > len)
				return 0;
		}
		bus = parent;
	}
	return 1;
}

/* One interrupt specifier of our controller as a line number, or -1. */
static long spec_line(const struct cg_machine *m, const fdt32_t *spec)
{
	if (m->arch == BULKHEAD_ARCH_ARM64) {
		/* <type number flags>: type 0 is an SPI, 1 a PPI (per CPU) */
		if (fdt32_to_cpu(spec[0]) != 0)
			return -1;
		return (long)fdt32_to_cpu(spec[1]) + 32;
	}
	return fdt32_to_cpu(spec[0]);
}

/* The lines of our controller that node's interrupts name. */
static int node_irqs(const struct cg_machine *m, int node, uint32_t *irqs,
		     int max)
{
	const void *fdt = m->fdt;
	int n = 0, len, i, cells;
	const fdt32_t *p;
	long line;

	cells = cells_of(fdt, m->irqchip_node, "#interrupt-cells", 1);
	/* spec_line() reads <type number> on arm64, <source> on riscv64. */
	if (cells < (m->arch == BULKHEAD_ARCH_ARM64 ? 2 : 1) || cells > 16)
		return 0;
	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (p && bh_fdt_interrupt_parent(fdt, node) == m->irqchip_phandle) {
		for (i = 0; (i + cells) * 4 <= len && n < max; i += cells) {
			line = spec_line(m, p + i);
			if (line > 0)
				irqs[n++] = (uint32_t)line;
		}
		return n;
	}
	p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	for (i = 0; p && (i + 1 + cells) * 4 <= len && n < max; i += 1 + cells) {
		if (fdt32_to_cpu(p[i]) != m->irqchip_phandle)
			break;	/* another controller: its cell count is unknown */
		line = spec_line(m, p + i + 1);
		if (line > 0)
			irqs[n++] = (uint32_t)line;
	}
	return n;
}

static void skip(struct cg_machine *m, int node, const char *why)
{
	char path[CG_TEXT];

	if (m->num_skipped >= CG_MAX_SKIPPED)
		return;
	node_path(m->fdt, node, path, sizeof(path));
	snprintf(m->skipped[m->num_skipped++], CG_SKIP_TEXT, "%.160s: %s", path,
		 why);
}

/*
 * Cuts [*base, *base + *size) at the end of the guest address space the
 * hypervisor translates on this arch; a region there could never be mapped
 * and would fail enable. What is cut is listed with the skipped nodes, so
 * the user sees that root Linux loses it while the hypervisor runs.
 * Returns 0 when nothing is left.
 */
static int clip_to_guest_limit(struct cg_machine *m, int node, uint64_t *base,
			       uint64_t *size, const char *what)
{
	uint64_t limit = bulkhead_guest_addr_limit(m->arch);
	char why[CG_TEXT];

	if (!limit || (*base < limit && *size <= limit - *base))
		return 1;
	snprintf(why, sizeof(why),
		 "%s 0x%llx-0x%llx %s beyond 0x%llx, where %s guest addresses end: root Linux cannot reach it while bulkhead runs",
		 what ? what : "reg", (unsigned long long)*base,
		 (unsigned long long)(*base + *size - 1),
		 *base >= limit ? "lies" : "is cut",
		 (unsigned long long)limit, bulkhead_arch_name(m->arch));
	skip(m, node, why);
	if (*base >= limit)
		return 0;
	*size = limit - *base;
	return 1;
}

static struct cg_dev *add_dev(struct cg_machine *m, int node, uint64_t base,
			      uint64_t size, const char *what)
{
	struct cg_dev *d;
	const char *compat;

	if (!size || m->num_devs >= CG_MAX_DEVS)
		return NULL;
	if (!clip_to_guest_limit(m, node, &base, &size, what))
		return NULL;
	d = &m->devs[m->num_devs++];
	memset(d, 0, sizeof(*d));
	node_path(m->fdt, node, d->path, sizeof(d->path));
	compat = fdt_getprop(m->fdt, node, "compatible", NULL);
	snprintf(d->compat, sizeof(d->compat), "%s", compat ? compat : "");
	d->what = what;
	d->reg_base = base;
	d->reg_size = size;
	d->base = base & ~(PAGE - 1);
	d->size = ((base + size + PAGE - 1) & ~(PAGE - 1)) - d->base;
	d->owner = -1;
	d->num_irqs = node_irqs(m, node, d->irqs, CG_MAX_DEV_IRQS);
	return d;
}

/* reg entry i of node, translated to a physical address. */
static int node_reg(const void *fdt, int node, int i, uint64_t *base,
		    uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node), ac, sc, len;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || parent < 0)
		return 0;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2 || (i + 1) * (ac + sc) * 4 > len)
		return 0;
	*base = read_cells(p + i * (ac + sc), ac);
	*size = sc ? read_cells(p + i * (ac + sc) + ac, sc) : 0;
	return translate(fdt, parent, base);
}

/* A PCI host bridge: its configuration space and its windows. */
static void add_pci(struct cg_machine *m, int node)
{
	static const char *const kinds[] = {
		"PCI configuration window", "PCI I/O window",
		"PCI 32-bit memory window", "PCI 64-bit memory window",
	};
	const void *fdt = m->fdt;
	int parent = fdt_parent_offset(fdt, node), len, i, pac, entry;
	const fdt32_t *r;
	uint64_t base, size;

	for (i = 0; node_reg(fdt, node, i, &base, &size); i++)
		add_dev(m, node, base, size, "PCI configuration space (ECAM)");
	r = fdt_getprop(fdt, node, "ranges", &len);
	pac = fdt_address_cells(fdt, parent);
	entry = (3 + pac + 2) * 4;
	for (i = 0; r && i + entry <= len; i += entry) {
		const fdt32_t *e = r + i / 4;

		base = read_cells(e + 3, pac);
		size = read_cells(e + 3 + pac, 2);
		if (!translate(fdt, parent, &base))
			continue;
		add_dev(m, node, base, size,
			kinds[(fdt32_to_cpu(e[0]) >> 24) & 3]);
	}
}

static const char *const riscv_mmode[] = {
	"riscv,clint0", "sifive,clint0", "riscv,aclint-mswi",
	"riscv,aclint-mtimer", "thead,c900-clint", NULL,
};

static void walk(struct cg_machine *m, int bus)
{
	const void *fdt = m->fdt;
	const char *name, *type;
	uint64_t base, size;
	int node, i;

	fdt_for_each_subnode(node, fdt, bus) {
		name = fdt_get_name(fdt, node, NULL);
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (bus == 0 && (!strcmp(name, "cpus") || !strcmp(name, "chosen") ||
				 !strcmp(name, "aliases") ||
				 !strcmp(name, "reserved-memory") ||
				 !strcmp(name, "__symbols__")))
			continue;
		if (type && !strcmp(type, "memory"))
			continue;
		if (node == m->irqchip_node)
			continue;	/* trapped by the hypervisor */
		if (!node_ok(fdt, node)) {
			if (fdt_getprop(fdt, node, "reg", NULL))
				skip(m, node, "status is not \"okay\"");
			continue;
		}
		if (m->arch == BULKHEAD_ARCH_RISCV64 &&
		    is_compatible(fdt, node, riscv_mmode)) {
			skip(m, node, "M-mode timer and IPIs: the firmware's, "
			     "Linux in S-mode reaches them through SBI");
			continue;
		}
		if (type && !strcmp(type, "pci")) {
			add_pci(m, node);
			continue;
		}
		for (i = 0; node_reg(fdt, node, i, &base, &size); i++)
			add_dev(m, node, base, size, NULL);
		if (fdt_getprop(fdt, node, "ranges", NULL))
			walk(m, node);
	}
}

static int cmp_dev(const void *a, const void *b)
{
	const struct cg_dev *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

static const char *const gicv3_compat[] = { "arm,gic-v3", NULL };
/* GICv2s Linux's irq-gic.c binds to that may have virtualization extensions */
static const char *const gicv2_compat[] = {
	"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic",
	"arm,cortex-a7-gic", NULL,
};
static const char *const plic_compat[] = {
	"riscv,plic0", "sifive,plic-1.0.0", "thead,c900-plic", NULL,
};

/* The first enabled interrupt controller bulkhead knows, or -1. */
static int find_irqchip(struct cg_machine *m)
{
	const void *fdt = m->fdt;
	int node;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (!node_ok(fdt, node) ||
		    !fdt_getprop(fdt, node, "interrupt-controller", NULL))
			continue;
		if (is_compatible(fdt, node, gicv3_compat))
			m->gic_version = 3;
		else if (is_compatible(fdt, node, gicv2_compat))
			m->gic_version = 2;
		else if (!is_compatible(fdt, node, plic_compat))
			continue;
		m->arch = m->gic_version ? BULKHEAD_ARCH_ARM64 :
					   BULKHEAD_ARCH_RISCV64;
		return node;
	}
	bh_error("%s: no GICv3 (compatible \"arm,gic-v3\"), no GICv2 "
		 "(\"arm,gic-400\", \"arm,cortex-a15-gic\", \"arm,cortex-a9-gic\", "
		 "\"arm,cortex-a7-gic\") and no PLIC (\"riscv,plic0\", "
		 "\"sifive,plic-1.0.0\"): bulkhead supports no other interrupt "
		 "controller", m->source);
	return -1;
}

/* GICv2: GICC, GICH and GICV follow GICD in reg. */
static int read_gicv2(struct cg_machine *m)
{
	static const char *const names[] = {
		"CPU interface (GICC)", "hypervisor control interface (GICH)",
		"virtual CPU interface (GICV)",
	};
	int i;

	for (i = 0; i < 3; i++) {
		if (node_reg(m->fdt, m->irqchip_node, i + 1, &m->gicv2[i].base,
			     &m->gicv2[i].size))
			continue;
		if (!i)
			bh_error("%s: %s: no %s (reg[1])", m->source,
				 m->irqchip_path, names[i]);
		else
			bh_error("%s: %s: no %s (reg[%d]): this GIC has no "
				 "virtualization extensions, which bulkhead needs "
				 "(a GIC-400 has them; QEMU: -M virt,"
				 "virtualization=on,gic-version=2)", m->source,
				 m->irqchip_path, names[i], i + 1);
		return -1;
	}
	return 0;
}

static int read_plic(struct cg_machine *m)
{
	int len;
	const fdt32_t *p = fdt_getprop(m->fdt, m->irqchip_node, "riscv,ndev",
				       &len);

	if (!p || len != 4) {
		bh_error("%s: %s: no riscv,ndev: the number of interrupt "
			 "sources is unknown", m->source, m->irqchip_path);
		return -1;
	}
	m->num_irqs = fdt32_to_cpu(*p) + 1;
	snprintf(m->num_irqs_source, CG_TEXT,
		 "riscv,ndev = %u sources, numbered from 1, plus the "
		 "nonexistent source 0", fdt32_to_cpu(*p));
	return 0;
}

/* GICv3: one redistributor region, reg[1], of which the CPUs use a frame each. */
static int read_gicv3(struct cg_machine *m)
{
	const void *fdt = m->fdt;
	int ncpus = __builtin_popcountll(m->cpu_set);
	uint64_t b, s;

	if (cells_of(fdt, m->irqchip_node, "#redistributor-regions", 1) != 1) {
		bh_error("%s: %s: several redistributor regions: bulkhead "
			 "supports one", m->source, m->irqchip_path);
		return -1;
	}
	if (!node_reg(fdt, m->irqchip_node, 1, &b, &s)) {
		bh_error("%s: %s: no redistributor region (reg entry 1)",
			 m->source, m->irqchip_path);
		return -1;
	}
	m->redist_base = b;
	m->redist_dt_size = s;
	m->redist_size = s;
	if (ncpus && (uint64_t)ncpus * GICR_FRAMES < s)
		m->redist_size = (uint64_t)ncpus * GICR_FRAMES;
	return 0;
}

/* Either GIC: the maintenance interrupt, a PPI in the node's interrupts. */
static int read_maintenance(struct cg_machine *m)
{
	int len;
	const fdt32_t *p = fdt_getprop(m->fdt, m->irqchip_node, "interrupts",
				       &len);

	if (!p || len < 12 || fdt32_to_cpu(p[0]) != 1) {
		bh_error("%s: %s: no maintenance interrupt (a PPI in "
			 "\"interrupts\")", m->source, m->irqchip_path);
		return -1;
	}
	m->maintenance_irq = fdt32_to_cpu(p[1]) + 16;
	return 0;
}

static int read_irqchip(struct cg_machine *m)
{
	const void *fdt = m->fdt;
	int node = find_irqchip(m);

	if (node < 0)
		return -1;
	m->irqchip_node = node;
	m->irqchip_phandle = fdt_get_phandle(fdt, node);
	node_path(fdt, node, m->irqchip_path, sizeof(m->irqchip_path));
	if (!node_reg(fdt, node, 0, &m->irq_base, &m->irq_size)) {
		bh_error("%s: %s: no usable reg", m->source, m->irqchip_path);
		return -1;
	}
	if (m->arch == BULKHEAD_ARCH_RISCV64)
		return read_plic(m);
	if (m->gic_version == 2 ? read_gicv2(m) : read_gicv3(m))
		return -1;
	return read_maintenance(m);
}

/*
 * The device tree does not say how many lines a GIC's distributor has
 * (GICD_TYPER does). Without better knowledge: the highest SPI any node
 * names, rounded up to a multiple of 32. Linux logs the count of a GICv3
 * (cmd-config-create.c reads it there), not of a GICv2.
 */
static void gic_lines_from_dt(struct cg_machine *m)
{
	uint32_t top = 31;
	int i, j;

	for (i = 0; i < m->num_devs; i++)
		for (j = 0; j < m->devs[i].num_irqs; j++)
			if (m->devs[i].irqs[j] > top)
				top = m->devs[i].irqs[j];
	m->num_irqs = (top + 1 + 31) & ~31U;
	snprintf(m->num_irqs_source, CG_TEXT,
		 "the highest SPI a device node names is INTID %u, rounded up "
		 "to 32 lines; the GIC may have more (GICD_TYPER%s)", top,
		 m->gic_version == 3 ? "; Linux logs \"GICv3: N SPIs "
		 "implemented\"" : ".ITLinesNumber");
}

static const char *const pl011_compat[] = { "arm,pl011", NULL };
static const char *const ns16550_compat[] = {
	"ns16550a", "ns16550", "ns16450", "ns8250", NULL,
};

static void read_console(struct cg_machine *m)
{
	const void *fdt = m->fdt;
	const char *path;
	char buf[CG_TEXT];
	int node, len;
	uint64_t base, size;

	node = fdt_path_offset(fdt, "/chosen");
	path = node >= 0 ? fdt_getprop(fdt, node, "stdout-path", &len) : NULL;
	if (!path) {
		snprintf(m->console_note, CG_TEXT,
			 "/chosen has no stdout-path: no console found");
		return;
	}
	snprintf(buf, sizeof(buf), "%s", path);
	buf[strcspn(buf, ":")] = '\0';
	node = fdt_path_offset(fdt, buf);
	if (node < 0 || !node_reg(fdt, node, 0, &base, &size)) {
		snprintf(m->console_note, CG_TEXT,
			 "stdout-path \"%.100s\" names no memory-mapped node", buf);
		return;
	}
	node_path(fdt, node, m->console_path, sizeof(m->console_path));
	if (is_compatible(fdt, node, pl011_compat)) {
		m->console_type = BULKHEAD_CONSOLE_PL011;
	} else if (is_compatible(fdt, node, ns16550_compat) &&
		   cells_of(fdt, node, "reg-shift", 0) == 0) {
		m->console_type = BULKHEAD_CONSOLE_NS16550;
	} else {
		snprintf(m->console_note, CG_TEXT,
			 "%.100s (stdout-path) is no PL011 and no NS16550 with "
			 "byte-wide registers at 1-byte stride", m->console_path);
		return;
	}
	m->console_base = base;
	m->console_size = (size + PAGE - 1) & ~(PAGE - 1);
}

/* RAM from the memory nodes. */
static void read_memory(struct cg_machine *m)
{
	const void *fdt = m->fdt;
	const char *type;
	uint64_t base, size;
	int node, i;

	fdt_for_each_subnode(node, fdt, 0) {
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (!type || strcmp(type, "memory") || !node_ok(fdt, node))
			continue;
		for (i = 0; node_reg(fdt, node, i, &base, &size); i++)
			if (size && m->num_ram < CG_MAX_RAM &&
			    clip_to_guest_limit(m, node, &base, &size, "RAM"))
				m->ram[m->num_ram++] = (struct cg_range){ base, size };
	}
	snprintf(m->ram_source, CG_TEXT, "the memory nodes of %.200s", m->source);
}

/* The reserved-memory child named bulkhead@... or compatible "bulkhead". */
static void read_reserved(struct cg_machine *m)
{
	const void *fdt = m->fdt;
	const char *name;
	uint64_t base, size;
	int rm = fdt_path_offset(fdt, "/reserved-memory"), node;

	if (rm < 0)
		return;
	fdt_for_each_subnode(node, fdt, rm) {
		name = fdt_get_name(fdt, node, NULL);
		if (strncmp(name, "bulkhead", 8) &&
		    fdt_node_check_compatible(fdt, node, "bulkhead"))
			continue;
		if (!node_reg(fdt, node, 0, &base, &size) || !size)
			continue;
		m->have_reserved = 1;
		m->reserved = (struct cg_range){ base, size };
		snprintf(m->reserved_source, CG_TEXT, "/reserved-memory/%.100s%s",
			 name, fdt_getprop(fdt, node, "no-map", NULL) ? "" :
			 " (WARNING: without no-map)");
		return;
	}
}

static void read_cpus(struct cg_machine *m)
{
	const void *fdt = m->fdt;
	const char *type;
	int cpus = fdt_path_offset(fdt, "/cpus"), node, n = 0, len;
	const fdt32_t *reg;
	uint64_t id;

	if (cpus < 0)
		return;
	fdt_for_each_subnode(node, fdt, cpus) {
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (!type || strcmp(type, "cpu") || !node_ok(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (m->arch == BULKHEAD_ARCH_RISCV64 && reg && len >= 4) {
			/* riscv64: cpu_set bits are hart ids */
			id = read_cells(reg, len >= 8 ? 2 : 1);
			if (id < 64)
				m->cpu_set |= 1ULL << id;
		} else if (n < 64) {
			/* arm64: Linux numbers the cpu nodes in order */
			m->cpu_set |= 1ULL << n;
		}
		n++;
	}
	snprintf(m->cpu_source, CG_TEXT, "the %d enabled cpu nodes of %.180s",
		 n, m->source);
}

int cg_read_fdt(struct cg_machine *m, const void *fdt, size_t size,
		const char *source)
{
	const char *model;
	int err, i;

	if (size < sizeof(struct fdt_header)) {
		bh_error("%s: not a device tree blob: %zu bytes", source, size);
		return -1;
	}
	err = fdt_check_header(fdt);
	if (err) {
		bh_error("%s: not a device tree blob: %s", source,
			 fdt_strerror(err));
		return -1;
	}
	/* libfdt trusts the header's sizes: the file must hold them. */
	if (fdt_totalsize(fdt) > size) {
		bh_error("%s: truncated: the device tree has %u bytes, the file %zu",
			 source, fdt_totalsize(fdt), size);
		return -1;
	}
	if (!bh_fdt_well_formed(fdt)) {
		bh_error("%s: not a device tree blob: its reservation map has "
			 "no end, or its structure block is misaligned, not one "
			 "root node, or names a property with no string", source);
		return -1;
	}
	m->fdt = fdt;
	m->source = source;
	model = fdt_getprop(fdt, 0, "model", NULL);
	snprintf(m->model, sizeof(m->model), "%s", model ? model : "machine");
	/* the controller decides the architecture, which read_cpus needs */
	m->cpu_set = 0;
	if (read_irqchip(m))
		return -1;
	read_cpus(m);
	if (!m->cpu_set) {
		bh_error("%s: no enabled cpu node under /cpus", source);
		return -1;
	}
	if (m->gic_version == 2 &&
	    (m->cpu_set >> BULKHEAD_GICV2_MAX_CPUS)) {
		bh_error("%s: %d CPUs, but a GICv2 has %d CPU interfaces at "
			 "most: bulkhead cannot run on this machine", source,
			 __builtin_popcountll(m->cpu_set),
			 BULKHEAD_GICV2_MAX_CPUS);
		return -1;
	}
	if (m->arch == BULKHEAD_ARCH_ARM64 && m->redist_dt_size >
	    (uint64_t)__builtin_popcountll(m->cpu_set) * GICR_FRAMES)
		m->redist_size = (uint64_t)__builtin_popcountll(m->cpu_set) *
				 GICR_FRAMES;
	read_memory(m);
	read_reserved(m);
	read_console(m);
	walk(m, 0);
	qsort(m->devs, m->num_devs, sizeof(m->devs[0]), cmp_dev);
	if (m->arch == BULKHEAD_ARCH_ARM64)
		gic_lines_from_dt(m);
	/*
	 * Without a better source: QEMU's virt machines give the first
	 * virtio device on the command line the last transport, which is
	 * where ci/vm puts the second console.
	 */
	for (i = m->num_devs - 1; i >= 0; i--)
		if (!strcmp(m->devs[i].compat, "virtio,mmio")) {
			m->virtio_console_base = m->devs[i].reg_base;
			snprintf(m->virtio_console_source, CG_TEXT,
				 "assumed: the last virtio-mmio transport, where "
				 "QEMU puts the first virtio device");
			break;
		}
	return 0;
}
