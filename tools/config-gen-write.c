// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead config create, the output: places the hypervisor and the cells
 * in the reserved memory, gives the cells their CPUs and devices, and
 * writes layout.h, system.c, one CELL.c per cell and a Makefile, each value
 * with a comment saying where it came from.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libfdt.h>

#include "config-gen.h"

#define PAGE		0x1000ULL
#define MiB		0x100000ULL
#define LINUX_ALIGN	(2 * MiB)
#define COMM_REGION_VIRT 0x80000000ULL

static const char *arch_macro(__u16 arch)
{
	return arch == BULKHEAD_ARCH_ARM64 ? "BULKHEAD_ARCH_ARM64" :
					     "BULKHEAD_ARCH_RISCV64";
}

static const char *console_macro(__u16 type)
{
	return type == BULKHEAD_CONSOLE_PL011 ? "BULKHEAD_CONSOLE_PL011" :
	       type == BULKHEAD_CONSOLE_NS16550 ? "BULKHEAD_CONSOLE_NS16550" :
						  "BULKHEAD_CONSOLE_NONE";
}

static const char *size_str(uint64_t size)
{
	static char bufs[4][32];
	static int i;

	i = (i + 1) % 4;
	return bh_size_unit(size, bufs[i], sizeof(bufs[i]));
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

uint64_t cg_hv_base(const struct cg_machine *m, const struct cg_options *o)
{
	return m->reserved.base + m->reserved.size - o->hv_size;
}

static uint64_t cells_ram(const struct cg_options *o)
{
	uint64_t sum = 0;
	int i;

	for (i = 0; i < o->num_cells; i++)
		sum = align_up(sum, o->cells[i].kind == CG_CELL_LINUX ?
			       LINUX_ALIGN : PAGE) + o->cells[i].mem;
	return sum;
}

/* The RAM bank the reservation best goes into: the largest. */
static const struct cg_range *largest_bank(const struct cg_machine *m)
{
	const struct cg_range *best = NULL;
	int i;

	for (i = 0; i < m->num_ram; i++)
		if (!best || m->ram[i].size > best->size)
			best = &m->ram[i];
	return best;
}

void cg_suggest_reservation(const struct cg_machine *m,
			    const struct cg_options *o)
{
	const struct cg_range *bank = largest_bank(m);
	uint64_t size, base, top;

	/* the hypervisor, the cells asked for, at least 16 MiB for more */
	size = align_up(o->hv_size + align_up(cells_ram(o), LINUX_ALIGN) +
			16 * MiB, 16 * MiB);
	if (!bank || bank->size < 2 * size) {
		bh_error("no RAM bank has room for a reservation of %s",
			 size_str(size));
		return;
	}
	top = bank->base + bank->size;
	/* riscv64 QEMU puts the device tree 2 MiB below the top of RAM */
	if (m->arch == BULKHEAD_ARCH_RISCV64)
		top -= 32 * MiB;
	base = (top - size) & ~(16 * MiB - 1);
	fprintf(stderr,
		"bulkhead: %s has no reserved-memory node for bulkhead: the "
		"hypervisor (%s) and the cells need RAM Linux never uses.\n"
		"  Add this to the device tree Linux boots with (%s of RAM "
		"at the top of the bank at 0x%llx):\n\n"
		"\t/ {\n"
		"\t\treserved-memory {\n"
		"\t\t\t#address-cells = <2>;\n"
		"\t\t\t#size-cells = <2>;\n"
		"\t\t\tranges;\n\n"
		"\t\t\tbulkhead@%llx {\n"
		"\t\t\t\treg = <0x%llx 0x%llx 0x%llx 0x%llx>;\n"
		"\t\t\t\tno-map;\n"
		"\t\t\t};\n"
		"\t\t};\n"
		"\t};\n\n"
		"  (merge it into an existing /reserved-memory node, with that "
		"node's #address-cells and #size-cells), boot it, and run this "
		"again. Or keep Linux off that range some other way (mem=, "
		"memmap=) and name it with --reserved 0x%llx,0x%llx.\n",
		m->source, size_str(o->hv_size), size_str(size),
		(unsigned long long)bank->base, (unsigned long long)base,
		(unsigned long long)(base >> 32),
		(unsigned long long)(base & 0xffffffff),
		(unsigned long long)(size >> 32),
		(unsigned long long)(size & 0xffffffff),
		(unsigned long long)base, (unsigned long long)size);
}

/* "virtio-console", an /aliases entry, a path, or a node name. */
static const char *find_dev(const struct cg_machine *m, const char *want)
{
	const char *alias = fdt_get_alias(m->fdt, want), *name;
	int i;

	for (i = 0; i < m->num_devs; i++) {
		const struct cg_dev *d = &m->devs[i];

		name = strrchr(d->path, '/');
		name = name ? name + 1 : d->path;
		if (!strcmp(want, "virtio-console") ?
		    (m->virtio_console_base && d->reg_base == m->virtio_console_base) :
		    (!strcmp(d->path, want) || !strcmp(name, want) ||
		     (alias && !strcmp(d->path, alias))))
			return d->path;
	}
	return NULL;
}

int cg_plan_cells(struct cg_machine *m, struct cg_options *o)
{
	uint64_t taken = 0, next, hv_base, pool_end, free_cpus, bit;
	unsigned int n;
	const char *path;
	int c, i, j, found;

	hv_base = cg_hv_base(m, o);
	pool_end = hv_base;
	next = m->reserved.base;
	for (c = 0; c < o->num_cells; c++) {
		struct cg_cell *cell = &o->cells[c];

		/* the highest CPUs not taken yet */
		free_cpus = m->cpu_set & ~taken;
		for (n = 0, bit = 63; n < cell->cpus; bit--) {
			if (free_cpus & (1ULL << bit)) {
				cell->cpu_set |= 1ULL << bit;
				n++;
			}
			if (!bit)
				break;
		}
		taken |= cell->cpu_set;
		if (n < cell->cpus || !(m->cpu_set & ~taken)) {
			char buf[64];

			bh_error("--cell %s: asks for %u CPU%s, but the root cell "
				 "has CPUs %s and must keep one (%d given to "
				 "earlier cells)", cell->name, cell->cpus,
				 cell->cpus == 1 ? "" : "s",
				 bh_cpus(m->cpu_set, buf, sizeof(buf)),
				 __builtin_popcountll(taken & ~cell->cpu_set));
			return -1;
		}
		/* RAM from the bottom of the reserved area */
		cell->ram_base = align_up(next, cell->kind == CG_CELL_LINUX ?
					  LINUX_ALIGN : PAGE);
		if (cell->mem > pool_end || cell->ram_base > pool_end - cell->mem) {
			uint64_t need = align_up(o->hv_size + cells_ram(o), MiB);

			bh_error("--cell %s: %s of RAM does not fit: %s (0x%llx, "
				 "%s) holds the hypervisor (%s, at its top) and "
				 "the cells, which need %s together; make the "
				 "reservation at least %s", cell->name,
				 size_str(cell->mem), m->reserved_source,
				 (unsigned long long)m->reserved.base,
				 size_str(m->reserved.size), size_str(o->hv_size),
				 size_str(cells_ram(o)), size_str(need));
			return -1;
		}
		next = cell->ram_base + cell->mem;
		/* devices */
		for (j = 0; j < cell->num_devs; j++) {
			path = find_dev(m, cell->devs[j]);
			if (!path) {
				bh_error("--cell %s: dev=%s: no memory-mapped device "
					 "node of that path, name or alias%s",
					 cell->name, cell->devs[j],
					 strcmp(cell->devs[j], "virtio-console") ? "" :
					 " (no virtio-mmio transport found)");
				return -1;
			}
			found = 0;
			for (i = 0; i < m->num_devs; i++) {
				if (strcmp(m->devs[i].path, path))
					continue;
				if (m->devs[i].owner >= 0) {
					bh_error("--cell %s: dev=%s: %s is already "
						 "given to cell %s", cell->name,
						 cell->devs[j], path,
						 o->cells[m->devs[i].owner].name);
					return -1;
				}
				m->devs[i].owner = c;
				found = 1;
			}
			cell->dev_index[j] = found;
		}
	}
	return 0;
}

/* Text output */

struct out {
	FILE *f;
	char path[512];
};

static int out_open(struct out *o, const char *dir, const char *name)
{
	snprintf(o->path, sizeof(o->path), "%s/%s", dir, name);
	o->f = fopen(o->path, "w");
	if (!o->f) {
		bh_error("%s: cannot create: %s", o->path, strerror(errno));
		return -1;
	}
	return 0;
}

static int out_close(struct out *o)
{
	if (ferror(o->f) | fclose(o->f)) {
		bh_error("%s: write error", o->path);
		return -1;
	}
	printf("wrote %s\n", o->path);
	return 0;
}

/* A region's comment, on one line or as a block, wrapped at 72 columns. */
static void comment(FILE *f, const char *indent, const char *text, int block_tail)
{
	const char *p = text, *end, *sp;
	size_t width = 64;

	if (strlen(text) <= 52 && block_tail) {
		fprintf(f, "%s/* %s */ {\n", indent, text);
		return;
	}
	if (strlen(text) <= 60 && !block_tail) {
		fprintf(f, "%s/* %s */\n", indent, text);
		return;
	}
	fprintf(f, "%s/*\n", indent);
	while (*p) {
		end = p + strlen(p);
		if ((size_t)(end - p) > width) {
			end = p + width;
			for (sp = end; sp > p && *sp != ' '; sp--)
				;
			if (sp > p)
				end = sp;
		}
		fprintf(f, "%s * %.*s\n", indent, (int)(end - p), p);
		p = end;
		while (*p == ' ')
			p++;
	}
	fprintf(f, "%s */%s\n", indent, block_tail ? " {" : "");
}

static void region(FILE *f, const char *text, const char *phys,
		   const char *virt, const char *size, const char *flags)
{
	comment(f, "\t\t", text, 1);
	fprintf(f, "\t\t\t.phys_start = %s,\n\t\t\t.virt_start = %s,\n"
		"\t\t\t.size = %s,\n\t\t\t.flags = %s,\n\t\t},\n",
		phys, virt, size, flags);
}

static const char *hex(uint64_t v)
{
	static char bufs[8][24];
	static int i;

	i = (i + 1) % 8;
	snprintf(bufs[i], sizeof(bufs[i]), "0x%08llx", (unsigned long long)v);
	return bufs[i];
}

static void upper_name(const char *name, char *buf, size_t len)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < len; i++)
		buf[i] = (name[i] >= 'a' && name[i] <= 'z') ? name[i] - 32 :
			 ((name[i] >= '0' && name[i] <= '9') ||
			  (name[i] >= 'A' && name[i] <= 'Z')) ? name[i] : '_';
	buf[i] = '\0';
}

