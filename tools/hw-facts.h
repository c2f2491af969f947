/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What `bulkhead hardware check` (cmd-hardware.c) reads from the machine,
 * parsed without any I/O: /proc/iomem, the device tree Linux booted with,
 * the hypervisor image's header, the module's vermagic and modules.dep.
 * tests/unit/test-hw-facts.c feeds it made-up machines.
 */
#ifndef _TOOLS_HW_FACTS_H
#define _TOOLS_HW_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include <bulkhead/cell-config.h>

/*
 * /proc/iomem: whether [start, start + size) overlaps "System RAM" (at any
 * depth). Returns 1 and that entry's first and last address, 0 if it does
 * not, -1 if the text shows no address at all (read without root, the
 * kernel prints zeros) or holds no entry.
 */
int bh_iomem_ram(const char *text, uint64_t start, uint64_t size,
		 uint64_t *ram_first, uint64_t *ram_last);

/* How the device tree reserves a range (bh_fdt_reservation). */
enum bh_resv_verdict {
	BH_RESV_BAD_TREE,	/* not a device tree */
	BH_RESV_NONE,		/* no reserved-memory node overlaps it */
	BH_RESV_PARTIAL,	/* nodes overlap it, but leave part out */
	BH_RESV_MAPPED,		/* covered, but node has no no-map */
	BH_RESV_OK,		/* covered by no-map nodes */
};

struct bh_resv {
	enum bh_resv_verdict verdict;
	int have_parent;		/* /reserved-memory exists */
	int address_cells, size_cells;	/* of /reserved-memory, else 2, 2 */
	/*
	 * The node that decides: the first that overlaps (OK, PARTIAL), the
	 * one without no-map (MAPPED); its reg entry in question.
	 */
	char path[128];
	uint64_t start, size;
	uint64_t uncovered;		/* PARTIAL: first address left out */
};

/*
 * Checks [start, start + size) against the children of /reserved-memory
 * with a fixed place (reg), as Linux does at boot: nodes whose status is
 * not "okay" do not count.
 */
void bh_fdt_reservation(const void *fdt, uint64_t start, uint64_t size,
			struct bh_resv *r);

/*
 * The first available child of /reserved-memory whose name is prefix or
 * starts with prefix@ ("bulkhead@70000000"): verdict OK or MAPPED with its
 * path and first reg entry, else NONE (or BAD_TREE).
 */
void bh_fdt_reserved_named(const void *fdt, const char *prefix,
			   struct bh_resv *r);

/* The interrupt controller of an arm64 device tree. */
#define BH_GIC_FRAMES	4	/* GICv2: GICD, GICC, GICH, GICV */

struct bh_gic {
	int version;			/* 3, 2, or 0: no GIC node */
	const char *compatible;		/* the compatible that matched */
	char path[128];
	/*
	 * Its reg entries, at most BH_GIC_FRAMES, read in its parent's cells
	 * (no translation): a GICv2 with virtualization extensions has all
	 * four, without them only GICD and GICC. -1: reg is malformed.
	 */
	int frames;
	uint64_t frame[BH_GIC_FRAMES], frame_size[BH_GIC_FRAMES];
};

/* The first available node the GIC drivers of Linux bind to. */
void bh_fdt_gic(const void *fdt, struct bh_gic *gic);

/* "distributor (GICD)", ...: the GICv2 frame of reg entry i. */
const char *bh_gicv2_frame_name(int i);

/*
 * Whether a system config's irqchip (validated, arm64) describes the GIC
 * the device tree has (gic->version not 0), as enable checks it: its type,
 * and for a GICv2 the addresses of the four frames. Returns 0, or -1 with
 * what differs in why, the config's field first ("irqchip.type is GICv3,
 * ...").
 */
int bh_gic_config_mismatch(const struct bh_gic *gic,
			   const struct bulkhead_irqchip *chip, char *why,
			   size_t len);

/* What the loader of an image expects of its header. */
struct bh_image_want {
	uint16_t architecture;
	uint16_t revision;
	uint32_t config_revision;
};

/*
 * The header at the start of a hypervisor image (include/bulkhead/
 * hypervisor.h), checked as the driver checks it. Returns 0 and sets
 * *core_size, or -1 with the reason in why.
 */
int bh_image_check(const void *data, size_t size,
		   const struct bh_image_want *want, uint64_t *core_size,
		   char *why, size_t len);

/*
 * The hypervisor memory enable needs: the image's core, the config (each
 * rounded up to pages) and a 1 MiB page pool, as the driver computes it.
 */
uint64_t bh_image_memory_need(uint64_t core_size, uint64_t config_size,
			      uint64_t page_size);

/*
 * The kernel release a module file was built for: the first word of its
 * vermagic. Returns 0, or -1 if the bytes hold no vermagic.
 */
int bh_module_release(const void *data, size_t size, char *release,
		      size_t len);

/*
 * The path modules.dep gives for module name (as modprobe names it:
 * "bulkhead"), relative to the modules directory as in the file. Returns 0,
 * or -1 if it is not listed.
 */
int bh_modules_dep_path(const char *text, const char *name, char *path,
			size_t len);

#endif /* _TOOLS_HW_FACTS_H */
