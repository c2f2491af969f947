// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The device tree a Linux cell boots with.
 *
 * The cell's Linux must see exactly what the cell owns: its CPUs, its RAM,
 * the devices inside its I/O regions whose interrupts it owns, and the GIC
 * and timers every cell has (emulated or per CPU). The hardware facts
 * (MPIDRs, the GIC's and the devices' nodes with their compatibles and
 * interrupt specifiers) come from the root Linux's device tree, so a cell
 * config needs no hand-written DTS: what the machine has is described once,
 * by its firmware, and what the cell gets is described once, by its config.
 *
 * Only nodes directly under the root are considered as devices, and their
 * "reg" is read in the root's address space: that is where QEMU virt and
 * most simple machines put them; a device behind a bus with "ranges" would
 * need address translation that this does not do.
 *
 * libfdt's read-write functions insert a new node before its existing
 * siblings and a new property before the existing ones. To keep the order
 * of the source tree (so the output reads like it), nodes and properties
 * are added last one first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "bulkhead.h"
#include "linux-dt.h"

/* A semantic problem, already reported; libfdt's errors are -1..-20 or so. */
#define DT_REPORTED	(-10000)

/* Room for what we add on top of the source trees: chosen, memory, cells. */
#define DT_SLACK	(64 * 1024)

#define MAX_REG		16	/* reg entries of one node we look at */
#define MAX_CPU_NODES	BULKHEAD_MAX_CPUS

/*
 * The cell's hvc0 is the virtio console it owns; with -c "console=..." the
 * user can name another one (Linux uses the last console= as /dev/console).
 */
#define DEFAULT_CONSOLE	"console=hvc0"
/*
 * A panicking Linux resets (PSCI SYSTEM_RESET), which ends its cell, rather
 * than spinning forever in a cell that still looks "running": its panic
 * message may never reach a console that is not up yet. "panic=0" in -c
 * keeps it spinning, for a debugger.
 */
#define DEFAULT_PANIC	"panic=-1"
/*
 * Distribution kernels reserve a fixed CMA area (Debian: 64 MiB), half of a
 * small cell. Ours is a sixteenth of the cell's RAM in 4 MiB steps (CMA's
 * alignment), at least 4 MiB; "cma=" in -c overrides it (the last wins).
 */
#define CMA_SHARE	16
#define CMA_STEP_MIB	4

struct reg_entry {
	uint64_t addr, size;
};

struct dt_ctx {
	const struct bh_linux_dt_args *a;
	const struct bulkhead_memory *mem;
	const __u32 *irqs;
	const void *root;
	void *dst;
	int root_ac, root_sc;	/* #address-cells/#size-cells of the root's root */
	int gic;		/* the GIC's node in the root tree */
	uint32_t gic_phandle;
	int gic_icells;		/* its #interrupt-cells */
	int gic_needs_phandle;	/* it has none: we give it gic_phandle */
};

static int dt_error(const struct dt_ctx *c, const char *fmt, const char *detail)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, detail);
	bh_error("cell linux: %s: %s", c->a->root_path, msg);
	return DT_REPORTED;
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/* Stores v in n cells; fails when it does not fit (n == 1 and v >= 4 GiB). */
static int put_cells(fdt32_t *p, uint64_t v, int n)
{
	if (n == 1 && v >> 32)
		return -1;
	if (n == 2)
		*p++ = cpu_to_fdt32(v >> 32);
	*p = cpu_to_fdt32((uint32_t)v);
	return 0;
}

/* The node's reg, in the address space of a parent with ac/sc cells. */
static int parse_reg(const void *fdt, int node, int ac, int sc,
		     struct reg_entry *reg, int max)
{
	const fdt32_t *p;
	int len, n, i;

