/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * bulkhead config create: what the machine model (config-gen.c) and the
 * command (cmd-config-create.c) share.
 *
 * The model is read from a flattened device tree, corrected by what the
 * running machine says when the tool runs on it (/proc/iomem, sysfs, the
 * kernel log), and then written out as commented C sources.
 */
#ifndef _TOOLS_CONFIG_GEN_H
#define _TOOLS_CONFIG_GEN_H

#include <stdint.h>
#include <stdio.h>

#include "bulkhead.h"

extern const struct bh_command bh_cmd_config_create;

#define CG_MAX_RAM	32
#define CG_MAX_DEVS	512
#define CG_MAX_SKIPPED	64
#define CG_MAX_CELLS	8
#define CG_MAX_CELL_DEVS 8
#define CG_MAX_DEV_IRQS	8
#define CG_TEXT		256
#define CG_SKIP_TEXT	384

struct cg_range {
	uint64_t base, size;
};

/* One page-rounded MMIO window of a device node (a node may have several). */
struct cg_dev {
	char path[CG_TEXT];	/* node path in the device tree */
	char compat[64];	/* first compatible string, or "" */
	const char *what;	/* "PCI ECAM", ...; NULL for a plain reg entry */
	uint64_t reg_base, reg_size;	/* as the device tree says */
	uint64_t base, size;		/* rounded out to pages */
	uint32_t irqs[CG_MAX_DEV_IRQS];	/* GIC INTIDs (SPIs) or PLIC sources */
	int num_irqs;
	int owner;		/* -1: root; else index of the cell */
};

struct cg_machine {
	__u16 arch;			/* BULKHEAD_ARCH_* */
	const void *fdt;
	const char *source;		/* where the device tree came from */
	char model[64];

	struct cg_range ram[CG_MAX_RAM];
	int num_ram;
	char ram_source[CG_TEXT];

	int have_reserved;
	struct cg_range reserved;
	char reserved_source[CG_TEXT];

	/* interrupt controller */
	int irqchip_node;
	uint32_t irqchip_phandle;
	char irqchip_path[CG_TEXT];
	int gic_version;		/* arm64: 2 or 3 */
	uint64_t irq_base, irq_size, redist_base, redist_size, redist_dt_size;
	/* GICv2: GICC, GICH and GICV as the device tree says (reg[1..3]) */
	struct cg_range gicv2[3];
	uint32_t num_irqs, maintenance_irq;
	char num_irqs_source[CG_TEXT];

	/* debug console */
	__u16 console_type;
	uint64_t console_base, console_size;
	char console_path[CG_TEXT];
	char console_note[CG_TEXT];

	/* CPUs: bit n is Linux's CPU n (arm64) or hart n (riscv64) */
	uint64_t cpu_set;
	char cpu_source[CG_TEXT];

	struct cg_dev devs[CG_MAX_DEVS];
	int num_devs;
	char skipped[CG_MAX_SKIPPED][CG_SKIP_TEXT];	/* "node: why" */
	int num_skipped;

	/* the virtio console's transport, if known; 0 otherwise */
	uint64_t virtio_console_base;
	char virtio_console_source[CG_TEXT];
};

enum cg_cell_kind { CG_CELL_INMATE, CG_CELL_LINUX };

struct cg_cell {
	enum cg_cell_kind kind;
	char name[32];
	unsigned int cpus;
	uint64_t mem;
	const char *devs[CG_MAX_CELL_DEVS];
	int num_devs;
	/* decided by the generator */
	uint64_t cpu_set, ram_base;
	int dev_index[CG_MAX_CELL_DEVS];
};

struct cg_options {
	const char *outdir;
	const char *root_name;		/* NULL: from the model */
	uint64_t hv_size;
	uint32_t num_irqs;		/* 0: found out */
	int have_reserved;		/* --reserved BASE,SIZE */
	struct cg_range reserved;
	const char *include_dir;	/* for the Makefile */
	struct cg_cell cells[CG_MAX_CELLS];
	int num_cells;
};

/* config-gen.c */
/* The device tree blob fdt of size bytes (the whole file). */
int cg_read_fdt(struct cg_machine *m, const void *fdt, size_t size,
		const char *source);
int cg_plan_cells(struct cg_machine *m, struct cg_options *o);
int cg_write(const struct cg_machine *m, const struct cg_options *o);
uint64_t cg_hv_base(const struct cg_machine *m, const struct cg_options *o);
void cg_suggest_reservation(const struct cg_machine *m,
			    const struct cg_options *o);

#endif /* _TOOLS_CONFIG_GEN_H */
