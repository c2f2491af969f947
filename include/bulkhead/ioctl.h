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

#define BULKHEAD_ENABLE		_IOW(BULKHEAD_IOCTL_MAGIC, 0, struct bulkhead_config_arg)
#define BULKHEAD_DISABLE	_IO(BULKHEAD_IOCTL_MAGIC, 1)

#endif /* _BULKHEAD_IOCTL_H */
