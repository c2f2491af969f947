// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The fuzzed cell of root's virtio backend (vdrive.h). */
#define _GNU_SOURCE		/* memfd_create */
#include <endian.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "vdrive.h"

#define MAX_OPS		1024

const struct bulkhead_virtio_device vd_devices[VD_DEVICES] = {
	{ .address = 0x0b000000, .irq = 201, .type = BULKHEAD_VIRTIO_CONSOLE },
	{ .address = 0x0b001000, .irq = 202, .type = BULKHEAD_VIRTIO_BLOCK },
	{ .address = 0x0b002000, .irq = 203, .type = BULKHEAD_VIRTIO_NET },
};

void vd_ident(struct bh_vstate_ident *id)
{
	memset(id, 0, sizeof(*id));
	id->cell_id = VD_CELL;
	id->num_devices = VD_DEVICES;
	id->cell_nonce = 0x5eed;
	id->pool_address = VD_POOL_GPA;
	id->pool_size = VD_POOL_SIZE;
	memcpy(id->devices, vd_devices, sizeof(vd_devices));
}

/* The backend's messages: none, or with VDRIVE_LOG=1 on stderr. */
static void quiet(const char *msg)
{
	static int verbose = -1;

	if (verbose < 0)
		verbose = getenv("VDRIVE_LOG") != NULL;
	if (verbose)
		fprintf(stderr, "vdrive: %s\n", msg);
}

static void sink(void *ctx, const uint8_t *data, size_t len)
{
	struct vdrive *vd = ctx;

	FZ_CHECK(data >= vd->pool && len <= VD_POOL_SIZE &&
		 data - vd->pool <= (ptrdiff_t)(VD_POOL_SIZE - len),
		 "console output of %zu bytes from outside the pool", len);
	vd->output += len;
}

void vd_init(struct vdrive *vd)
{
	memset(vd, 0, sizeof(*vd));
	vd->pool = malloc(VD_POOL_SIZE);
	vd->channel = malloc(sizeof(*vd->channel));
	vd->cons = malloc(sizeof(*vd->cons));
	vd->blk = malloc(sizeof(*vd->blk));
	vd->net = malloc(sizeof(*vd->net));
	vd->disk_fd = memfd_create("bulkhead-fuzz-disk", MFD_CLOEXEC);
	if (!vd->pool || !vd->channel || !vd->cons || !vd->blk || !vd->net ||
	    vd->disk_fd < 0 ||
	    socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, vd->tap))
		abort();
	vd->mem.base = vd->pool;
	vd->mem.gpa = VD_POOL_GPA;
	vd->mem.size = VD_POOL_SIZE;
	bh_virtio_log = quiet;
}

static void drain(int fd)
{
	static uint8_t buf[70000];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
}

void vd_reset(struct vdrive *vd, int read_only)
{
	char err[128];

	memset(vd->pool, 0, VD_POOL_SIZE);
	memset(vd->channel, 0, sizeof(*vd->channel));
	memset(vd->q, 0, sizeof(vd->q));
	if (ftruncate(vd->disk_fd, 0) || ftruncate(vd->disk_fd, VD_DISK_SIZE))
		abort();
	drain(vd->tap[0]);
	drain(vd->tap[1]);
	vd->read_only = read_only;
	vd->output = 0;
	vd->restored = 0;
	bh_vcons_init(vd->cons, "fuzz console", &vd->mem, sink, vd);
	if (bh_vblk_init(vd->blk, "fuzz disk", &vd->mem, vd->disk_fd, read_only,
			 VD_CELL, 1, err, sizeof(err)))
		abort();
	bh_vnet_init(vd->net, "fuzz net", &vd->mem, vd->tap[0], VD_CELL, 2);
	vd->devs[0] = &vd->cons->dev;
	vd->devs[1] = &vd->blk->dev;
	vd->devs[2] = &vd->net->dev;
}

/* ---- the guest ---- */

static uint8_t *gpa_ptr(struct vdrive *vd, uint64_t gpa, size_t len)
{
	return gpa >= VD_POOL_GPA && gpa - VD_POOL_GPA <= VD_POOL_SIZE - len ?
	       vd->pool + (gpa - VD_POOL_GPA) : NULL;
}

