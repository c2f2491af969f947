/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The virtio console (device ID 3) root's backend serves: one port, no
 * VIRTIO_CONSOLE_F_MULTIPORT, no size; queue 0 receives (root to cell),
 * queue 1 transmits (cell to root). The cell's Linux makes it /dev/hvc0.
 *
 * Output goes to a sink callback as the driver hands it over. Input waits
 * in a bounded buffer until the driver posts receive buffers: input is
 * never dropped; when the buffer is full, bh_vcons_input() takes less and
 * the caller keeps the rest (the backend then stops reading its socket).
 */
#ifndef _TOOLS_VIRTIO_CONSOLE_H
#define _TOOLS_VIRTIO_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

#include "virtio-mmio.h"

#define BH_VCONS_RX_QUEUE	0
#define BH_VCONS_TX_QUEUE	1
#define BH_VCONS_QUEUE_SIZE	64
/* Input kept while the cell has no receive buffer posted. */
#define BH_VCONS_INPUT_SIZE	16384

typedef void bh_vcons_output_fn(void *ctx, const uint8_t *data, size_t len);

struct bh_vcons {
	struct bh_vdev dev;		/* first: the ops get &dev */
	bh_vcons_output_fn *output;
	void *ctx;
	uint8_t input[BH_VCONS_INPUT_SIZE];
	size_t input_start, input_len;
	struct bh_vq_chain chain;	/* scratch, too big for the stack */
};

void bh_vcons_init(struct bh_vcons *c, const char *name, const struct bh_vmem *mem,
		   bh_vcons_output_fn *output, void *ctx);
/* Queues input for the cell; returns how much fit (0..len). */
size_t bh_vcons_input(struct bh_vcons *c, const void *data, size_t len);
/* How much input bh_vcons_input() would take now. */
size_t bh_vcons_input_room(const struct bh_vcons *c);

#endif /* _TOOLS_VIRTIO_CONSOLE_H */
