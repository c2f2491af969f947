// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The block and network devices of root's virtio backend
 * (tools/virtio-blk.c, tools/virtio-net.c) without a machine: a fake pool
 * stands in for the cell's virtio pool, and the tests drive the register
 * file directly the way Linux's virtio_mmio, virtio_blk and virtio_net do.
 * The disk is a temporary file; the TAP is one end of a
 * socketpair(AF_UNIX, SOCK_DGRAM), which has a TAP's "one read, one frame"
 * semantics, so no root and no tun device are needed.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../tools/virtio-blk.h"
#include "../../tools/virtio-net.h"
#include "test.h"

#define POOL_GPA	0x90000000ULL
#define POOL_SIZE	(128 * 1024)
#define QSIZE		16
#define CELL		5
/* Where the fake driver puts things in the pool. */
#define Q0_RINGS	0x0000
#define Q1_RINGS	0x1000
#define BUFS		0x4000
#define DISK_SECTORS	64

static uint8_t pool[POOL_SIZE] __attribute__((aligned(4096)));
static struct bh_vblk blk;
static struct bh_vnet net;
static struct bh_vdev *dut;		/* the device the driver talks to */
static char last_log[512];

static void catch_log(const char *msg)
{
	snprintf(last_log, sizeof(last_log), "%s", msg);
}

static const struct bh_vmem test_mem = { pool, POOL_GPA, POOL_SIZE };

static void expect_eq(const char *what, uint64_t got, uint64_t want)
{
	if (got != want)
		test_fail("%s: 0x%llx, expected 0x%llx", what, (unsigned long long)got,
			  (unsigned long long)want);
}

static void expect_log(const char *text)
{
	if (!strstr(last_log, text))
		test_fail("expected a message with \"%s\", got \"%s\"", text, last_log);
	last_log[0] = 0;
}

/* The fake driver: registers, rings, buffers. */

static uint32_t rd(unsigned int offset)
{
	return bh_vdev_read(dut, offset, 4);
}

static void wr(unsigned int offset, uint32_t value)
{
	bh_vdev_write(dut, offset, 4, value);
}

static uint32_t cfg(unsigned int offset, unsigned int size)
{
	return bh_vdev_read(dut, VIRTIO_MMIO_CONFIG + offset, size);
}

struct gq {
	unsigned int index;
	uint64_t desc, avail, used;	/* guest-physical */
	uint16_t avail_idx, next_desc, last_used;
};

static void *gp(uint64_t gpa)
{
	return pool + (gpa - POOL_GPA);
}

static void put16(uint64_t gpa, uint16_t v)
{
	v = htole16(v);
	memcpy(gp(gpa), &v, 2);
}

static uint16_t get16(uint64_t gpa)
{
	uint16_t v;

	memcpy(&v, gp(gpa), 2);
	return le16toh(v);
}

static uint32_t get32(uint64_t gpa)
{
	uint32_t v;

	memcpy(&v, gp(gpa), 4);
	return le32toh(v);
}

static void put_desc(struct gq *q, unsigned int i, uint64_t addr, uint32_t len,
		     uint16_t flags, uint16_t next)
{
	uint8_t *d = gp(q->desc + 16 * i);

	addr = htole64(addr);
	len = htole32(len);
	flags = htole16(flags);
	next = htole16(next);
	memcpy(d, &addr, 8);
	memcpy(d + 8, &len, 4);
	memcpy(d + 12, &flags, 2);
	memcpy(d + 14, &next, 2);
}

static void publish(struct gq *q, uint16_t head)
{
	put16(q->avail + 4 + 2 * (q->avail_idx % QSIZE), head);
	q->avail_idx++;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	put16(q->avail + 2, q->avail_idx);
}

/* One descriptor of a chain: pool offset, length, device-writable. */
struct seg {
	uint32_t off, len;
	int writable;
};

/* Makes a chain of consecutive descriptors available; returns its head. */
static uint16_t add_chain(struct gq *q, const struct seg *s, unsigned int n)
{
	uint16_t head = q->next_desc % QSIZE;
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint16_t d = q->next_desc++ % QSIZE;

		put_desc(q, d, POOL_GPA + s[i].off, s[i].len,
			 (s[i].writable ? 2 : 0) | (i + 1 < n ? 1 : 0),
			 q->next_desc % QSIZE);
	}
	publish(q, head);
	return head;
}

static void setup_queue(struct gq *q, unsigned int index, unsigned int rings,
			uint32_t num_max)
{
	q->index = index;
	q->desc = POOL_GPA + rings;
	q->avail = q->desc + 16 * QSIZE;
	q->used = q->desc + 0x800;
	q->avail_idx = q->next_desc = q->last_used = 0;
	wr(VIRTIO_MMIO_QUEUE_SEL, index);
	expect_eq("QueueReady before setup", rd(VIRTIO_MMIO_QUEUE_READY), 0);
	expect_eq("QueueNumMax", rd(VIRTIO_MMIO_QUEUE_NUM_MAX), num_max);
	wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)q->desc);
	wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, q->desc >> 32);
	wr(VIRTIO_MMIO_QUEUE_AVAIL_LOW, (uint32_t)q->avail);
	wr(VIRTIO_MMIO_QUEUE_AVAIL_HIGH, q->avail >> 32);
	wr(VIRTIO_MMIO_QUEUE_USED_LOW, (uint32_t)q->used);
	wr(VIRTIO_MMIO_QUEUE_USED_HIGH, q->used >> 32);
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	expect_eq("QueueReady after setup", rd(VIRTIO_MMIO_QUEUE_READY), 1);
}