static void put(struct vdrive *vd, uint64_t gpa, const void *v, size_t len)
{
	uint8_t *p = gpa_ptr(vd, gpa, len);

	if (p)
		memcpy(p, v, len);
}

static void put16(struct vdrive *vd, uint64_t gpa, uint16_t v)
{
	v = htole16(v);
	put(vd, gpa, &v, 2);
}

static uint32_t rd(struct bh_vdev *dev, uint32_t off)
{
	return bh_vdev_read(dev, off, 4);
}

static void wr(struct bh_vdev *dev, uint32_t off, uint32_t v)
{
	bh_vdev_write(dev, off, 4, v);
}

/* One access as the hypervisor passes it through the channel. */
static void access_op(struct vdrive *vd, struct fz *f)
{
	uint8_t cpu = fz_u8(f), cell = fz_u8(f), device = fz_u8(f), size = fz_u8(f);
	uint8_t is_write = fz_u8(f) & 1;
	uint16_t offset = fz_u16(f);
	uint32_t value = fz_u32(f), seq;
	struct bulkhead_virtio_request *s = &vd->channel->slot[cpu % BULKHEAD_MAX_CPUS];
	uint16_t cell_id = cell < 0xf0 ? VD_CELL : cell;
	unsigned int n;

	seq = s->seq + 1;
	s->cell_id = cell_id;
	s->device = device < 0x80 ? device % VD_DEVICES : device;
	s->size = size < 0x80 ? 1 << (size % 3) : size;
	s->offset = offset;
	s->is_write = is_write;
	s->value = value;
	__atomic_store_n(&s->seq, seq, __ATOMIC_RELEASE);
	n = bh_virtio_channel_serve(vd->channel, VD_CELL, vd->devs, VD_DEVICES);
	if (cell_id == VD_CELL) {
		FZ_CHECK(n == 1 && s->done == seq, "a request of the cell not answered");
		if (!is_write && s->size < 4)
			FZ_CHECK(!(s->value >> (8 * s->size)),
				 "a %u-byte read answered 0x%llx", s->size,
				 (unsigned long long)s->value);
	} else {
		FZ_CHECK(!n && s->done != seq, "another cell's request answered");
	}
}

