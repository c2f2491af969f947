// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The arm64 part of a Linux cell's device tree (linux-dt.c): the GIC, the
 * architected timer (per CPU, every cell has its own) and PSCI, which the
 * hypervisor implements for the cell's CPUs behind SMC.
 *
 * The GIC is the machine's, as root's tree has it. A GICv3: the hypervisor
 * emulates its distributor and redistributors at the hardware's addresses.
 * A GICv2: the hypervisor emulates the distributor (GICD) and maps each
 * CPU's virtual CPU interface (GICV) where the cell expects the CPU
 * interface (GICC); the hypervisor control interface (GICH), the GICV
 * frame itself and the maintenance interrupt are the hypervisor's alone,
 * so the cell's GIC node has only GICD and GICC in its reg.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulkhead.h"
#include "linux-dt-internal.h"

/* The GICv2 node of a cell, as QEMU virt's with gic-version=2. */
#define GICV2_COMPATIBLE	"arm,cortex-a15-gic"
#define GICV2_GICD_SIZE		0x1000ULL
/* GICv2 interrupt flags, bits [15:8]: the CPUs a PPI is wired to. */
#define GICV2_PPI_CPU_SHIFT	8

/*
 * The cell has no ITS nor GICv2m frame: the hypervisor emulates only the
 * distributor and the redistributors (or CPU interfaces), so such a node
 * would make Linux probe MMIO it cannot reach.
 */
static int is_msi_frame(const void *fdt, int node)
{
	return !fdt_node_check_compatible(fdt, node, "arm,gic-v3-its") ||
	       !fdt_node_check_compatible(fdt, node, "arm,gic-v2m-frame");
}

/* Root's GIC (found by linux-dt.c) is a GICv2 rather than a GICv3. */
static int is_gicv2(const struct bh_dt_ctx *c)
{
	return fdt_node_check_compatible(c->root, c->irqchip, "arm,gic-v3") != 0;
}

/*
 * A GICv2 as the cell sees it: the distributor and, at the GICC address,
 * its virtual CPU interface; no GICH, no GICV, no maintenance interrupt.
 */
static int fix_gic(struct bh_dt_ctx *c, int copy)
{
	struct bh_dt_reg reg[4];
	int parent, ac, sc, n, err;

	if (!is_gicv2(c))
		return 0;
	parent = fdt_parent_offset(c->dst, copy);
	ac = parent < 0 ? parent : fdt_address_cells(c->dst, parent);
	sc = parent < 0 ? parent : fdt_size_cells(c->dst, parent);
	n = bh_dt_parse_reg(c->dst, copy, ac, sc, reg, 4);
	if (n < 2)
		return bh_dt_error(c, "its GICv2 node %s has no distributor and CPU "
				   "interface (GICD, GICC) in its reg",
				   fdt_get_name(c->root, c->irqchip, NULL));
	reg[0].size = GICV2_GICD_SIZE;
	reg[1].size = BULKHEAD_GICV2_GICC_SIZE;
	err = bh_dt_write_reg(c->dst, copy, ac, sc, reg, 2);
	if (!err)
		err = fdt_setprop_string(c->dst, copy, "compatible", GICV2_COMPATIBLE);
	if (!err)
		err = fdt_setprop_u32(c->dst, copy, "#interrupt-cells", 3);
	if (!err)
		err = fdt_setprop_empty(c->dst, copy, "interrupt-controller");
	if (!err) {
		err = fdt_delprop(c->dst, copy, "interrupts");
		if (err == -FDT_ERR_NOTFOUND)
			err = 0;
	}
	if (!err && c->a->report)
		fprintf(c->a->report, "device tree: %s passed to the cell as a GICv2: "
			"distributor 0x%llx, CPU interface 0x%llx (the hypervisor's "
			"GICH and GICV left out)\n",
			fdt_get_name(c->root, c->irqchip, NULL),
			(unsigned long long)reg[0].addr,
			(unsigned long long)reg[1].addr);
	return err;
}

/*
 * One GIC interrupt specifier <type number flags>. SPIs (type 0, INTID
 * number + 32) and extended SPIs (type 2, INTID number + 4096) must be the
 * cell's. PPIs (types 1 and 3) are per CPU: every cell has its own, so they
 * say nothing about who owns a device.
 */
