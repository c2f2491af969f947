/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * /dev/bulkhead ioctl interface between the CLI and the driver.
 *
 * read() on /dev/bulkhead returns the hypervisor console: the file position
 * is the index of a byte in the console's whole output, so a reader that
 * keeps its position only ever sees new output.
 */
#ifndef _BULKHEAD_IOCTL_H
#define _BULKHEAD_IOCTL_H

#include <bulkhead/cell-config.h>
#include <bulkhead/hw-check.h>
#include <bulkhead/types.h>

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define BULKHEAD_IOCTL_MAGIC	0xb4

/* Largest config the driver accepts. */
#define BULKHEAD_CONFIG_MAX_SIZE	(64 * 1024)

struct bulkhead_config_arg {
	__u64 address;		/* user pointer to the config blob */
	__u64 size;
};

/* An image to copy into a cell's LOADABLE memory, at a cell address. */
struct bulkhead_image {
	__u64 source_address;	/* user pointer */
	__u64 size;
	__u64 target_address;	/* cell-virtual */
	__u64 reserved;
};

struct bulkhead_cell_load {
	__u32 id;
	__u32 num_images;
	__u64 images_address;	/* user pointer to struct bulkhead_image[] */
};

#define BULKHEAD_MAX_IMAGES	16

/* The state of one CPU (any CPU under the hypervisor, root's included). */
struct bulkhead_cpu_dump_arg {
	__u32 cpu;
	__u32 reserved;
	__u64 dump_address;	/* user pointer to struct bulkhead_cpu_dump */
};

#define BULKHEAD_ENABLE		_IOW(BULKHEAD_IOCTL_MAGIC, 0, struct bulkhead_config_arg)
#define BULKHEAD_DISABLE	_IO(BULKHEAD_IOCTL_MAGIC, 1)
/* Returns the new cell's id. */
#define BULKHEAD_CELL_CREATE	_IOW(BULKHEAD_IOCTL_MAGIC, 2, struct bulkhead_config_arg)
/* Stops the cell and copies the images into it. */
#define BULKHEAD_CELL_LOAD	_IOW(BULKHEAD_IOCTL_MAGIC, 3, struct bulkhead_cell_load)
/* The argument is the cell id, by value. */
#define BULKHEAD_CELL_START	_IO(BULKHEAD_IOCTL_MAGIC, 4)
#define BULKHEAD_CELL_SHUTDOWN	_IO(BULKHEAD_IOCTL_MAGIC, 5)
#define BULKHEAD_CELL_DESTROY	_IO(BULKHEAD_IOCTL_MAGIC, 6)
#define BULKHEAD_CPU_DUMP	_IOW(BULKHEAD_IOCTL_MAGIC, 7, struct bulkhead_cpu_dump_arg)
/*
 * Runs enable's checks of the machine without enabling (hw-check.h); no
 * side effect, not even a kernel log line. Works whether or not bulkhead
 * is enabled (if it is, it runs no check and says so).
 */
#define BULKHEAD_HW_CHECK	_IOR(BULKHEAD_IOCTL_MAGIC, 8, struct bulkhead_hw_check)

/*
 * /dev/bulkhead-virtio: the backend of one cell's virtio devices
 * (virtio.h). A file serves one cell once attached; one file per cell.
 *   mmap offset 0, one page: the channel, shared by all cells' backends;
 *   mmap offset one page, pool_size bytes: the cell's VIRTIO_POOL region,
 *     which the cell sees at pool_address;
 *   read(): 8 bytes, the count of requests signalled so far (blocks until
 *     it changes since this file's last read, unless O_NONBLOCK);
 *   poll(): POLLIN when read() would not block, POLLHUP once the cell is
 *     destroyed (the backend should then exit).
 * Closing the file detaches; the devices time out until a new backend
 * attaches and calls BULKHEAD_VIRTIO_ONLINE.
 */
struct bulkhead_virtio_attach {
	__u32 cell_id;		/* in: the cell to serve */
	__u32 num_devices;	/* out: entries of devices[] */
	__u64 pool_address;	/* out: guest-physical start of the pool */
	__u64 pool_size;	/* out */
	struct bulkhead_virtio_device devices[BULKHEAD_MAX_VIRTIO_DEVICES];
};

#define BULKHEAD_VIRTIO_ATTACH	_IOWR(BULKHEAD_IOCTL_MAGIC, 9, struct bulkhead_virtio_attach)
/* The argument is the device index, by value. */
#define BULKHEAD_VIRTIO_INJECT	_IO(BULKHEAD_IOCTL_MAGIC, 10)
#define BULKHEAD_VIRTIO_ONLINE	_IO(BULKHEAD_IOCTL_MAGIC, 11)

#endif /* _BULKHEAD_IOCTL_H */
