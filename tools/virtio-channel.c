// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Serving the virtio channel (virtio-channel.h). The hypervisor fills a
 * slot, then (release) bumps seq; we read seq (acquire), the fields, then
 * seq again: a slot whose seq moved while we read it was given up by the
 * hypervisor (timeout) and refilled, and its fields may be torn, so it is
 * left for the next scan. The answer: value, then (release) done = seq.
 */
#include "virtio-channel.h"

static uint32_t load_once(const __u32 *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static int serve_slot(struct bulkhead_virtio_request *slot, unsigned int cell_id,
		      struct bh_vdev *const *devs, unsigned int num_devs)
{
	const volatile struct bulkhead_virtio_request *s = slot;
	struct bulkhead_virtio_request r;
	struct bh_vdev *dev;
	uint32_t seq, value = 0xffffffff;

	seq = __atomic_load_n(&slot->seq, __ATOMIC_ACQUIRE);
	if (seq == load_once(&slot->done))
		return 0;
	r.cell_id = s->cell_id;
	if (r.cell_id != cell_id)
		return 0;	/* another backend's */
	r.device = s->device;
	r.size = s->size;
	r.offset = s->offset;
	r.is_write = s->is_write;
	r.value = s->value;
	/* The fields before the second look at seq. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (load_once(&slot->seq) != seq)
		return 0;
	dev = r.device < num_devs ? devs[r.device] : NULL;
	if (dev && r.is_write)
		bh_vdev_write(dev, r.offset, r.size, (uint32_t)r.value);
	else if (dev)
		value = bh_vdev_read(dev, r.offset, r.size);
	if (!r.is_write) {
		if (r.size < 4)
			value &= (1U << (8 * r.size)) - 1;
		slot->value = value;
	}
	__atomic_store_n(&slot->done, seq, __ATOMIC_RELEASE);
	return 1;
}

unsigned int bh_virtio_channel_serve(struct bulkhead_virtio_channel *ch,
				     unsigned int cell_id,
				     struct bh_vdev *const *devs,
				     unsigned int num_devs)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < BULKHEAD_MAX_CPUS; cpu++)
		n += serve_slot(&ch->slot[cpu], cell_id, devs, num_devs);
	return n;
}
