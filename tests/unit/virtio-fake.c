// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The fake pool, channel and guest driver of the virtio backend's tests
 * (virtio-fake.h).
 */
#include <endian.h>
#include <stdio.h>
#include <string.h>

#include "virtio-fake.h"
#include "test.h"

uint8_t pool[POOL_SIZE] __attribute__((aligned(4096)));
const struct bh_vmem test_mem = { pool, POOL_GPA, POOL_SIZE };
struct bulkhead_virtio_channel channel;
int via_channel;
struct bh_vdev *dut;
char last_log[512];

static void catch_log(const char *msg)
{
	snprintf(last_log, sizeof(last_log), "%s", msg);
}

void fake_reset(void)
{
	memset(pool, 0, sizeof(pool));
	memset(&channel, 0, sizeof(channel));
	via_channel = 0;
	last_log[0] = 0;
	bh_virtio_log = catch_log;
}

void expect_eq(const char *what, uint64_t got, uint64_t want)
{
	if (got != want)
		test_fail("%s: 0x%llx, expected 0x%llx", what, (unsigned long long)got,
			  (unsigned long long)want);
}

void expect_log(const char *text)
{
	if (!strstr(last_log, text))
		test_fail("expected a message with \"%s\", got \"%s\"", text, last_log);
	last_log[0] = 0;
}

/* One access as the hypervisor passes it through the channel. */
static uint32_t channel_access(unsigned int offset, unsigned int size, int is_write,
			       uint32_t value)
{
	struct bulkhead_virtio_request *s = &channel.slot[CPU];
	uint32_t seq = s->seq + 1;

	s->cell_id = CELL;
	s->device = 0;
	s->size = size;
	s->offset = offset;
	s->is_write = is_write;
	s->value = value;
	__atomic_store_n(&s->seq, seq, __ATOMIC_RELEASE);
	if (bh_virtio_channel_serve(&channel, CELL, &dut, 1) != 1 || s->done != seq)
		test_fail("access to 0x%x: not answered", offset);
	return s->value;
}

uint32_t mmio_access(unsigned int offset, unsigned int size, int is_write,
		     uint32_t value)
{
	if (via_channel)
		return channel_access(offset, size, is_write, value);
	if (!is_write)
		return bh_vdev_read(dut, offset, size);
	bh_vdev_write(dut, offset, size, value);
	return 0;
}

uint32_t rd(unsigned int offset)
{
	return mmio_access(offset, 4, 0, 0);
}

void wr(unsigned int offset, uint32_t value)
{
	mmio_access(offset, 4, 1, value);
}

uint32_t cfg(unsigned int offset, unsigned int size)
{
	return mmio_access(VIRTIO_MMIO_CONFIG + offset, size, 0, 0);
}

void *gp(uint64_t gpa)
{
	return pool + (gpa - POOL_GPA);
}

void put16(uint64_t gpa, uint16_t v)
{
	v = htole16(v);
	memcpy(gp(gpa), &v, 2);
}

uint16_t get16(uint64_t gpa)
{
	uint16_t v;

	memcpy(&v, gp(gpa), 2);
	return le16toh(v);
}

uint32_t get32(uint64_t gpa)
{
	uint32_t v;

	memcpy(&v, gp(gpa), 4);
	return le32toh(v);
}

void put_desc(struct gq *q, unsigned int i, uint64_t addr, uint32_t len,
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

void publish(struct gq *q, uint16_t head)
{
	put16(q->avail + 4 + 2 * (q->avail_idx % QSIZE), head);
	q->avail_idx++;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	put16(q->avail + 2, q->avail_idx);
}

uint16_t add_chain(struct gq *q, const struct seg *s, unsigned int n)
{
	uint16_t head = q->next_desc % QSIZE;
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint16_t d = q->next_desc++ % QSIZE;
		int more = i + 1 < n;

		put_desc(q, d, POOL_GPA + s[i].off, s[i].len,
			 (s[i].writable ? 2 : 0) | (more ? 1 : 0),
			 more ? q->next_desc % QSIZE : 0);
	}
	publish(q, head);
	return head;
}

uint16_t add_buf(struct gq *q, unsigned int off, uint32_t len, int writable)
{
	struct seg s = { off, len, writable };

	return add_chain(q, &s, 1);
}

int64_t used(struct gq *q, uint16_t *id)
{
	uint64_t e;

	if (get16(q->used + 2) == q->last_used)
		return -1;
	e = q->used + 4 + 8 * (q->last_used++ % QSIZE);
	if (id)
		*id = get32(e);
	return get32(e + 4);
}

uint32_t negotiate(uint32_t device_id, uint32_t features, uint32_t high,
		   uint32_t low)
{
	expect_eq("MagicValue", rd(VIRTIO_MMIO_MAGIC_VALUE), 0x74726976);
	expect_eq("Version", rd(VIRTIO_MMIO_VERSION), 2);
	expect_eq("DeviceID", rd(VIRTIO_MMIO_DEVICE_ID), device_id);
	rd(VIRTIO_MMIO_VENDOR_ID);
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	expect_eq("DeviceFeatures[1]", rd(VIRTIO_MMIO_DEVICE_FEATURES), 3);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	expect_eq("DeviceFeatures[0]", rd(VIRTIO_MMIO_DEVICE_FEATURES), features);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, high);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, low);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
	   VIRTIO_STATUS_FEATURES_OK);
	return rd(VIRTIO_MMIO_STATUS);
}

void negotiate_ok(uint32_t device_id, uint32_t features, uint32_t low)
{
	if (!(negotiate(device_id, features, 3, low) & VIRTIO_STATUS_FEATURES_OK))
		test_fail("FEATURES_OK did not persist: %s", last_log);
}

void setup_queue(struct gq *q, unsigned int index, unsigned int rings,
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

void driver_ok(void)
{
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
	   VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
	expect_eq("Status after DRIVER_OK", rd(VIRTIO_MMIO_STATUS), 0xf);
}

void reset_device(void)
{
	wr(VIRTIO_MMIO_STATUS, 0);
	memset(pool, 0, BUFS);
}

uint32_t interrupt(void)
{
	uint32_t isr;

	if (!bh_vdev_take_irq(dut))
		return 0;
	isr = rd(VIRTIO_MMIO_INTERRUPT_STATUS);
	wr(VIRTIO_MMIO_INTERRUPT_ACK, isr);
	return isr;
}

void expect_broken(const char *text)
{
	if (!(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET))
		test_fail("no DEVICE_NEEDS_RESET (%s)", text);
	expect_eq("interrupt: config change", interrupt(), VIRTIO_MMIO_INT_CONFIG);
	expect_log(text);
}