static const char *node_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

/* The root cell's name: the model, made into a config name. */
static void root_name(const struct cg_machine *m, const struct cg_options *o,
		      char *buf, size_t len)
{
	size_t i;

	const char *src = o->root_name ? o->root_name : m->model;

	if (len > 32)
		len = 32;
	for (i = 0; src[i] && i + 1 < len; i++)
		buf[i] = src[i];
	buf[i] = '\0';
	for (i = 0; buf[i]; i++)
		if (!o->root_name && (buf[i] == ',' || buf[i] == ' '))
			buf[i] = '-';
}

/* Device regions, grouped */

struct group {
	int first, last;	/* indices into m->devs */
	uint64_t base, end;
	int cell_page;		/* some page of it holds a cell's device */
};

/* Whether any page of device i is a page of a device of a cell. */
static int touches_cell(const struct cg_machine *m, int i)
{
	const struct cg_dev *d = &m->devs[i];
	int j;

	for (j = 0; j < m->num_devs; j++)
		if (m->devs[j].owner >= 0 && m->devs[j].base < d->base + d->size &&
		    d->base < m->devs[j].base + m->devs[j].size)
			return 1;
	return 0;
}

/*
 * Neighbouring windows of the same kind become one region; windows that
 * share a page must. A page that holds a cell's device ends a run, so the
 * root cell's region for it is the one the cell takes.
 */
