/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_VIRTIO_H
#define _CORE_VIRTIO_H

#include <core/types.h>

struct cell;

/* One of a cell's virtio devices, as the hypervisor keeps it. */
struct cell_virtio {
	struct cell *cell;
	unsigned int index;
	/* A backend serves it; cleared when one does not answer in time. */
	bool online;
};

/* Registers the cell's virtio device windows (nothing for root). */
int virtio_cell_init(struct cell *cell);
/* Hypercalls of the root cell. */
long virtio_set_channel(u64 address, bool cells_with_virtio);
long virtio_inject(struct cell *cell, u64 index);
long virtio_set_online(struct cell *cell, u64 index);
/* Whether [phys, phys + size) holds the registered channel page. */
bool virtio_channel_overlaps(u64 phys, u64 size);

#endif