	p = fdt_getprop(fdt, node, "reg", &len);
	if (!p)
		return 0;
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2 ||
	    len % ((ac + sc) * 4))
		return -1;
	n = len / ((ac + sc) * 4);
	if (n > max)
		return -1;
	for (i = 0; i < n; i++, p += ac + sc) {
		reg[i].addr = read_cells(p, ac);
		reg[i].size = read_cells(p + ac, sc);
	}
	return n;
}

/* Writes reg in the address space of a parent with ac/sc cells. */
static int write_reg(void *fdt, int node, int ac, int sc,
		     const struct reg_entry *reg, int n)
{
	fdt32_t cells[MAX_REG * 4];
	int i, k = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || n > MAX_REG)
		return -FDT_ERR_BADNCELLS;
	for (i = 0; i < n; i++) {
		if (put_cells(cells + k, reg[i].addr, ac) ||
		    put_cells(cells + k + ac, reg[i].size, sc))
			return -FDT_ERR_BADVALUE;
		k += ac + sc;
	}
	return fdt_setprop(fdt, node, "reg", cells, k * 4);
}

/* Copies the properties from prop on, keeping their order. */
static int copy_props_from(void *dst, int node, const void *src, int prop)
{
	const char *name;
	const void *val;
	int len, err;

	if (prop < 0)
		return prop == -FDT_ERR_NOTFOUND ? 0 : prop;
	err = copy_props_from(dst, node, src, fdt_next_property_offset(src, prop));
	if (err)
		return err;
	val = fdt_getprop_by_offset(src, prop, &name, &len);
	if (!val)
		return len;
	return fdt_setprop(dst, node, name, val, len);
}

/* Nonzero: leave this subnode out of a copy. */
typedef int (*node_filter)(const void *src, int node);

static int copy_node(void *dst, int parent, const void *src, int node,
		     node_filter skip);

/* Copies the subnodes from sub on, keeping their order. */
static int copy_subnodes_from(void *dst, int parent, const void *src, int sub,
			      node_filter skip)
{
	int err;

	if (sub < 0)
		return sub == -FDT_ERR_NOTFOUND ? 0 : sub;
	err = copy_subnodes_from(dst, parent, src, fdt_next_subnode(src, sub), skip);
	if (err)
		return err;
	if (skip && skip(src, sub))
		return 0;
	err = copy_node(dst, parent, src, sub, skip);
	return err < 0 ? err : 0;
}

/*
 * Copies node with its properties and subnodes under parent; returns the
 * new node's offset, which stays valid until something is added before it.
 */
static int copy_node(void *dst, int parent, const void *src, int node,
		     node_filter skip)
{
	int copy, err;

	copy = fdt_add_subnode(dst, parent, fdt_get_name(src, node, NULL));
	if (copy < 0)
		return copy;
	err = copy_props_from(dst, copy, src, fdt_first_property_offset(src, node));
	if (!err)
		err = copy_subnodes_from(dst, copy, src, fdt_first_subnode(src, node), skip);
	return err ? err : copy;
}

static int is_disabled(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return status && strcmp(status, "okay") && strcmp(status, "ok");
}

static int has_device_type(const void *fdt, int node, const char *type)
{
	const char *t = fdt_getprop(fdt, node, "device_type", NULL);

	return t && !strcmp(t, type);
}

/* The cell has no ITS: the hypervisor emulates only the distributor and
 * the redistributors, so an ITS node would make Linux probe MMIO it cannot
 * reach. */
static int is_its(const void *fdt, int node)
{
	return !fdt_node_check_compatible(fdt, node, "arm,gic-v3-its");
}

/* The cell's I/O region holding [addr, addr + size) whole, or NULL. */
static const struct bulkhead_memory *io_region(const struct dt_ctx *c,
					       uint64_t addr, uint64_t size)
{
	const struct bulkhead_memory *m = c->mem;
	unsigned int i;

	for (i = 0; i < c->a->cell->num_memory_regions; i++, m++)
		if ((m->flags & BULKHEAD_MEM_IO) && size &&
		    addr >= m->phys_start && size <= m->size &&
		    addr - m->phys_start <= m->size - size)
			return m;
	return NULL;
}