static int group_devs(const struct cg_machine *m, struct group *g, int max)
{
	int i, n = 0, tc;

	for (i = 0; i < m->num_devs; i++) {
		const struct cg_dev *d = &m->devs[i];

		tc = touches_cell(m, i);
		if (n && d->base < g[n - 1].end) {
			/* shares a page with the group: must join it */
		} else if (n && d->base == g[n - 1].end && !d->what &&
			   !m->devs[g[n - 1].last].what &&
			   !strcmp(d->compat, m->devs[g[n - 1].last].compat) &&
			   tc == g[n - 1].cell_page) {
			/* the same kind, contiguous */
		} else {
			if (n == max)
				return -1;
			g[n++] = (struct group){ i, i, d->base, d->base, tc };
		}
		g[n - 1].last = i;
		g[n - 1].cell_page |= tc;
		if (d->base + d->size > g[n - 1].end)
			g[n - 1].end = d->base + d->size;
	}
	return n;
}

static void describe_dev(const struct cg_dev *d, char *buf, size_t len)
{
	if (d->what)
		snprintf(buf, len, "%s of %s (0x%llx, %s)", d->what,
			 node_name(d->path), (unsigned long long)d->reg_base,
			 size_str(d->reg_size));
	else
		snprintf(buf, len, "%s%s%s%s (%s)", d->path,
			 d->compat[0] ? ", \"" : "", d->compat,
			 d->compat[0] ? "\"" : "", size_str(d->reg_size));
}

