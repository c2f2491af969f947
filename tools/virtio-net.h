/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The virtio network device (device ID 1, virtio spec 5.1) root's backend
 * serves on a TAP interface of root: queue 0 receives (root to cell),
 * queue 1 transmits; no control queue, no multi-queue, no MRG_RXBUF, no
 * checksum or segmentation offloads. Every frame carries the 12-byte
 * struct virtio_net_hdr_v1 (num_buffers included), which is also what the
 * TAP reads and writes: it is opened with IFF_VNET_HDR and a header size
 * of 12 (bh_vnet_open_tap()). The header on the wire is always all zero
 * (no offloads), num_buffers 1 towards the cell.
 *
 * Features: VIRTIO_NET_F_MAC, VIRTIO_NET_F_STATUS (link up while the TAP
 * works). Config: mac[6] at 0, status (le16) at 6, max_virtqueue_pairs 1
 * at 8. The MAC is 02:62:68:CC:CC:NN: locally administered and unicast
 * (0x02), "bh" (0x62 0x68), the cell id's low 16 bits (big-endian) and the
 * device's index in the cell's config: unique among the cells of one root;
 * two roots on one network give their cells the same MACs.
 *
 * The event loop polls the TAP for POLLIN only while bh_vnet_want_read()
 * says so (a receive buffer is posted) and then calls
 * bh_vnet_tap_readable(); while the cell has no receive buffer, frames
 * wait in the TAP's kernel queue (which drops when it is full, as a NIC
 * without buffers would). Transmit buffers are written to the TAP at once;
 * a frame the TAP refuses (interface down, kernel queue full) is dropped.
 */
#ifndef _TOOLS_VIRTIO_NET_H
#define _TOOLS_VIRTIO_NET_H

#include <stddef.h>
#include <stdint.h>

#include "virtio-mmio.h"

#define BH_VNET_RX_QUEUE	0
#define BH_VNET_TX_QUEUE	1
#define BH_VNET_QUEUE_SIZE	128
/* struct virtio_net_hdr_v1, with num_buffers. */
#define BH_VNET_HDR_SIZE	12
/* Frames read from the TAP per bh_vnet_tap_readable() (others wait). */
#define BH_VNET_RX_BATCH	64
/* Longest frame read or written (a TAP's MTU may exceed 1500). */
#define BH_VNET_MAX_FRAME	65535

/* Feature bits and config (virtio spec 5.1.3, 5.1.4). */
#define VIRTIO_NET_F_MAC	5
#define VIRTIO_NET_F_STATUS	16
#define VIRTIO_NET_S_LINK_UP	1

struct bh_vnet {
	struct bh_vdev dev;		/* first: the ops get &dev */
	int fd;				/* the TAP; the caller's, not closed here */
	int tap_failed;			/* a read failed: the link is down */
	uint8_t mac[6];
	/* A receive chain popped but not yet filled (see virtio-net.c). */
	int rx_held;
	uint16_t rx_held_avail;
	uint64_t rx_held_rings[3];
	struct bh_vq_chain rx_chain;
	struct bh_vq_chain tx_chain;
	/* Counters: frames moved, frames dropped (each way). */
	uint64_t rx_frames, tx_frames, rx_dropped, tx_dropped;
	/* Frames too long for the cell's receive buffer land here. */
	uint8_t overflow[BH_VNET_MAX_FRAME + BH_VNET_HDR_SIZE + 1];
};

/*
 * Serves the TAP fd (or anything with its datagram semantics: one read one
 * frame with its header, one write one frame) as device index of cell
 * cell_id (for the MAC). The fd is made non-blocking.
 */
void bh_vnet_init(struct bh_vnet *n, const char *name, const struct bh_vmem *mem,
		  int fd, unsigned int cell_id, unsigned int index);

/*
 * For the event loop: whether to poll the fd for POLLIN now (the device
 * is live, the TAP works and a receive buffer is posted). May take the
 * next receive buffer off the ring (it is kept for the next frame), so
 * call it before every poll(), not only once.
 */
int bh_vnet_want_read(struct bh_vnet *n);
/*
 * The fd polled readable (or POLLERR/POLLHUP): moves up to
 * BH_VNET_RX_BATCH frames into posted receive buffers; the device's
 * interrupt is requested if any arrived (bh_vdev_take_irq()).
 */
void bh_vnet_tap_readable(struct bh_vnet *n);

/*
 * Creates the TAP interface name, or attaches to it if it exists (made
 * with `ip tuntap add NAME mode tap [user U]`): IFF_TAP | IFF_NO_PI |
 * IFF_VNET_HDR, header size 12, no offloads, non-blocking, close-on-exec.
 * The interface is not brought up or bridged here. Returns the fd, or -1
 * with why in err.
 */
int bh_vnet_open_tap(const char *name, char *err, size_t err_len);

#endif /* _TOOLS_VIRTIO_NET_H */
