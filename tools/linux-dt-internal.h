/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What the device tree writer of Linux cells (linux-dt.c) shares with its
 * per-architecture parts (linux-dt-arm64.c, linux-dt-riscv.c). The common
 * part walks the root tree and copies what the cell owns; an architecture
 * says, in a struct bh_dt_arch, what its interrupt controller is, how an
 * interrupt specifier names a line, how cpu_set bits find cpu nodes, and
 * which nodes of its own a cell needs besides its devices.
 */
#ifndef _TOOLS_LINUX_DT_INTERNAL_H
#define _TOOLS_LINUX_DT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <libfdt.h>

#include "linux-dt.h"

/* A semantic problem, already reported; libfdt's errors are -1..-20 or so. */
#define BH_DT_REPORTED	(-10000)

struct bh_dt_ctx;

/* Nonzero: leave this subnode out of a copy. */
typedef int (*bh_dt_filter)(const void *src, int node);

struct bh_dt_arch {
	const char *name;		/* "arm64", for messages */
	/* The interrupt controller every cell has, as the root tree has it. */
	const char *irqchip_name;	/* "GICv3", for messages */
	const char *const *irqchip_compat;	/* NULL-terminated */
	int irqchip_min_cells;		/* its #interrupt-cells at least */
	bh_dt_filter irqchip_skip;	/* its subnodes the cell must not see */
	/* Makes the copied controller (node copy in the cell's tree) the cell's. */
	int (*fix_irqchip)(struct bh_dt_ctx *c, int copy);
	/*
	 * One interrupt specifier of the controller: 1 if the cell may have
	 * it, *line set to the line to report (-1: a per-CPU interrupt, not
	 * worth naming); else 0 with the reason in why.
	 */
	int (*spec_owned)(const struct bh_dt_ctx *c, const fdt32_t *spec,
			  long *line, char *why, size_t len);
	/*
	 * cpu_set bit n is the cpu node whose reg is n (riscv64: hart ids)
	 * rather than the n-th cpu node (arm64: Linux's logical CPU numbers).
	 */
	int cpus_by_reg;
	const char *cpu_word;		/* "CPUs", "harts": for the report */
	const char *enable_method;	/* set in every cpu node, or NULL */
	/* The root node's interrupt-parent is the controller. */
	int root_interrupt_parent;
	/* Top-level nodes of the architecture's own, or NULL. */
	int (*add_nodes)(struct bh_dt_ctx *c);
	/*
	 * Sets "interrupts" of a virtio,mmio node to the line irq of the
	 * controller (the node's interrupt-parent is set already).
	 */
	int (*virtio_interrupts)(struct bh_dt_ctx *c, int node, uint32_t irq);
};

extern const struct bh_dt_arch bh_dt_arm64;
extern const struct bh_dt_arch bh_dt_riscv64;

struct bh_dt_ctx {
	const struct bh_linux_dt_args *a;
	const struct bh_dt_arch *arch;
	const struct bulkhead_memory *mem;
	const __u32 *irqs;
	const void *root;
	void *dst;
	int root_ac, root_sc;	/* #address-cells/#size-cells of the root's root */
	int irqchip;		/* the interrupt controller's node in the root tree */
	uint32_t irqchip_phandle;
	int irqchip_cells;	/* its #interrupt-cells */
	int irqchip_needs_phandle;	/* it has none: we give it irqchip_phandle */
};

/* Says what is wrong with the root tree; returns BH_DT_REPORTED. */
int bh_dt_error(const struct bh_dt_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int bh_dt_cell_owns_irq(const struct bh_dt_ctx *c, uint32_t line);

/* The root tree's cpu node of cpu_set bit n, or a negative error. */
int bh_dt_cpu_node(const struct bh_dt_ctx *c, unsigned int n);
/* A cpu node's reg (MPIDR, hart id), or -1 if it has none it can read. */
long long bh_dt_cpu_reg(const void *fdt, int cpu);

int bh_dt_find_compatible(const void *fdt, const char *const *compat);

/* One entry of a reg property. */
struct bh_dt_reg {
	uint64_t addr, size;
};

/*
 * A node's reg, in the address space of a parent with ac/sc cells: the
 * number of entries (0: no reg), or -1 if it is malformed or has more than
 * max.
 */
int bh_dt_parse_reg(const void *fdt, int node, int ac, int sc,
		    struct bh_dt_reg *reg, int max);
/* Sets a node's reg, for a parent with ac/sc cells (1 or 2 each). */
int bh_dt_write_reg(void *fdt, int node, int ac, int sc,
		    const struct bh_dt_reg *reg, int n);

/*
 * Copies node with its properties and subnodes (but those skip names)
 * under parent; returns the new node's offset, which stays valid until
 * something is added before it.
 */
int bh_dt_copy_node(void *dst, int parent, const void *src, int node,
		    bh_dt_filter skip);

#endif /* _TOOLS_LINUX_DT_INTERNAL_H */