static void describe_group(const struct cg_machine *m, const struct cg_options *o,
			   const struct group *g, char *buf, size_t len)
{
	const struct cg_dev *a = &m->devs[g->first], *b = &m->devs[g->last];
	size_t pos;
	int i;

	if (g->first == g->last) {
		describe_dev(a, buf, len);
	} else if (!strcmp(a->path, b->path) && !a->what) {
		snprintf(buf, len, "%s%s%s%s (%d reg entries)", a->path,
			 a->compat[0] ? ", \"" : "", a->compat,
			 a->compat[0] ? "\"" : "", g->last - g->first + 1);
	} else if (!strcmp(a->compat, b->compat) && !a->what) {
		snprintf(buf, len, "%d nodes \"%s\": %s .. %s", g->last - g->first + 1,
			 a->compat, a->path, node_name(b->path));
	} else {
		pos = snprintf(buf, len, "shared pages of");
		for (i = g->first; i <= g->last && pos < len; i++)
			pos += snprintf(buf + pos, len - pos, "%s %s",
					i == g->first ? "" : ",", m->devs[i].path);
	}
	for (i = g->first; i <= g->last; i++) {
		pos = strlen(buf);
		if (m->devs[i].owner >= 0 && pos < len)
			snprintf(buf + pos, len - pos, "; %s goes to cell \"%s\"",
				 node_name(m->devs[i].path),
				 o->cells[m->devs[i].owner].name);
	}
}

#define RW_IO "RW_IO"
#define RWX_RAM "RWX_RAM"

static void write_flags_macros(FILE *f)
{
	fprintf(f, "#define RW_IO (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | "
		"BULKHEAD_MEM_IO)\n"
		"#define RWX_RAM (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | \\\n"
		"\t\t BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_DMA)\n\n");
}

/* layout.h */

static int write_layout(const struct cg_machine *m, const struct cg_options *o)
{
	struct out out;
	char up[40];
	int i;
	FILE *f;

	if (out_open(&out, o->outdir, "layout.h"))
		return -1;
	f = out.f;
	fprintf(f, "/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */\n"
		"/*\n * Memory layout of \"%s\", written by `bulkhead config create`\n"
		" * from %s.\n *\n"
		" * BULKHEAD_RESERVED_* is %s: memory Linux\n"
		" * does not use. The hypervisor takes its top HYPERVISOR_SIZE, the\n"
		" * cells are carved out of the rest, the cell pool.\n */\n"
		"#ifndef _BULKHEAD_GENERATED_LAYOUT_H\n"
		"#define _BULKHEAD_GENERATED_LAYOUT_H\n\n",
		m->model, m->source, m->reserved_source);
	write_flags_macros(f);
	fprintf(f, "#define BULKHEAD_RESERVED_BASE\t\t0x%08llx\n"
		"#define BULKHEAD_RESERVED_SIZE\t\t0x%08llx\t/* %s */\n\n",
		(unsigned long long)m->reserved.base,
		(unsigned long long)m->reserved.size, size_str(m->reserved.size));
	fprintf(f, "/* Memory root owns but Linux does not use: cells are carved "
		"out of it. */\n"
		"#define CELL_POOL_BASE\t\t\tBULKHEAD_RESERVED_BASE\n"
		"#define CELL_POOL_SIZE\t\t\t(BULKHEAD_RESERVED_SIZE - HYPERVISOR_SIZE)\n\n"
		"/* The hypervisor's own memory: code, data, page pool (--hv-size). */\n"
		"#define HYPERVISOR_BASE\t\t\t(CELL_POOL_BASE + CELL_POOL_SIZE)\n"
		"#define HYPERVISOR_SIZE\t\t\t0x%08llx\t/* %s */\n",
		(unsigned long long)o->hv_size, size_str(o->hv_size));
	if (o->num_cells)
		fprintf(f, "\n/* RAM of the cells, from the bottom of the cell pool. */\n");
	for (i = 0; i < o->num_cells; i++) {
		upper_name(o->cells[i].name, up, sizeof(up));
		fprintf(f, "#define %s_RAM_BASE\t\t0x%08llx\n"
			"#define %s_RAM_SIZE\t\t0x%08llx\t/* %s */\n", up,
			(unsigned long long)o->cells[i].ram_base, up,
			(unsigned long long)o->cells[i].mem,
			size_str(o->cells[i].mem));
	}
	fprintf(f, "\n#endif\n");
	return out_close(&out);
}

/* system.c */

struct ram_piece {
	uint64_t base, size;
	const char *what;
	char text[CG_TEXT];
};

