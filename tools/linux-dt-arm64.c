// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The arm64 part of a Linux cell's device tree (linux-dt.c): the GICv3,
 * whose distributor and redistributors the hypervisor emulates at the
 * hardware's addresses, the architected timer (per CPU, every cell has its
 * own) and PSCI, which the hypervisor implements for the cell's CPUs
 * behind SMC.
 */
#include <stdio.h>

#include "linux-dt-internal.h"

/* The cell has no ITS: the hypervisor emulates only the distributor and
 * the redistributors, so an ITS node would make Linux probe MMIO it cannot
 * reach. */
static int is_its(const void *fdt, int node)
{
	return !fdt_node_check_compatible(fdt, node, "arm,gic-v3-its");
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

static int add_timer(struct bh_dt_ctx *c)
{
	static const char *const compat[] = { "arm,armv8-timer", NULL };
	int node = bh_dt_find_compatible(c->root, compat);

	if (node < 0)
		return bh_dt_error(c, "has no \"arm,armv8-timer\" node");
	node = bh_dt_copy_node(c->dst, 0, c->root, node, NULL);
	return node < 0 ? node : 0;
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

static const char *const gic_compat[] = { "arm,gic-v3", NULL };

const struct bh_dt_arch bh_dt_arm64 = {
	.name = "arm64",
	.irqchip_name = "GICv3",
	.irqchip_compat = gic_compat,
	.irqchip_min_cells = 3,
	.irqchip_skip = is_its,
	.spec_owned = gic_spec_owned,
	.cpu_word = "CPUs",
	.enable_method = "psci",
	.root_interrupt_parent = 1,
	.add_nodes = add_nodes,
	.virtio_interrupts = gic_virtio_interrupts,
};
