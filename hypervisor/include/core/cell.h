/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_CELL_H
#define _CORE_CELL_H

#include <bulkhead/cell-config.h>
#include <core/mmio.h>
#include <core/paging.h>
#include <arch/cell.h>

#define CELL_MAX_IRQS	1024

struct cell {
	const struct bulkhead_cell_desc *desc;
	u64 cpu_set;
	/* Guest-physical to physical translation of the cell's memory. */
	struct paging guest_paging;
	/* Interrupt lines the cell owns: bit n of word n / 64 for line n. */
	u64 irq_owned[CELL_MAX_IRQS / 64];
	struct mmio_region mmio_regions[MMIO_MAX_REGIONS];
	unsigned int num_mmio_regions;
	struct arch_cell arch;
};

extern struct cell root_cell;

static inline bool cell_owns_irq(const struct cell *cell, u32 irq)
{
	return irq < CELL_MAX_IRQS && (cell->irq_owned[irq / 64] & BIT(irq % 64));
}

int cell_init(struct cell *cell, const struct bulkhead_cell_desc *desc);
void cell_destroy(struct cell *cell);

#endif