/* RAM minus the reservation; the cell pool in its place. */
static int ram_pieces(const struct cg_machine *m, struct ram_piece *p, int max)
{
	uint64_t rb = m->reserved.base, re = rb + m->reserved.size, b, e;
	int i, n = 0;

	for (i = 0; i < m->num_ram && n + 3 <= max; i++) {
		b = m->ram[i].base;
		e = b + m->ram[i].size;
		if (e <= rb || b >= re) {
			p[n++] = (struct ram_piece){ b, e - b, "RAM", "" };
			continue;
		}
		if (b < rb)
			p[n++] = (struct ram_piece){ b, rb - b, "RAM below the reservation", "" };
		if (e > re)
			p[n++] = (struct ram_piece){ re, e - re, "RAM above the reservation", "" };
	}
	return n;
}

static int cmp_piece(const void *a, const void *b)
{
	const struct ram_piece *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* GICv3: the redistributors the CPUs use. */
static void write_gicv3(FILE *f, const struct cg_machine *m)
{
	char text[CG_TEXT];

	if (m->redist_size != m->redist_dt_size)
		snprintf(text, sizeof(text), "redistributors, reg[1]: "
			 "0x%llx in the device tree; the %d CPUs use %d "
			 "frames of 0x20000", (unsigned long long)
			 m->redist_dt_size, __builtin_popcountll(m->cpu_set),
			 __builtin_popcountll(m->cpu_set));
	else
		snprintf(text, sizeof(text), "redistributors, reg[1]");
	comment(f, "\t\t\t", text, 0);
	fprintf(f, "\t\t\t.redist_base = %s,\n\t\t\t.redist_size = 0x%llx,\n",
		hex(m->redist_base), (unsigned long long)m->redist_size);
}

/*
 * GICv2: the bases of GICC, GICH and GICV; bulkhead uses the first
 * BULKHEAD_GICV2_*_SIZE bytes of each, whatever the device tree says.
 */
static void write_gicv2(FILE *f, const struct cg_machine *m)
{
	static const char *const fields[] = { "gicc", "gich", "gicv" };
	static const char *const names[] = {
		"CPU interface (GICC)", "hypervisor control interface (GICH)",
		"virtual CPU interface (GICV)",
	};
	static const char *const sizes[] = {
		"BULKHEAD_GICV2_GICC_SIZE", "BULKHEAD_GICV2_GICH_SIZE",
		"BULKHEAD_GICV2_GICV_SIZE",
	};
	char text[CG_TEXT];
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(text, sizeof(text), "%s, reg[%d]: 0x%llx bytes in the "
			 "device tree, bulkhead uses %s", names[i], i + 1,
			 (unsigned long long)m->gicv2[i].size, sizes[i]);
		comment(f, "\t\t\t", text, 0);
		fprintf(f, "\t\t\t.%s_base = %s,\n", fields[i],
			hex(m->gicv2[i].base));
	}
}

static void write_irqchip(FILE *f, const struct cg_machine *m)
{
	comment(f, "\t\t", m->irqchip_path, 0);
	fprintf(f, "\t\t.irqchip = {\n");
	if (m->arch != BULKHEAD_ARCH_ARM64) {
		fprintf(f, "\t\t\t.type = BULKHEAD_IRQCHIP_PLIC,\n");
		comment(f, "\t\t\t", m->num_irqs_source, 0);
		fprintf(f, "\t\t\t.num_irqs = %u,\n", m->num_irqs);
		fprintf(f, "\t\t\t.base = %s,\n\t\t\t.size = 0x%llx,\n",
			hex(m->irq_base), (unsigned long long)m->irq_size);
		return;
	}
	fprintf(f, "\t\t\t.type = BULKHEAD_IRQCHIP_GICV%d,\n", m->gic_version);
	comment(f, "\t\t\t", m->num_irqs_source, 0);
	fprintf(f, "\t\t\t.num_irqs = %u,\n", m->num_irqs);
	fprintf(f, "\t\t\t.base = %s,\t\t/* distributor, reg[0] */\n"
		"\t\t\t.size = 0x%llx,\n", hex(m->irq_base),
		(unsigned long long)m->irq_size);
	if (m->gic_version == 2)
		write_gicv2(f, m);
	else
		write_gicv3(f, m);
	fprintf(f, "\t\t\t/* PPI %u in the node's interrupts */\n"
		"\t\t\t.maintenance_irq = %u,\n", m->maintenance_irq - 16,
		m->maintenance_irq);
}