/* Whether any of the ranges overlaps one of the cell's I/O regions. */
static int touches_io(const struct dt_ctx *c, const struct reg_entry *reg, int n)
{
	const struct bulkhead_memory *m;
	unsigned int k;
	int i;

	for (i = 0; i < n; i++)
		for (k = 0, m = c->mem; k < c->a->cell->num_memory_regions; k++, m++)
			if ((m->flags & BULKHEAD_MEM_IO) && reg[i].size &&
			    reg[i].addr < m->phys_start + m->size &&
			    m->phys_start < reg[i].addr + reg[i].size)
				return 1;
	return 0;
}

static int cell_owns_irq(const struct dt_ctx *c, uint32_t intid)
{
	unsigned int i;

	for (i = 0; i < c->a->cell->num_irqs; i++)
		if (c->irqs[i] == intid)
			return 1;
	return 0;
}

/*
 * One GIC interrupt specifier <type number flags>. SPIs (type 0, INTID
 * number + 32) and extended SPIs (type 2, INTID number + 4096) must be the
 * cell's. PPIs (types 1 and 3) are per CPU: every cell has its own, so they
 * say nothing about who owns a device. Returns 1 when the cell may have it,
 * else 0 with the reason in why.
 */
static int gic_spec_owned(const struct dt_ctx *c, const fdt32_t *spec,
			  char *why, size_t len)
{
	uint32_t type = fdt32_to_cpu(spec[0]), num = fdt32_to_cpu(spec[1]);
	uint32_t intid;

	switch (type) {
	case 0:
		intid = num + BULKHEAD_GIC_FIRST_SPI;
		break;
	case 2:
		intid = num + 4096;
		break;
	case 1:
	case 3:
		return 1;
	default:
		snprintf(why, len, "GIC interrupt type %u is unknown", type);
		return 0;
	}
	if (cell_owns_irq(c, intid))
		return 1;
	snprintf(why, len, "interrupt %u is not the cell's", intid);
	return 0;
}

/* The phandle of the node's interrupt parent (inherited), 0 if none. */
static uint32_t interrupt_parent(const void *fdt, int node)
{
	const fdt32_t *p;
	int len;

	while (node >= 0) {
		p = fdt_getprop(fdt, node, "interrupt-parent", &len);
		if (p && len == 4)
			return fdt32_to_cpu(*p);
		node = fdt_parent_offset(fdt, node);
	}
	return 0;
}

/*
 * Whether every interrupt of a device is the cell's: those of "interrupts"
 * (with the inherited interrupt parent) and of "interrupts-extended". An
 * interrupt of a controller other than the GIC is not: the cell has no
 * other controller. Appends the INTIDs of its SPIs to list.
 */
static int device_irqs_owned(const struct dt_ctx *c, int node, char *why,
			     size_t len, char *list, size_t list_len)
{
	const void *fdt = c->root;
	const fdt32_t *p;
	int plen, i, n, cells = 0;

	p = fdt_getprop(fdt, node, "interrupts", &plen);
	if (p) {
		if (interrupt_parent(fdt, node) != c->gic_phandle) {
			snprintf(why, len, "its interrupt controller is not the GIC");
			return 0;
		}
		n = plen / 4;
		if (n % c->gic_icells) {
			snprintf(why, len, "its \"interrupts\" are malformed");
			return 0;
		}
		for (i = 0; i < n; i += c->gic_icells) {
			if (!gic_spec_owned(c, p + i, why, len))
				return 0;
			if (!fdt32_to_cpu(p[i]))
				snprintf(list + strlen(list), list_len - strlen(list),
					 "%s%u", *list ? ", " : "",
					 fdt32_to_cpu(p[i + 1]) + BULKHEAD_GIC_FIRST_SPI);
		}
	}
	p = fdt_getprop(fdt, node, "interrupts-extended", &plen);
	for (i = 0, n = p ? plen / 4 : 0; i < n; i += 1 + cells) {
		if (fdt32_to_cpu(p[i]) != c->gic_phandle) {
			snprintf(why, len, "one of its interrupt controllers is not the GIC");
			return 0;
		}
		cells = c->gic_icells;
		if (i + 1 + cells > n) {
			snprintf(why, len, "its \"interrupts-extended\" are malformed");
			return 0;
		}
		if (!gic_spec_owned(c, p + i + 1, why, len))
			return 0;
		if (!fdt32_to_cpu(p[i + 1]))
			snprintf(list + strlen(list), list_len - strlen(list),
				 "%s%u", *list ? ", " : "",
				 fdt32_to_cpu(p[i + 2]) + BULKHEAD_GIC_FIRST_SPI);
	}
	return 1;
}