/*
 * Probe and negotiation up to FEATURES_OK, as virtio_mmio and virtio do:
 * the device must offer exactly features (low word), and the driver takes
 * accept of them with VERSION_1 and ACCESS_PLATFORM.
 */
static void negotiate(uint32_t device_id, uint32_t features, uint32_t accept)
{
	expect_eq("MagicValue", rd(VIRTIO_MMIO_MAGIC_VALUE), 0x74726976);
	expect_eq("Version", rd(VIRTIO_MMIO_VERSION), 2);
	expect_eq("DeviceID", rd(VIRTIO_MMIO_DEVICE_ID), device_id);
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	expect_eq("DeviceFeatures[1]", rd(VIRTIO_MMIO_DEVICE_FEATURES), 3);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	expect_eq("DeviceFeatures[0]", rd(VIRTIO_MMIO_DEVICE_FEATURES), features);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, 3);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, accept);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
	   VIRTIO_STATUS_FEATURES_OK);
	if (!(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK))
		test_fail("FEATURES_OK did not persist: %s", last_log);
}

static void driver_ok(void)
{
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
	   VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
	expect_eq("Status after DRIVER_OK", rd(VIRTIO_MMIO_STATUS), 0xf);
}

/* The next used entry of q: its length, or -1 when there is none. */
static int64_t used(struct gq *q, uint16_t *id)
{
	uint64_t e;

	if (get16(q->used + 2) == q->last_used)
		return -1;
	e = q->used + 4 + 8 * (q->last_used++ % QSIZE);
	if (id)
		*id = get32(e);
	return get32(e + 4);
}

/* vm_interrupt: read InterruptStatus, ACK it. */
static uint32_t interrupt(void)
{
	uint32_t isr;

	if (!bh_vdev_take_irq(dut))
		return 0;
	isr = rd(VIRTIO_MMIO_INTERRUPT_STATUS);
	wr(VIRTIO_MMIO_INTERRUPT_ACK, isr);
	return isr;
}

static void expect_broken(const char *text)
{
	if (!(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET))
		test_fail("no DEVICE_NEEDS_RESET (%s)", text);
	expect_eq("interrupt: config change", interrupt(), VIRTIO_MMIO_INT_CONFIG);
	expect_log(text);
}

/* Block device. */

/* Pool offsets of a request's parts. */
#define BLK_HDR		(BUFS + 0x0000)
#define BLK_STATUS	(BUFS + 0x0100)
#define BLK_DATA	(BUFS + 0x1000)

static char disk_path[64];
static int disk_fd = -1;

/* A temporary disk of DISK_SECTORS zeroed sectors. */
static int make_disk(void)
{
	strcpy(disk_path, "/tmp/bh-test-virtio-disk.XXXXXX");
	disk_fd = mkstemp(disk_path);
	if (disk_fd < 0) {
		test_fail("mkstemp: %s", strerror(errno));
		return -1;
	}
	unlink(disk_path);
	if (ftruncate(disk_fd, DISK_SECTORS * 512)) {
		test_fail("ftruncate: %s", strerror(errno));
		close(disk_fd);
		return -1;
	}
	return 0;
}

static void drop_disk(void)
{
	close(disk_fd);
	disk_fd = -1;
}

static struct gq blkq;