static int write_system(const struct cg_machine *m, const struct cg_options *o)
{
	struct ram_piece pieces[CG_MAX_RAM * 2 + 1];
	struct group groups[BULKHEAD_MAX_MEMORY_REGIONS + 1];
	int np, ng, i, nregions;
	char name[40], text[1024], cpus[64];
	struct out out;
	FILE *f;

	np = ram_pieces(m, pieces, CG_MAX_RAM * 2);
	pieces[np++] = (struct ram_piece){ m->reserved.base,
		m->reserved.size - o->hv_size, "pool", "" };
	qsort(pieces, np, sizeof(pieces[0]), cmp_piece);
	ng = group_devs(m, groups, BULKHEAD_MAX_MEMORY_REGIONS);
	nregions = np + ng;
	if (ng < 0 || nregions > BULKHEAD_MAX_MEMORY_REGIONS) {
		bh_error("the root cell would have more than %d memory regions: "
			 "the machine has too many devices for one config",
			 BULKHEAD_MAX_MEMORY_REGIONS);
		return -1;
	}
	root_name(m, o, name, sizeof(name));
	if (out_open(&out, o->outdir, "system.c"))
		return -1;
	f = out.f;
	fprintf(f, "// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause\n/*\n"
		" * System config of \"%s\", written by `bulkhead config create`\n"
		" * from %s: the hypervisor's memory, its debug console, the\n"
		" * interrupt controller, and the root cell (the Linux that enables\n"
		" * bulkhead) with the memory and devices it keeps.\n *\n"
		" * Check every value against the hardware's documentation; then\n"
		" * `make check` here builds it and runs `bulkhead config check`.\n",
		m->model, m->source);
	if (m->num_skipped) {
		fprintf(f, " *\n * Device nodes left out of the root cell:\n");
		for (i = 0; i < m->num_skipped; i++)
			fprintf(f, " *   %s\n", m->skipped[i]);
	}
	fprintf(f, " */\n#include <bulkhead/cell-config.h>\n#include \"layout.h\"\n\n");
	fprintf(f, "struct {\n\tstruct bulkhead_system system;\n"
		"\tstruct bulkhead_memory memory[%d];\n"
		"} config BULKHEAD_CONFIG_SECTION = {\n\t.system = {\n"
		"\t\t.signature = BULKHEAD_SYSTEM_SIGNATURE,\n"
		"\t\t.revision = BULKHEAD_CONFIG_REVISION,\n"
		"\t\t.architecture = %s,\n", nregions, arch_macro(m->arch));
	snprintf(text, sizeof(text), "the top %s of %s (layout.h)",
		 size_str(o->hv_size), m->reserved_source);
	comment(f, "\t\t", text, 0);
	fprintf(f, "\t\t.hypervisor_memory = {\n\t\t\t.phys_start = HYPERVISOR_BASE,\n"
		"\t\t\t.size = HYPERVISOR_SIZE,\n\t\t},\n");
	if (m->console_type) {
		snprintf(text, sizeof(text), "%s, /chosen stdout-path", m->console_path);
		comment(f, "\t\t", text, 0);
		fprintf(f, "\t\t.debug_console = {\n\t\t\t.address = %s,\n"
			"\t\t\t.size = 0x%llx,\n\t\t\t.type = %s,\n\t\t},\n",
			hex(m->console_base), (unsigned long long)m->console_size,
			console_macro(m->console_type));
	} else {
		snprintf(text, sizeof(text), "no debug console: %s", m->console_note);
		comment(f, "\t\t", text, 0);
		fprintf(f, "\t\t.debug_console = {\n\t\t\t.type = BULKHEAD_CONSOLE_NONE,\n\t\t},\n");
	}
	write_irqchip(f, m);
	fprintf(f, "\t\t},\n\t\t.root_cell = {\n"
		"\t\t\t.signature = BULKHEAD_CELL_SIGNATURE,\n"
		"\t\t\t.revision = BULKHEAD_CONFIG_REVISION,\n"
		"\t\t\t.architecture = %s,\n\t\t\t.name = \"%s\",\n",
		arch_macro(m->arch), name);
	snprintf(text, sizeof(text), "%s %s: %s", m->arch == BULKHEAD_ARCH_ARM64 ?
		 "CPUs" : "harts", bh_cpus(m->cpu_set, cpus, sizeof(cpus)),
		 m->cpu_source);
	comment(f, "\t\t\t", text, 0);
	fprintf(f, "\t\t\t.cpu_set = 0x%llx,\n"
		"\t\t\t.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),\n"
		"\t\t},\n\t},\n\t.memory = {\n", (unsigned long long)m->cpu_set);
	for (i = 0; i < np; i++) {
		if (!strcmp(pieces[i].what, "pool")) {
			snprintf(text, sizeof(text), "cell pool: reserved from Linux, "
				 "handed to cells");
			region(f, text, "CELL_POOL_BASE", "CELL_POOL_BASE",
			       "CELL_POOL_SIZE", RWX_RAM);
			continue;
		}
		snprintf(text, sizeof(text), "%s (%s, from %s)", pieces[i].what,
			 size_str(pieces[i].size), m->ram_source);
		region(f, text, hex(pieces[i].base), hex(pieces[i].base),
		       hex(pieces[i].size), RWX_RAM);
	}
	for (i = 0; i < ng; i++) {
		describe_group(m, o, &groups[i], text, sizeof(text));
		region(f, text, hex(groups[i].base), hex(groups[i].base),
		       hex(groups[i].end - groups[i].base), RW_IO);
	}
	fprintf(f, "\t},\n};\n");
	return out_close(&out);
}

