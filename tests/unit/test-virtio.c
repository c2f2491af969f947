// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Root's virtio backend without a machine (tools/virtio-*.c): a fake
 * channel page stands in for the hypervisor and a fake pool for the cell's
 * virtio pool, and the tests drive the console device the way Linux's
 * virtio_mmio and virtio_console do: probe, feature negotiation (refused
 * without ACCESS_PLATFORM), queue setup, transmit and receive, reset; then
 * a driver that breaks the rules: rings and buffers outside the pool,
 * descriptor loops, indirect descriptors, a runaway avail index; and a
 * backend killed and started again, which takes up the devices' state from
 * its state file (and ignores a file of another cell).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../tools/virtio-console.h"
#include "test.h"
#include "virtio-fake.h"

static struct bh_vcons cons;
static char sink[4096];
static size_t sink_len;

static void to_sink(void *ctx, const uint8_t *data, size_t len)
{
	(void)ctx;
	if (sink_len + len <= sizeof(sink)) {
		memcpy(sink + sink_len, data, len);
		sink_len += len;
	}
}

/* A new model, as a new backend process makes it (the pool stays). */
static void new_model(void)
{
	bh_vcons_init(&cons, "test console", &test_mem, to_sink, NULL);
	dut = &cons.dev;
	sink_len = 0;
}

/* A fresh pool and channel, through which the driver reaches the console. */
static void setup(void)
{
	fake_reset();
	via_channel = 1;
	new_model();
}

/*
 * Probe and negotiation of the console (DeviceID 3), the driver taking
 * high_features; the device offers no MULTIPORT and no SIZE (low word 0).
 */
static uint32_t cons_negotiate(uint32_t high_features)
{
	return negotiate(3, 0, high_features, 0);
}

/* The whole probe of virtio_console without MULTIPORT. */
static void probe(struct gq *rx, struct gq *tx)
{
	negotiate_ok(3, 0, 0);
	setup_queue(rx, 0, Q0_RINGS, BH_VCONS_QUEUE_SIZE);
	setup_queue(tx, 1, Q1_RINGS, BH_VCONS_QUEUE_SIZE);
	driver_ok();
}

