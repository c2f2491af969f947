// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The virtio network device (virtio-net.h, virtio spec 5.1), as Linux's
 * virtio_net uses it without MRG_RXBUF and offloads: it fills the receive
 * queue with buffers of 12 + 1518 bytes (one descriptor each) and sends
 * every frame as one chain, the header usually sharing the descriptor with
 * the frame (VERSION_1 lets the driver lay them out as it likes, so both
 * directions see a chain's readable or writable part as one byte stream).
 *
 * Transmit: the chain's readable bytes are a 12-byte header and the frame;
 * the TAP gets one writev() of an all-zero header of our own (never the
 * cell's bytes: the cell negotiated no offloads, and the kernel must not
 * see a header the cell can change while it reads it) and the frame, read
 * straight from the pool. Every transmit buffer is completed at once.
 *
 * Receive: one readv() from the TAP into the next posted chain: the
 * header into a buffer of our own, the frame straight into the pool, and
 * whatever does not fit into an overflow buffer, so that a frame too long
 * for the chain is seen whole and dropped instead of delivered cut short.
 * The TAP has no offloads (TUNSETOFFLOAD 0), so its header says "nothing
 * to do" (a frame that still needs a checksum or segmentation is dropped);
 * the cell gets an all-zero header with num_buffers 1. A chain popped when
 * the TAP turns out to have nothing (or when its frame was dropped) is
 * kept for the next frame: still in order, and a restarted backend, which
 * resumes the ring at used->idx (bh_vq_resume()), simply takes it again.
 * So used->idx is always the count of avail entries consumed but for the
 * one held chain, which is the next to be completed.
 *
 * The event loop reads the TAP only while a receive buffer is posted
 * (bh_vnet_want_read() peeks at the avail index, it pops nothing); the
 * cell's QueueNotify of the receive queue has nothing to do but wake the
 * loop, which then polls the TAP again.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/if_tun.h>
#include <net/if.h>

#include "virtio-net.h"

#define VIRTIO_ID_NET		1
/* struct virtio_net_config: mac, status, max_virtqueue_pairs. */
#define NET_CONFIG_SIZE		10
#define NET_CONFIG_STATUS	6
#define NET_CONFIG_MAX_PAIRS	8
/* struct virtio_net_hdr_v1: flags, gso_type, ... num_buffers at 10. */
#define VNET_HDR_F_NEEDS_CSUM	1
#define VNET_HDR_GSO_TYPE	1
#define VNET_HDR_NUM_BUFFERS	10
#define ETH_HDR_LEN		14
#define IOV_SEGS		(BH_VQ_MAX_SIZE + 2)

static struct bh_vnet *to_net(struct bh_vdev *dev)
{
	return (struct bh_vnet *)dev;
}

/*
 * Counts a dropped frame of one direction (tx: transmit) and logs the 1st,
 * 10th, 100th, ... drop of that direction.
 */
static void drop(struct bh_vnet *n, int tx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void drop(struct bh_vnet *n, int tx, const char *fmt, ...)
{
	uint64_t count = tx ? ++n->tx_dropped : ++n->rx_dropped, c = count;
	char why[256];
	va_list ap;

	while (c >= 10 && c % 10 == 0)
		c /= 10;
	if (c != 1 || !fmt)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	bh_virtio_logf("%s: %s (%llu %s frames dropped so far; logged at the 1st, "
		       "10th, 100th, ...)", n->dev.name, why, (unsigned long long)count,
		       tx ? "transmit" : "received");
}

static void set_link(struct bh_vnet *n, int up)
{
	uint16_t status = htole16(up ? VIRTIO_NET_S_LINK_UP : 0);

	memcpy(n->dev.config + NET_CONFIG_STATUS, &status, sizeof(status));
}

/*
 * iovecs for the bytes from off on of segments [first, end) of c, after
 * *cnt entries already in iov; returns how many bytes they hold.
 */
static uint64_t span_iov(const struct bh_vq_chain *c, unsigned int first,
			 unsigned int end, uint64_t off, struct iovec *iov,
			 unsigned int *cnt)
{
	uint64_t bytes = 0;
	unsigned int i;

	for (i = first; i < end; i++) {
		const struct bh_vq_seg *s = &c->seg[i];

		if (off >= s->len) {
			off -= s->len;
			continue;
		}
		iov[*cnt].iov_base = s->addr + off;
		iov[*cnt].iov_len = s->len - off;
		bytes += s->len - off;
		(*cnt)++;
		off = 0;
	}
	return bytes;
}

/* Copies the first len bytes of segments [first, end) of c to or from buf. */
static void span_copy(const struct bh_vq_chain *c, unsigned int first,
		      unsigned int end, void *buf, size_t len, int to_chain)
{
	uint8_t *p = buf;
	unsigned int i;

	for (i = first; i < end && len; i++) {
		size_t k = c->seg[i].len < len ? c->seg[i].len : len;

		if (to_chain)
			memcpy(c->seg[i].addr, p, k);
		else
			memcpy(p, c->seg[i].addr, k);
		p += k;
		len -= k;
	}
}

static uint64_t seg_bytes(const struct bh_vq_chain *c, unsigned int first,
			  unsigned int end)
{
	uint64_t n = 0;
	unsigned int i;

	for (i = first; i < end; i++)
		n += c->seg[i].len;
	return n;
}

/* Whether a header asks for work the device did not offer to do. */
static int needs_offload(const uint8_t *hdr)
{
	return (hdr[0] & VNET_HDR_F_NEEDS_CSUM) || hdr[VNET_HDR_GSO_TYPE];
}

/* The TAP cannot be read: the link goes down for good. */
static void tap_fail(struct bh_vnet *n, const char *why)
{
	n->tap_failed = 1;
	bh_virtio_logf("%s: the TAP failed (%s): link down, frames are dropped "
		       "from now on", n->dev.name, why);
	set_link(n, 0);
	bh_vdev_config_changed(&n->dev);
}

/* Transmit. */

static void tx_one(struct bh_vnet *n)
{
	const struct bh_vq_chain *c = &n->tx_chain;
	static const uint8_t zero_hdr[BH_VNET_HDR_SIZE];
	struct iovec iov[IOV_SEGS];
	uint8_t hdr[BH_VNET_HDR_SIZE];
	uint64_t len = seg_bytes(c, 0, c->num_out);
	unsigned int cnt = 1;
	ssize_t w;

	if (len < BH_VNET_HDR_SIZE + ETH_HDR_LEN || len > BH_VNET_HDR_SIZE + BH_VNET_MAX_FRAME) {
		drop(n, 1, "transmit buffer of %llu bytes dropped: not a "
			 "12-byte header and a frame of 14 to %u bytes",
			 (unsigned long long)len, BH_VNET_MAX_FRAME);
		return;
	}
	span_copy(c, 0, c->num_out, hdr, sizeof(hdr), 0);
	if (needs_offload(hdr)) {
		drop(n, 1, "transmit frame dropped: its header asks for "
			 "a checksum or segmentation, offloads that were not offered "
			 "(flags 0x%x, gso_type 0x%x)", hdr[0], hdr[VNET_HDR_GSO_TYPE]);
		return;
	}
	if (n->tap_failed) {
		drop(n, 1, NULL);
		return;
	}
	iov[0].iov_base = (void *)zero_hdr;
	iov[0].iov_len = sizeof(zero_hdr);
	span_iov(c, 0, c->num_out, BH_VNET_HDR_SIZE, iov, &cnt);
	do
		w = writev(n->fd, iov, cnt);
	while (w < 0 && errno == EINTR);
	if (w < 0 || (uint64_t)w != len) {
		drop(n, 1, "transmit frame of %llu bytes dropped: the TAP "
			 "took %s%s", (unsigned long long)(len - BH_VNET_HDR_SIZE),
			 w < 0 ? "none: " : "only part of it",
			 w < 0 ? (errno == EIO ? "the interface is down (ip link set "
				  "... up)" : strerror(errno)) : "");
		return;
	}
	n->tx_frames++;
}

static void tx_drain(struct bh_vnet *n)
{
	struct bh_vdev *dev = &n->dev;
	struct bh_vq *q = &dev->vq[BH_VNET_TX_QUEUE];
	const char *why;
	int pushed = 0, ret;

	while (bh_vdev_queue_live(dev, BH_VNET_TX_QUEUE)) {
		ret = bh_vq_pop(q, &dev->mem, &n->tx_chain, &why);
		if (ret < 0) {
			bh_vdev_fail(dev, "transmit queue: %s", why);
			break;
		}
		if (!ret)
			break;
		/* Device-writable parts of a transmit chain are left alone. */
		tx_one(n);
		if (bh_vq_push(q, &dev->mem, n->tx_chain.head, 0, &why)) {
			bh_vdev_fail(dev, "transmit queue: %s", why);
			break;
		}
		pushed = 1;
	}
	if (pushed)
		bh_vdev_used(dev, BH_VNET_TX_QUEUE);
}

/* Receive. */

/* Whether the held chain still belongs to the ring as it is set up now. */
static int held_valid(const struct bh_vnet *n, const struct bh_vq *q)
{
	return n->rx_held && q->last_avail == n->rx_held_avail &&
		q->desc == n->rx_held_rings[0] && q->driver == n->rx_held_rings[1] &&
		q->device == n->rx_held_rings[2];
}

/* Whether the driver made a chain available that we have not popped. */
static int rx_posted(const struct bh_vnet *n)
{
	const struct bh_vq *q = &n->dev.vq[BH_VNET_RX_QUEUE];
	const uint8_t *idx = bh_vmem_ptr(&n->dev.mem, q->driver + 2, 2);
	uint16_t v;

	if (!idx)
		return 0;
	v = __atomic_load_n((const uint16_t *)idx, __ATOMIC_RELAXED);
	return le16toh(v) != q->last_avail;
}

/* A receive chain to fill: 1 when one is held, 0 when none, -1 broken. */
static int rx_get(struct bh_vnet *n)
{
	struct bh_vdev *dev = &n->dev;
	struct bh_vq *q = &dev->vq[BH_VNET_RX_QUEUE];
	struct bh_vq_chain *c = &n->rx_chain;
	const char *why;
	int ret;

	if (!bh_vdev_queue_live(dev, BH_VNET_RX_QUEUE)) {
		n->rx_held = 0;
		return 0;
	}
	if (held_valid(n, q))
		return 1;
	/* None, or one of a ring the driver has set up again since. */
	n->rx_held = 0;
	ret = bh_vq_pop(q, &dev->mem, c, &why);
	if (ret < 0) {
		bh_vdev_fail(dev, "receive queue: %s", why);
		return -1;
	}
	if (!ret)
		return 0;
	if (seg_bytes(c, c->num_out, c->num_segs) < BH_VNET_HDR_SIZE) {
		bh_vdev_fail(dev, "receive queue: a buffer with less than the 12-byte "
			     "header the device can write (%llu bytes)",
			     (unsigned long long)seg_bytes(c, c->num_out, c->num_segs));
		return -1;
	}
	n->rx_held = 1;
	n->rx_held_avail = q->last_avail;
	n->rx_held_rings[0] = q->desc;
	n->rx_held_rings[1] = q->driver;
	n->rx_held_rings[2] = q->device;
	return 1;
}

/*
 * Reads one frame into the held chain: 2 when it was delivered, 1 when it
 * was dropped (the chain stays held), 0 when the TAP has nothing, -1 when
 * it failed or the device broke.
 */
static int rx_one(struct bh_vnet *n)
{
	struct bh_vdev *dev = &n->dev;
	const struct bh_vq_chain *c = &n->rx_chain;
	struct iovec iov[IOV_SEGS];
	uint8_t hdr[BH_VNET_HDR_SIZE];
	uint16_t num_buffers = htole16(1);
	unsigned int cnt = 1;
	uint64_t room;
	const char *why;
	ssize_t r;

	iov[0].iov_base = hdr;
	iov[0].iov_len = sizeof(hdr);
	room = span_iov(c, c->num_out, c->num_segs, BH_VNET_HDR_SIZE, iov, &cnt);
	iov[cnt].iov_base = n->overflow;
	iov[cnt].iov_len = sizeof(n->overflow);
	cnt++;
	do
		r = readv(n->fd, iov, cnt);
	while (r < 0 && errno == EINTR);
	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	if (r <= 0) {
		tap_fail(n, r ? strerror(errno) : "end of file");
		return -1;
	}
	if ((uint64_t)r > BH_VNET_HDR_SIZE + room) {
		drop(n, 0, "received frame of %lld bytes dropped: the "
			 "cell's receive buffer holds %llu (no MRG_RXBUF; is the TAP's "
			 "MTU above 1500?)", (long long)(r - BH_VNET_HDR_SIZE),
			 (unsigned long long)room);
		return 1;
	}
	if (r < BH_VNET_HDR_SIZE + ETH_HDR_LEN) {
		drop(n, 0, "received frame of %lld bytes dropped: "
			 "shorter than its header and an Ethernet header", (long long)r);
		return 1;
	}
	if (needs_offload(hdr)) {
		drop(n, 0, "received frame dropped: the TAP left its "
			 "checksum or segmentation to us (flags 0x%x, gso_type 0x%x)",
			 hdr[0], hdr[VNET_HDR_GSO_TYPE]);
		return 1;
	}
	/* No offloads negotiated: flags 0 (spec 5.1.6.4.1), one buffer. */
	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr + VNET_HDR_NUM_BUFFERS, &num_buffers, sizeof(num_buffers));
	span_copy(c, c->num_out, c->num_segs, hdr, sizeof(hdr), 1);
	n->rx_held = 0;
	if (bh_vq_push(&dev->vq[BH_VNET_RX_QUEUE], &dev->mem, c->head, (uint32_t)r, &why)) {
		bh_vdev_fail(dev, "receive queue: %s", why);
		return -1;
	}
	n->rx_frames++;
	return 2;
}

int bh_vnet_want_read(struct bh_vnet *n)
{
	struct bh_vq *q = &n->dev.vq[BH_VNET_RX_QUEUE];

	if (n->tap_failed || !bh_vdev_queue_live(&n->dev, BH_VNET_RX_QUEUE))
		return 0;
	return held_valid(n, q) || rx_posted(n);
}

void bh_vnet_tap_readable(struct bh_vnet *n)
{
	int i, ret, pushed = 0;

	for (i = 0; i < BH_VNET_RX_BATCH && !n->tap_failed; i++) {
		if (rx_get(n) <= 0)
			break;
		ret = rx_one(n);
		if (ret <= 0)
			break;
		if (ret == 2)
			pushed = 1;
	}
	if (pushed)
		bh_vdev_used(&n->dev, BH_VNET_RX_QUEUE);
}

static void net_notify(struct bh_vdev *dev, unsigned int queue)
{
	/* Receive buffers posted: the loop polls the TAP again (want_read). */
	if (queue == BH_VNET_TX_QUEUE)
		tx_drain(to_net(dev));
}

static void net_driver_ok(struct bh_vdev *dev)
{
	/* Frames the driver queued before DRIVER_OK. */
	tx_drain(to_net(dev));
}

static void net_reset(struct bh_vdev *dev)
{
	/* The rings are gone: so is the chain we held. */
	to_net(dev)->rx_held = 0;
}

static const struct bh_vdev_ops net_ops = {
	.device_id = VIRTIO_ID_NET,
	.features = (1ULL << VIRTIO_NET_F_MAC) | (1ULL << VIRTIO_NET_F_STATUS),
	.num_queues = 2,
	.queue_num_max = BH_VNET_QUEUE_SIZE,
	.config_size = NET_CONFIG_SIZE,
	.notify = net_notify,
	.driver_ok = net_driver_ok,
	.reset = net_reset,
};

void bh_vnet_init(struct bh_vnet *n, const char *name, const struct bh_vmem *mem,
		  int fd, unsigned int cell_id, unsigned int index)
{
	uint16_t pairs = htole16(1);
	int flags;

	memset(n, 0, sizeof(*n));
	bh_vdev_init(&n->dev, &net_ops, name, mem);
	n->fd = fd;
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		bh_virtio_logf("%s: cannot make the TAP non-blocking: %s", name,
			       strerror(errno));
	n->mac[0] = 0x02;	/* locally administered, unicast */
	n->mac[1] = 'b';
	n->mac[2] = 'h';
	n->mac[3] = (cell_id >> 8) & 0xff;
	n->mac[4] = cell_id & 0xff;
	n->mac[5] = index & 0xff;
	memcpy(n->dev.config, n->mac, sizeof(n->mac));
	set_link(n, 1);
	memcpy(n->dev.config + NET_CONFIG_MAX_PAIRS, &pairs, sizeof(pairs));
}

int bh_vnet_open_tap(const char *name, char *err, size_t err_len)
{
	struct ifreq ifr;
	int fd, hdr_size = BH_VNET_HDR_SIZE;
	size_t len = name ? strlen(name) : 0;

	if (!len || len >= IFNAMSIZ) {
		snprintf(err, err_len, "TAP interface name \"%s\": 1 to %d characters",
			 name ? name : "", IFNAMSIZ - 1);
		return -1;
	}
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		snprintf(err, err_len, "/dev/net/tun: %s%s", strerror(errno),
			 errno == ENOENT ? " (modprobe tun)" : "");
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
	memcpy(ifr.ifr_name, name, len);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		int e = errno;

		snprintf(err, err_len, "TAP %s: %s%s", name, strerror(e),
			 e == EPERM ? " (needs CAP_NET_ADMIN, or a TAP made for this "
			 "user: ip tuntap add NAME mode tap user USER)" :
			 e == EBUSY ? " (another process has it open)" :
			 e == EINVAL ? " (an interface of that name that is not a "
			 "single-queue TAP?)" : "");
		close(fd);
		return -1;
	}
	if (ioctl(fd, TUNSETVNETHDRSZ, &hdr_size) < 0 ||
	    ioctl(fd, TUNSETOFFLOAD, 0UL) < 0) {
		snprintf(err, err_len, "TAP %s: cannot set the 12-byte virtio header "
			 "without offloads: %s", name, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}