/* CELL.c */

static int write_cell(const struct cg_machine *m, const struct cg_options *o, int c)
{
	const struct cg_cell *cell = &o->cells[c];
	int linux_cell = cell->kind == CG_CELL_LINUX, i, nmem, nirq = 0;
	char up[40], text[1024], cpus[64], file[64], base[64], size[64];
	struct out out;
	FILE *f;

	for (i = 0, nmem = 1; i < m->num_devs; i++)
		if (m->devs[i].owner == c) {
			nmem++;
			nirq += m->devs[i].num_irqs;
		}
	nmem += !linux_cell;	/* the communication region */
	upper_name(cell->name, up, sizeof(up));
	snprintf(file, sizeof(file), "%s.c", cell->name);
	if (out_open(&out, o->outdir, file))
		return -1;
	f = out.f;
	fprintf(f, "// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause\n/*\n");
	if (linux_cell)
		fprintf(f, " * A cell for a second, non-root Linux on \"%s\", written by\n"
			" * `bulkhead config create --cell linux:...`. Start it with\n"
			" * `bulkhead cell linux`, which writes the device tree from this\n"
			" * config. Linux does not answer shutdown requests: the cell is\n"
			" * passive. Its console is a transmit-only UART the hypervisor\n"
			" * emulates at the address of the debug console; its output goes\n"
			" * to the hypervisor console.\n */\n", m->model);
	else
		fprintf(f, " * A cell for bare-metal inmates on \"%s\", written by\n"
			" * `bulkhead config create --cell inmate:...`: RAM at cell address\n"
			" * 0, its communication region, and output through the\n"
			" * hypervisor console.\n */\n", m->model);
	fprintf(f, "#include <bulkhead/cell-config.h>\n#include \"layout.h\"\n\n");
	fprintf(f, "struct {\n\tstruct bulkhead_cell_desc cell;\n"
		"\tstruct bulkhead_memory memory[%d];\n", nmem);
	if (nirq)
		fprintf(f, "\t__u32 irqs[%d];\n", nirq);
	fprintf(f, "} config BULKHEAD_CONFIG_SECTION = {\n\t.cell = {\n"
		"\t\t.signature = BULKHEAD_CELL_SIGNATURE,\n"
		"\t\t.revision = BULKHEAD_CONFIG_REVISION,\n"
		"\t\t.architecture = %s,\n\t\t.flags = %s,\n"
		"\t\t.name = \"%s\",\n", arch_macro(m->arch),
		linux_cell ? "BULKHEAD_CELL_PASSIVE_COMMREG | BULKHEAD_CELL_DEBUG_CONSOLE" :
		"BULKHEAD_CELL_DEBUG_CONSOLE", cell->name);
	snprintf(text, sizeof(text), "%s%s %s: the highest the root cell had free",
		 m->arch == BULKHEAD_ARCH_ARM64 ? "CPU" : "hart",
		 __builtin_popcountll(cell->cpu_set) == 1 ? "" : "s",
		 bh_cpus(cell->cpu_set, cpus, sizeof(cpus)));
	comment(f, "\t\t", text, 0);
	fprintf(f, "\t\t.cpu_set = 0x%llx,\n"
		"\t\t.num_memory_regions = BULKHEAD_ARRAY_SIZE(config.memory),\n",
		(unsigned long long)cell->cpu_set);
	if (nirq)
		fprintf(f, "\t\t.num_irqs = BULKHEAD_ARRAY_SIZE(config.irqs),\n");
	fprintf(f, "\t\t.entry = %s,\n", linux_cell ? (snprintf(base, sizeof(base),
		"%s_RAM_BASE", up), base) : "0");
	if (linux_cell && m->console_type)
		fprintf(f, "\t\t.console = {\n\t\t\t.address = %s,\n"
			"\t\t\t.size = 0x%llx,\n\t\t\t.type = %s,\n\t\t},\n",
			hex(m->console_base), (unsigned long long)m->console_size,
			console_macro(m->console_type));
	fprintf(f, "\t},\n\t.memory = {\n");
	snprintf(base, sizeof(base), "%s_RAM_BASE", up);
	snprintf(size, sizeof(size), "%s_RAM_SIZE", up);
	snprintf(text, sizeof(text), "RAM, %s from the cell pool%s",
		 size_str(cell->mem), linux_cell ? " at the same cell and "
		 "physical addresses, so DMA addresses are physical ones" : "");
	region(f, text, base, linux_cell ? base : "0", size,
	       linux_cell ? "RWX_RAM | BULKHEAD_MEM_LOADABLE" :
	       "BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |\n\t\t\t\t BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE");
	for (i = 0; i < m->num_devs; i++) {
		const struct cg_dev *d = &m->devs[i];

		if (d->owner != c)
			continue;
		describe_dev(d, text, sizeof(text));
		region(f, text, hex(d->base), hex(d->base), hex(d->size), RW_IO);
	}
	if (!linux_cell) {
		comment(f, "\t\t", "communication region", 1);
		fprintf(f, "\t\t\t.virt_start = 0x%llx,\n\t\t\t.size = BULKHEAD_PAGE_SIZE,\n"
			"\t\t\t.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |\n"
			"\t\t\t\t BULKHEAD_MEM_COMM_REGION,\n\t\t},\n", COMM_REGION_VIRT);
	}
	fprintf(f, "\t},\n");
	if (nirq) {
		fprintf(f, "\t.irqs = {\n");
		for (i = 0; i < m->num_devs; i++) {
			const struct cg_dev *d = &m->devs[i];
			int j;

			if (d->owner != c || !d->num_irqs)
				continue;
			fprintf(f, "\t\t");
			for (j = 0; j < d->num_irqs; j++)
				fprintf(f, "%u, ", d->irqs[j]);
			fprintf(f, "/* %s */\n", node_name(d->path));
		}
		fprintf(f, "\t},\n");
	}
	fprintf(f, "};\n");
	return out_close(&out);
}

