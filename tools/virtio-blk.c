// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The virtio block device (virtio-blk.h, virtio spec 5.2), as Linux's
 * virtio_blk uses it: a request is a chain of a device-readable header
 * {le32 type, le32 ioprio, le64 sector}, the data (device-readable for a
 * write, device-writable for a read) and one device-writable status byte,
 * the chain's last byte. With VERSION_1 the driver may lay these out over
 * the descriptors as it likes, so the device sees the readable and the
 * writable part of a chain each as one stream of bytes: the header is the
 * first 16 readable bytes, the status the last writable one.
 *
 * Every request is done and pushed at once, in order (synchronous I/O on
 * the file): used->idx is the count of avail entries consumed, which a
 * restarted backend relies on (bh_vq_resume()). A request the old backend
 * was killed in the middle of is done again, which for a read or a write
 * of the same data is harmless.
 *
 * All data moves between the file and the pool with pread/pwrite on the
 * segments bh_vq_pop() translated; nothing else of the cell's memory is
 * reachable. The pool is a VM_PFNMAP mapping, so the file must not be
 * opened O_DIRECT (pinning such pages fails: every request would be IOERR).
 */
#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virtio-blk.h"

#define VIRTIO_ID_BLOCK		2
/* The header: type, ioprio, sector. */
#define BLK_HDR_SIZE		16
/*
 * struct virtio_blk_config up to seg_max (capacity at 0, size_max at 8,
 * unused, seg_max at 12); the rest reads 0.
 */
#define BLK_CONFIG_SIZE		16
#define BLK_CONFIG_SEG_MAX	12
/*
 * Data segments per request, besides the header and the status: without
 * SEG_MAX Linux sends one segment per request, a page with direct I/O from
 * user memory, and pays a whole round trip through root for every 4 KiB.
 */
#define BLK_SEG_MAX		(BH_VBLK_QUEUE_SIZE - 2)

static struct bh_vblk *to_blk(struct bh_vdev *dev)
{
	return (struct bh_vblk *)dev;
}

/* Bytes in segments [first, end) of c. */
static uint64_t seg_bytes(const struct bh_vq_chain *c, unsigned int first,
			  unsigned int end)
{
	uint64_t n = 0;
	unsigned int i;

	for (i = first; i < end; i++)
		n += c->seg[i].len;
	return n;
}

/*
 * Copies len bytes at off of the stream of segments [first, end) to buf
 * (to_chain 0) or from buf into it (to_chain 1). The caller checked that
 * the stream holds them.
 */
static void span_copy(const struct bh_vq_chain *c, unsigned int first,
		      unsigned int end, uint64_t off, void *buf, size_t len,
		      int to_chain)
{
	uint8_t *p = buf;
	unsigned int i;

	for (i = first; i < end && len; i++) {
		const struct bh_vq_seg *s = &c->seg[i];
		size_t n;

		if (off >= s->len) {
			off -= s->len;
			continue;
		}
		n = s->len - off;
		if (n > len)
			n = len;
		if (to_chain)
			memcpy(s->addr + off, p, n);
		else
			memcpy(p, s->addr + off, n);
		p += n;
		len -= n;
		off = 0;
	}
}

/* All of [buf, buf + len) from or to the file at pos: 0, or -1 (errno). */
static int rw_full(int fd, uint8_t *buf, size_t len, uint64_t pos, int write)
{
	ssize_t n;

	while (len) {
		if (write)
			n = pwrite(fd, buf, len, pos);
		else
			n = pread(fd, buf, len, pos);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (!n) {
			errno = 0;	/* end of file: short */
			return -1;
		}
		buf += n;
		len -= n;
		pos += n;
	}
	return 0;
}

/*
 * len bytes at off of the stream of segments [first, end) read from (or
 * written to) the file at byte pos: 0, or -1 with errno (0: short).
 */
static int span_io(struct bh_vblk *b, unsigned int first, unsigned int end,
		   uint64_t off, uint64_t len, uint64_t pos, int write)
{
	const struct bh_vq_chain *c = &b->chain;
	unsigned int i;

	for (i = first; i < end && len; i++) {
		const struct bh_vq_seg *s = &c->seg[i];
		uint64_t n;

		if (off >= s->len) {
			off -= s->len;
			continue;
		}
		n = s->len - off;
		if (n > len)
			n = len;
		if (rw_full(b->fd, s->addr + off, n, pos, write))
			return -1;
		pos += n;
		len -= n;
		off = 0;
	}
	return 0;
}

