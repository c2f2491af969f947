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
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../tools/virtio-blk.h"
#include "../../tools/virtio-net.h"
#include "test.h"
#include "virtio-fake.h"

#define DISK_SECTORS	64

static struct bh_vblk blk;
static struct bh_vnet net;

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

/* Whether the disk holds the len bytes of want at offset off. */
static int disk_holds(off_t off, const void *want, size_t len)
{
	uint8_t back[3 * 512];

	return len <= sizeof(back) && pread(disk_fd, back, len, off) == (ssize_t)len &&
	       !memcmp(back, want, len);
}

static void drop_disk(void)
{
	close(disk_fd);
	disk_fd = -1;
}

static struct gq blkq;

/* virtio_blk's probe of the device. */
static void blk_driver(int read_only)
{
	uint32_t features = (1u << VIRTIO_BLK_F_FLUSH) |
			    (1u << VIRTIO_BLK_F_SEG_MAX) |
			    (read_only ? 1u << VIRTIO_BLK_F_RO : 0);

	negotiate_ok(2, features, features);
	setup_queue(&blkq, 0, Q0_RINGS, BH_VBLK_QUEUE_SIZE);
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	expect_eq("QueueNumMax of queue 1", rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
	driver_ok();
}

/* A disk, its device, and virtio_blk's probe; 0 when all went well. */
static int blk_probe(int read_only)
{
	char err[128];

	fake_reset();
	if (make_disk())
		return -1;
	if (bh_vblk_init(&blk, "test disk", &test_mem, disk_fd, read_only, CELL, 1,
			 err, sizeof(err))) {
		test_fail("bh_vblk_init: %s", err);
		drop_disk();
		return -1;
	}
	dut = &blk.dev;
	blk_driver(read_only);
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
 * Makes the chain s available (the status byte at BLK_STATUS set to 0xee
 * first) and notifies; returns the used length, -1 when not completed.
 */
static int64_t blk_submit(const struct seg *s, unsigned int n)
{
	uint16_t head, id = 0xffff;
	int64_t len;

	pool[BLK_STATUS] = 0xee;
	head = add_chain(&blkq, s, n);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	len = used(&blkq, &id);
	if (len >= 0)
		expect_eq("used id", id, head);
	return len;
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

	put_hdr(type, sector);
	if (!len)
		s[1] = s[2];
	*used_len = blk_submit(s, len ? 3 : 2);
	return pool[BLK_STATUS];
}

/* A request of type in chain s that the device cannot answer: it breaks. */
static void blk_broken(uint32_t type, const struct seg *s, unsigned int n,
		       const char *text)
{
	put_hdr(type, 0);
	expect_eq("used entry of a request the device cannot answer",
		  blk_submit(s, n), (uint64_t)-1);
	expect_broken(text);
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
	expect_eq("size_max (not offered)", cfg(8, 4), 0);
	expect_eq("seg_max: the queue less header and status", cfg(12, 4),
		  BH_VBLK_QUEUE_SIZE - 2);
	expect_eq("config past seg_max", cfg(16, 4), 0);
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
	uint8_t pattern[3 * 512];
	int64_t len;

	if (blk_probe(0))
		return;
	fill(pattern, sizeof(pattern), 7);
	memcpy(pool + BLK_DATA, pattern, sizeof(pattern));
	expect_eq("write status", blk_request(VIRTIO_BLK_T_OUT, 10, sizeof(pattern), 0,
					      &len), VIRTIO_BLK_S_OK);
	expect_eq("write used length (the status byte)", len, 1);
	expect_eq("interrupt after the write", interrupt(), VIRTIO_MMIO_INT_VRING);
	if (!disk_holds(10 * 512, pattern, sizeof(pattern)))
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
	expect_eq("write used", blk_submit(write_chain, 3), 1);
	expect_eq("write status", pool[BLK_STATUS], VIRTIO_BLK_S_OK);
	put_hdr(VIRTIO_BLK_T_IN, 20);
	memset(pool + BLK_DATA, 0, 0x1000);
	expect_eq("read used", blk_submit(read_chain, 3), 1025);
	expect_eq("read status (the chain's last byte)", pool[BLK_DATA + 0x800 + 324],
		  VIRTIO_BLK_S_OK);
	if (memcmp(pool + BLK_DATA, pattern, 700) ||
	    memcmp(pool + BLK_DATA + 0x800, pattern + 700, 324))
		test_fail("data spread over descriptors read back wrong");
	drop_disk();
}

TEST(virtio_blk_bounds_and_errors)
{
	static const uint8_t zero[100];
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
	if (!disk_holds(0, zero, sizeof(zero)))
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
	int64_t len;

	if (blk_probe(1))
		return;
	if (pwrite(disk_fd, "disk", 4, 512) != 4)
		test_fail("pwrite: %s", strerror(errno));
	memset(pool + BLK_DATA, 'x', 512);
	expect_eq("write to a read-only disk", blk_request(VIRTIO_BLK_T_OUT, 1, 512, 0,
		  &len), VIRTIO_BLK_S_IOERR);
	if (!disk_holds(512, "disk", 4))
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
	static const struct seg outside[] = {
		{ BLK_HDR, 16, 0 }, { POOL_SIZE - 256, 512, 1 }, { BLK_STATUS, 1, 1 },
	};

	/* The status byte missing: no answer possible, the device breaks. */
	if (blk_probe(0))
		return;
	blk_broken(VIRTIO_BLK_T_OUT, no_status, 2, "status byte");
	/* The driver resets the device and sets it up again: it works. */
	reset_device();
	blk_driver(0);
	{
		int64_t len;

		expect_eq("read after the reset", blk_request(VIRTIO_BLK_T_IN, 0, 512, 1,
			  &len), VIRTIO_BLK_S_OK);
	}
	/* A header of 8 bytes: IOERR. */
	expect_eq("used length of a short header", blk_submit(short_header, 2), 1);
	expect_eq("status of a short header", pool[BLK_STATUS], VIRTIO_BLK_S_IOERR);
	expect_log("header");
	/* No readable part at all: IOERR. */
	expect_eq("used length without a header", blk_submit(no_header, 2), 1);
	expect_eq("status without a header", pool[BLK_STATUS], VIRTIO_BLK_S_IOERR);
	/* A readable descriptor after the status: the queue code refuses. */
	expect_eq("interrupt for the answered requests", interrupt(),
		  VIRTIO_MMIO_INT_VRING);
	blk_broken(VIRTIO_BLK_T_IN, readable_after_status, 3, "readable buffer follows");
	drop_disk();

	/* The only descriptor readable: no status byte either. */
	if (blk_probe(0))
		return;
	blk_broken(VIRTIO_BLK_T_FLUSH, no_status, 1, "status byte");
	drop_disk();

	/* Data outside the pool. */
	if (blk_probe(0))
		return;
	blk_broken(VIRTIO_BLK_T_IN, outside, 3, "outside the virtio pool");
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
#define NET_FEATURES	((1u << VIRTIO_NET_F_MAC) | (1u << VIRTIO_NET_F_STATUS))

static int tap[2] = { -1, -1 };		/* [0] the device's, [1] the network's */
static struct gq rxq, txq;

/* virtio_net's probe of the device, taking accept of MAC and STATUS. */
static void net_driver(uint32_t accept)
{
	negotiate_ok(1, NET_FEATURES, accept);
	setup_queue(&rxq, 0, Q0_RINGS, BH_VNET_QUEUE_SIZE);
	setup_queue(&txq, 1, Q1_RINGS, BH_VNET_QUEUE_SIZE);
	driver_ok();
}

static int net_probe(void)
{
	fake_reset();
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, tap)) {
		test_fail("socketpair: %s", strerror(errno));
		return -1;
	}
	bh_vnet_init(&net, "test net", &test_mem, tap[0], CELL, 2);
	dut = &net.dev;
	net_driver(NET_FEATURES);
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
	reset_device();
	net_driver(0);
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
	reset_device();
	net_driver(0);
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

	fake_reset();
	if (pipe(fd)) {
		test_fail("pipe: %s", strerror(errno));
		return;
	}
	/* The write end of a pipe cannot be read: EBADF. */
	bh_vnet_init(&net, "test net", &test_mem, fd[1], CELL, 0);
	dut = &net.dev;
	net_driver(NET_FEATURES);
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
