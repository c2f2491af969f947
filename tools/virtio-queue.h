/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Split virtqueues (virtio 1.x, 2.7) as the device sees them, for root's
 * virtio backend. The rings and buffers live in the cell's virtio pool and
 * are reached only through struct bh_vmem: an address or a length outside
 * the pool is an error the caller turns into DEVICE_NEEDS_RESET, never an
 * access outside the mapping.
 *
 * No VIRTIO_F_INDIRECT_DESC and no VIRTIO_F_EVENT_IDX: the device offers
 * neither, so a chain flagged INDIRECT is an error, and notifications
 * follow only VRING_AVAIL_F_NO_INTERRUPT.
 */
#ifndef _TOOLS_VIRTIO_QUEUE_H
#define _TOOLS_VIRTIO_QUEUE_H

#include <stddef.h>
#include <stdint.h>

/* The cell's pool: guest-physical [gpa, gpa + size) mapped at base. */
struct bh_vmem {
	uint8_t *base;
	uint64_t gpa;
	uint64_t size;
};

/*
 * Where guest-physical [gpa, gpa + len) is mapped, or NULL when any byte of
 * it lies outside the pool (len 0 included, wrap-around refused).
 */
void *bh_vmem_ptr(const struct bh_vmem *m, uint64_t gpa, uint64_t len);

/* Largest queue size any device offers (QueueNumMax). */
#define BH_VQ_MAX_SIZE		256

/* One descriptor of a chain, already translated. */
struct bh_vq_seg {
	uint8_t *addr;
	uint32_t len;
	int writable;		/* device-writable (VIRTQ_DESC_F_WRITE) */
};

/* A popped descriptor chain. */
struct bh_vq_chain {
	uint16_t head;
	unsigned int num_segs;
	unsigned int num_out;	/* readable segments, which come first */
	struct bh_vq_seg seg[BH_VQ_MAX_SIZE];
};

struct bh_vq {
	/* Set by the driver through the transport. */
	uint32_t num;
	uint64_t desc, driver, device;
	int ready;
	/* Device state. */
	uint16_t last_avail;	/* next avail ring entry to take */
	uint16_t used_idx;	/* our copy of used->idx */
	int need_interrupt;	/* a used entry the driver was not told of */
};

/*
 * Checks the queue's size and ring addresses against the pool; 0 or -1 with
 * why (a static string) when the queue cannot be used.
 */
int bh_vq_check(const struct bh_vq *q, const struct bh_vmem *m, const char **why);
/* Forgets the device state (queue reset or device reset). */
void bh_vq_reset(struct bh_vq *q);
/*
 * A new backend takes over a ready queue another one served (virtio-mmio.c,
 * restart): checks it as bh_vq_check() does, then takes the used index from
 * the used ring in the pool and the next avail entry to be the same. That
 * holds for a device that pushes every chain it pops at once and in order
 * (the console does), so used->idx counts the avail entries consumed.
 */
int bh_vq_resume(struct bh_vq *q, const struct bh_vmem *m, const char **why);

/*
 * Takes the next available chain: 1 with *c filled, 0 when none is
 * available, -1 when the driver broke the ring (why says how).
 */
int bh_vq_pop(struct bh_vq *q, const struct bh_vmem *m, struct bh_vq_chain *c,
	      const char **why);
/*
 * Hands the chain at head back with len bytes written into it. The used
 * entry is visible before the new used index (release barrier).
 */
int bh_vq_push(struct bh_vq *q, const struct bh_vmem *m, uint16_t head,
	       uint32_t len, const char **why);
/*
 * After a batch of pushes: whether the driver wants an interrupt for them
 * (it may have set VRING_AVAIL_F_NO_INTERRUPT). Clears need_interrupt.
 */
int bh_vq_should_notify(struct bh_vq *q, const struct bh_vmem *m);

#endif /* _TOOLS_VIRTIO_QUEUE_H */
