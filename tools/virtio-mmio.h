/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A virtio-mmio version 2 device as root's backend serves it: the register
 * file of virtio spec 4.2.2, independent of how the accesses arrive (the
 * channel of include/bulkhead/virtio.h in the backend, plain calls in the
 * unit tests). A device type (virtio-console.c) fills struct bh_vdev_ops.
 *
 * Every device offers VIRTIO_F_VERSION_1 and VIRTIO_F_ACCESS_PLATFORM and
 * refuses FEATURES_OK without the latter: only with it does the cell's
 * Linux bounce every buffer through the virtio pool, the one part of the
 * cell's memory root can see.
 */
#ifndef _TOOLS_VIRTIO_MMIO_H
#define _TOOLS_VIRTIO_MMIO_H

#include <stdint.h>

#include <bulkhead/cell-config.h>

#include "virtio-queue.h"

/* Registers (virtio spec 4.2.2, Linux's uapi virtio_mmio.h). */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_VENDOR_ID		0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_MMIO_SHM_SEL		0x0ac
#define VIRTIO_MMIO_SHM_LEN_LOW		0x0b0
#define VIRTIO_MMIO_SHM_LEN_HIGH	0x0b4
#define VIRTIO_MMIO_SHM_BASE_LOW	0x0b8
#define VIRTIO_MMIO_SHM_BASE_HIGH	0x0bc
#define VIRTIO_MMIO_QUEUE_RESET		0x0c0
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc
#define VIRTIO_MMIO_CONFIG		0x100

#define VIRTIO_MMIO_MAGIC		0x74726976	/* "virt" */
/* VendorID: "BH" (no PCI vendor behind it; Linux does not look). */
#define BH_VIRTIO_VENDOR_ID		0x00004842

#define VIRTIO_MMIO_INT_VRING		1
#define VIRTIO_MMIO_INT_CONFIG		2

/* Device status (virtio spec 2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE	0x01
#define VIRTIO_STATUS_DRIVER		0x02
#define VIRTIO_STATUS_DRIVER_OK		0x04
#define VIRTIO_STATUS_FEATURES_OK	0x08
#define VIRTIO_STATUS_NEEDS_RESET	0x40
#define VIRTIO_STATUS_FAILED		0x80

#define VIRTIO_F_VERSION_1		32
#define VIRTIO_F_ACCESS_PLATFORM	33

#define BH_VDEV_MAX_QUEUES		4
#define BH_VDEV_CONFIG_SIZE		256

struct bh_vdev;
struct bh_vstate_dev;

struct bh_vdev_ops {
	uint32_t device_id;
	/* Device-type features; VERSION_1 and ACCESS_PLATFORM are added. */
	uint64_t features;
	unsigned int num_queues;
	uint32_t queue_num_max;
	/* Bytes of config[] the driver may read from 0x100. */
	uint32_t config_size;
	/* QueueNotify of a ready queue of a device that is DRIVER_OK. */
	void (*notify)(struct bh_vdev *dev, unsigned int queue);
	/* Status set DRIVER_OK: buffers may now be used. May be NULL. */
	void (*driver_ok)(struct bh_vdev *dev);
	/* The device was reset (Status 0); the queues are already gone. */
	void (*reset)(struct bh_vdev *dev);
};

struct bh_vdev {
	const struct bh_vdev_ops *ops;
	const char *name;		/* in messages: "cell linux1 virtio0" */
	struct bh_vmem mem;		/* the cell's virtio pool */
	uint8_t config[BH_VDEV_CONFIG_SIZE];	/* little-endian, as the guest reads it */

	uint32_t status;
	uint32_t isr;			/* InterruptStatus */
	uint32_t config_generation;
	uint32_t device_features_sel, driver_features_sel, queue_sel;
	uint64_t driver_features;
	int broken;			/* NEEDS_RESET set: no queue work until reset */
	int irq;			/* an interrupt to raise in the cell */
	struct bh_vq vq[BH_VDEV_MAX_QUEUES];
	struct bh_vstate_dev *saved;	/* where the state is kept, or NULL */
};

void bh_vdev_init(struct bh_vdev *dev, const struct bh_vdev_ops *ops,
		  const char *name, const struct bh_vmem *mem);

/* An access the cell made: offset in the register window, size 1, 2 or 4. */
uint32_t bh_vdev_read(struct bh_vdev *dev, uint32_t offset, unsigned int size);
void bh_vdev_write(struct bh_vdev *dev, uint32_t offset, unsigned int size,
		   uint32_t value);

/* Whether queue q may carry buffers now (DRIVER_OK, ready, not broken). */
int bh_vdev_queue_live(const struct bh_vdev *dev, unsigned int q);
/* Used buffers were pushed to queue q: raises the interrupt if wanted. */
void bh_vdev_used(struct bh_vdev *dev, unsigned int q);
/* The config space changed: new generation, config-change interrupt. */
void bh_vdev_config_changed(struct bh_vdev *dev);
/*
 * The driver broke the device (a ring or buffer outside the pool, a bad
 * chain): logs why, sets DEVICE_NEEDS_RESET and raises the config-change
 * interrupt; the queues stay idle until the driver resets the device.
 */
