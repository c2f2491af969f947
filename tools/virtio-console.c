// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The virtio console device (virtio-console.h, virtio spec 5.3), as Linux's
 * virtio_console uses it without MULTIPORT: at probe it fills the receive
 * queue with buffers of a page each; hvc writes one transmit buffer at a
 * time and spins until it comes back, so transmit buffers are completed at
 * once, whatever the sink does with the bytes.
 *
 * Both queues push every chain they pop, at once and in order (fill_rx()
 * pops a receive buffer only when it has input for it, drain_tx() every
 * transmit buffer): used->idx is the count of avail entries consumed, which
 * a restarted backend relies on (bh_vq_resume()). The exceptions leave no
 * queue to resume: a chain that makes the device NEEDS_RESET is popped but
 * not pushed, and the device ignores its queues until the driver resets it
 * (which starts the rings from 0); a backend killed between a pop and its
 * push (the input for that buffer died with it) takes the chain again, so
 * at worst one transmit buffer is written to the sink twice.
 */
#include <string.h>

#include "virtio-console.h"

#define VIRTIO_ID_CONSOLE	3
/* struct virtio_console_config: cols, rows, max_nr_ports, emerg_wr. */
#define CONSOLE_CONFIG_SIZE	12

static struct bh_vcons *to_cons(struct bh_vdev *dev)
{
	return (struct bh_vcons *)dev;
}

/* Moves pending input into the receive buffers the driver posted. */
static void fill_rx(struct bh_vcons *c)
{
	struct bh_vdev *dev = &c->dev;
	struct bh_vq *q = &dev->vq[BH_VCONS_RX_QUEUE];
	struct bh_vq_chain *ch = &c->chain;
	const char *why;
	unsigned int i;
	int pushed = 0, ret;

	while (c->input_len && bh_vdev_queue_live(dev, BH_VCONS_RX_QUEUE)) {
		uint32_t written = 0;

		ret = bh_vq_pop(q, &dev->mem, ch, &why);
		if (ret < 0) {
			bh_vdev_fail(dev, "receive queue: %s", why);
			break;
		}
		if (!ret)
			break;
		if (ch->num_out == ch->num_segs) {
			bh_vdev_fail(dev, "receive queue: a buffer the device cannot write");
			break;
		}
		for (i = ch->num_out; i < ch->num_segs && c->input_len; i++) {
			struct bh_vq_seg *s = &ch->seg[i];
			uint32_t off = 0;

			while (off < s->len && c->input_len) {
				size_t n = BH_VCONS_INPUT_SIZE - c->input_start;

				if (n > c->input_len)
					n = c->input_len;
				if (n > s->len - off)
					n = s->len - off;
				memcpy(s->addr + off, c->input + c->input_start, n);
				off += n;
				written += n;
				c->input_start = (c->input_start + n) % BH_VCONS_INPUT_SIZE;
				c->input_len -= n;
			}
		}
		if (bh_vq_push(q, &dev->mem, ch->head, written, &why)) {
			bh_vdev_fail(dev, "receive queue: %s", why);
			break;
		}
		pushed = 1;
	}
	if (!c->input_len)
		c->input_start = 0;
	if (pushed)
		bh_vdev_used(dev, BH_VCONS_RX_QUEUE);
}

static void drain_tx(struct bh_vcons *c)
{
	struct bh_vdev *dev = &c->dev;
	struct bh_vq *q = &dev->vq[BH_VCONS_TX_QUEUE];
	struct bh_vq_chain *ch = &c->chain;
	const char *why;
	unsigned int i;
	int pushed = 0, ret;

	while (bh_vdev_queue_live(dev, BH_VCONS_TX_QUEUE)) {
		ret = bh_vq_pop(q, &dev->mem, ch, &why);
		if (ret < 0) {
			bh_vdev_fail(dev, "transmit queue: %s", why);
			break;
		}
		if (!ret)
			break;
		/* Device-writable parts of a transmit chain are left alone. */
		for (i = 0; i < ch->num_out; i++)
			c->output(c->ctx, ch->seg[i].addr, ch->seg[i].len);
		if (bh_vq_push(q, &dev->mem, ch->head, 0, &why)) {
			bh_vdev_fail(dev, "transmit queue: %s", why);
			break;
		}
		pushed = 1;
	}
	if (pushed)
		bh_vdev_used(dev, BH_VCONS_TX_QUEUE);
}

static void console_notify(struct bh_vdev *dev, unsigned int queue)
{
	if (queue == BH_VCONS_RX_QUEUE)
		fill_rx(to_cons(dev));
	else if (queue == BH_VCONS_TX_QUEUE)
		drain_tx(to_cons(dev));
}

static void console_driver_ok(struct bh_vdev *dev)
{
	/* Input typed before the driver was ready, and output already queued. */
	drain_tx(to_cons(dev));
	fill_rx(to_cons(dev));
}

static const struct bh_vdev_ops console_ops = {
	.device_id = VIRTIO_ID_CONSOLE,
	.features = 0,
	.num_queues = 2,
	.queue_num_max = BH_VCONS_QUEUE_SIZE,
	.config_size = CONSOLE_CONFIG_SIZE,
	.notify = console_notify,
	.driver_ok = console_driver_ok,
	/* Pending input stays for the next driver: nothing to do at reset. */
	.reset = NULL,
};

void bh_vcons_init(struct bh_vcons *c, const char *name, const struct bh_vmem *mem,
		   bh_vcons_output_fn *output, void *ctx)
{
	memset(c, 0, sizeof(*c));
	bh_vdev_init(&c->dev, &console_ops, name, mem);
	c->output = output;
	c->ctx = ctx;
}

size_t bh_vcons_input_room(const struct bh_vcons *c)
{
	return BH_VCONS_INPUT_SIZE - c->input_len;
}

size_t bh_vcons_input(struct bh_vcons *c, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t taken = 0;

	while (taken < len && c->input_len < BH_VCONS_INPUT_SIZE) {
		size_t end = (c->input_start + c->input_len) % BH_VCONS_INPUT_SIZE;
		/* Free space from end on, up to the buffer's end or the data. */
		size_t n = end >= c->input_start ? BH_VCONS_INPUT_SIZE - end :
			c->input_start - end;

		if (n > len - taken)
			n = len - taken;
		memcpy(c->input + end, p + taken, n);
		c->input_len += n;
		taken += n;
	}
	fill_rx(c);
	return taken;
}
