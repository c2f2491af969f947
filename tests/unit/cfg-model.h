/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Configs as editable C structures for the unit tests and mkbad.
 *
 * A model keeps the header and the arrays apart, so a test changes one field
 * and serialises; the counts in the blob then follow the arrays. Tests that
 * want counts that disagree with the arrays patch the blob afterwards.
 */
#ifndef _TESTS_UNIT_CFG_MODEL_H
#define _TESTS_UNIT_CFG_MODEL_H

#include <stddef.h>

#include <bulkhead/cell-config.h>

struct cfg_model {
	int system;				/* 1: system config, 0: cell */
	struct bulkhead_system sys;		/* if system */
	struct bulkhead_cell_desc cell;		/* if !system */
	/* One more than allowed, so tests can go over the limits. */
	struct bulkhead_memory mem[BULKHEAD_MAX_MEMORY_REGIONS + 1];
	__u32 irqs[BULKHEAD_MAX_IRQS + 2];
	struct bulkhead_virtio_device virtio[BULKHEAD_MAX_VIRTIO_DEVICES + 1];
	unsigned int nmem, nirq, nvirtio;
};

/* Room for the largest config plus slack; __u64 words keep it aligned. */
#define CFG_BLOB_WORDS	2048

struct cfg_blob {
	__u64 w[CFG_BLOB_WORDS];
	size_t size;
	int system;
};

/* The root cell's descriptor or the cell's, by the model's kind. */
struct bulkhead_cell_desc *model_desc(struct cfg_model *m);
void model_add_mem(struct cfg_model *m, __u64 phys, __u64 virt, __u64 size,
		   __u64 flags);
void model_add_irq(struct cfg_model *m, __u32 irq);
/* A virtio device at address with irq, which is also added to the irqs. */
void model_add_virtio(struct cfg_model *m, __u64 address, __u32 irq,
		      __u16 type);

/* Valid configs, in the shape of the QEMU virt machines. */
void model_system(struct cfg_model *m, __u16 arch);
/* The arm64 one with a GICv2 (QEMU virt, gic-version=2) instead. */
void model_system_gicv2(struct cfg_model *m);
/* which: 0 or 1, two cells that are disjoint from each other. */
void model_cell(struct cfg_model *m, __u16 arch, int which);
/*
 * Cell 0 with a virtio pool (memory[3], 1 MiB at cell address 0x200000)
 * and one virtio console (window 0xa0000000, irq arm64 100 / riscv64 30,
 * irqs[3]). The reference systems have virtio_notify_irq arm64 200 /
 * riscv64 40.
 */
void model_virtio_cell(struct cfg_model *m, __u16 arch);

void model_to_blob(const struct cfg_model *m, struct cfg_blob *b);
/* Returns -1 if data is too short for what its header announces. */
int model_from_blob(struct cfg_model *m, const void *data, size_t size);

struct bulkhead_system *blob_sys(struct cfg_blob *b);
struct bulkhead_cell_desc *blob_desc(struct cfg_blob *b);
struct bulkhead_memory *blob_mem(struct cfg_blob *b);

#endif /* _TESTS_UNIT_CFG_MODEL_H */