void bh_vdev_fail(struct bh_vdev *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Whether the cell must get the device's interrupt now (InterruptStatus
 * gained a bit, or an ACK left bits set); clears the request.
 */
int bh_vdev_take_irq(struct bh_vdev *dev);

/*
 * Restart: the transport state of a cell's devices in a small file
 * (/run/bulkhead/NAME.state, on tmpfs) the backend maps MAP_SHARED, so that
 * a backend started again while the cell runs (the old one was killed)
 * serves the devices the cell's driver set up instead of devices that look
 * reset to the model but not to the driver.
 *
 * Every change of a device's registers (a register write, InterruptStatus
 * gaining a bit) is copied into the mapping at once, into the slot the
 * generation does not name, and then the generation moves: a backend killed
 * in the middle of a copy leaves the previous complete state. Ring
 * positions are not kept: a restored ready queue takes them from the used
 * ring in the pool (bh_vq_resume()).
 *
 * The file is of one cell instance: its identity is the cell id, a nonce
 * telling instances of the same id apart (see cmd-virtio.c), the pool and
 * the cell's device list; a file of another identity, layout version or
 * size is replaced by a new one. The layout is the host's own (one binary
 * writes and reads it); BH_VSTATE_VERSION changes with it.
 */
#define BH_VSTATE_MAGIC		0x54534842	/* "BHST" */
#define BH_VSTATE_VERSION	1

/* One device's transport state: the registers the driver set. */
struct bh_vdev_regs {
	uint64_t driver_features;
	uint32_t status;
	uint32_t isr;
	uint32_t config_generation;
	uint32_t device_features_sel, driver_features_sel, queue_sel;
	uint32_t broken;
	uint32_t num_queues;
	struct {
		uint64_t desc, driver, device;
		uint32_t num;
		uint32_t ready;
	} vq[BH_VDEV_MAX_QUEUES];
};

struct bh_vstate_dev {
	uint32_t gen;			/* slot[gen & 1] is the current state */
	uint32_t valid;			/* 1 once a state was written */
	struct bh_vdev_regs slot[2];
};

/* Which cell instance a state file belongs to. */
struct bh_vstate_ident {
	uint32_t cell_id;
	uint32_t num_devices;
	uint64_t cell_nonce;
	uint64_t pool_address, pool_size;
	/* Entries past num_devices are zero. */
	struct bulkhead_virtio_device devices[BULKHEAD_MAX_VIRTIO_DEVICES];
};

struct bh_vstate {
	uint32_t magic;			/* written last, when the file is new */
	uint32_t version;
	uint32_t size;			/* sizeof(struct bh_vstate) */
	uint32_t reserved;
	struct bh_vstate_ident ident;
	struct bh_vstate_dev dev[BULKHEAD_MAX_VIRTIO_DEVICES];
};

struct bh_vstate_file {
	struct bh_vstate *s;		/* the mapping, NULL when none */
	uint64_t st_dev, st_ino;	/* our file, not a successor's */
};

/*
 * Maps the state file at path: 1 when it holds the state of the cell
 * instance id (the devices may be restored from it), 0 when a new file was
 * made (a file of another identity is replaced), -1 when there is none
 * (logged; the backend works on without restart state).
 */
int bh_vstate_open(struct bh_vstate_file *f, const char *path,
		   const struct bh_vstate_ident *id);
/* Unmaps the file; with remove, deletes it if it is still ours. */
void bh_vstate_close(struct bh_vstate_file *f, const char *path, int remove);
/*
 * Keeps dev's transport state in slot from now on. With restore (and a
 * state in the slot), first takes the registers from it; ready queues go
 * on from the used ring's index (bh_vq_resume()), a queue that no longer
 * fits the pool makes the device NEEDS_RESET. Otherwise the slot gets the
 * device's present state.
 */
void bh_vdev_keep_state(struct bh_vdev *dev, struct bh_vstate_dev *slot, int restore);
/*
 * After a restore: serves every live queue once (as for a QueueNotify), for
 * the buffers the driver posted while no backend ran; the interrupt is
 * requested if that completed anything the driver wants to hear of, or if
 * InterruptStatus already had bits (the old backend may have died before
 * it raised the interrupt).
 */
void bh_vdev_resume(struct bh_vdev *dev);

/*
 * Where the device models' messages go; by default stderr with a
 * "bulkhead: " prefix. The unit tests catch them.
 */
extern void (*bh_virtio_log)(const char *msg);
void bh_virtio_logf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* _TOOLS_VIRTIO_MMIO_H */
