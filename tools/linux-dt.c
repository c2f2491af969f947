// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The device tree a Linux cell boots with.
 *
 * The cell's Linux must see exactly what the cell owns: its CPUs, its RAM,
 * the devices inside its I/O regions whose interrupts it owns, and the
 * interrupt controller and timers every cell has (emulated, or per CPU).
 * The hardware facts (CPU ids, the controller's and the devices' nodes with
 * their compatibles and interrupt specifiers) come from the root Linux's
 * device tree, so a cell config needs no hand-written DTS: what the machine
 * has is described once, by its firmware, and what the cell gets is
 * described once, by its config. What differs between architectures (GIC
 * or PLIC, PSCI, how CPUs are numbered) is in linux-dt-<arch>.c, chosen by
 * the config's architecture: the host CLI writes trees for both.
 *
 * Devices are the nodes directly under the root, and the children of
 * "simple-bus" nodes directly under the root whose empty "ranges" say that
 * their addresses are the root's (riscv64 QEMU virt puts its devices in
 * /soc). Their "reg" is read without any other address translation; a
 * device behind a bus that translates addresses is not considered.
 *
 * libfdt's read-write functions insert a new node before its existing
 * siblings and a new property before the existing ones. To keep the order
 * of the source tree (so the output reads like it), nodes and properties
 * are added last one first.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "bulkhead.h"
#include "linux-dt-internal.h"

/* Room for what we add on top of the source trees: chosen, memory, cells. */
#define DT_SLACK	(64 * 1024)

#define MAX_REG		16	/* reg entries of one node we look at */
#define MAX_PICKS	128	/* nodes of the root tree a cell gets */

/*
 * The cell's hvc0 is the virtio console it owns; with -c "console=..." the
 * user can name another one (Linux uses the last console= as /dev/console).
 */
#define DEFAULT_CONSOLE	"console=hvc0"
/*
 * A panicking Linux resets (PSCI SYSTEM_RESET, SBI system reset), which
 * ends its cell, rather than spinning forever in a cell that still looks
 * "running": its panic message may never reach a console that is not up
 * yet. "panic=0" in -c keeps it spinning, for a debugger.
 */
#define DEFAULT_PANIC	"panic=-1"
/*
 * Unpacking the initramfs in the background (the default since Linux 5.13)
 * leaves the files it wrote to a workqueue to close; the flush before /init
 * runs misses a close that work is still doing on another CPU, and exec
 * fails with ETXTBSY ("Failed to execute /init (error -26)"): seen now and
 * then in a two-CPU cell (6.12), which then runs /sbin/init instead.
 * Unpacked in the init task itself, its files are closed before exec.
 */
#define DEFAULT_INITRAMFS	"initramfs_async=0"
/*
 * Distribution kernels reserve a fixed CMA area (Debian: 64 MiB), half of a
 * small cell. Ours is a sixteenth of the cell's RAM in 4 MiB steps (CMA's
 * alignment), at least 4 MiB; "cma=" in -c overrides it (the last wins).
 */
#define CMA_SHARE	16
#define CMA_STEP_MIB	4

static const struct bh_dt_arch *const arches[] = {
	[BULKHEAD_ARCH_ARM64] = &bh_dt_arm64,
	[BULKHEAD_ARCH_RISCV64] = &bh_dt_riscv64,
};

/* A node of the root tree the cell gets, and where it sits there. */
struct pick {
	int node;
	int bus;	/* the identity-mapped bus holding it, or 0: the root */
	int ac, sc;	/* the #address-cells/#size-cells of its reg */
};

struct picks {
	struct pick p[MAX_PICKS];
	int n;
};