/* virtio_mmio's probe and virtio's feature negotiation. */
static void probe(struct bh_vdev *dev, uint8_t how)
{
	uint32_t lo, hi;

	rd(dev, VIRTIO_MMIO_MAGIC_VALUE);
	rd(dev, VIRTIO_MMIO_VERSION);
	rd(dev, VIRTIO_MMIO_DEVICE_ID);
	wr(dev, VIRTIO_MMIO_STATUS, 0);
	wr(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	hi = rd(dev, VIRTIO_MMIO_DEVICE_FEATURES);
	wr(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	lo = rd(dev, VIRTIO_MMIO_DEVICE_FEATURES);
	if (how & 1)
		hi &= ~(1U << (VIRTIO_F_ACCESS_PLATFORM - 32));
	if (how & 2)
		lo |= 1U << 30;
	wr(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(dev, VIRTIO_MMIO_DRIVER_FEATURES, hi);
	wr(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(dev, VIRTIO_MMIO_DRIVER_FEATURES, lo);
	wr(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
	   VIRTIO_STATUS_FEATURES_OK);
	rd(dev, VIRTIO_MMIO_STATUS);
}

/* vm_setup_vq. */
static void queue_op(struct bh_vdev *dev, struct vd_queue *gq,
		     struct fz *f)
{
	uint8_t index = fz_u8(f), size = fz_u8(f);
	uint16_t off = fz_u16(f);
	uint32_t num = size == 255 ? 0 : 1U << (size % 9);
	struct vd_queue q = { .num = num };

	if (off & 1) {
		q.desc = fz_u32(f);
		q.avail = fz_u32(f);
		q.used = fz_u32(f);
	} else {
		q.desc = VD_POOL_GPA + (off & ~15U);
		q.avail = q.desc + 16ULL * num;
		q.used = (q.avail + 6 + 2ULL * num + 3) & ~3ULL;
	}
	wr(dev, VIRTIO_MMIO_QUEUE_SEL, index);
	rd(dev, VIRTIO_MMIO_QUEUE_READY);
	rd(dev, VIRTIO_MMIO_QUEUE_NUM_MAX);
	wr(dev, VIRTIO_MMIO_QUEUE_NUM, num);
	wr(dev, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)q.desc);
	wr(dev, VIRTIO_MMIO_QUEUE_DESC_HIGH, q.desc >> 32);
	wr(dev, VIRTIO_MMIO_QUEUE_AVAIL_LOW, (uint32_t)q.avail);
	wr(dev, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, q.avail >> 32);
	wr(dev, VIRTIO_MMIO_QUEUE_USED_LOW, (uint32_t)q.used);
	wr(dev, VIRTIO_MMIO_QUEUE_USED_HIGH, q.used >> 32);
	wr(dev, VIRTIO_MMIO_QUEUE_READY, 1);
	if (index < VD_MAX_QUEUES)
		*gq = q;
}

/* A chain on the next free descriptors of a queue, made available. */
static void chain_op(struct vdrive *vd, struct vd_queue *q, struct fz *f)
{
	unsigned int count = fz_u8(f) % 16 + 1, i;
	uint16_t head = q->num ? q->next_desc % q->num : 0, d, flags;
	uint8_t desc[16];
	uint64_t addr;
	uint32_t len;
	uint8_t how;

	for (i = 0; i < count; i++) {
		addr = VD_POOL_GPA + fz_u16(f);
		len = fz_u16(f);
		how = fz_u8(f);
		if (how & 4)
			len = fz_u32(f);
		if (how & 8)
			addr = fz_u32(f);
		if (!q->num)
			continue;
		d = (q->next_desc + i) % q->num;
		flags = (how & 1 ? 2 : 0) | (how & 2 ? 4 : 0) | (i + 1 < count ? 1 : 0);
		addr = htole64(addr);
		len = htole32(len);
		flags = htole16(flags);
		memcpy(desc, &addr, 8);
		memcpy(desc + 8, &len, 4);
		memcpy(desc + 12, &flags, 2);
		put16(vd, q->desc + 16ULL * d + 14, (d + 1) % q->num);
		put(vd, q->desc + 16ULL * d, desc, 14);
	}
	if (!q->num)
		return;
	q->next_desc += count;
	put16(vd, q->avail + 4 + 2ULL * (q->avail_idx % q->num), head);
	q->avail_idx++;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	put16(vd, q->avail + 2, q->avail_idx);
}

/* What the device sent to the TAP: whole frames, each after a zero header. */
static void check_frames(struct vdrive *vd)
{
	static uint8_t frame[BH_VNET_HDR_SIZE + BH_VNET_MAX_FRAME + 1];
	static const uint8_t zero[BH_VNET_HDR_SIZE];
	ssize_t n;

	while ((n = recv(vd->tap[1], frame, sizeof(frame), MSG_DONTWAIT)) >= 0)
		FZ_CHECK(n >= BH_VNET_HDR_SIZE + 14 && n <= BH_VNET_HDR_SIZE + BH_VNET_MAX_FRAME &&
			 !memcmp(frame, zero, sizeof(zero)),
			 "a transmitted frame of %zd bytes, or with a header of the cell's", n);
}

/* The event loop's turn at the TAP. */
static void poll_tap(struct vdrive *vd)
{
	if (bh_vnet_want_read(vd->net))
		bh_vnet_tap_readable(vd->net);
}

void vd_check(struct vdrive *vd)
{
	unsigned int i, q;
	const char *why;
	struct stat st;

	FZ_CHECK(!fstat(vd->disk_fd, &st) && st.st_size == VD_DISK_SIZE,
		 "the disk file has %lld bytes, not %d", (long long)st.st_size,
		 VD_DISK_SIZE);
	for (i = 0; i < VD_DEVICES; i++) {
		struct bh_vdev *dev = vd->devs[i];

		if (!vd->from_state)
			FZ_CHECK(!(dev->status & VIRTIO_STATUS_NEEDS_RESET) == !dev->broken,
				 "%s: status 0x%x, broken %d", dev->name, dev->status,
				 dev->broken);
		for (q = 0; q < dev->ops->num_queues; q++)
			FZ_CHECK(!dev->vq[q].ready || !bh_vq_check(&dev->vq[q], &dev->mem, &why),
				 "%s: queue %u is ready but: %s", dev->name, q, why);
	}
	check_frames(vd);
}

/* A read-only disk stays as it was: zeros. */
static void check_disk(struct vdrive *vd)
{
	static uint8_t buf[VD_DISK_SIZE];
	size_t i;

	if (!vd->read_only)
		return;
	FZ_CHECK(pread(vd->disk_fd, buf, sizeof(buf), 0) == sizeof(buf),
		 "cannot read the disk back");
	for (i = 0; i < sizeof(buf); i++)
		FZ_CHECK(!buf[i], "the read-only disk was written at byte %zu", i);
}

void vd_run(struct vdrive *vd, const uint8_t *prog, size_t len)
{
	struct fz f = { prog, len };
	unsigned int ops = 0;
	const uint8_t *p;
	size_t n;

	while (f.n && ops++ < MAX_OPS) {
		uint8_t op = fz_u8(&f);
		unsigned int d = (op >> 4) % VD_DEVICES;
		struct bh_vdev *dev = vd->devs[d];

		switch (op & 15) {
		case VD_ACCESS:
			access_op(vd, &f);
			break;
		case VD_POOL: {
			uint16_t off = fz_u16(&f);

			p = fz_bytes(&f, fz_u8(&f), &n);
			if (off <= VD_POOL_SIZE - n)
				memcpy(vd->pool + off, p, n);
			break;
		}
		case VD_PROBE:
			probe(dev, fz_u8(&f));
			break;
		case VD_QUEUE: {
			uint8_t index = f.n ? f.p[0] : 0;

			queue_op(dev, &vd->q[d][index % VD_MAX_QUEUES], &f);
			break;
		}
		case VD_DRIVER_OK:
			wr(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE |
			   VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK |
			   VIRTIO_STATUS_DRIVER_OK);
			break;
		case VD_CHAIN:
			chain_op(vd, &vd->q[d][fz_u8(&f) % VD_MAX_QUEUES], &f);
			break;
		case VD_NOTIFY:
			wr(dev, VIRTIO_MMIO_QUEUE_NOTIFY, fz_u8(&f) % 3);
			break;
		case VD_INPUT:
			p = fz_bytes(&f, fz_u8(&f), &n);
			FZ_CHECK(bh_vcons_input(vd->cons, p, n) <= n, "took more input than given");
			break;
		case VD_FRAME:
			p = fz_bytes(&f, fz_u16(&f), &n);
			if (send(vd->tap[1], p, n, MSG_DONTWAIT) < 0 && errno != EAGAIN &&
			    errno != EMSGSIZE && errno != ENOBUFS)
				abort();
			break;
		case VD_RESET:
			wr(dev, VIRTIO_MMIO_STATUS, 0);
			break;
		case VD_IRQ:
			if (bh_vdev_take_irq(dev))
				wr(dev, VIRTIO_MMIO_INTERRUPT_ACK,
				   rd(dev, VIRTIO_MMIO_INTERRUPT_STATUS));
			break;
		case VD_DIRECT: {
			uint8_t size = fz_u8(&f);
			uint16_t off = fz_u16(&f);

			bh_vdev_write(dev, off, size, fz_u32(&f));
			break;
		}
		case VD_RESTORE:
			if (vd->restore && !vd->restored) {
				vd->restored = 1;
				vd->restore(vd);
			}
			break;
		case VD_RESUME:
			bh_vdev_resume(dev);
			break;
		}
		poll_tap(vd);
		vd_check(vd);
	}
	check_disk(vd);
	if (getenv("VDRIVE_LOG"))
		fprintf(stderr, "vdrive: %u operations, %llu bytes of console output, "
			"%llu block requests (%llu failed), %llu frames received, "
			"%llu sent\n", ops, (unsigned long long)vd->output,
			(unsigned long long)vd->blk->requests,
			(unsigned long long)vd->blk->errors,
			(unsigned long long)vd->net->rx_frames,
			(unsigned long long)vd->net->tx_frames);
}
