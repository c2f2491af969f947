/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_CELL_H
#define _ARCH_CELL_H

#include <bulkhead/cell-config.h>
#include <core/types.h>

#define PLIC_LINE_WORDS	(BULKHEAD_PLIC_MAX_IRQS / 64)

struct arch_cell {
	u16 vmid;
	/*
	 * PLIC lines no hardware drives (virtio devices, root's virtio
	 * notification): the hypervisor raises them, claims and completes
	 * them in place of the PLIC, whose pending bits software cannot set.
	 */
	u64 virtual_lines[PLIC_LINE_WORDS];
	u64 virtual_pending[PLIC_LINE_WORDS];
};

#endif
