// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Split virtqueues for root's virtio backend (virtio-queue.h).
 *
 * The driver in the cell writes the rings while we read them, so every
 * ring field is read once through a volatile pointer and then only the
 * copy is used: a changing value can make a chain wrong, never make us
 * reach outside the pool. The orderings are the spec's (2.7.13, 2.7.14):
 * read avail->idx, then (acquire) the ring entry and the descriptors; write
 * the used entry, then (release) used->idx; write used->idx, then (full
 * barrier) read avail->flags, against the driver's mirror-image sequence.
 */
#include <endian.h>
#include <string.h>

#include "virtio-queue.h"

#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2
#define VIRTQ_DESC_F_INDIRECT	4
#define VIRTQ_AVAIL_F_NO_INTERRUPT	1

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

/* Ring sizes in bytes (without the EVENT_IDX words). */
#define DESC_SIZE(num)		(16ULL * (num))
#define AVAIL_SIZE(num)		(4ULL + 2ULL * (num))
#define USED_SIZE(num)		(4ULL + 8ULL * (num))

void *bh_vmem_ptr(const struct bh_vmem *m, uint64_t gpa, uint64_t len)
{
	uint64_t off;

	if (!len || gpa < m->gpa)
		return NULL;
	off = gpa - m->gpa;
	if (off >= m->size || len > m->size - off)
		return NULL;
	return m->base + off;
}

static uint16_t load16(const void *p)
{
	return le16toh(*(const volatile uint16_t *)p);
}

static uint32_t load32(const void *p)
{
	return le32toh(*(const volatile uint32_t *)p);
}

static uint64_t load64(const void *p)
{
	return le64toh(*(const volatile uint64_t *)p);
}

static void store16(void *p, uint16_t v)
{
	*(volatile uint16_t *)p = htole16(v);
}

static void store32(void *p, uint32_t v)
{
	*(volatile uint32_t *)p = htole32(v);
}

int bh_vq_check(const struct bh_vq *q, const struct bh_vmem *m, const char **why)
{
	if (!q->num || q->num > BH_VQ_MAX_SIZE || (q->num & (q->num - 1))) {
		*why = "the queue size is not a power of two up to QueueNumMax";
		return -1;
	}
	if ((q->desc & 15) || (q->driver & 1) || (q->device & 3)) {
		*why = "a ring is misaligned (descriptors 16, driver area 2, device area 4 bytes)";
		return -1;
	}
	if (!bh_vmem_ptr(m, q->desc, DESC_SIZE(q->num))) {
		*why = "the descriptor table is outside the virtio pool";
		return -1;
	}
	if (!bh_vmem_ptr(m, q->driver, AVAIL_SIZE(q->num))) {
		*why = "the driver area (avail ring) is outside the virtio pool";
		return -1;
	}
	if (!bh_vmem_ptr(m, q->device, USED_SIZE(q->num))) {
		*why = "the device area (used ring) is outside the virtio pool";
		return -1;
	}
	return 0;
}

void bh_vq_reset(struct bh_vq *q)
{
	memset(q, 0, sizeof(*q));
}

int bh_vq_resume(struct bh_vq *q, const struct bh_vmem *m, const char **why)
{
	uint8_t *used;

	if (bh_vq_check(q, m, why))
		return -1;
	used = bh_vmem_ptr(m, q->device, USED_SIZE(q->num));
	/*
	 * The driver only reads the used ring; if it wrote used->idx anyway,
	 * the worst is a wrong avail position, which bh_vq_pop() checks like
	 * any avail index (never an access outside the pool).
	 */
	q->used_idx = load16(used + 2);
	q->last_avail = q->used_idx;
	q->need_interrupt = 0;
	q->ready = 1;
	return 0;
}

int bh_vq_pop(struct bh_vq *q, const struct bh_vmem *m, struct bh_vq_chain *c,
	      const char **why)
{
	uint8_t *avail = bh_vmem_ptr(m, q->driver, AVAIL_SIZE(q->num));
	uint8_t *desc = bh_vmem_ptr(m, q->desc, DESC_SIZE(q->num));
	uint16_t avail_idx, head, i, flags;
	unsigned int count;
	uint64_t addr;
	uint32_t len;

	if (!q->ready || !avail || !desc) {
		*why = "the queue is not set up";
		return -1;
	}
	avail_idx = load16(avail + 2);
	if (avail_idx == q->last_avail)
		return 0;
	if ((uint16_t)(avail_idx - q->last_avail) > q->num) {
		*why = "the avail index moved by more than the queue size";
		return -1;
	}
	/* The ring entry and its descriptors were written before the index. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	head = load16(avail + 4 + 2 * (q->last_avail % q->num));
	if (head >= q->num) {
		*why = "an avail ring entry names a descriptor beyond the queue size";
		return -1;
	}
	c->head = head;
	c->num_segs = 0;
	c->num_out = 0;
	for (i = head, count = 0;; count++) {
		const uint8_t *d = desc + 16 * i;

		if (count == q->num) {
			*why = "the descriptor chain loops (longer than the queue)";
			return -1;
		}
		addr = load64(d + offsetof(struct virtq_desc, addr));
		len = load32(d + offsetof(struct virtq_desc, len));
		flags = load16(d + offsetof(struct virtq_desc, flags));
		if (flags & VIRTQ_DESC_F_INDIRECT) {
			*why = "an indirect descriptor, but INDIRECT_DESC was not offered";
			return -1;
		}
		if (len) {
			struct bh_vq_seg *s = &c->seg[c->num_segs++];

			s->addr = bh_vmem_ptr(m, addr, len);
			s->len = len;
			s->writable = !!(flags & VIRTQ_DESC_F_WRITE);
			if (!s->addr) {
				*why = "a buffer lies outside the virtio pool";
				return -1;
			}
			if (!s->writable) {
				if (c->num_out != c->num_segs - 1) {
					*why = "a device-readable buffer follows a writable one";
					return -1;
				}
				c->num_out++;
			}
		}
		if (!(flags & VIRTQ_DESC_F_NEXT))
			break;
		i = load16(d + offsetof(struct virtq_desc, next));
		if (i >= q->num) {
			*why = "a descriptor's next is beyond the queue size";
			return -1;
		}
	}
	q->last_avail++;
	return 1;
}

int bh_vq_push(struct bh_vq *q, const struct bh_vmem *m, uint16_t head,
	       uint32_t len, const char **why)
{
	uint8_t *used = bh_vmem_ptr(m, q->device, USED_SIZE(q->num));
	uint8_t *e;

	if (!q->ready || !used) {
		*why = "the queue is not set up";
		return -1;
	}
	e = used + 4 + 8 * (q->used_idx % q->num);
	store32(e, head);
	store32(e + 4, len);
	/* The entry before the index that publishes it. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	store16(used + 2, ++q->used_idx);
	q->need_interrupt = 1;
	return 0;
}

int bh_vq_should_notify(struct bh_vq *q, const struct bh_vmem *m)
{
	uint8_t *avail = bh_vmem_ptr(m, q->driver, AVAIL_SIZE(q->num));

	if (!q->need_interrupt || !avail)
		return 0;
	q->need_interrupt = 0;
	/*
	 * Our used->idx store against the driver's flags store: the driver
	 * clears NO_INTERRUPT, then (full barrier) looks at used->idx.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(load16(avail) & VIRTQ_AVAIL_F_NO_INTERRUPT);
}
