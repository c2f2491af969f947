/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What root's virtio backend sees of a cell, faked for the host tests of
 * tools/virtio-*.c (test-virtio.c, test-virtio-devices.c): the cell's
 * virtio pool, the channel page through which the hypervisor passes the
 * cell's accesses, and a guest driver that works the register file and
 * the split queues the way Linux's virtio_mmio does.
 */
#ifndef _TESTS_UNIT_VIRTIO_FAKE_H
#define _TESTS_UNIT_VIRTIO_FAKE_H

#include <stdint.h>

#include "../../tools/virtio-channel.h"

#define POOL_GPA	0x90000000ULL
#define POOL_SIZE	(128 * 1024)
#define QSIZE		16
#define CELL		5
#define CPU		3		/* whose channel slot the accesses use */
/* Where the fake driver puts things in the pool. */
#define Q0_RINGS	0x0000
#define Q1_RINGS	0x1000
#define BUFS		0x4000

/* The fake pool, and the view of it the device models get. */
extern uint8_t pool[POOL_SIZE];
extern const struct bh_vmem test_mem;
/* The fake channel page, and whether the driver's accesses go through it. */
extern struct bulkhead_virtio_channel channel;
extern int via_channel;
/* The device the driver talks to (device 0 of the cell on the channel). */
extern struct bh_vdev *dut;
/* The backend's last message (bh_virtio_log). */
extern char last_log[512];

/* A zeroed pool and channel, no message, direct accesses. */
void fake_reset(void);

void expect_eq(const char *what, uint64_t got, uint64_t want);
/* The last message holds text; it is then forgotten. */
void expect_log(const char *text);

/* The driver's accesses: of size 1, 2 or 4; rd and wr of 4. */
uint32_t mmio_access(unsigned int offset, unsigned int size, int is_write,
		     uint32_t value);
uint32_t rd(unsigned int offset);
void wr(unsigned int offset, uint32_t value);
uint32_t cfg(unsigned int offset, unsigned int size);

/* The fake driver's view of one split queue. */
struct gq {
	unsigned int index;
	uint64_t desc, avail, used;	/* guest-physical */
	uint16_t avail_idx, next_desc, last_used;
};

/* One descriptor of a chain: pool offset, length, device-writable. */
struct seg {
	uint32_t off, len;
	int writable;
};

void *gp(uint64_t gpa);
void put16(uint64_t gpa, uint16_t v);
uint16_t get16(uint64_t gpa);
uint32_t get32(uint64_t gpa);
void put_desc(struct gq *q, unsigned int i, uint64_t addr, uint32_t len,
	      uint16_t flags, uint16_t next);
/* Makes descriptor head available: ring entry first, then the index. */
void publish(struct gq *q, uint16_t head);
/* Makes a chain of consecutive descriptors available; returns its head. */
uint16_t add_chain(struct gq *q, const struct seg *s, unsigned int n);
/* One buffer of len bytes at pool offset off; returns its head. */
uint16_t add_buf(struct gq *q, unsigned int off, uint32_t len, int writable);
/* The next used entry of q: its length, or -1 when there is none. */
int64_t used(struct gq *q, uint16_t *id);

/*
 * virtio_mmio's probe and virtio's feature negotiation, up to FEATURES_OK:
 * the device must be device_id and offer exactly features in the low word
 * and VERSION_1 and ACCESS_PLATFORM in the high one; the driver takes high
 * and low. Returns the Status read back.
 */
uint32_t negotiate(uint32_t device_id, uint32_t features, uint32_t high,
		   uint32_t low);
/* The same taking VERSION_1 and ACCESS_PLATFORM, which must be accepted. */
void negotiate_ok(uint32_t device_id, uint32_t features, uint32_t low);
/* vm_setup_vq: queue index of QSIZE, rings at pool offset rings. */
void setup_queue(struct gq *q, unsigned int index, unsigned int rings,
		 uint32_t num_max);
void driver_ok(void);
/* vm_reset, and the rings below BUFS cleared for a new setup. */
void reset_device(void);
/* vm_interrupt: read InterruptStatus, ACK it. */
uint32_t interrupt(void);
/* DEVICE_NEEDS_RESET, told by a config interrupt, with a message of text. */
void expect_broken(const char *text);

#endif /* _TESTS_UNIT_VIRTIO_FAKE_H */
