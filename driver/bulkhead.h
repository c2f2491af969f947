/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DRIVER_BULKHEAD_H
#define _DRIVER_BULKHEAD_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <bulkhead/cell-config.h>
#include <bulkhead/hypervisor.h>

struct bulkhead_state {
	/* Serializes enable, disable and everything that reads the state. */
	struct mutex lock;
	bool enabled;
	struct device *dev;
	/* The hypervisor memory, mapped uncached while it is in use. */
	void *memory;
	phys_addr_t memory_phys;
	size_t memory_size;
	struct bulkhead_shared *shared;
	unsigned long entry_phys;
};

extern struct bulkhead_state bulkhead;

int bulkhead_enable(const void __user *config, size_t size);
int bulkhead_disable(void);
void bulkhead_release_memory(void);

int bulkhead_sysfs_init(void);
void bulkhead_sysfs_exit(void);

ssize_t bulkhead_console_read(struct file *file, char __user *buf,
			      size_t count, loff_t *ppos);

/* Implemented per architecture (arch-<arch>.c). */
extern const u16 bulkhead_arch_id;
extern const char bulkhead_firmware_name[];
int bulkhead_arch_check(void);
long bulkhead_arch_enter_cpu(unsigned long entry, unsigned int cpu,
			     phys_addr_t base, size_t config_size);
long bulkhead_arch_disable_cpu(void);

#endif