static int gic_spec_owned(const struct bh_dt_ctx *c, const fdt32_t *spec,
			  long *line, char *why, size_t len)
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
		*line = -1;
		return 1;
	default:
		snprintf(why, len, "GIC interrupt type %u is unknown", type);
		return 0;
	}
	*line = intid;
	if (bh_dt_cell_owns_irq(c, intid))
		return 1;
	snprintf(why, len, "interrupt %u is not the cell's", intid);
	return 0;
}

/*
 * GICv2 PPIs name the CPUs they are wired to in bits [15:8] of their flags
 * (GIC_CPU_MASK_SIMPLE(n) for n CPUs, as QEMU writes them): the cell's.
 */
static int timer_cpu_mask(struct bh_dt_ctx *c, int timer)
{
	unsigned int cpus = __builtin_popcountll(c->a->cell->cpu_set);
	uint32_t mask, flags;
	const fdt32_t *p;
	fdt32_t *spec;
	int len, i, err;

	if (cpus > BULKHEAD_GICV2_MAX_CPUS)
		cpus = BULKHEAD_GICV2_MAX_CPUS;
	mask = ((1U << cpus) - 1) << GICV2_PPI_CPU_SHIFT;
	p = fdt_getprop(c->dst, timer, "interrupts", &len);
	if (!p)
		return 0;
	if (len % 12)
		return bh_dt_error(c, "its timer's \"interrupts\" are no GIC "
				   "specifiers <type number flags>");
	spec = malloc(len);
	if (!spec)
		return -FDT_ERR_NOSPACE;
	memcpy(spec, p, len);
	for (i = 0; i < len / 4; i += 3) {
		flags = fdt32_to_cpu(spec[i + 2]);
		flags = (flags & ~(0xffU << GICV2_PPI_CPU_SHIFT)) | mask;
		spec[i + 2] = cpu_to_fdt32(flags);
	}
	err = fdt_setprop(c->dst, timer, "interrupts", spec, len);
	free(spec);
	return err;
}

static int add_timer(struct bh_dt_ctx *c)
{
	static const char *const compat[] = { "arm,armv8-timer", NULL };
	int node = bh_dt_find_compatible(c->root, compat);

	if (node < 0)
		return bh_dt_error(c, "has no \"arm,armv8-timer\" node");
	node = bh_dt_copy_node(c->dst, 0, c->root, node, NULL);
	if (node < 0)
		return node;
	return is_gicv2(c) ? timer_cpu_mask(c, node) : 0;
}

/*
 * PSCI: the hypervisor implements it for the cell's CPUs behind SMC, with
 * whatever the firmware has. Copied for its compatibles; made if missing.
 */
static int add_psci(struct bh_dt_ctx *c)
{
	static const char *const compat[] = {
		"arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL
	};
	static const char fallback[] = "arm,psci-1.0\0arm,psci-0.2";
	int node = bh_dt_find_compatible(c->root, compat), copy;

	if (node >= 0 && fdt_parent_offset(c->root, node) == 0)
		copy = bh_dt_copy_node(c->dst, 0, c->root, node, NULL);
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

/* In the output: psci, then the timer (added last one first). */
static int add_nodes(struct bh_dt_ctx *c)
{
	int err = add_timer(c);

	return err ? err : add_psci(c);
}

/*
 * A virtio device's SPI: <0 (INTID - 32) 1>, edge rising, since the
 * hypervisor raises it once per event rather than holding a level.
 */
static int gic_virtio_interrupts(struct bh_dt_ctx *c, int node, uint32_t irq)
{
	fdt32_t spec[3] = {
		cpu_to_fdt32(0), cpu_to_fdt32(irq - BULKHEAD_GIC_FIRST_SPI),
		cpu_to_fdt32(1),
	};

	return fdt_setprop(c->dst, node, "interrupts", spec, sizeof(spec));
}

/* A GICv3, else the GICv2s Linux's GIC driver binds to. */
static const char *const gic_compat[] = {
	"arm,gic-v3", "arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic",
	"arm,cortex-a7-gic", NULL
};

const struct bh_dt_arch bh_dt_arm64 = {
	.name = "arm64",
	.irqchip_name = "GIC",
	.irqchip_compat = gic_compat,
	.irqchip_min_cells = 3,
	.irqchip_skip = is_msi_frame,
	.fix_irqchip = fix_gic,
	.spec_owned = gic_spec_owned,
	.cpu_word = "CPUs",
	.enable_method = "psci",
	.root_interrupt_parent = 1,
	.add_nodes = add_nodes,
	.virtio_interrupts = gic_virtio_interrupts,
};