TEST(virtio_console_probe_and_transmit)
{
	struct gq rx, tx;
	uint16_t id, head;

	setup();
	probe(&rx, &tx);
	expect_eq("config byte at 0x100 (cols)", mmio_access(0x100, 2, 0, 0), 0);
	expect_eq("interrupt before any buffer", interrupt(), 0);
	memcpy(pool + BUFS, "hi\n", 3);
	head = add_buf(&tx, BUFS, 3, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	if (sink_len != 3 || memcmp(sink, "hi\n", 3))
		test_fail("the sink got %zu bytes \"%.*s\"", sink_len, (int)sink_len, sink);
	expect_eq("used length", used(&tx, &id), 0);
	expect_eq("used id", id, head);
	expect_eq("interrupt: used buffer", interrupt(), VIRTIO_MMIO_INT_VRING);
	expect_eq("InterruptStatus after ACK", rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	/* A chain of two readable descriptors is one write. */
	memcpy(pool + BUFS + 0x100, "ab", 2);
	memcpy(pool + BUFS + 0x200, "cd", 2);
	put_desc(&tx, 5, POOL_GPA + BUFS + 0x100, 2, 1, 6);
	put_desc(&tx, 6, POOL_GPA + BUFS + 0x200, 2, 0, 0);
	publish(&tx, 5);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	if (sink_len != 7 || memcmp(sink, "hi\nabcd", 7))
		test_fail("the sink got \"%.*s\"", (int)sink_len, sink);
	expect_eq("used id of the chain", (used(&tx, &id), id), 5);
}

TEST(virtio_console_receive)
{
	struct gq rx, tx;
	uint16_t id;

	setup();
	/* Typed before the driver is there: kept, not dropped. */
	expect_eq("input taken", bh_vcons_input(&cons, "ab", 2), 2);
	probe(&rx, &tx);
	expect_eq("input taken", bh_vcons_input(&cons, "cdefghijkl", 10), 10);
	expect_eq("used before a buffer is posted", used(&rx, NULL), (uint64_t)-1);
	add_buf(&rx, BUFS, 8, 1);
	add_buf(&rx, BUFS + 0x100, 8, 1);
	add_buf(&rx, BUFS + 0x200, 8, 1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	expect_eq("first buffer", used(&rx, &id), 8);
	expect_eq("first buffer's id", id, 0);
	expect_eq("second buffer", used(&rx, &id), 4);
	if (memcmp(pool + BUFS, "abcdefgh", 8) || memcmp(pool + BUFS + 0x100, "ijkl", 4))
		test_fail("received \"%.8s\" \"%.4s\"", (char *)pool + BUFS,
			  (char *)pool + BUFS + 0x100);
	expect_eq("third buffer still posted", used(&rx, NULL), (uint64_t)-1);
	expect_eq("interrupt: used buffer", interrupt(), VIRTIO_MMIO_INT_VRING);
	/* A posted buffer takes new input at once. */
	bh_vcons_input(&cons, "z", 1);
	expect_eq("third buffer", used(&rx, NULL), 1);
	expect_eq("byte", pool[BUFS + 0x200], 'z');
	expect_eq("interrupt again", interrupt(), VIRTIO_MMIO_INT_VRING);
}

TEST(virtio_console_input_is_bounded_not_dropped)
{
	static uint8_t big[BH_VCONS_INPUT_SIZE + 100];
	struct gq rx, tx;
	size_t i, got = 0, taken;
	int64_t len;

	setup();
	probe(&rx, &tx);
	for (i = 0; i < sizeof(big); i++)
		big[i] = i * 7 + i / 251;
	taken = bh_vcons_input(&cons, big, sizeof(big));
	expect_eq("taken while no buffer is posted", taken, BH_VCONS_INPUT_SIZE);
	expect_eq("room", bh_vcons_input_room(&cons), 0);
	/* The driver posts page-sized buffers, one at a time here. */
	while (got < sizeof(big)) {
		add_buf(&rx, BUFS, 4096, 1);
		wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
		len = used(&rx, NULL);
		if (len <= 0 || memcmp(pool + BUFS, big + got, len)) {
			test_fail("wrong data at %zu (length %lld)", got, (long long)len);
			return;
		}
		got += len;
		/* The caller offers the rest again once there is room. */
		if (taken < sizeof(big))
			taken += bh_vcons_input(&cons, big + taken, sizeof(big) - taken);
	}
	expect_eq("room after draining", bh_vcons_input_room(&cons), BH_VCONS_INPUT_SIZE);
}

TEST(virtio_refuses_features_without_access_platform)
{
	uint32_t status;

	setup();
	status = cons_negotiate(1);		/* VERSION_1 only, as without a pool */
	if (status & VIRTIO_STATUS_FEATURES_OK)
		test_fail("FEATURES_OK persisted without ACCESS_PLATFORM");
	expect_log("VIRTIO_F_ACCESS_PLATFORM");
	status = cons_negotiate(2);		/* no VERSION_1 */
	if (status & VIRTIO_STATUS_FEATURES_OK)
		test_fail("FEATURES_OK persisted without VERSION_1");
	expect_log("VIRTIO_F_VERSION_1");
	/* A feature the device does not offer (bit 34, RING_PACKED). */
	status = cons_negotiate(7);
	if (status & VIRTIO_STATUS_FEATURES_OK)
		test_fail("FEATURES_OK persisted with a feature not offered");
	expect_log("does not offer");
	/* After a reset, the right features are taken. */
	if (!(cons_negotiate(3) & VIRTIO_STATUS_FEATURES_OK))
		test_fail("FEATURES_OK refused with VERSION_1 and ACCESS_PLATFORM: %s",
			  last_log);
}

TEST(virtio_reset)
{
	struct gq rx, tx;

	setup();
	probe(&rx, &tx);
	add_buf(&tx, BUFS, 1, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	wr(VIRTIO_MMIO_STATUS, 0);	/* vm_reset: no polling afterwards */
	expect_eq("Status after reset", rd(VIRTIO_MMIO_STATUS), 0);
	expect_eq("InterruptStatus after reset", rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	expect_eq("queue 0 ready after reset", rd(VIRTIO_MMIO_QUEUE_READY), 0);
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	expect_eq("queue 1 ready after reset", rd(VIRTIO_MMIO_QUEUE_READY), 0);
	/* A notify of a reset device does nothing. */
	sink_len = 0;
	add_buf(&tx, BUFS, 1, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("output after reset", sink_len, 0);
	/* And the device probes again from scratch (fresh rings). */
	memset(pool, 0, BUFS);
	probe(&rx, &tx);
	memcpy(pool + BUFS, "x", 1);
	add_buf(&tx, BUFS, 1, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("output after a new probe", sink_len, 1);
	/* vm_del_vq: QueueReady 0 must read back 0. */
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	wr(VIRTIO_MMIO_QUEUE_READY, 0);
	expect_eq("QueueReady after clearing it", rd(VIRTIO_MMIO_QUEUE_READY), 0);
}

TEST(virtio_ring_outside_pool_needs_reset)
{
	struct gq rx, tx;

	setup();
	cons_negotiate(3);
	/* The used ring runs past the pool's end. */
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)POOL_GPA);
	wr(VIRTIO_MMIO_QUEUE_AVAIL_LOW, (uint32_t)POOL_GPA + 0x400);
	wr(VIRTIO_MMIO_QUEUE_USED_LOW, (uint32_t)(POOL_GPA + POOL_SIZE - 64));
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	expect_eq("QueueReady of a refused queue", rd(VIRTIO_MMIO_QUEUE_READY), 0);
	expect_broken("outside the virtio pool");
	/* The descriptor table below the pool (a ring in the cell's own RAM). */
	wr(VIRTIO_MMIO_STATUS, 0);
	expect_eq("Status after reset", rd(VIRTIO_MMIO_STATUS), 0);
	cons_negotiate(3);
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, 0x40000000);
	wr(VIRTIO_MMIO_QUEUE_AVAIL_LOW, (uint32_t)POOL_GPA);
	wr(VIRTIO_MMIO_QUEUE_USED_LOW, (uint32_t)POOL_GPA + 0x400);
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	expect_broken("descriptor table is outside");
	/* After the reset, the proper setup works. */
	memset(pool, 0, sizeof(pool));
	probe(&rx, &tx);
	expect_eq("Status after a good probe", rd(VIRTIO_MMIO_STATUS), 0xf);
}

TEST(virtio_buffer_outside_pool_needs_reset)
{
	static const struct { uint64_t addr; uint32_t len; } bad[] = {
		{ POOL_GPA - 4096, 16 },			/* below */
		{ POOL_GPA + POOL_SIZE, 1 },			/* just past */
		{ POOL_GPA + POOL_SIZE - 8, 9 },		/* runs past */
		{ 0xfffffffffffffff0ULL, 0x20 },		/* wraps around */
		{ POOL_GPA, 0xffffffff },			/* far too long */
	};
	struct gq rx, tx;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup();
		probe(&rx, &tx);
		put_desc(&tx, 0, bad[i].addr, bad[i].len, 0, 0);
		publish(&tx, 0);
		wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
		expect_broken("outside the virtio pool");
		expect_eq("output of a bad buffer", sink_len, 0);
		expect_eq("used entry of a bad buffer", used(&tx, NULL), (uint64_t)-1);
		/* Broken: further notifies and input do nothing until reset. */
		add_buf(&rx, BUFS, 8, 1);
		bh_vcons_input(&cons, "q", 1);
		wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
		expect_eq("receive on a broken device", used(&rx, NULL), (uint64_t)-1);
	}
}

/*
 * A chain the driver makes available on queue 1 (transmit, then notified)
 * or 0 (receive, then input arrives): descriptors d[0..n-1] at indices i,
 * then head published.
 */
static const struct bad_chain {
	const char *what;
	unsigned int queue, n;
	uint16_t head;
	struct { uint16_t i; uint32_t off, len; uint16_t flags, next; } d[2];
} bad_chains[] = {
	{ "loops", 1, 2, 0,				/* 0 -> 1 -> 0 ... */
	  { { 0, BUFS, 1, 1, 1 }, { 1, BUFS, 1, 1, 0 } } },
	{ "loops", 1, 1, 7,				/* pointing at itself */
	  { { 7, BUFS, 1, 1, 7 } } },
	{ "beyond the queue size", 1, 1, 0,		/* next beyond the queue */
	  { { 0, BUFS, 1, 1, QSIZE } } },
	{ "beyond the queue size", 1, 0, QSIZE + 3,	/* an avail entry beyond */
	  { { 0 } } },
	{ "indirect", 1, 1, 0,				/* INDIRECT was not offered */
	  { { 0, BUFS, 16, 4, 0 } } },
	{ "cannot write", 0, 1, 0,			/* a receive buffer read-only */
	  { { 0, BUFS, 8, 0, 0 } } },
	{ "readable buffer follows", 0, 2, 0,		/* readable after writable */
	  { { 0, BUFS, 8, 2 | 1, 1 }, { 1, BUFS + 8, 8, 0, 0 } } },
};

TEST(virtio_descriptor_loops_and_bad_chains)
{
	struct gq q[2];
	unsigned int i, j;

	for (i = 0; i < sizeof(bad_chains) / sizeof(bad_chains[0]); i++) {
		const struct bad_chain *c = &bad_chains[i];

		setup();
		probe(&q[0], &q[1]);
		for (j = 0; j < c->n; j++)
			put_desc(&q[c->queue], c->d[j].i, POOL_GPA + c->d[j].off,
				 c->d[j].len, c->d[j].flags, c->d[j].next);
		publish(&q[c->queue], c->head);
		if (c->queue)
			wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
		else
			bh_vcons_input(&cons, "x", 1);
		expect_broken(c->what);
	}
	/* the avail index jumps by more than the queue */
	setup();
	probe(&q[0], &q[1]);
	put16(q[1].avail + 2, QSIZE + 1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_broken("avail index");
}

TEST(virtio_interrupts)
{
	struct gq rx, tx;

	setup();
	probe(&rx, &tx);
	/* The driver does not want interrupts for this queue. */
	put16(tx.avail, 1);
	add_buf(&tx, BUFS, 1, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("used", used(&tx, NULL), 0);
	expect_eq("interrupt with NO_INTERRUPT", interrupt(), 0);
	put16(tx.avail, 0);
	/* A config change while a used-buffer interrupt is pending. */
	add_buf(&tx, BUFS, 1, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("irq for the used buffer", bh_vdev_take_irq(&cons.dev), 1);
	expect_eq("InterruptStatus", rd(VIRTIO_MMIO_INTERRUPT_STATUS), 1);
	bh_vdev_config_changed(&cons.dev);
	expect_eq("irq for the new bit", bh_vdev_take_irq(&cons.dev), 1);
	expect_eq("ConfigGeneration", rd(VIRTIO_MMIO_CONFIG_GENERATION), 1);
	/* The driver ACKs only what it read first: it is told again. */
	wr(VIRTIO_MMIO_INTERRUPT_ACK, 1);
	expect_eq("irq for what the ACK left", bh_vdev_take_irq(&cons.dev), 1);
	expect_eq("InterruptStatus left", rd(VIRTIO_MMIO_INTERRUPT_STATUS), 2);
	wr(VIRTIO_MMIO_INTERRUPT_ACK, 2);
	expect_eq("irq after the last ACK", bh_vdev_take_irq(&cons.dev), 0);
}

TEST(virtio_channel_and_register_rules)
{
	struct bulkhead_virtio_request *other = &channel.slot[7];
	uint32_t seq;

	setup();
	/* Another cell's request is another backend's. */
	other->cell_id = CELL + 1;
	other->size = 4;
	other->seq = 1;
	expect_eq("requests answered", bh_virtio_channel_serve(&channel, CELL, &dut, 1), 0);
	expect_eq("another cell's slot", other->done, 0);
	/* Answered requests are not answered twice. */
	rd(VIRTIO_MMIO_MAGIC_VALUE);
	expect_eq("requests answered twice", bh_virtio_channel_serve(&channel, CELL, &dut, 1), 0);
	/* A device nobody serves reads all ones. */
	channel.slot[CPU].device = 1;
	seq = ++channel.slot[CPU].seq;
	bh_virtio_channel_serve(&channel, CELL, &dut, 1);
	expect_eq("unserved device answered", channel.slot[CPU].done, seq);
	expect_eq("unserved device reads", channel.slot[CPU].value, 0xffffffff);
	/* Registers are read 4 bytes at a time; config space at field width. */
	expect_eq("2-byte register read", mmio_access(VIRTIO_MMIO_MAGIC_VALUE, 2, 0, 0), 0xffff);
	expect_log("4 bytes at a time");
	expect_eq("1-byte config read", mmio_access(0x100, 1, 0, 0), 0);
	expect_eq("config read past the config", rd(0x1fc), 0);
	expect_eq("SHMLen (none)", rd(VIRTIO_MMIO_SHM_LEN_LOW), 0xffffffff);
	wr(VIRTIO_MMIO_QUEUE_SEL, 2);
	expect_eq("QueueNumMax of queue 2", rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
	/* The driver cannot set NEEDS_RESET itself. */
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_NEEDS_RESET);
	expect_eq("Status", rd(VIRTIO_MMIO_STATUS), VIRTIO_STATUS_ACKNOWLEDGE);
}

/* Restart: the state file a killed backend leaves, and a new backend. */

static struct bh_vstate_ident state_ident(unsigned int cell_id)
{
	struct bh_vstate_ident id;

	memset(&id, 0, sizeof(id));
	id.cell_id = cell_id;
	id.cell_nonce = 0x1234;
	id.num_devices = 1;
	id.pool_address = POOL_GPA;
	id.pool_size = POOL_SIZE;
	id.devices[0].address = 0x10000000;
	id.devices[0].irq = 40;
	id.devices[0].type = BULKHEAD_VIRTIO_CONSOLE;
	return id;
}

/* An empty file at path, a mkstemp template; 0 when there is one. */
static int state_file(char *path)
{
	int fd = mkstemp(path);

	if (fd < 0) {
		test_fail("mkstemp: no file for the state");
		return -1;
	}
	close(fd);
	return 0;
}

TEST(virtio_restart_restores_the_state)
{
	struct bh_vstate_ident id = state_ident(CELL);
	struct bh_vstate_file old, f;
	struct gq rx, tx;
	char path[] = "/tmp/bh-test-virtio-state.XXXXXX";
	uint16_t uid, head, rx_head;

	if (state_file(path))
		return;
	unlink(path);
	setup();
	expect_eq("a new state file", bh_vstate_open(&old, path, &id), 0);
	bh_vdev_keep_state(&cons.dev, &old.s->dev[0], 0);
	probe(&rx, &tx);
	rx_head = add_buf(&rx, BUFS + 0x800, 8, 1);
	add_buf(&rx, BUFS + 0x900, 8, 1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	memcpy(pool + BUFS, "one", 3);
	add_buf(&tx, BUFS, 3, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("first transmit used", used(&tx, NULL), 0);
	expect_eq("interrupt: used buffer", interrupt(), VIRTIO_MMIO_INT_VRING);
	/* The next one is completed, but its interrupt not yet ACKed. */
	memcpy(pool + BUFS + 0x100, "two", 3);
	add_buf(&tx, BUFS + 0x100, 3, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	expect_eq("second transmit used", used(&tx, NULL), 0);
	expect_eq("InterruptStatus before the kill", rd(VIRTIO_MMIO_INTERRUPT_STATUS),
		  VIRTIO_MMIO_INT_VRING);
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);

	/* Killed: no cleanup; the driver posts a transmit buffer meanwhile. */
	memset(&cons, 0xa5, sizeof(cons));
	memcpy(pool + BUFS + 0x200, "three", 5);
	head = add_buf(&tx, BUFS + 0x200, 5, 0);

	/* The new backend. */
	new_model();
	expect_eq("the state file is taken up", bh_vstate_open(&f, path, &id), 1);
	bh_vdev_keep_state(&cons.dev, &f.s->dev[0], 1);
	expect_eq("Status after restart", rd(VIRTIO_MMIO_STATUS), 0xf);
	expect_eq("QueueSel after restart", cons.dev.queue_sel, 1);
	expect_eq("driver features after restart", cons.dev.driver_features, 3ULL << 32);
	expect_eq("queue 1 ready after restart", rd(VIRTIO_MMIO_QUEUE_READY), 1);
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	expect_eq("queue 0 ready after restart", rd(VIRTIO_MMIO_QUEUE_READY), 1);
	expect_eq("queue 0 size", cons.dev.vq[0].num, QSIZE);
	expect_eq("queue 1 next avail", cons.dev.vq[1].last_avail, 2);
	expect_eq("queue 0 next avail (nothing received)", cons.dev.vq[0].last_avail, 0);
	expect_eq("InterruptStatus after restart", rd(VIRTIO_MMIO_INTERRUPT_STATUS),
		  VIRTIO_MMIO_INT_VRING);
	/* The rescan serves the transmit posted while no backend ran. */
	bh_vdev_resume(&cons.dev);
	if (sink_len != 5 || memcmp(sink, "three", 5))
		test_fail("after the restart the sink got \"%.*s\"", (int)sink_len, sink);
	expect_eq("used entry of the pending transmit", used(&tx, &uid), 0);
	expect_eq("its id", uid, head);
	expect_eq("interrupt after the rescan", interrupt(), VIRTIO_MMIO_INT_VRING);
	/* New requests: input into the receive buffers posted before the kill. */
	expect_eq("input taken", bh_vcons_input(&cons, "in", 2), 2);
	expect_eq("receive buffer used", used(&rx, &uid), 2);
	expect_eq("the first posted receive buffer", uid, rx_head);
	if (memcmp(pool + BUFS + 0x800, "in", 2))
		test_fail("received \"%.2s\"", (char *)pool + BUFS + 0x800);
	expect_eq("interrupt for the input", interrupt(), VIRTIO_MMIO_INT_VRING);
	memcpy(pool + BUFS + 0x300, "four", 4);
	head = add_buf(&tx, BUFS + 0x300, 4, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	if (sink_len != 9 || memcmp(sink, "threefour", 9))
		test_fail("the sink got \"%.*s\"", (int)sink_len, sink);
	expect_eq("used entry of a new transmit", used(&tx, &uid), 0);
	expect_eq("its id", uid, head);
	expect_eq("interrupt for the new transmit", interrupt(), VIRTIO_MMIO_INT_VRING);
	/* A second restart right away: nothing is served twice. */
	new_model();
	bh_vdev_keep_state(&cons.dev, &f.s->dev[0], 1);
	bh_vdev_resume(&cons.dev);
	expect_eq("output of a second restart", sink_len, 0);
	expect_eq("interrupt of a second restart", bh_vdev_take_irq(&cons.dev), 0);
	/* A reset is kept too. */
	wr(VIRTIO_MMIO_STATUS, 0);
	new_model();
	bh_vdev_keep_state(&cons.dev, &f.s->dev[0], 1);
	expect_eq("Status restored after a reset", rd(VIRTIO_MMIO_STATUS), 0);
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	expect_eq("queue ready after a reset", rd(VIRTIO_MMIO_QUEUE_READY), 0);
	bh_vstate_close(&old, path, 0);
	bh_vstate_close(&f, path, 1);
	if (!access(path, F_OK))
		test_fail("%s: not removed", path);
	unlink(path);
}

TEST(virtio_restart_ignores_another_cells_state)
{
	struct bh_vstate_ident id = state_ident(CELL), other;
	struct bh_vstate_file f;
	struct gq rx, tx;
	char path[] = "/tmp/bh-test-virtio-state.XXXXXX";

	if (state_file(path))
		return;
	/* Not a state file at all (the empty file mkstemp made). */
	setup();
	expect_eq("an empty file", bh_vstate_open(&f, path, &id), 0);
	expect_log("ignored");
	bh_vdev_keep_state(&cons.dev, &f.s->dev[0], 0);
	probe(&rx, &tx);
	bh_vstate_close(&f, path, 0);
	/* Another cell id, an earlier cell of this id, other devices. */
	other = state_ident(CELL + 1);
	new_model();
	expect_eq("the state of another cell id", bh_vstate_open(&f, path, &other), 0);
	expect_log("another cell id");
	bh_vdev_keep_state(&cons.dev, &f.s->dev[0], 0);
	expect_eq("Status of a device of another cell's file", rd(VIRTIO_MMIO_STATUS), 0);
	bh_vstate_close(&f, path, 0);
	/* That file is now the other cell's: ours is gone. */
	expect_eq("the original cell after that", bh_vstate_open(&f, path, &id), 0);
	bh_vdev_keep_state(&cons.dev, &f.s->dev[0], 0);
	probe(&rx, &tx);
	bh_vstate_close(&f, path, 0);
	other = state_ident(CELL);
	other.cell_nonce++;
	new_model();
	expect_eq("an earlier cell of this id", bh_vstate_open(&f, path, &other), 0);
	expect_log("earlier cell");
	bh_vstate_close(&f, path, 0);
	/* And one whose device list differs. */
	expect_eq("fresh again", bh_vstate_open(&f, path, &id), 0);
	bh_vstate_close(&f, path, 0);
	other = state_ident(CELL);
	other.devices[0].irq++;
	expect_eq("other devices", bh_vstate_open(&f, path, &other), 0);
	expect_log("devices");
	bh_vstate_close(&f, path, 0);
	/* A successor's file is not removed by an old backend. */
	expect_eq("ours", bh_vstate_open(&f, path, &id), 0);
	{
		struct bh_vstate_file g;

		expect_eq("a successor's", bh_vstate_open(&g, path, &other), 0);
		bh_vstate_close(&f, path, 1);
		if (access(path, F_OK))
			test_fail("an old backend removed its successor's state file");
		bh_vstate_close(&g, path, 1);
	}
	unlink(path);
}
