/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulated device windows. The architecture decodes a trapped access into a
 * struct mmio_access and the core hands it to the handler registered for
 * that address in the cell.
 */
#ifndef _CORE_MMIO_H
#define _CORE_MMIO_H

#include <core/types.h>

struct cell;

struct mmio_access {
	u64 address;		/* guest-physical */
	u64 value;		/* written, or to be read */
	unsigned int size;	/* 1, 2, 4 or 8 bytes */
	bool is_write;
	unsigned int cpu_id;	/* the CPU that made the access */
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_UNHANDLED,		/* no emulated device here */
	MMIO_DENIED,		/* a device is here, the access is forbidden */
};

typedef enum mmio_result (*mmio_handler)(void *arg, struct mmio_access *access);

/* irqchip windows, the console UART, up to 8 virtio devices */
#define MMIO_MAX_REGIONS	16

struct mmio_region {
	u64 start, size;
	mmio_handler handler;
	void *arg;
};

int mmio_region_register(struct cell *cell, u64 start, u64 size,
			 mmio_handler handler, void *arg);
enum mmio_result mmio_handle_access(struct cell *cell, struct mmio_access *access);

/* Raw device accesses by the hypervisor itself. */
u64 mmio_read(u64 address, unsigned int size);
void mmio_write(u64 address, u64 value, unsigned int size);

#endif