/* Makefile */

static int write_makefile(const struct cg_machine *m, const struct cg_options *o)
{
	struct out out;
	FILE *f;
	int i;

	if (out_open(&out, o->outdir, "Makefile"))
		return -1;
	f = out.f;
	fprintf(f, "# Written by `bulkhead config create`: builds the configs here into\n"
		"# .cell blobs the way bulkhead's configs/Makefile does.\n#\n"
		"#   make [BULKHEAD_INCLUDE=.../bulkhead/include] [CROSS_COMPILE=...]\n"
		"#   make check [BULKHEAD=.../bulkhead]   then runs bulkhead config check\n#\n"
		"# Every field has a fixed width and all targets are little-endian: the\n"
		"# host compiler makes the same blobs as a cross compiler.\n\n"
		"BULKHEAD_INCLUDE ?= %s\nBULKHEAD ?= bulkhead\nCROSS_COMPILE ?=\n"
		"CC := $(CROSS_COMPILE)gcc\nOBJCOPY := $(CROSS_COMPILE)objcopy\n\n"
		"CFLAGS := -I$(BULKHEAD_INCLUDE) -I. -DBULKHEAD_FREESTANDING -ffreestanding \\\n"
		"\t  -fno-common -O0 -Wall -Wextra -Werror -Wno-missing-field-initializers\n\n"
		"SYSTEM := system.cell\nCELLS :=", o->include_dir);
	for (i = 0; i < o->num_cells; i++)
		fprintf(f, " %s.cell", o->cells[i].name);
	fprintf(f, "\n\nall: $(SYSTEM) $(CELLS)\n\n"
		"%%.o: %%.c layout.h\n\t$(CC) $(CFLAGS) -c $< -o $@\n\n"
		"%%.cell: %%.o\n\t$(OBJCOPY) -O binary -j .bulkhead_config $< $@\n\n"
		".PRECIOUS: %%.o\n\n"
		"check: all\n\t$(BULKHEAD) config check --arch %s $(SYSTEM) $(CELLS)\n\n"
		"clean:\n\trm -f *.o *.cell\n\n.PHONY: all check clean\n",
		bulkhead_arch_name(m->arch));
	return out_close(&out);
}

int cg_write(const struct cg_machine *m, const struct cg_options *o)
{
	int i;

	if (mkdir(o->outdir, 0777) && errno != EEXIST) {
		bh_error("%s: cannot create: %s", o->outdir, strerror(errno));
		return -1;
	}
	if (write_layout(m, o) || write_system(m, o))
		return -1;
	for (i = 0; i < o->num_cells; i++)
		if (write_cell(m, o, i))
			return -1;
	return write_makefile(m, o);
}
