/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The virtio channel: how a cell's access to one of its virtio devices
 * (struct bulkhead_virtio_device, cell-config.h) reaches root's backend and
 * how the answer comes back. Shared by the hypervisor, the driver and the
 * backend in tools/.
 *
 * The channel is one page of root RAM the driver registers with
 * BULKHEAD_HC_VIRTIO_CHANNEL; the backend maps it (BULKHEAD_VIRTIO_ATTACH,
 * ioctl.h). It holds one request slot per physical CPU, since a CPU waits
 * for one access at a time:
 *
 *   hypervisor, on the cell's CPU c:       backend, woken by the interrupt:
 *     fill slot c's fields                   seq = READ_ONCE(slot.seq)
 *     write barrier                          if seq == slot.done: nothing
 *     slot.seq += 1                          read barrier; read the fields
 *     raise irqchip.virtio_notify_irq        if slot.seq != seq: gone, skip
 *     wait until slot.done == slot.seq       (reads: set slot.value)
 *       or BULKHEAD_VIRTIO_TIMEOUT_MS        write barrier
 *     read barrier; a read gets slot.value   slot.done = seq
 *
 * A slot whose cell_id is not the backend's cell belongs to another backend.
 * An answer that comes after the timeout finds seq moved on and is ignored.
 * After a timeout the device is offline: accesses fail at once (reads return
 * all ones, writes are dropped) until root calls BULKHEAD_HC_VIRTIO_ONLINE,
 * so a dead backend costs the cell one timeout, not one per access.
 *
 * Accesses are those the virtio-mmio transport allows: aligned, 4 bytes in
 * the registers below 0x100, 1, 2 or 4 bytes in the device configuration
 * space from 0x100. The hypervisor refuses others (the cell's CPU fails,
 * like any access no device answers).
 */
#ifndef _BULKHEAD_VIRTIO_H
#define _BULKHEAD_VIRTIO_H

#include <bulkhead/cell-config.h>
#include <bulkhead/types.h>

#define BULKHEAD_VIRTIO_TIMEOUT_MS	500

struct bulkhead_virtio_request {
	__u32 seq;		/* hypervisor: bumped when the slot is filled */
	__u32 done;		/* backend: set to seq when answered */
	__u16 cell_id;
	__u8 device;		/* index into the cell's virtio devices */
	__u8 size;		/* 1, 2 or 4 */
	__u16 offset;		/* in the device's register window */
	__u8 is_write;
	__u8 reserved;
	__u64 value;		/* the value written, or the one read */
};

struct bulkhead_virtio_channel {
	struct bulkhead_virtio_request slot[BULKHEAD_MAX_CPUS];
};

#endif /* _BULKHEAD_VIRTIO_H */