/*
 * Whether a top-level node of the root tree is a device the cell gets:
 * its reg lies inside the cell's I/O regions and its interrupts are the
 * cell's. Nodes outside the cell's I/O regions are no candidates and are
 * not reported; candidates are reported either way.
 */
static int device_for_cell(const struct dt_ctx *c, int node)
{
	struct reg_entry reg[MAX_REG];
	char why[128] = "", irqs[128] = "";
	const char *name = fdt_get_name(c->root, node, NULL);
	int n, i;

	if (node == c->gic || is_disabled(c->root, node) ||
	    has_device_type(c->root, node, "memory"))
		return 0;
	n = parse_reg(c->root, node, c->root_ac, c->root_sc, reg, MAX_REG);
	if (n <= 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!io_region(c, reg[i].addr, reg[i].size))
			break;
	if (i < n) {
		/* Half inside is worth a word: the config may be a page short. */
		if (c->a->report && touches_io(c, reg, n))
			fprintf(c->a->report, "device tree: %s left out: its reg "
				"0x%llx+0x%llx is not inside the cell's I/O regions\n",
				name, (unsigned long long)reg[i].addr,
				(unsigned long long)reg[i].size);
		return 0;
	}
	if (!device_irqs_owned(c, node, why, sizeof(why), irqs, sizeof(irqs))) {
		if (c->a->report)
			fprintf(c->a->report, "device tree: %s left out: %s\n", name, why);
		return 0;
	}
	if (c->a->report)
		fprintf(c->a->report, "device tree: %s passed to the cell%s%s%s\n", name,
			*irqs ? " (interrupt " : "", irqs, *irqs ? ")" : "");
	return 1;
}

/* The device's reg, moved from physical to cell addresses. */
static int set_device_reg(struct dt_ctx *c, int copy, int node)
{
	struct reg_entry reg[MAX_REG];
	const struct bulkhead_memory *m;
	int n, i;

	n = parse_reg(c->root, node, c->root_ac, c->root_sc, reg, MAX_REG);
	for (i = 0; i < n; i++) {
		m = io_region(c, reg[i].addr, reg[i].size);
		reg[i].addr = reg[i].addr - m->phys_start + m->virt_start;
	}
	return write_reg(c->dst, copy, 2, 2, reg, n);
}

/* Top-level devices of the root tree the cell gets, in their order. */
static int add_devices_from(struct dt_ctx *c, int node)
{
	int err, copy;

	if (node < 0)
		return node == -FDT_ERR_NOTFOUND ? 0 : node;
	if (device_for_cell(c, node)) {
		/* Decided before the later siblings, so the report keeps order. */
		err = add_devices_from(c, fdt_next_subnode(c->root, node));
		if (err)
			return err;
		copy = copy_node(c->dst, 0, c->root, node, NULL);
		if (copy < 0)
			return copy;
		return set_device_reg(c, copy, node);
	}
	return add_devices_from(c, fdt_next_subnode(c->root, node));
}