/*
 * A failed request worth a line in the log (the file failed, or the driver
 * broke the request format; not a request beyond the disk, which the
 * cell's kernel reports itself): the 1st, 10th, 100th, ... of them.
 */
static void log_error(struct bh_vblk *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void log_error(struct bh_vblk *b, const char *fmt, ...)
{
	uint64_t n = ++b->logged_errors;
	char why[256];
	va_list ap;

	while (n >= 10 && n % 10 == 0)
		n /= 10;
	if (n != 1)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	bh_virtio_logf("%s: %s (%llu such failures so far; logged at 1, 10, 100, ...)",
		       b->dev.name, why, (unsigned long long)b->logged_errors);
}

/* Whether [sector, sector + len bytes) lies within the disk. */
static int in_bounds(const struct bh_vblk *b, uint64_t sector, uint64_t len)
{
	return sector <= b->capacity &&
		len / BH_VBLK_SECTOR_SIZE <= b->capacity - sector;
}

static const char *io_why(void)
{
	return errno ? strerror(errno) : "short (beyond the end of the file)";
}

/*
 * Does the request in b->chain; returns its status and sets *written to
 * the bytes of data written into the chain (the status byte not counted).
 */
static uint8_t do_request(struct bh_vblk *b, uint64_t *written)
{
	const struct bh_vq_chain *c = &b->chain;
	uint64_t out_len = seg_bytes(c, 0, c->num_out);
	/* The last writable byte is the status. */
	uint64_t in_len = seg_bytes(c, c->num_out, c->num_segs) - 1;
	uint8_t hdr[BLK_HDR_SIZE];
	uint32_t type, t32;
	uint64_t sector, len, s64;

	*written = 0;
	if (out_len < BLK_HDR_SIZE) {
		log_error(b, "a request of %llu readable bytes, without its %u-byte "
			  "header: IOERR", (unsigned long long)out_len, BLK_HDR_SIZE);
		return VIRTIO_BLK_S_IOERR;
	}
	span_copy(c, 0, c->num_out, 0, hdr, sizeof(hdr), 0);
	memcpy(&t32, hdr, 4);
	memcpy(&s64, hdr + 8, 8);
	type = le32toh(t32);
	sector = le64toh(s64);

	switch (type) {
	case VIRTIO_BLK_T_IN:
		len = in_len;
		if (len % BH_VBLK_SECTOR_SIZE || !in_bounds(b, sector, len))
			return VIRTIO_BLK_S_IOERR;
		if (span_io(b, c->num_out, c->num_segs, 0, len,
			    sector * BH_VBLK_SECTOR_SIZE, 0)) {
			log_error(b, "read of %llu bytes at sector %llu: %s",
				  (unsigned long long)len, (unsigned long long)sector,
				  io_why());
			return VIRTIO_BLK_S_IOERR;
		}
		*written = len;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_OUT:
		len = out_len - BLK_HDR_SIZE;
		if (b->read_only || len % BH_VBLK_SECTOR_SIZE || !in_bounds(b, sector, len))
			return VIRTIO_BLK_S_IOERR;
		if (span_io(b, 0, c->num_out, BLK_HDR_SIZE, len,
			    sector * BH_VBLK_SECTOR_SIZE, 1)) {
			log_error(b, "write of %llu bytes at sector %llu: %s",
				  (unsigned long long)len, (unsigned long long)sector,
				  io_why());
			return VIRTIO_BLK_S_IOERR;
		}
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_FLUSH:
		if (fdatasync(b->fd) && errno != EINVAL && errno != EROFS) {
			log_error(b, "flush: %s", strerror(errno));
			return VIRTIO_BLK_S_IOERR;
		}
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_GET_ID:
		len = in_len < BH_VBLK_ID_BYTES ? in_len : BH_VBLK_ID_BYTES;
		span_copy(c, c->num_out, c->num_segs, 0, b->serial, len, 1);
		*written = len;
		return VIRTIO_BLK_S_OK;
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

static void blk_notify(struct bh_vdev *dev, unsigned int queue)
{
	struct bh_vblk *b = to_blk(dev);
	struct bh_vq *q = &dev->vq[0];
	struct bh_vq_chain *c = &b->chain;
	const char *why;
	uint64_t written;
	uint8_t status;
	int pushed = 0, ret;

	if (queue)
		return;
	while (bh_vdev_queue_live(dev, 0)) {
		ret = bh_vq_pop(q, &dev->mem, c, &why);
		if (ret < 0) {
			bh_vdev_fail(dev, "request queue: %s", why);
			break;
		}
		if (!ret)
			break;
		if (c->num_out == c->num_segs) {
			bh_vdev_fail(dev, "request queue: a request without a device-writable "
				     "status byte");
			break;
		}
		b->requests++;
		status = do_request(b, &written);
		if (status != VIRTIO_BLK_S_OK)
			b->errors++;
		span_copy(c, c->num_out, c->num_segs,
			  seg_bytes(c, c->num_out, c->num_segs) - 1, &status, 1, 1);
		/* Overlapping segments can add up beyond 32 bits. */
		written = written < UINT32_MAX ? written + 1 : UINT32_MAX;
		if (bh_vq_push(q, &dev->mem, c->head, (uint32_t)written, &why)) {
			bh_vdev_fail(dev, "request queue: %s", why);
			break;
		}
		pushed = 1;
	}
	if (pushed)
		bh_vdev_used(dev, 0);
}

#define BLK_OPS(ro) {							\
	.device_id = VIRTIO_ID_BLOCK,					\
	.features = (1ULL << VIRTIO_BLK_F_FLUSH) |			\
		(1ULL << VIRTIO_BLK_F_SEG_MAX) |			\
		((ro) ? 1ULL << VIRTIO_BLK_F_RO : 0),			\
	.num_queues = 1,						\
	.queue_num_max = BH_VBLK_QUEUE_SIZE,				\
	.config_size = BLK_CONFIG_SIZE,					\
	.notify = blk_notify,						\
	/* Requests are done at once: nothing pending at DRIVER_OK or reset. */ \
	.driver_ok = NULL,						\
	.reset = NULL,							\
}

static const struct bh_vdev_ops blk_ops = BLK_OPS(0);
static const struct bh_vdev_ops blk_ro_ops = BLK_OPS(1);

int bh_vblk_init(struct bh_vblk *b, const char *name, const struct bh_vmem *mem,
		 int fd, int read_only, unsigned int cell_id, unsigned int index,
		 char *err, size_t err_len)
{
	struct stat st;
	off_t size;
	uint64_t cap;
	uint32_t seg_max;
	char serial[BH_VBLK_ID_BYTES + 16];
	size_t len;

	memset(b, 0, sizeof(*b));
	if (fstat(fd, &st)) {
		snprintf(err, err_len, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		snprintf(err, err_len, "not a regular file or a block device");
		return -1;
	}
	size = lseek(fd, 0, SEEK_END);
	if (size < 0) {
		snprintf(err, err_len, "cannot find its size: %s", strerror(errno));
		return -1;
	}
	bh_vdev_init(&b->dev, read_only ? &blk_ro_ops : &blk_ops, name, mem);
	b->fd = fd;
	b->read_only = !!read_only;
	b->capacity = (uint64_t)size / BH_VBLK_SECTOR_SIZE;
	if ((uint64_t)size % BH_VBLK_SECTOR_SIZE)
		bh_virtio_logf("%s: the last %llu bytes are not a whole 512-byte sector: "
			       "the cell does not see them", name,
			       (unsigned long long)((uint64_t)size % BH_VBLK_SECTOR_SIZE));
	cap = htole64(b->capacity);
	memcpy(b->dev.config, &cap, sizeof(cap));
	seg_max = htole32(BLK_SEG_MAX);
	memcpy(b->dev.config + BLK_CONFIG_SEG_MAX, &seg_max, sizeof(seg_max));
	/* Exactly 20 bytes, NUL only as padding (virtio spec 5.2.6). */
	len = snprintf(serial, sizeof(serial), "bulkhead-%u-%u", cell_id, index);
	memcpy(b->serial, serial, len < sizeof(b->serial) ? len : sizeof(b->serial));
	return 0;
}
