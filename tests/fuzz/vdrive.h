/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A cell's side of root's virtio backend (tools/virtio-*.c), driven by a
 * program of bytes: what virtio_fuzz.c and state_fuzz.c fuzz and mkseeds.c
 * writes seeds for. One pool of POOL_SIZE bytes serves three devices, as
 * the backend serves a cell's devices from its one pool: a console, a
 * block device on a memfd and a network device on one end of a datagram
 * socketpair (a TAP's semantics: one read, one frame).
 *
 * A program is a sequence of operations, each an op byte (low 4 bits: the
 * operation, high 4 bits modulo 3: the device) and its operands:
 *
 *   VD_ACCESS   a raw request in the channel slot of a CPU: cpu, cell,
 *               device, size, is_write bytes, le16 offset, le32 value
 *   VD_POOL     le16 offset, length byte, bytes: the guest writes its pool
 *   VD_PROBE    features byte: Linux's probe and feature negotiation
 *               (bit 0: without ACCESS_PLATFORM, bit 1: with a feature the
 *               device does not offer)
 *   VD_QUEUE    queue byte, size byte (1 << (n % 9), or 255: 0), le16 pool
 *               offset of the rings (bit 0 set: three le32 guest-physical
 *               addresses follow instead): vm_setup_vq
 *   VD_DRIVER_OK
 *   VD_CHAIN    queue byte, count byte, then per descriptor le16 pool
 *               offset, le16 length, flags byte (bit 0 device-writable,
 *               bit 1 INDIRECT, bit 2 a length of le32 follows, bit 3 a
 *               raw guest-physical le32 address instead of the offset):
 *               a chain on the next free descriptors, made available
 *   VD_NOTIFY   queue byte: QueueNotify
 *   VD_INPUT    length byte, bytes: typed at the console
 *   VD_FRAME    le16 length, bytes: a frame from the TAP (the device reads
 *               it if it has a receive buffer)
 *   VD_RESET    Status 0
 *   VD_IRQ      the interrupt, as vm_interrupt takes it
 *   VD_DIRECT   size byte, le16 offset, le32 value: a write straight to the
 *               model (not through the channel)
 *   VD_RESTORE  (state_fuzz) take the devices' state from the state file
 *   VD_RESUME   serve every live queue once, as after a restore
 */
#ifndef _TESTS_FUZZ_VDRIVE_H
#define _TESTS_FUZZ_VDRIVE_H

#include <stddef.h>
#include <stdint.h>

#include "../../tools/virtio-blk.h"
#include "../../tools/virtio-channel.h"
#include "../../tools/virtio-console.h"
#include "../../tools/virtio-net.h"

#define VD_POOL_GPA	0x90000000ULL
#define VD_POOL_SIZE	(64 * 1024)
#define VD_CELL		5
#define VD_DEVICES	3
#define VD_DISK_SIZE	(64 * 512 + 100)	/* a tail that is no sector */
#define VD_MAX_QUEUES	2

enum {
	VD_ACCESS, VD_POOL, VD_PROBE, VD_QUEUE, VD_DRIVER_OK, VD_CHAIN,
	VD_NOTIFY, VD_INPUT, VD_FRAME, VD_RESET, VD_IRQ, VD_DIRECT,
	VD_RESTORE, VD_RESUME,
};

/* The guest driver's view of one split queue. */
struct vd_queue {
	uint64_t desc, avail, used;
	uint16_t num, avail_idx, next_desc;
};

struct vdrive {
	uint8_t *pool;
	struct bh_vmem mem;
	struct bulkhead_virtio_channel *channel;
	struct bh_vcons *cons;
	struct bh_vblk *blk;
	struct bh_vnet *net;
	struct bh_vdev *devs[VD_DEVICES];
	struct vd_queue q[VD_DEVICES][VD_MAX_QUEUES];
	int disk_fd, read_only;
	int tap[2];		/* [0] the device's, [1] the network's */
	uint64_t output;	/* console output bytes */
	int restored;		/* VD_RESTORE ran */
	/* VD_RESTORE's work (state_fuzz); NULL: the op does nothing. */
	void (*restore)(struct vdrive *vd);
	/* Whether the devices' state may come from a file (no invariants on it). */
	int from_state;
};

/* The devices, the pool, the disk and the TAP; aborts when it cannot. */
void vd_init(struct vdrive *vd);
/* Everything as new: zeroed pool, disk and channel, devices just made. */
void vd_reset(struct vdrive *vd, int read_only);
/* Runs a program; checks the invariants after every operation. */
void vd_run(struct vdrive *vd, const uint8_t *prog, size_t len);
/* The invariants of the devices (also after the program). */
void vd_check(struct vdrive *vd);

/* The device list of the fake cell (addresses, types, interrupts). */
extern const struct bulkhead_virtio_device vd_devices[VD_DEVICES];
/* The identity of the fake cell's state file (state_fuzz, mkseeds). */
void vd_ident(struct bh_vstate_ident *id);

#endif /* _TESTS_FUZZ_VDRIVE_H */