static int find_compatible(const void *fdt, const char *const *compat)
{
	int node;

	for (; *compat; compat++) {
		node = fdt_node_offset_by_compatible(fdt, -1, *compat);
		if (node >= 0)
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

static int find_gic(struct dt_ctx *c)
{
	const fdt32_t *cells;
	int len;

	c->gic = fdt_node_offset_by_compatible(c->root, -1, "arm,gic-v3");
	if (c->gic < 0)
		return dt_error(c, "%s", "has no \"arm,gic-v3\" interrupt controller: "
				"Linux cells need a GICv3");
	if (fdt_parent_offset(c->root, c->gic) != 0)
		return dt_error(c, "%s", "its GICv3 node is not directly under the "
				"root, which is not supported");
	cells = fdt_getprop(c->root, c->gic, "#interrupt-cells", &len);
	c->gic_icells = cells && len == 4 ? (int)fdt32_to_cpu(*cells) : 0;
	if (c->gic_icells < 3)
		return dt_error(c, "%s", "its GICv3 node has no #interrupt-cells of "
				"at least 3");
	c->gic_phandle = fdt_get_phandle(c->root, c->gic);
	if (!c->gic_phandle) {
		/* Nothing refers to it yet; the copy gets a fresh phandle. */
		if (fdt_find_max_phandle(c->root, &c->gic_phandle))
			return dt_error(c, "%s", "has broken phandles");
		c->gic_phandle++;
		c->gic_needs_phandle = 1;
	}
	return 0;
}

static int add_gic(struct dt_ctx *c)
{
	struct reg_entry reg[MAX_REG];
	int copy, n, err;

	copy = copy_node(c->dst, 0, c->root, c->gic, is_its);
	if (copy < 0)
		return copy;
	/*
	 * Same addresses as in root: the hypervisor emulates the distributor
	 * and the redistributors where the hardware has them. Only the cell
	 * sizes may differ from the root's 2/2.
	 */
	n = parse_reg(c->root, c->gic, c->root_ac, c->root_sc, reg, MAX_REG);
	if (n < 0)
		return dt_error(c, "%s", "the \"reg\" of its GICv3 node is malformed");
	err = write_reg(c->dst, copy, 2, 2, reg, n);
	if (!err && c->gic_needs_phandle)
		err = fdt_setprop_u32(c->dst, copy, "phandle", c->gic_phandle);
	return err;
}

static int add_timer(struct dt_ctx *c)
{
	static const char *const compat[] = { "arm,armv8-timer", NULL };
	int node = find_compatible(c->root, compat);

	if (node < 0)
		return dt_error(c, "%s", "has no \"arm,armv8-timer\" node");
	node = copy_node(c->dst, 0, c->root, node, NULL);
	return node < 0 ? node : 0;
}

/*
 * PSCI: the hypervisor implements it for the cell's CPUs behind SMC, with
 * whatever the firmware has. Copied for its compatibles; made if missing.
 */
static int add_psci(struct dt_ctx *c)
{
	static const char *const compat[] = {
		"arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL
	};
	static const char fallback[] = "arm,psci-1.0\0arm,psci-0.2";
	int node = find_compatible(c->root, compat), copy;

	if (node >= 0 && fdt_parent_offset(c->root, node) == 0)
		copy = copy_node(c->dst, 0, c->root, node, NULL);
	else
		copy = fdt_add_subnode(c->dst, 0, "psci");
	if (copy < 0)
		return copy;
	if (node < 0) {
		int err = fdt_setprop(c->dst, copy, "compatible", fallback,
				      sizeof(fallback));

		if (err)
			return err;
	}
	return fdt_setprop_string(c->dst, copy, "method", "smc");
}

/*
 * /cpus: the cell's CPUs, copied from the root tree's cpu nodes (reg is
 * the MPIDR, so the same physical CPUs). cpu_set bits are root Linux
 * logical CPU numbers; Linux numbers the CPUs in the order of the cpu nodes
 * when it boots on the first one, as on the QEMU machine, so logical CPU n
 * is the n-th cpu node.
 */
static int add_cpus(struct dt_ctx *c)
{
	int nodes[MAX_CPU_NODES];
	int rcpus, cpus, node, count = 0, n, copy, err;
	unsigned long long set = c->a->cell->cpu_set;
	char list[256] = "";

	rcpus = fdt_path_offset(c->root, "/cpus");
	if (rcpus < 0)
		return dt_error(c, "%s", "has no /cpus node");
	fdt_for_each_subnode(node, c->root, rcpus)
		if (has_device_type(c->root, node, "cpu") && count < MAX_CPU_NODES)
			nodes[count++] = node;
	for (n = 0; n < BULKHEAD_MAX_CPUS; n++) {
		if (!(set & (1ULL << n)))
			continue;
		if (n >= count) {
			char what[96];

			snprintf(what, sizeof(what), "has %d cpu node(s), so no CPU %d "
				 "for the cell", count, n);
			return dt_error(c, "%s", what);
		}
	}

	cpus = fdt_add_subnode(c->dst, 0, "cpus");
	if (cpus < 0)
		return cpus;
	/* #address-cells/#size-cells; cpu-map and idle states stay behind. */
	err = copy_props_from(c->dst, cpus, c->root, fdt_first_property_offset(c->root, rcpus));
	for (n = BULKHEAD_MAX_CPUS - 1; !err && n >= 0; n--) {
		if (!(set & (1ULL << n)))
			continue;
		copy = copy_node(c->dst, cpus, c->root, nodes[n], NULL);
		if (copy < 0)
			return copy;
		err = fdt_setprop_string(c->dst, copy, "enable-method", "psci");
		/* Idle states mean PSCI CPU_SUSPEND, which cells do not have. */
		if (!err)
			fdt_delprop(c->dst, copy, "cpu-idle-states");
	}
	if (err || !c->a->report)
		return err;
	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		if (set & (1ULL << n))
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%s%d = %s", *list ? ", " : "", n,
				 fdt_get_name(c->root, nodes[n], NULL));
	fprintf(c->a->report, "device tree: CPUs %s\n", list);
	return 0;
}

/* /memory@...: the cell's RAM at its cell addresses, in ac/sc cells. */
static int add_memory(struct dt_ctx *c, int ac, int sc)
{
	const struct bulkhead_cell_desc *cell = c->a->cell;
	struct reg_entry reg;
	char name[40];
	int i, node, err;

	for (i = cell->num_memory_regions - 1; i >= 0; i--) {
		if (!bh_linux_is_ram(&c->mem[i]))
			continue;
		snprintf(name, sizeof(name), "memory@%llx",
			 (unsigned long long)c->mem[i].virt_start);
		node = fdt_add_subnode(c->dst, 0, name);
		if (node < 0)
			return node;
		reg.addr = c->mem[i].virt_start;
		reg.size = c->mem[i].size;
		err = write_reg(c->dst, node, ac, sc, &reg, 1);
		if (!err)
			err = fdt_setprop_string(c->dst, node, "device_type", "memory");
		if (err)
			return err;
	}
	return 0;
}

/*
 * The command line: the base (the -d tree's bootargs, else ours), then -c.
 * Ours: the console, the early console on the UART the hypervisor
 * emulates for the cell (transmit only, into the hypervisor console), so
 * the boot can be followed before the console driver is up, panic=-1 and
 * a CMA area sized for the cell.
 */
static unsigned long long default_cma_mib(const struct dt_ctx *c)
{
	unsigned long long ram = 0, mib;
	unsigned int i;

	for (i = 0; i < c->a->cell->num_memory_regions; i++)
		if (bh_linux_is_ram(&c->mem[i]))
			ram += c->mem[i].size;
	mib = ram / CMA_SHARE >> 20;
	mib -= mib % CMA_STEP_MIB;
	return mib < CMA_STEP_MIB ? CMA_STEP_MIB : mib;
}

static char *bootargs(const struct dt_ctx *c, const char *base)
{
	const struct bulkhead_console *con = &c->a->cell->console;
	const char *extra = c->a->cmdline ? c->a->cmdline : "";
	size_t len = (base ? strlen(base) : 160) + strlen(extra) + 2;
	char *s = malloc(len);
	char cma[32];

	if (!s)
		return NULL;
	snprintf(cma, sizeof(cma), "cma=%lluM", default_cma_mib(c));
	if (base)
		snprintf(s, len, "%s", base);
	else if (con->type == BULKHEAD_CONSOLE_PL011)
		snprintf(s, len, DEFAULT_CONSOLE " earlycon=pl011,mmio32,0x%llx " DEFAULT_PANIC " %s",
			 (unsigned long long)con->address, cma);
	else if (con->type == BULKHEAD_CONSOLE_NS16550)
		snprintf(s, len, DEFAULT_CONSOLE " earlycon=uart8250,mmio,0x%llx " DEFAULT_PANIC " %s",
			 (unsigned long long)con->address, cma);
	else
		snprintf(s, len, DEFAULT_CONSOLE " " DEFAULT_PANIC " %s", cma);
	if (*extra)
		snprintf(s + strlen(s), len - strlen(s), "%s%s", *s ? " " : "", extra);
	return s;
}

/* /chosen: the command line and the initrd, replacing what was there. */
static int fix_chosen(struct dt_ctx *c)
{
	const char *old;
	char *base = NULL, *args;
	int node, err;

	node = fdt_path_offset(c->dst, "/chosen");
	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(c->dst, 0, "chosen");
	if (node < 0)
		return node;
	old = fdt_getprop(c->dst, node, "bootargs", NULL);
	if (old && !(base = strdup(old)))
		return -FDT_ERR_NOSPACE;
	args = bootargs(c, base);
	free(base);
	if (!args)
		return -FDT_ERR_NOSPACE;
	err = fdt_setprop_string(c->dst, node, "bootargs", args);
	if (c->a->report && !err)
		fprintf(c->a->report, "device tree: bootargs \"%s\"\n", args);
	free(args);
	fdt_delprop(c->dst, node, "linux,initrd-start");
	fdt_delprop(c->dst, node, "linux,initrd-end");
	if (!err && c->a->initrd_end > c->a->initrd_start)
		err = fdt_setprop_u64(c->dst, node, "linux,initrd-end", c->a->initrd_end);
	if (!err && c->a->initrd_end > c->a->initrd_start)
		err = fdt_setprop_u64(c->dst, node, "linux,initrd-start",
				      c->a->initrd_start);
	return err;
}

static int copy_root_prop(struct dt_ctx *c, const char *name)
{
	const void *val;
	int len;

	val = fdt_getprop(c->root, 0, name, &len);
	return val ? fdt_setprop(c->dst, 0, name, val, len) : 0;
}

/* A tree of our own: the order below is the reverse of the output's. */
static int build_new(struct dt_ctx *c)
{
	int err;

	err = fdt_setprop_u32(c->dst, 0, "interrupt-parent", c->gic_phandle);
	if (!err)
		err = fdt_setprop_u32(c->dst, 0, "#size-cells", 2);
	if (!err)
		err = fdt_setprop_u32(c->dst, 0, "#address-cells", 2);
	if (!err)
		err = copy_root_prop(c, "model");
	if (!err)
		err = copy_root_prop(c, "compatible");
	if (!err)
		err = add_devices_from(c, fdt_first_subnode(c->root, 0));
	if (!err)
		err = add_timer(c);
	if (!err)
		err = add_gic(c);
	if (!err)
		err = add_psci(c);
	if (!err)
		err = add_cpus(c);
	if (!err)
		err = add_memory(c, 2, 2);
	if (!err)
		err = fix_chosen(c);
	return err;
}

/* The top-level node with device_type "memory", or a negative error. */
static int find_memory_node(const void *fdt)
{
	int node;

	fdt_for_each_subnode(node, fdt, 0)
		if (has_device_type(fdt, node, "memory"))
			return node;
	return node;
}

/* -d: the given tree with its /cpus, memory and /chosen made the cell's. */
static int fix_base(struct dt_ctx *c)
{
	int node, err, ac, sc;

	ac = fdt_address_cells(c->dst, 0);
	sc = fdt_size_cells(c->dst, 0);
	if (ac < 0 || sc < 0)
		return ac < 0 ? ac : sc;
	while ((node = find_memory_node(c->dst)) >= 0)
		if ((err = fdt_del_node(c->dst, node)))
			return err;
	node = fdt_path_offset(c->dst, "/cpus");
	if (node >= 0 && (err = fdt_del_node(c->dst, node)))
		return err;
	err = add_cpus(c);
	if (!err)
		err = add_memory(c, ac, sc);
	if (err == -FDT_ERR_BADVALUE || err == -FDT_ERR_BADNCELLS) {
		bh_error("cell linux: %s: its root's #address-cells/#size-cells "
			 "cannot describe the cell's RAM", c->a->base_path);
		return DT_REPORTED;
	}
	if (!err)
		err = fix_chosen(c);
	return err;
}

static int check_tree(const char *path, const void *fdt, size_t size)
{
	if (size < sizeof(struct fdt_header) || fdt_check_header(fdt) ||
	    fdt_totalsize(fdt) > size) {
		bh_error("cell linux: %s: not a flattened device tree", path);
		return -1;
	}
	return 0;
}

int bh_linux_dt_build(const struct bh_linux_dt_args *args, void **fdt,
		      size_t *size)
{
	struct dt_ctx c = {
		.a = args,
		.mem = bulkhead_cell_memory(args->cell),
		.irqs = bulkhead_cell_irqs(args->cell),
		.root = args->root,
	};
	size_t cap;
	int err;

	if (check_tree(args->root_path, args->root, args->root_size) ||
	    (args->base && check_tree(args->base_path, args->base, args->base_size)))
		return -1;
	c.root_ac = fdt_address_cells(c.root, 0);
	c.root_sc = fdt_size_cells(c.root, 0);
	if (c.root_ac < 1 || c.root_ac > 2 || c.root_sc < 1 || c.root_sc > 2) {
		bh_error("cell linux: %s: #address-cells/#size-cells of the root "
			 "must be 1 or 2", args->root_path);
		return -1;
	}
	/*
	 * The result holds a subset of the root tree, or the -d tree, plus
	 * what we add; DT_SLACK covers the additions, so it always fits.
	 */
	cap = args->root_size + (args->base ? args->base_size : 0) + DT_SLACK +
	      (args->cmdline ? strlen(args->cmdline) : 0);
	if (cap > 64 * BH_LINUX_DT_MAX) {
		bh_error("cell linux: the device trees are too large");
		return -1;
	}
	c.dst = malloc(cap);
	if (!c.dst) {
		bh_error("cell linux: out of memory");
		return -1;
	}
	if (args->base) {
		err = fdt_open_into(args->base, c.dst, cap);
		if (!err)
			err = fix_base(&c);
	} else {
		err = fdt_create_empty_tree(c.dst, cap);
		if (!err)
			err = find_gic(&c);
		if (!err)
			err = build_new(&c);
	}
	if (!err)
		err = fdt_pack(c.dst);
	if (err) {
		if (err != DT_REPORTED)
			bh_error("cell linux: building the device tree failed: %s",
				 fdt_strerror(err));
		free(c.dst);
		return -1;
	}
	if (fdt_totalsize(c.dst) > BH_LINUX_DT_MAX) {
		bh_error("cell linux: the device tree has %u bytes, more than the "
			 "2 MiB the arm64 boot protocol allows", fdt_totalsize(c.dst));
		free(c.dst);
		return -1;
	}
	*fdt = c.dst;
	*size = fdt_totalsize(c.dst);
	return 0;
}
