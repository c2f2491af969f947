// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The riscv64 part of a Linux cell's device tree (linux-dt.c): the PLIC,
 * which the hypervisor traps and confines to the cell's lines and its
 * harts' contexts. The cpu nodes come with their riscv,isa properties and
 * their cpu-intc children as they are: the timer (SBI or Sstc), IPIs and
 * hart start (SBI HSM) need no node of their own. CLINT/ACLINT nodes stay
 * behind (M-mode devices a cell cannot reach), and so does everything else
 * the cell's config does not give it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulkhead.h"
#include "linux-dt-internal.h"

/*
 * The interrupt a PLIC context's entry in interrupts-extended names when
 * the context is not the cell's. Linux uses only contexts whose parent
 * interrupt is the S-mode external interrupt (9) and skips the others
 * without a word (plic_probe() in drivers/irqchip/irq-sifive-plic.c, 6.1
 * and 6.12); OpenSBI hides the M-mode contexts from Linux the same way.
 */
#define PLIC_NO_CONTEXT	0xffffffffU

/* A PLIC interrupt specifier <source> (or <source flags>). */
static int plic_spec_owned(const struct bh_dt_ctx *c, const fdt32_t *spec,
			   long *line, char *why, size_t len)
{
	uint32_t source = fdt32_to_cpu(spec[0]);

	*line = source;
	if (bh_dt_cell_owns_irq(c, source))
		return 1;
	snprintf(why, len, "interrupt %u is not the cell's", source);
	return 0;
}

/* The hart of a riscv,cpu-intc node (its cpu node's reg), or -1. */
static long long intc_hart(const void *fdt, int intc)
{
	const fdt32_t *cells;
	int len, cpu;

	if (intc < 0 || fdt_node_check_compatible(fdt, intc, "riscv,cpu-intc"))
		return -1;
	cells = fdt_getprop(fdt, intc, "#interrupt-cells", &len);
	if (!cells || len != 4 || fdt32_to_cpu(*cells) != 1)
		return -1;
	cpu = fdt_parent_offset(fdt, intc);
	return cpu < 0 ? -1 : bh_dt_cpu_reg(fdt, cpu);
}

/* The phandle of the cpu-intc of the cell's first hart; 0: reported. */
static uint32_t own_intc(const struct bh_dt_ctx *c)
{
	unsigned int hart = __builtin_ctzll(c->a->cell->cpu_set);
	int cpu = bh_dt_cpu_node(c, hart), intc;
	uint32_t phandle;

	if (cpu >= 0)
		fdt_for_each_subnode(intc, c->root, cpu) {
			phandle = fdt_get_phandle(c->root, intc);
			if (intc_hart(c->root, intc) == hart && phandle)
				return phandle;
		}
	bh_dt_error(c, "the cpu node of hart %u has no riscv,cpu-intc "
		    "interrupt-controller with a phandle and #interrupt-cells 1",
		    hart);
	return 0;
}

/*
 * interrupts-extended of the PLIC lists one <cpu-intc interrupt> per
 * context, and Linux numbers the contexts by their index in it. So no
 * entry may go: the entries of other harts (whose cpu-intc nodes the cell
 * does not have) name the cell's own cpu-intc with an interrupt Linux
 * skips. The cell's harts keep theirs, their M-mode contexts included.
 */
static int fix_plic(struct bh_dt_ctx *c, int copy)
{
	unsigned long long set = c->a->cell->cpu_set;
	const fdt32_t *p;
	fdt32_t *cells;
	uint32_t own;
	long long hart;
	int len, i, masked = 0, err;
	char harts[64];

	own = own_intc(c);
	if (!own)
		return BH_DT_REPORTED;
	p = fdt_getprop(c->root, c->irqchip, "interrupts-extended", &len);
	if (!p || !len || len % 8)
		return bh_dt_error(c, "its PLIC has no \"interrupts-extended\" of "
				   "<phandle interrupt> pairs");
	cells = malloc(len);
	if (!cells)
		return -FDT_ERR_NOSPACE;
	memcpy(cells, p, len);
	for (i = 0; i < len / 4; i += 2) {
		hart = intc_hart(c->root, fdt_node_offset_by_phandle(c->root,
						fdt32_to_cpu(p[i])));
		if (hart < 0) {
			free(cells);
			return bh_dt_error(c, "its PLIC's context %d has the interrupt "
					   "parent 0x%x, which is not a hart's riscv,cpu-intc "
					   "(with #interrupt-cells 1)", i / 2,
					   fdt32_to_cpu(p[i]));
		}
		if (hart < BULKHEAD_MAX_CPUS && (set & (1ULL << hart)))
			continue;
		cells[i] = cpu_to_fdt32(own);
		cells[i + 1] = cpu_to_fdt32(PLIC_NO_CONTEXT);
		masked++;
	}
	err = fdt_setprop(c->dst, copy, "interrupts-extended", cells, len);
	free(cells);
	if (!err && c->a->report)
		fprintf(c->a->report, "device tree: %s passed to the cell "
			"(contexts of harts %s; %d of %d contexts masked)\n",
			fdt_get_name(c->root, c->irqchip, NULL),
			bh_cpus(set, harts, sizeof(harts)), masked, len / 8);
	return err;
}

/* A virtio device's PLIC source: <source>, like the machine's own. */
static int plic_virtio_interrupts(struct bh_dt_ctx *c, int node, uint32_t irq)
{
	return fdt_setprop_u32(c->dst, node, "interrupts", irq);
}

static const char *const plic_compat[] = {
	"sifive,plic-1.0.0", "riscv,plic0", NULL
};

const struct bh_dt_arch bh_dt_riscv64 = {
	.name = "riscv64",
	.irqchip_name = "PLIC",
	.irqchip_compat = plic_compat,
	.irqchip_min_cells = 1,
	.fix_irqchip = fix_plic,
	.spec_owned = plic_spec_owned,
	.cpus_by_reg = 1,
	.cpu_word = "harts",
	.virtio_interrupts = plic_virtio_interrupts,
};