/* A disk, its device, and virtio_blk's probe; 0 when all went well. */
static int blk_probe(int read_only)
{
	char err[128];

	memset(pool, 0, sizeof(pool));
	last_log[0] = 0;
	bh_virtio_log = catch_log;
	if (make_disk())
		return -1;
	if (bh_vblk_init(&blk, "test disk", &test_mem, disk_fd, read_only, CELL, 1,
			 err, sizeof(err))) {
		test_fail("bh_vblk_init: %s", err);
		drop_disk();
		return -1;
	}
	dut = &blk.dev;
	negotiate(2, (1u << VIRTIO_BLK_F_FLUSH) | (read_only ? 1u << VIRTIO_BLK_F_RO : 0),
		  (1u << VIRTIO_BLK_F_FLUSH) | (read_only ? 1u << VIRTIO_BLK_F_RO : 0));
	setup_queue(&blkq, 0, Q0_RINGS, BH_VBLK_QUEUE_SIZE);
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	expect_eq("QueueNumMax of queue 1", rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
	driver_ok();
	return 0;
}

static void put_hdr(uint32_t type, uint64_t sector)
{
	uint32_t t = htole32(type), prio = 0;
	uint64_t s = htole64(sector);

	memcpy(pool + BLK_HDR, &t, 4);
	memcpy(pool + BLK_HDR + 4, &prio, 4);
	memcpy(pool + BLK_HDR + 8, &s, 8);
}

/*
 * One request as virtio_blk makes it: header, data (len 0: none), status.
 * Returns the status byte and sets *used_len (-1: not completed).
 */
static int blk_request(uint32_t type, uint64_t sector, uint32_t len, int writable,
		       int64_t *used_len)
{
	struct seg s[3] = {
		{ BLK_HDR, 16, 0 },
		{ BLK_DATA, len, writable },
		{ BLK_STATUS, 1, 1 },
	};
	uint16_t head, id = 0xffff;

	put_hdr(type, sector);
	pool[BLK_STATUS] = 0xee;
	if (len) {
		head = add_chain(&blkq, s, 3);
	} else {
		s[1] = s[2];
		head = add_chain(&blkq, s, 2);
	}
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	*used_len = used(&blkq, &id);
	if (*used_len >= 0)
		expect_eq("used id", id, head);
	return pool[BLK_STATUS];
}

static void fill(uint8_t *p, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(i * 31 + seed + i / 253);
}

TEST(virtio_blk_probe_and_capacity)
{
	uint64_t cap;

	if (blk_probe(0))
		return;
	/* virtio_cread64: two 32-bit reads. */
	cap = cfg(0, 4) | (uint64_t)cfg(4, 4) << 32;
	expect_eq("capacity", cap, DISK_SECTORS);
	expect_eq("config past capacity", cfg(8, 4), 0);
	expect_eq("interrupt after probe", interrupt(), 0);
	drop_disk();
	/* Read-only: VIRTIO_BLK_F_RO offered too. */
	if (blk_probe(1))
		return;
	expect_eq("capacity (read-only)", cfg(0, 4), DISK_SECTORS);
	drop_disk();
}

TEST(virtio_blk_write_and_read_back)
{
	uint8_t pattern[3 * 512], back[3 * 512];
	int64_t len;

	if (blk_probe(0))
		return;
	fill(pattern, sizeof(pattern), 7);
	memcpy(pool + BLK_DATA, pattern, sizeof(pattern));
	expect_eq("write status", blk_request(VIRTIO_BLK_T_OUT, 10, sizeof(pattern), 0,
					      &len), VIRTIO_BLK_S_OK);
	expect_eq("write used length (the status byte)", len, 1);
	expect_eq("interrupt after the write", interrupt(), VIRTIO_MMIO_INT_VRING);
	if (pread(disk_fd, back, sizeof(back), 10 * 512) != sizeof(back) ||
	    memcmp(back, pattern, sizeof(back)))
		test_fail("the file does not hold the written sectors");
	memset(pool + BLK_DATA, 0, sizeof(pattern));
	expect_eq("read status", blk_request(VIRTIO_BLK_T_IN, 10, sizeof(pattern), 1,
					     &len), VIRTIO_BLK_S_OK);
	expect_eq("read used length (data and status)", len, sizeof(pattern) + 1);
	if (memcmp(pool + BLK_DATA, pattern, sizeof(pattern)))
		test_fail("read back other data than written");
	/* The last sector is in range; a sector not written reads zero. */
	memset(pool + BLK_DATA, 0xaa, 512);
	expect_eq("read of the last sector", blk_request(VIRTIO_BLK_T_IN,
		  DISK_SECTORS - 1, 512, 1, &len), VIRTIO_BLK_S_OK);
	expect_eq("zeroes", pool[BLK_DATA] | pool[BLK_DATA + 511], 0);
	expect_eq("requests", blk.requests, 3);
	drop_disk();
}

TEST(virtio_blk_any_layout)
{
	static const struct seg write_chain[] = {
		/* header and the first sector in one descriptor */
		{ BLK_DATA + 0x2000, 16 + 512, 0 },
		{ BLK_DATA + 0x800, 512, 0 },
		{ BLK_STATUS, 1, 1 },
	};
	static const struct seg read_chain[] = {
		{ BLK_HDR, 16, 0 },
		{ BLK_DATA, 700, 1 },
		/* the rest of the data and the status in one descriptor */
		{ BLK_DATA + 0x800, 1024 - 700 + 1, 1 },
	};
	uint8_t pattern[1024];

	if (blk_probe(0))
		return;
	fill(pattern, sizeof(pattern), 3);
	put_hdr(VIRTIO_BLK_T_OUT, 20);
	memcpy(pool + BLK_DATA + 0x2000, pool + BLK_HDR, 16);
	memcpy(pool + BLK_DATA + 0x2000 + 16, pattern, 512);
	memcpy(pool + BLK_DATA + 0x800, pattern + 512, 512);
	pool[BLK_STATUS] = 0xee;
	add_chain(&blkq, write_chain, 3);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_eq("write used", used(&blkq, NULL), 1);
	expect_eq("write status", pool[BLK_STATUS], VIRTIO_BLK_S_OK);
	put_hdr(VIRTIO_BLK_T_IN, 20);
	memset(pool + BLK_DATA, 0, 0x1000);
	add_chain(&blkq, read_chain, 3);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_eq("read used", used(&blkq, NULL), 1025);
	expect_eq("read status (the chain's last byte)", pool[BLK_DATA + 0x800 + 324],
		  VIRTIO_BLK_S_OK);
	if (memcmp(pool + BLK_DATA, pattern, 700) ||
	    memcmp(pool + BLK_DATA + 0x800, pattern + 700, 324))
		test_fail("data spread over descriptors read back wrong");
	drop_disk();
}

TEST(virtio_blk_bounds_and_errors)
{
	uint8_t back[512];
	int64_t len;

	if (blk_probe(0))
		return;
	expect_eq("read running past the end", blk_request(VIRTIO_BLK_T_IN,
		  DISK_SECTORS - 1, 1024, 1, &len), VIRTIO_BLK_S_IOERR);
	expect_eq("used length of an error", len, 1);
	expect_eq("read starting past the end", blk_request(VIRTIO_BLK_T_IN,
		  DISK_SECTORS, 512, 1, &len), VIRTIO_BLK_S_IOERR);
	expect_eq("write past the end", blk_request(VIRTIO_BLK_T_OUT,
		  DISK_SECTORS, 512, 0, &len), VIRTIO_BLK_S_IOERR);
	/* sector * 512 wraps around 64 bits */
	expect_eq("read at a huge sector", blk_request(VIRTIO_BLK_T_IN,
		  0x0080000000000000ULL, 512, 1, &len), VIRTIO_BLK_S_IOERR);
	expect_eq("read at the last sector number", blk_request(VIRTIO_BLK_T_IN,
		  ~0ULL, 512, 1, &len), VIRTIO_BLK_S_IOERR);
	expect_eq("data not a multiple of 512", blk_request(VIRTIO_BLK_T_OUT, 0, 100, 0,
		  &len), VIRTIO_BLK_S_IOERR);
	if (pread(disk_fd, back, sizeof(back), 0) != sizeof(back) || back[0] || back[99])
		test_fail("a refused write changed the file");
	expect_eq("flush", blk_request(VIRTIO_BLK_T_FLUSH, 0, 0, 0, &len),
		  VIRTIO_BLK_S_OK);
	expect_eq("flush used length", len, 1);
	expect_eq("discard (not offered)", blk_request(11, 0, 16, 0, &len),
		  VIRTIO_BLK_S_UNSUPP);
	expect_eq("type 0x12345678", blk_request(0x12345678, 0, 0, 0, &len),
		  VIRTIO_BLK_S_UNSUPP);
	/* The disk file lost its end after the capacity was read: short read. */
	if (ftruncate(disk_fd, 8 * 512))
		test_fail("ftruncate: %s", strerror(errno));
	expect_eq("read beyond the file's end", blk_request(VIRTIO_BLK_T_IN, 8, 512, 1,
		  &len), VIRTIO_BLK_S_IOERR);
	expect_log("short");
	expect_eq("errors counted", blk.errors, 9);
	/* The device goes on working. */
	expect_eq("status", rd(VIRTIO_MMIO_STATUS), 0xf);
	expect_eq("read after the errors", blk_request(VIRTIO_BLK_T_IN, 0, 512, 1,
		  &len), VIRTIO_BLK_S_OK);
	drop_disk();
}

TEST(virtio_blk_get_id)
{
	int64_t len;

	if (blk_probe(0))
		return;
	memset(pool + BLK_DATA, 0xff, 20);
	expect_eq("GET_ID", blk_request(VIRTIO_BLK_T_GET_ID, 0, 20, 1, &len),
		  VIRTIO_BLK_S_OK);
	expect_eq("GET_ID used length", len, 21);
	if (memcmp(pool + BLK_DATA, "bulkhead-5-1\0\0\0\0\0\0\0\0", 20))
		test_fail("serial \"%.20s\"", (char *)pool + BLK_DATA);
	drop_disk();
}

TEST(virtio_blk_read_only)
{
	uint8_t back[512];
	int64_t len;

	if (blk_probe(1))
		return;
	if (pwrite(disk_fd, "disk", 4, 512) != 4)
		test_fail("pwrite: %s", strerror(errno));
	memset(pool + BLK_DATA, 'x', 512);
	expect_eq("write to a read-only disk", blk_request(VIRTIO_BLK_T_OUT, 1, 512, 0,
		  &len), VIRTIO_BLK_S_IOERR);
	if (pread(disk_fd, back, sizeof(back), 512) != sizeof(back) ||
	    memcmp(back, "disk", 4))
		test_fail("a write to a read-only disk changed the file");
	expect_eq("read of a read-only disk", blk_request(VIRTIO_BLK_T_IN, 1, 512, 1,
		  &len), VIRTIO_BLK_S_OK);
	if (memcmp(pool + BLK_DATA, "disk", 4))
		test_fail("read \"%.4s\"", (char *)pool + BLK_DATA);
	expect_eq("flush of a read-only disk", blk_request(VIRTIO_BLK_T_FLUSH, 0, 0, 0,
		  &len), VIRTIO_BLK_S_OK);
	drop_disk();
}

TEST(virtio_blk_malformed_requests)
{
	static const struct seg no_status[] = {
		{ BLK_HDR, 16, 0 }, { BLK_DATA, 512, 0 },
	};
	static const struct seg short_header[] = {
		{ BLK_HDR, 8, 0 }, { BLK_STATUS, 1, 1 },
	};
	static const struct seg no_header[] = {
		{ BLK_DATA, 512, 1 }, { BLK_STATUS, 1, 1 },
	};
	static const struct seg readable_after_status[] = {
		{ BLK_HDR, 16, 0 }, { BLK_STATUS, 1, 1 }, { BLK_DATA, 512, 0 },
	};

	/* The status byte missing: no answer possible, the device breaks. */
	if (blk_probe(0))
		return;
	put_hdr(VIRTIO_BLK_T_OUT, 0);
	add_chain(&blkq, no_status, 2);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_broken("status byte");
	expect_eq("used entry of a request without status", used(&blkq, NULL),
		  (uint64_t)-1);
	/* The driver resets the device and sets it up again: it works. */
	wr(VIRTIO_MMIO_STATUS, 0);
	memset(pool, 0, BUFS);
	negotiate(2, 1u << VIRTIO_BLK_F_FLUSH, 1u << VIRTIO_BLK_F_FLUSH);
	setup_queue(&blkq, 0, Q0_RINGS, BH_VBLK_QUEUE_SIZE);
	driver_ok();
	{
		int64_t len;

		expect_eq("read after the reset", blk_request(VIRTIO_BLK_T_IN, 0, 512, 1,
			  &len), VIRTIO_BLK_S_OK);
	}
	/* A header of 8 bytes: IOERR. */
	pool[BLK_STATUS] = 0xee;
	add_chain(&blkq, short_header, 2);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_eq("used length of a short header", used(&blkq, NULL), 1);
	expect_eq("status of a short header", pool[BLK_STATUS], VIRTIO_BLK_S_IOERR);
	expect_log("header");
	/* No readable part at all: IOERR. */
	pool[BLK_STATUS] = 0xee;
	add_chain(&blkq, no_header, 2);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_eq("used length without a header", used(&blkq, NULL), 1);
	expect_eq("status without a header", pool[BLK_STATUS], VIRTIO_BLK_S_IOERR);
	/* A readable descriptor after the status: the queue code refuses. */
	expect_eq("interrupt for the answered requests", interrupt(),
		  VIRTIO_MMIO_INT_VRING);
	put_hdr(VIRTIO_BLK_T_IN, 0);
	add_chain(&blkq, readable_after_status, 3);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_broken("readable buffer follows");
	drop_disk();

	/* The only descriptor readable: no status byte either. */
	if (blk_probe(0))
		return;
	put_hdr(VIRTIO_BLK_T_FLUSH, 0);
	add_chain(&blkq, no_status, 1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_broken("status byte");
	drop_disk();

	/* Data outside the pool. */
	if (blk_probe(0))
		return;
	put_hdr(VIRTIO_BLK_T_IN, 0);
	put_desc(&blkq, 0, POOL_GPA + BLK_HDR, 16, 1, 1);
	put_desc(&blkq, 1, POOL_GPA + POOL_SIZE - 256, 512, 2 | 1, 2);
	put_desc(&blkq, 2, POOL_GPA + BLK_STATUS, 1, 2, 0);
	publish(&blkq, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_broken("outside the virtio pool");
	drop_disk();
}

TEST(virtio_blk_init_refuses_other_files)
{
	char err[128] = "";
	int fd[2];

	if (pipe(fd)) {
		test_fail("pipe: %s", strerror(errno));
		return;
	}
	expect_eq("a pipe as a disk", bh_vblk_init(&blk, "test disk", &test_mem, fd[0],
		  0, CELL, 0, err, sizeof(err)), (uint64_t)-1);
	if (!strstr(err, "not a regular file"))
		test_fail("message \"%s\"", err);
	close(fd[0]);
	close(fd[1]);
}

/* Network device. */

#define NET_RX_BUF	(BUFS + 0x0000)		/* 4 receive buffers, 0x800 apart */
#define NET_TX_BUF	(BUFS + 0x4000)
#define RX_BUF_LEN	(12 + 1518)		/* what virtio_net posts */

static int tap[2] = { -1, -1 };		/* [0] the device's, [1] the network's */
static struct gq rxq, txq;

static int net_probe(void)
{
	memset(pool, 0, sizeof(pool));
	last_log[0] = 0;
	bh_virtio_log = catch_log;
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, tap)) {
		test_fail("socketpair: %s", strerror(errno));
		return -1;
	}
	bh_vnet_init(&net, "test net", &test_mem, tap[0], CELL, 2);
	dut = &net.dev;
	negotiate(1, (1u << VIRTIO_NET_F_MAC) | (1u << VIRTIO_NET_F_STATUS),
		  (1u << VIRTIO_NET_F_MAC) | (1u << VIRTIO_NET_F_STATUS));
	setup_queue(&rxq, 0, Q0_RINGS, BH_VNET_QUEUE_SIZE);
	setup_queue(&txq, 1, Q1_RINGS, BH_VNET_QUEUE_SIZE);
	driver_ok();
	return 0;
}

static void net_done(void)
{
	close(tap[0]);
	close(tap[1]);
	tap[0] = tap[1] = -1;
}

/* A frame of len bytes (destination, source, type, payload). */
static void make_frame(uint8_t *f, size_t len, unsigned int seed)
{
	memset(f, 0xff, 6);
	memcpy(f + 6, "\x02\x00\x00\x00\x00\x01", 6);
	f[12] = 0x08;
	f[13] = 0x00;
	fill(f + 14, len - 14, seed);
}

/* Sends header + frame from the network's end, as the TAP would hand it. */
static void tap_send(const uint8_t *hdr, const uint8_t *frame, size_t len)
{
	uint8_t buf[12 + 2048];

	memcpy(buf, hdr, 12);
	memcpy(buf + 12, frame, len);
	if (send(tap[1], buf, 12 + len, 0) != (ssize_t)(12 + len))
		test_fail("send: %s", strerror(errno));
}

static uint16_t post_rx(unsigned int i, uint32_t len)
{
	struct seg s = { NET_RX_BUF + 0x800 * i, len, 1 };

	memset(pool + s.off, 0xcc, len);
	return add_chain(&rxq, &s, 1);
}

/* What the network's end has: its length, -1 when nothing. */
static ssize_t tap_recv(uint8_t *buf, size_t len)
{
	return recv(tap[1], buf, len, MSG_DONTWAIT);
}

TEST(virtio_net_probe_and_config)
{
	static const uint8_t mac[6] = { 0x02, 0x62, 0x68, 0x00, CELL, 2 };
	unsigned int i;

	if (net_probe())
		return;
	for (i = 0; i < 6; i++)
		expect_eq("MAC byte", cfg(i, 1), mac[i]);
	expect_eq("status: link up", cfg(6, 2), VIRTIO_NET_S_LINK_UP);
	expect_eq("max_virtqueue_pairs", cfg(8, 2), 1);
	wr(VIRTIO_MMIO_QUEUE_SEL, 2);
	expect_eq("QueueNumMax of queue 2 (no control queue)",
		  rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
	expect_eq("want read without receive buffers", bh_vnet_want_read(&net), 0);
	if (!(fcntl(tap[0], F_GETFL) & O_NONBLOCK))
		test_fail("the TAP fd was not made non-blocking");
	net_done();
	/* A cell id above 16 bits keeps its low 16. */
	bh_vnet_init(&net, "test net", &test_mem, -1, 0x12345, 7);
	dut = &net.dev;
	expect_eq("MAC byte 3", cfg(3, 1), 0x23);
	expect_eq("MAC byte 4", cfg(4, 1), 0x45);
	expect_eq("MAC byte 5", cfg(5, 1), 7);
	last_log[0] = 0;
}

TEST(virtio_net_transmit)
{
	static const uint8_t zero[12];
	uint8_t frame[100], got[256];
	struct seg two[2] = { { NET_TX_BUF, 12, 0 }, { NET_TX_BUF + 0x100, 100, 0 } };
	struct seg one = { NET_TX_BUF + 0x400, 12 + 60, 0 };
	uint16_t id, head;

	if (net_probe())
		return;
	make_frame(frame, sizeof(frame), 1);
	/* The header in its own descriptor; num_buffers set by a sloppy driver. */
	memset(pool + NET_TX_BUF, 0, 12);
	pool[NET_TX_BUF + 10] = 1;
	memcpy(pool + NET_TX_BUF + 0x100, frame, sizeof(frame));
	head = add_chain(&txq, two, 2);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("used length", used(&txq, &id), 0);
	expect_eq("used id", id, head);
	expect_eq("interrupt", interrupt(), VIRTIO_MMIO_INT_VRING);
	expect_eq("datagram length", tap_recv(got, sizeof(got)), 12 + sizeof(frame));
	if (memcmp(got, zero, 12) || memcmp(got + 12, frame, sizeof(frame)))
		test_fail("the TAP got another header or frame");
	/* Header and frame in one descriptor (virtio_net's usual layout). */
	memset(pool + one.off, 0, 12);
	make_frame(pool + one.off + 12, 60, 2);
	add_chain(&txq, &one, 1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("used length", used(&txq, NULL), 0);
	expect_eq("datagram length", tap_recv(got, sizeof(got)), 72);
	if (memcmp(got, pool + one.off, 72))
		test_fail("the TAP got another frame");
	expect_eq("frames sent", net.tx_frames, 2);
	/* A frame that needs a checksum (CSUM not offered): dropped, completed. */
	pool[one.off] = 1;
	add_chain(&txq, &one, 1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("used length of a dropped frame", used(&txq, NULL), 0);
	expect_eq("nothing sent", tap_recv(got, sizeof(got)), (uint64_t)-1);
	expect_log("offloads");
	/* Too short for a header and an Ethernet header: dropped. */
	one.len = 12 + 10;
	pool[one.off] = 0;
	add_chain(&txq, &one, 1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("used length of a runt", used(&txq, NULL), 0);
	expect_eq("nothing sent", tap_recv(got, sizeof(got)), (uint64_t)-1);
	expect_eq("frames dropped", net.tx_dropped, 2);
	net_done();
}

TEST(virtio_net_receive)
{
	uint8_t hdr[12], frame[64];
	uint16_t id, head;
	uint16_t nb;
	unsigned int i;

	if (net_probe())
		return;
	/* The TAP's header: DATA_VALID, which the cell did not negotiate. */
	memset(hdr, 0, sizeof(hdr));
	hdr[0] = 2;
	make_frame(frame, sizeof(frame), 9);
	tap_send(hdr, frame, sizeof(frame));
	/* No receive buffer: the TAP is not polled, and not read. */
	expect_eq("want read without buffers", bh_vnet_want_read(&net), 0);
	bh_vnet_tap_readable(&net);
	expect_eq("frames received without buffers", net.rx_frames, 0);
	expect_eq("used without buffers", used(&rxq, NULL), (uint64_t)-1);
	/* A buffer posted: read on the next readable. */
	head = post_rx(0, RX_BUF_LEN);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_eq("nothing read at the notify", used(&rxq, NULL), (uint64_t)-1);
	expect_eq("want read with a buffer", bh_vnet_want_read(&net), 1);
	bh_vnet_tap_readable(&net);
	expect_eq("used length", used(&rxq, &id), 12 + sizeof(frame));
	expect_eq("used id", id, head);
	expect_eq("interrupt", interrupt(), VIRTIO_MMIO_INT_VRING);
	memcpy(&nb, pool + NET_RX_BUF + 10, 2);
	expect_eq("num_buffers", le16toh(nb), 1);
	for (i = 0; i < 10; i++)
		expect_eq("header byte (zero)", pool[NET_RX_BUF + i], 0);
	if (memcmp(pool + NET_RX_BUF + 12, frame, sizeof(frame)))
		test_fail("the frame arrived changed");
	expect_eq("want read after the buffer was used", bh_vnet_want_read(&net), 0);
	/* Buffers posted, nothing to read: the chain is kept for the next frame. */
	head = post_rx(1, RX_BUF_LEN);
	post_rx(2, RX_BUF_LEN);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	bh_vnet_tap_readable(&net);
	expect_eq("used without a frame", used(&rxq, NULL), (uint64_t)-1);
	expect_eq("interrupt without a frame", interrupt(), 0);
	expect_eq("want read with a held buffer", bh_vnet_want_read(&net), 1);
	/* Two frames: both in one call, in order. */
	make_frame(frame, sizeof(frame), 10);
	tap_send(hdr, frame, 60);
	tap_send(hdr, frame, sizeof(frame));
	bh_vnet_tap_readable(&net);
	expect_eq("first frame", used(&rxq, &id), 12 + 60);
	expect_eq("into the buffer posted first", id, head);
	expect_eq("second frame", used(&rxq, &id), 12 + sizeof(frame));
	expect_eq("interrupt", interrupt(), VIRTIO_MMIO_INT_VRING);
	expect_eq("frames received", net.rx_frames, 3);
	net_done();
}

TEST(virtio_net_receive_too_long_or_needing_work)
{
	uint8_t hdr[12], frame[200];
	uint16_t id, head;

	if (net_probe())
		return;
	memset(hdr, 0, sizeof(hdr));
	make_frame(frame, sizeof(frame), 4);
	/* A buffer of 12 + 100 bytes: a 200-byte frame does not fit. */
	head = post_rx(0, 12 + 100);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	tap_send(hdr, frame, sizeof(frame));
	bh_vnet_tap_readable(&net);
	expect_eq("used after a frame too long", used(&rxq, NULL), (uint64_t)-1);
	expect_eq("dropped", net.rx_dropped, 1);
	expect_log("dropped");
	/* A frame that still needs its checksum (NEEDS_CSUM). */
	hdr[0] = 1;
	tap_send(hdr, frame, 60);
	bh_vnet_tap_readable(&net);
	expect_eq("used after a frame needing a checksum", used(&rxq, NULL), (uint64_t)-1);
	expect_eq("dropped", net.rx_dropped, 2);
	/* The next frame that fits gets the same buffer. */
	hdr[0] = 0;
	tap_send(hdr, frame, 100);
	bh_vnet_tap_readable(&net);
	expect_eq("used length", used(&rxq, &id), 112);
	expect_eq("used id", id, head);
	if (memcmp(pool + NET_RX_BUF + 12, frame, 100))
		test_fail("the frame arrived changed");
	net_done();
}

TEST(virtio_net_bad_receive_buffers)
{
	uint16_t id, head;
	uint8_t hdr[12] = { 0 }, frame[60];
	struct seg readable = { NET_RX_BUF, RX_BUF_LEN, 0 };

	/* Less than a header's room: the device breaks. */
	if (net_probe())
		return;
	make_frame(frame, sizeof(frame), 5);
	tap_send(hdr, frame, sizeof(frame));
	post_rx(0, 8);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	bh_vnet_tap_readable(&net);
	expect_broken("12-byte header");
	expect_eq("want read while broken", bh_vnet_want_read(&net), 0);
	net_done();
	/* A receive buffer the device cannot write. */
	if (net_probe())
		return;
	tap_send(hdr, frame, sizeof(frame));
	add_chain(&rxq, &readable, 1);
	bh_vnet_tap_readable(&net);
	expect_broken("12-byte header");
	/* A reset forgets the chain held; a new setup receives. */
	wr(VIRTIO_MMIO_STATUS, 0);
	memset(pool, 0, BUFS);
	negotiate(1, (1u << VIRTIO_NET_F_MAC) | (1u << VIRTIO_NET_F_STATUS), 0);
	setup_queue(&rxq, 0, Q0_RINGS, BH_VNET_QUEUE_SIZE);
	setup_queue(&txq, 1, Q1_RINGS, BH_VNET_QUEUE_SIZE);
	driver_ok();
	head = post_rx(1, RX_BUF_LEN);
	bh_vnet_tap_readable(&net);
	expect_eq("used after the reset", used(&rxq, &id), 12 + sizeof(frame));
	expect_eq("used id", id, head);
	net_done();
}

TEST(virtio_net_held_buffer_across_reset)
{
	uint8_t hdr[12] = { 0 }, frame[60];
	uint16_t id, head;

	if (net_probe())
		return;
	post_rx(3, RX_BUF_LEN);
	bh_vnet_tap_readable(&net);	/* nothing there: buffer 3 held */
	wr(VIRTIO_MMIO_STATUS, 0);
	memset(pool, 0, BUFS);
	negotiate(1, (1u << VIRTIO_NET_F_MAC) | (1u << VIRTIO_NET_F_STATUS), 0);
	setup_queue(&rxq, 0, Q0_RINGS, BH_VNET_QUEUE_SIZE);
	setup_queue(&txq, 1, Q1_RINGS, BH_VNET_QUEUE_SIZE);
	driver_ok();
	expect_eq("want read after a reset", bh_vnet_want_read(&net), 0);
	/* The queue set up again without a device reset (QueueReady 0, 1). */
	head = post_rx(1, RX_BUF_LEN);
	bh_vnet_tap_readable(&net);
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	wr(VIRTIO_MMIO_QUEUE_READY, 0);
	memset(pool, 0, BUFS);
	setup_queue(&rxq, 0, Q0_RINGS, BH_VNET_QUEUE_SIZE);
	head = post_rx(2, RX_BUF_LEN);
	make_frame(frame, sizeof(frame), 6);
	tap_send(hdr, frame, sizeof(frame));
	bh_vnet_tap_readable(&net);
	expect_eq("used length", used(&rxq, &id), 12 + sizeof(frame));
	expect_eq("a chain of the new ring", id, head);
	if (memcmp(pool + NET_RX_BUF + 0x1000 + 12, frame, sizeof(frame)))
		test_fail("the frame is not in the new ring's buffer");
	net_done();
}

TEST(virtio_net_tap_failure_takes_the_link_down)
{
	int fd[2];

	memset(pool, 0, sizeof(pool));
	bh_virtio_log = catch_log;
	if (pipe(fd)) {
		test_fail("pipe: %s", strerror(errno));
		return;
	}
	/* The write end of a pipe cannot be read: EBADF. */
	bh_vnet_init(&net, "test net", &test_mem, fd[1], CELL, 0);
	dut = &net.dev;
	negotiate(1, (1u << VIRTIO_NET_F_MAC) | (1u << VIRTIO_NET_F_STATUS),
		  (1u << VIRTIO_NET_F_MAC) | (1u << VIRTIO_NET_F_STATUS));
	setup_queue(&rxq, 0, Q0_RINGS, BH_VNET_QUEUE_SIZE);
	setup_queue(&txq, 1, Q1_RINGS, BH_VNET_QUEUE_SIZE);
	driver_ok();
	post_rx(0, RX_BUF_LEN);
	expect_eq("want read", bh_vnet_want_read(&net), 1);
	bh_vnet_tap_readable(&net);
	expect_log("TAP failed");
	expect_eq("link status", cfg(6, 2), 0);
	expect_eq("ConfigGeneration", rd(VIRTIO_MMIO_CONFIG_GENERATION), 1);
	expect_eq("interrupt: config change", interrupt(), VIRTIO_MMIO_INT_CONFIG);
	expect_eq("want read after the failure", bh_vnet_want_read(&net), 0);
	expect_eq("used", used(&rxq, NULL), (uint64_t)-1);
	close(fd[0]);
	close(fd[1]);
}
