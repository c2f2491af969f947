/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The backend's side of the virtio channel (include/bulkhead/virtio.h):
 * finds the requests of its cell and answers them from the device models.
 */
#ifndef _TOOLS_VIRTIO_CHANNEL_H
#define _TOOLS_VIRTIO_CHANNEL_H

#include <bulkhead/virtio.h>

#include "virtio-mmio.h"

/*
 * Answers every pending request of cell cell_id: a write goes to the
 * device, a read gets its value. devs[i] is the model of the cell's device
 * i, NULL when nobody serves it (reads all ones, writes dropped). Returns
 * how many requests were answered.
 */
unsigned int bh_virtio_channel_serve(struct bulkhead_virtio_channel *ch,
				     unsigned int cell_id,
				     struct bh_vdev *const *devs,
				     unsigned int num_devs);

#endif /* _TOOLS_VIRTIO_CHANNEL_H */
