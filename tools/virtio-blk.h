/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The virtio block device (device ID 2, virtio spec 5.2) root's backend
 * serves from a file (or a block device) in root: the caller opens it and
 * hands the descriptor over, read-only or read-write. One queue, no
 * multi-queue, no SEG_MAX (Linux then sends one data segment a request).
 *
 * Features: VIRTIO_BLK_F_FLUSH always (a FLUSH is an fdatasync() of the
 * file), VIRTIO_BLK_F_RO when read-only. Config: capacity (le64, in
 * 512-byte sectors) at 0, the file's size rounded down. Requests are done
 * at once, synchronously (pread/pwrite), and completed in order.
 *
 * Status of a request: OK; IOERR for a request beyond the capacity, a
 * data length that is not a multiple of 512, a write to a read-only disk,
 * a request without its 16-byte header, and any failed or short read or
 * write of the file; UNSUPP for a type other than IN, OUT, FLUSH, GET_ID.
 * A request without a device-writable status byte cannot be answered: the
 * device then needs a reset (DEVICE_NEEDS_RESET, as for a buffer outside
 * the pool).
 */
#ifndef _TOOLS_VIRTIO_BLK_H
#define _TOOLS_VIRTIO_BLK_H

#include <stddef.h>
#include <stdint.h>

#include "virtio-mmio.h"

#define BH_VBLK_QUEUE_SIZE	128
#define BH_VBLK_SECTOR_SIZE	512
/* The GET_ID answer: "bulkhead-CELL-INDEX", zero-padded to 20 bytes. */
#define BH_VBLK_ID_BYTES	20

/* Feature bits (virtio spec 5.2.3). */
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_FLUSH	9

/* Request types and status values (virtio spec 5.2.6). */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_T_GET_ID	8
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

struct bh_vblk {
	struct bh_vdev dev;		/* first: the ops get &dev */
	int fd;				/* the caller's; not closed here */
	int read_only;
	uint64_t capacity;		/* in sectors */
	char serial[BH_VBLK_ID_BYTES];
	/* Requests answered, and how many of them failed (IOERR or UNSUPP). */
	uint64_t requests, errors;
	uint64_t logged_errors;		/* failures of the file, malformed requests */
	struct bh_vq_chain chain;	/* scratch, too big for the stack */
};

/*
 * Serves the open file fd (a regular file or a block device) as device
 * index of cell cell_id (only for its serial). 0, or -1 with why in err
 * (fd is not a file or a block device, or its size cannot be read).
 */
int bh_vblk_init(struct bh_vblk *b, const char *name, const struct bh_vmem *mem,
		 int fd, int read_only, unsigned int cell_id, unsigned int index,
		 char *err, size_t err_len);

#endif /* _TOOLS_VIRTIO_BLK_H */