int bh_dt_error(const struct bh_dt_ctx *c, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bh_error("cell linux: %s: %s", c->a->root_path, msg);
	return BH_DT_REPORTED;
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
int bh_dt_parse_reg(const void *fdt, int node, int ac, int sc,
		    struct bh_dt_reg *reg, int max)
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
int bh_dt_write_reg(void *fdt, int node, int ac, int sc,
		    const struct bh_dt_reg *reg, int n)
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

/* Copies the subnodes from sub on, keeping their order. */
static int copy_subnodes_from(void *dst, int parent, const void *src, int sub,
			      bh_dt_filter skip)
{
	int err;

	if (sub < 0)
		return sub == -FDT_ERR_NOTFOUND ? 0 : sub;
	err = copy_subnodes_from(dst, parent, src, fdt_next_subnode(src, sub), skip);
	if (err)
		return err;
	if (skip && skip(src, sub))
		return 0;
	err = bh_dt_copy_node(dst, parent, src, sub, skip);
	return err < 0 ? err : 0;
}

int bh_dt_copy_node(void *dst, int parent, const void *src, int node,
		    bh_dt_filter skip)
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

/* A string property is s, its NUL included: nothing read past its value. */
static int prop_is(const void *fdt, int node, const char *name, const char *s)
{
	int len;
	const char *v = fdt_getprop(fdt, node, name, &len);

	return v && len == (int)strlen(s) + 1 && !memcmp(v, s, len);
}

static int is_disabled(const void *fdt, int node)
{
	return fdt_getprop(fdt, node, "status", NULL) &&
	       !prop_is(fdt, node, "status", "okay") &&
	       !prop_is(fdt, node, "status", "ok");
}

static int has_device_type(const void *fdt, int node, const char *type)
{
	return prop_is(fdt, node, "device_type", type);
}

/*
 * A "simple-bus" directly under the root with an empty "ranges": its
 * children's addresses are the root's. Their cells go to *ac and *sc.
 */
static int is_identity_bus(const void *fdt, int node, int *ac, int *sc)
{
	int len, a, s;

	if (fdt_parent_offset(fdt, node) != 0 ||
	    fdt_node_check_compatible(fdt, node, "simple-bus") ||
	    !fdt_getprop(fdt, node, "ranges", &len) || len != 0)
		return 0;
	a = fdt_address_cells(fdt, node);
	s = fdt_size_cells(fdt, node);
	if (a < 1 || a > 2 || s < 1 || s > 2)
		return 0;
	if (ac)
		*ac = a;
	if (sc)
		*sc = s;
	return 1;
}

/* The cell's I/O region holding [addr, addr + size) whole, or NULL. */
static const struct bulkhead_memory *io_region(const struct bh_dt_ctx *c,
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
static int touches_io(const struct bh_dt_ctx *c, const struct bh_dt_reg *reg, int n)
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

int bh_dt_cell_owns_irq(const struct bh_dt_ctx *c, uint32_t line)
{
	unsigned int i;

	for (i = 0; i < c->a->cell->num_irqs; i++)
		if (c->irqs[i] == line)
			return 1;
	return 0;
}

uint32_t bh_fdt_interrupt_parent(const void *fdt, int node)
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

/* One specifier: the cell's, its line appended to list if worth naming. */
static int spec_owned(const struct bh_dt_ctx *c, const fdt32_t *spec,
		      char *why, size_t len, char *list, size_t list_len)
{
	long line;

	if (!c->arch->spec_owned(c, spec, &line, why, len))
		return 0;
	if (line >= 0)
		snprintf(list + strlen(list), list_len - strlen(list), "%s%ld",
			 *list ? ", " : "", line);
	return 1;
}

/*
 * Whether every interrupt of a device is the cell's: those of "interrupts"
 * (with the inherited interrupt parent) and of "interrupts-extended". An
 * interrupt of another controller is not: the cell has no other
 * controller. Appends the lines to list.
 */
static int device_irqs_owned(const struct bh_dt_ctx *c, int node, char *why,
			     size_t len, char *list, size_t list_len)
{
	const char *chip = c->arch->irqchip_name;
	const void *fdt = c->root;
	int plen, i, n, cells = c->irqchip_cells;
	const fdt32_t *p;

	p = fdt_getprop(fdt, node, "interrupts", &plen);
	if (p) {
		if (bh_fdt_interrupt_parent(fdt, node) != c->irqchip_phandle) {
			snprintf(why, len, "its interrupt controller is not the %s", chip);
			return 0;
		}
		n = plen / 4;
		if (n % cells) {
			snprintf(why, len, "its \"interrupts\" are malformed");
			return 0;
		}
		for (i = 0; i < n; i += cells)
			if (!spec_owned(c, p + i, why, len, list, list_len))
				return 0;
	}
	p = fdt_getprop(fdt, node, "interrupts-extended", &plen);
	for (i = 0, n = p ? plen / 4 : 0; i < n; i += 1 + cells) {
		if (fdt32_to_cpu(p[i]) != c->irqchip_phandle) {
			snprintf(why, len, "one of its interrupt controllers is not the %s",
				 chip);
			return 0;
		}
		if (i + 1 + cells > n) {
			snprintf(why, len, "its \"interrupts-extended\" are malformed");
			return 0;
		}
		if (!spec_owned(c, p + i + 1, why, len, list, list_len))
			return 0;
	}
	return 1;
}

/*
 * Whether a device node of the root tree (reg in ac/sc cells) is one the
 * cell gets: its reg lies inside the cell's I/O regions and its interrupts
 * are the cell's. Nodes outside the cell's I/O regions are no candidates
 * and are not reported; candidates are reported either way.
 */
static int device_for_cell(const struct bh_dt_ctx *c, int node, int ac, int sc)
{
	struct bh_dt_reg reg[MAX_REG];
	char why[128] = "", irqs[128] = "";
	const char *name = fdt_get_name(c->root, node, NULL);
	int n, i;

	if (is_disabled(c->root, node) || has_device_type(c->root, node, "memory"))
		return 0;
	n = bh_dt_parse_reg(c->root, node, ac, sc, reg, MAX_REG);
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

/*
 * The nodes under parent (the root, or an identity bus under it) that the
 * cell gets, in the root tree's order: the interrupt controller and the
 * devices. Deciding in this order keeps the report in the tree's order.
 */
static int pick_devices(const struct bh_dt_ctx *c, int parent, int ac, int sc,
			struct picks *out)
{
	int node, err, bac, bsc;

	fdt_for_each_subnode(node, c->root, parent) {
		if (parent == 0 && is_identity_bus(c->root, node, &bac, &bsc)) {
			err = pick_devices(c, node, bac, bsc, out);
			if (err)
				return err;
			continue;
		}
		if (node != c->irqchip && !device_for_cell(c, node, ac, sc))
			continue;
		if (out->n == MAX_PICKS)
			return bh_dt_error(c, "has more than %d devices for the cell",
					   MAX_PICKS);
		out->p[out->n++] = (struct pick){ node, parent, ac, sc };
	}
	return node == -FDT_ERR_NOTFOUND ? 0 : node;
}

/* The cell's copy of an identity bus (its properties only), made once. */
static int bus_copy(struct bh_dt_ctx *c, int bus)
{
	const char *name = fdt_get_name(c->root, bus, NULL);
	int copy = fdt_subnode_offset(c->dst, 0, name), err;

	if (copy != -FDT_ERR_NOTFOUND)
		return copy;
	copy = fdt_add_subnode(c->dst, 0, name);
	if (copy < 0)
		return copy;
	err = copy_props_from(c->dst, copy, c->root, fdt_first_property_offset(c->root, bus));
	return err ? err : copy;
}

/*
 * The reg of a copied node in the cells of its new parent: the root's are
 * 2/2, a bus keeps its own. Devices move from physical to cell addresses;
 * the interrupt controller stays where it is (the hypervisor emulates it
 * at the hardware's address).
 */
static int set_reg(struct bh_dt_ctx *c, int copy, const struct pick *p, int device)
{
	struct bh_dt_reg reg[MAX_REG];
	const struct bulkhead_memory *m;
	int n, i;

	n = bh_dt_parse_reg(c->root, p->node, p->ac, p->sc, reg, MAX_REG);
	if (n < 0)
		return bh_dt_error(c, "the \"reg\" of %s is malformed",
				   fdt_get_name(c->root, p->node, NULL));
	for (i = 0; device && i < n; i++) {
		m = io_region(c, reg[i].addr, reg[i].size);
		reg[i].addr = reg[i].addr - m->phys_start + m->virt_start;
	}
	if (!n)
		return 0;
	return p->bus ? bh_dt_write_reg(c->dst, copy, p->ac, p->sc, reg, n) :
			bh_dt_write_reg(c->dst, copy, 2, 2, reg, n);
}

static int add_pick(struct bh_dt_ctx *c, const struct pick *p)
{
	int parent = p->bus ? bus_copy(c, p->bus) : 0, copy, err;
	int irqchip = p->node == c->irqchip;

	if (parent < 0)
		return parent;
	copy = bh_dt_copy_node(c->dst, parent, c->root, p->node,
			       irqchip ? c->arch->irqchip_skip : NULL);
	if (copy < 0)
		return copy;
	err = set_reg(c, copy, p, !irqchip);
	if (err || !irqchip)
		return err;
	if (c->irqchip_needs_phandle)
		err = fdt_setprop_u32(c->dst, copy, "phandle", c->irqchip_phandle);
	if (!err && c->arch->fix_irqchip)
		err = c->arch->fix_irqchip(c, copy);
	return err;
}

/* The interrupt controller and the devices, in the root tree's order. */
static int add_devices(struct bh_dt_ctx *c)
{
	struct picks *picks = calloc(1, sizeof(*picks));
	int i, err;

	if (!picks)
		return -FDT_ERR_NOSPACE;
	err = pick_devices(c, 0, c->root_ac, c->root_sc, picks);
	for (i = picks->n - 1; !err && i >= 0; i--)
		err = add_pick(c, &picks->p[i]);
	free(picks);
	return err;
}

int bh_dt_find_compatible(const void *fdt, const char *const *compat)
{
	int node;

	for (; *compat; compat++) {
		node = fdt_node_offset_by_compatible(fdt, -1, *compat);
		if (node >= 0)
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

/* "\"a\", \"b\" or \"c\"": the controller's compatibles, for messages. */
static const char *irqchip_compats(const struct bh_dt_arch *arch, char *buf,
				   size_t len)
{
	const char *const *k;
	size_t pos = 0;

	buf[0] = '\0';
	for (k = arch->irqchip_compat; *k && pos < len; k++)
		pos += snprintf(buf + pos, len - pos, "%s\"%s\"",
				k == arch->irqchip_compat ? "" : k[1] ? ", " : " or ",
				*k);
	return buf;
}

static int find_irqchip(struct bh_dt_ctx *c)
{
	const struct bh_dt_arch *arch = c->arch;
	const fdt32_t *cells;
	int len, parent;
	char names[160];

	c->irqchip = bh_dt_find_compatible(c->root, arch->irqchip_compat);
	if (c->irqchip < 0)
		return bh_dt_error(c, "has no %s interrupt controller: Linux cells "
				   "on %s need a %s",
				   irqchip_compats(arch, names, sizeof(names)),
				   arch->name, arch->irqchip_name);
	parent = fdt_parent_offset(c->root, c->irqchip);
	if (parent != 0 && !is_identity_bus(c->root, parent, NULL, NULL))
		return bh_dt_error(c, "its %s node is neither directly under the root "
				   "nor on a simple-bus there with an empty \"ranges\", "
				   "which is not supported", arch->irqchip_name);
	cells = fdt_getprop(c->root, c->irqchip, "#interrupt-cells", &len);
	c->irqchip_cells = cells && len == 4 ? (int)fdt32_to_cpu(*cells) : 0;
	if (c->irqchip_cells < arch->irqchip_min_cells)
		return bh_dt_error(c, "its %s node has no #interrupt-cells of at least %d",
				   arch->irqchip_name, arch->irqchip_min_cells);
	c->irqchip_phandle = fdt_get_phandle(c->root, c->irqchip);
	if (!c->irqchip_phandle) {
		/* Nothing refers to it yet; the copy gets a fresh phandle. */
		if (fdt_find_max_phandle(c->root, &c->irqchip_phandle))
			return bh_dt_error(c, "has broken phandles");
		c->irqchip_phandle++;
		c->irqchip_needs_phandle = 1;
	}
	return 0;
}

long long bh_dt_cpu_reg(const void *fdt, int cpu)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, cpu, "reg", &len);
	if (!p || (len != 4 && len != 8))
		return -1;
	return (long long)read_cells(p, len / 4);
}

/*
 * On arm64 cpu_set bits are root Linux logical CPU numbers; Linux numbers
 * the CPUs in the order of the cpu nodes when it boots on the first one,
 * as on the QEMU machine, so logical CPU n is the n-th cpu node. On riscv64
 * they are hart ids, the cpu nodes' reg.
 */
int bh_dt_cpu_node(const struct bh_dt_ctx *c, unsigned int n)
{
	int cpus, node;
	unsigned int k = 0;

	cpus = fdt_path_offset(c->root, "/cpus");
	if (cpus < 0)
		return cpus;
	fdt_for_each_subnode(node, c->root, cpus) {
		if (!has_device_type(c->root, node, "cpu"))
			continue;
		if (c->arch->cpus_by_reg ? bh_dt_cpu_reg(c->root, node) == n : k++ == n)
			return node;
	}
	return node;
}

static int cpu_node_or_error(const struct bh_dt_ctx *c, unsigned int n)
{
	int node = bh_dt_cpu_node(c, n);

	if (node >= 0)
		return node;
	if (fdt_path_offset(c->root, "/cpus") < 0)
		return bh_dt_error(c, "has no /cpus node");
	if (c->arch->cpus_by_reg)
		return bh_dt_error(c, "has no cpu node with reg %u, so no hart %u "
				   "for the cell", n, n);
	return bh_dt_error(c, "has fewer than %u cpu nodes, so no CPU %u for the "
			   "cell", n + 1, n);
}

/* A copy of a cpu node, fit for a cell. */
static int add_cpu(struct bh_dt_ctx *c, int cpus, int node)
{
	int copy = bh_dt_copy_node(c->dst, cpus, c->root, node, NULL), err = 0;

	if (copy < 0)
		return copy;
	if (c->arch->enable_method)
		err = fdt_setprop_string(c->dst, copy, "enable-method",
					 c->arch->enable_method);
	/*
	 * Idle states mean PSCI CPU_SUSPEND or SBI HSM suspend, which cells
	 * do not have.
	 */
	if (!err)
		fdt_delprop(c->dst, copy, "cpu-idle-states");
	return err;
}

/* The root tree's cpu nodes of the cell's CPUs, by cpu_set bit. */
static int find_cpus(const struct bh_dt_ctx *c, int nodes[BULKHEAD_MAX_CPUS])
{
	int n;

	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		if ((c->a->cell->cpu_set & (1ULL << n)) &&
		    (nodes[n] = cpu_node_or_error(c, n)) < 0)
			return nodes[n];
	return 0;
}

/* /cpus: its properties, and copies of the cell's CPUs' nodes. */
static int add_cpus(struct bh_dt_ctx *c)
{
	int nodes[BULKHEAD_MAX_CPUS];
	unsigned long long set = c->a->cell->cpu_set;
	char list[256] = "";
	int rcpus, cpus, n, err;

	err = find_cpus(c, nodes);
	if (err)
		return err;
	rcpus = fdt_path_offset(c->root, "/cpus");
	cpus = fdt_add_subnode(c->dst, 0, "cpus");
	if (cpus < 0)
		return cpus;
	/* #address-cells etc.; cpu-map and idle states stay behind. */
	err = copy_props_from(c->dst, cpus, c->root, fdt_first_property_offset(c->root, rcpus));
	for (n = BULKHEAD_MAX_CPUS - 1; !err && n >= 0; n--)
		if (set & (1ULL << n))
			err = add_cpu(c, cpus, nodes[n]);
	if (err || !c->a->report)
		return err;
	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		if (set & (1ULL << n))
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%s%d = %s", *list ? ", " : "", n,
				 fdt_get_name(c->root, nodes[n], NULL));
	fprintf(c->a->report, "device tree: %s %s\n", c->arch->cpu_word, list);
	return 0;
}

/* /memory@...: the cell's RAM at its cell addresses, in ac/sc cells. */
static int add_memory(struct bh_dt_ctx *c, int ac, int sc)
{
	const struct bulkhead_cell_desc *cell = c->a->cell;
	struct bh_dt_reg reg;
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
		err = bh_dt_write_reg(c->dst, node, ac, sc, &reg, 1);
		if (!err)
			err = fdt_setprop_string(c->dst, node, "device_type", "memory");
		if (err)
			return err;
	}
	return 0;
}

/*
 * Virtio devices root serves to the cell (Documentation/linux-cell.md).
 * Their register windows trap into the hypervisor; their data goes through
 * the cell's virtio pool, which Linux must use for every buffer and ring:
 * a restricted-dma-pool in /reserved-memory that each device names in
 * "memory-region". The pool stays in the linear map (it is in /memory, and
 * neither no-map nor reusable), as swiotlb needs.
 */
static const struct bulkhead_memory *virtio_pool(const struct bh_dt_ctx *c)
{
	unsigned int i;

	for (i = 0; i < c->a->cell->num_memory_regions; i++)
		if (c->mem[i].flags & BULKHEAD_MEM_VIRTIO_POOL)
			return &c->mem[i];
	return NULL;
}

/* A phandle no node of the output has, nor will have once copied. */
static uint32_t fresh_phandle(const struct bh_dt_ctx *c)
{
	uint32_t root = 0, dst = 0;

	if (fdt_find_max_phandle(c->root, &root) ||
	    fdt_find_max_phandle(c->dst, &dst))
		return 0;
	if (dst > root)
		root = dst;
	if (c->irqchip_phandle > root)
		root = c->irqchip_phandle;
	return root + 1;
}

/* Removes what a -d tree (say, one -w wrote) has by that name already. */
static int add_fresh_subnode(void *fdt, int parent, const char *name)
{
	int old = fdt_subnode_offset(fdt, parent, name), err;

	if (old >= 0 && (err = fdt_del_node(fdt, old)))
		return err;
	return fdt_add_subnode(fdt, parent, name);
}

/* /reserved-memory/virtio-pool@..., whose phandle the devices name. */
static int add_virtio_pool(struct bh_dt_ctx *c, int ac, int sc, uint32_t phandle)
{
	const struct bulkhead_memory *pool = virtio_pool(c);
	struct bh_dt_reg reg = { pool->virt_start, pool->size };
	char name[40];
	int rm, node, err;

	rm = fdt_path_offset(c->dst, "/reserved-memory");
	if (rm == -FDT_ERR_NOTFOUND) {
		rm = fdt_add_subnode(c->dst, 0, "reserved-memory");
		if (rm < 0)
			return rm;
		err = fdt_setprop(c->dst, rm, "ranges", NULL, 0);
		if (!err)
			err = fdt_setprop_u32(c->dst, rm, "#size-cells", sc);
		if (!err)
			err = fdt_setprop_u32(c->dst, rm, "#address-cells", ac);
		if (err)
			return err;
	}
	if (rm < 0)
		return rm;
	snprintf(name, sizeof(name), "virtio-pool@%llx",
		 (unsigned long long)pool->virt_start);
	node = add_fresh_subnode(c->dst, rm, name);
	if (node < 0)
		return node;
	/* A -d tree's /reserved-memory may have cells of its own. */
	err = bh_dt_write_reg(c->dst, node, fdt_address_cells(c->dst, rm),
			      fdt_size_cells(c->dst, rm), &reg, 1);
	if (!err)
		err = fdt_setprop_u32(c->dst, node, "phandle", phandle);
	if (!err)
		err = fdt_setprop_string(c->dst, node, "compatible",
					 "restricted-dma-pool");
	return err;
}

/* One virtio,mmio node: the transport uses the first 0x200 bytes. */
static int add_virtio_device(struct bh_dt_ctx *c, int ac, int sc,
			     const struct bulkhead_virtio_device *dev,
			     uint32_t irq_parent, uint32_t pool)
{
	struct bh_dt_reg reg = { dev->address, 0x200 };
	char name[40];
	int node, err;

	snprintf(name, sizeof(name), "virtio_mmio@%llx",
		 (unsigned long long)dev->address);
	node = add_fresh_subnode(c->dst, 0, name);
	if (node < 0)
		return node;
	err = fdt_setprop_u32(c->dst, node, "memory-region", pool);
	/* The "device" is root's CPUs, which access the pool cached. */
	if (!err)
		err = fdt_setprop(c->dst, node, "dma-coherent", NULL, 0);
	if (!err)
		err = c->arch->virtio_interrupts(c, node, dev->irq);
	if (!err)
		err = fdt_setprop_u32(c->dst, node, "interrupt-parent", irq_parent);
	if (!err)
		err = bh_dt_write_reg(c->dst, node, ac, sc, &reg, 1);
	if (!err)
		err = fdt_setprop_string(c->dst, node, "compatible", "virtio,mmio");
	return err;
}

/*
 * The devices, then the pool (so the output has /reserved-memory first),
 * with the controller's phandle irq_parent; nothing for a cell without.
 */
static int add_virtio(struct bh_dt_ctx *c, int ac, int sc, uint32_t irq_parent)
{
	const struct bulkhead_virtio_device *dev = bulkhead_cell_virtio(c->a->cell);
	const struct bulkhead_memory *pool = virtio_pool(c);
	int i, n = c->a->cell->num_virtio_devices, err = 0;
	uint32_t phandle;

	if (!n)
		return 0;
	if (!pool)
		return bh_dt_error(c, "the cell has virtio devices but no "
				   "BULKHEAD_MEM_VIRTIO_POOL region");
	phandle = fresh_phandle(c);
	if (!phandle)
		return -FDT_ERR_BADPHANDLE;
	for (i = n - 1; !err && i >= 0; i--)
		err = add_virtio_device(c, ac, sc, &dev[i], irq_parent, phandle);
	if (!err)
		err = add_virtio_pool(c, ac, sc, phandle);
	for (i = 0; !err && c->a->report && i < n; i++)
		fprintf(c->a->report, "device tree: virtio_mmio@%llx: virtio %s served "
			"by root (interrupt %u, DMA through the pool at 0x%llx, %llu KiB)\n",
			(unsigned long long)dev[i].address,
			bulkhead_virtio_type_name(dev[i].type), dev[i].irq,
			(unsigned long long)pool->virt_start,
			(unsigned long long)pool->size >> 10);
	return err;
}

/*
 * The command line: the base (the -d tree's bootargs, else ours), then -c.
 * Ours: the console, the early console on the UART the hypervisor
 * emulates for the cell (transmit only, into the hypervisor console), so
 * the boot can be followed before the console driver is up, panic=-1, a
 * CMA area sized for the cell and the initramfs unpacked synchronously.
 */
static unsigned long long default_cma_mib(const struct bh_dt_ctx *c)
{
	unsigned long long ram = 0, mib;
	unsigned int i;

	/* The virtio pool is RAM, but swiotlb's alone. */
	for (i = 0; i < c->a->cell->num_memory_regions; i++)
		if (bh_linux_is_ram(&c->mem[i]) &&
		    !(c->mem[i].flags & BULKHEAD_MEM_VIRTIO_POOL))
			ram += c->mem[i].size;
	mib = ram / CMA_SHARE >> 20;
	mib -= mib % CMA_STEP_MIB;
	return mib < CMA_STEP_MIB ? CMA_STEP_MIB : mib;
}

/* " earlycon=..." for the UART the hypervisor emulates, or "". */
static void earlycon(const struct bulkhead_console *con, char *buf, size_t len)
{
	unsigned long long addr = con->address;

	if (con->type == BULKHEAD_CONSOLE_PL011)
		snprintf(buf, len, " earlycon=pl011,mmio32,0x%llx", addr);
	else if (con->type == BULKHEAD_CONSOLE_NS16550)
		snprintf(buf, len, " earlycon=uart8250,mmio,0x%llx", addr);
	else
		buf[0] = '\0';
}

static char *bootargs(const struct bh_dt_ctx *c, const char *base)
{
	const char *extra = c->a->cmdline ? c->a->cmdline : "";
	size_t len = (base ? strlen(base) : 200) + strlen(extra) + 2;
	char *s = malloc(len);
	char early[64];

	if (!s)
		return NULL;
	earlycon(&c->a->cell->console, early, sizeof(early));
	if (base)
		snprintf(s, len, "%s", base);
	else
		snprintf(s, len, DEFAULT_CONSOLE "%s " DEFAULT_PANIC " cma=%lluM "
			 DEFAULT_INITRAMFS, early, default_cma_mib(c));
	if (*extra)
		snprintf(s + strlen(s), len - strlen(s), "%s%s", *s ? " " : "", extra);
	return s;
}

/* /chosen: the command line and the initrd, replacing what was there. */
static int fix_chosen(struct bh_dt_ctx *c)
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

static int copy_root_prop(struct bh_dt_ctx *c, const char *name)
{
	const void *val;
	int len;

	val = fdt_getprop(c->root, 0, name, &len);
	return val ? fdt_setprop(c->dst, 0, name, val, len) : 0;
}

/*
 * A tree of our own: the order below is the reverse of the output's. The
 * CPUs are looked up first: other nodes refer to them (riscv64's PLIC), and
 * a CPU the root tree lacks is the first thing to say.
 */
static int build_new(struct bh_dt_ctx *c)
{
	int nodes[BULKHEAD_MAX_CPUS];
	int err = find_cpus(c, nodes);

	if (!err && c->arch->root_interrupt_parent)
		err = fdt_setprop_u32(c->dst, 0, "interrupt-parent", c->irqchip_phandle);
	if (!err)
		err = fdt_setprop_u32(c->dst, 0, "#size-cells", 2);
	if (!err)
		err = fdt_setprop_u32(c->dst, 0, "#address-cells", 2);
	if (!err)
		err = copy_root_prop(c, "model");
	if (!err)
		err = copy_root_prop(c, "compatible");
	if (!err)
		err = add_virtio(c, 2, 2, c->irqchip_phandle);
	if (!err)
		err = add_devices(c);
	if (!err && c->arch->add_nodes)
		err = c->arch->add_nodes(c);
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

/*
 * -d: the virtio nodes come from the cell config like the memory, with the
 * -d tree's own interrupt controller as their interrupt parent.
 */
static int add_base_virtio(struct bh_dt_ctx *c, int ac, int sc)
{
	uint32_t phandle;
	char names[160];
	int node;

	if (!c->a->cell->num_virtio_devices)
		return 0;
	node = bh_dt_find_compatible(c->dst, c->arch->irqchip_compat);
	phandle = node >= 0 ? fdt_get_phandle(c->dst, node) : 0;
	if (!phandle) {
		bh_error("cell linux: %s: has no %s interrupt controller with "
			 "a phandle for the cell's virtio devices", c->a->base_path,
			 irqchip_compats(c->arch, names, sizeof(names)));
		return BH_DT_REPORTED;
	}
	return add_virtio(c, ac, sc, phandle);
}

/* -d: the given tree with its /cpus, memory and /chosen made the cell's. */
static int fix_base(struct bh_dt_ctx *c)
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
	if (!err)
		err = add_base_virtio(c, ac, sc);
	if (err == -FDT_ERR_BADVALUE || err == -FDT_ERR_BADNCELLS) {
		bh_error("cell linux: %s: its root's #address-cells/#size-cells "
			 "cannot describe the cell's RAM", c->a->base_path);
		return BH_DT_REPORTED;
	}
	if (!err)
		err = fix_chosen(c);
	return err;
}

int bh_fdt_well_formed(const void *fdt)
{
	int node = 0, depth = 0, prop, len, next;
	const char *name;
	uint32_t tag;

	/*
	 * Tokens are 4-byte aligned (devicetree spec 5.4), so are our loads;
	 * fdt_open_into() copies a reservation map of -1 entries when it
	 * finds no end.
	 */
	if (fdt_off_dt_struct(fdt) % 4 || fdt_num_mem_rsv(fdt) < 0)
		return 0;
	/* One root node, and the structure block ends with it. */
	do
		node = fdt_next_node(fdt, node, &depth);
	while (node >= 0 && depth >= 0);
	if (node < 0)
		return 0;
	/* FDT_END itself: libfdt takes the block's end for one, Linux not. */
	do
		tag = fdt_next_tag(fdt, node, &next);
	while (tag == FDT_NOP && (node = next) >= 0);
	if (tag != FDT_END || next < 0)
		return 0;
	/* Every property named by a string of the strings block. */
	for (node = 0; node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		fdt_for_each_property_offset(prop, fdt, node)
			if (!fdt_getprop_by_offset(fdt, prop, &name, &len))
				return 0;
		if (prop != -FDT_ERR_NOTFOUND)
			return 0;
	}
	return node == -FDT_ERR_NOTFOUND;
}

static int check_tree(const char *path, const void *fdt, size_t size)
{
	if (size < sizeof(struct fdt_header) || fdt_check_header(fdt) ||
	    fdt_totalsize(fdt) > size || !bh_fdt_well_formed(fdt)) {
		bh_error("cell linux: %s: not a flattened device tree", path);
		return -1;
	}
	return 0;
}

static const struct bh_dt_arch *arch_of(const struct bulkhead_cell_desc *cell)
{
	if (cell->architecture < sizeof(arches) / sizeof(arches[0]) &&
	    arches[cell->architecture])
		return arches[cell->architecture];
	bh_error("cell linux: no Linux cells for architecture %u",
		 cell->architecture);
	return NULL;
}

int bh_linux_dt_build(const struct bh_linux_dt_args *args, void **fdt,
		      size_t *size)
{
	struct bh_dt_ctx c = {
		.a = args,
		.mem = bulkhead_cell_memory(args->cell),
		.irqs = bulkhead_cell_irqs(args->cell),
		.root = args->root,
	};
	size_t cap;
	int err;

	c.arch = arch_of(args->cell);
	if (!c.arch || check_tree(args->root_path, args->root, args->root_size) ||
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
			err = find_irqchip(&c);
		if (!err)
			err = build_new(&c);
	}
	if (!err)
		err = fdt_pack(c.dst);
	if (err) {
		if (err != BH_DT_REPORTED)
			bh_error("cell linux: building the device tree failed: %s",
				 fdt_strerror(err));
		free(c.dst);
		return -1;
	}
	if (fdt_totalsize(c.dst) > BH_LINUX_DT_MAX) {
		bh_error("cell linux: the device tree has %u bytes, more than the "
			 "2 MiB the %s boot protocol allows", fdt_totalsize(c.dst),
			 c.arch->name);
		free(c.dst);
		return -1;
	}
	*fdt = c.dst;
	*size = fdt_totalsize(c.dst);
	return 0;
}
