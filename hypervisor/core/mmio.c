// SPDX-License-Identifier: GPL-2.0
/* Dispatch of emulated device accesses to the handler of the window hit. */
#include <core/cell.h>
#include <core/mmio.h>

int mmio_region_register(struct cell *cell, u64 start, u64 size,
			 mmio_handler handler, void *arg)
{
	struct mmio_region *region;

	if (cell->num_mmio_regions >= MMIO_MAX_REGIONS)
		return -ENOMEM;
	region = &cell->mmio_regions[cell->num_mmio_regions++];
	region->start = start;
	region->size = size;
	region->handler = handler;
	region->arg = arg;
	return 0;
}

enum mmio_result mmio_handle_access(struct cell *cell, struct mmio_access *access)
{
	unsigned int n;

	for (n = 0; n < cell->num_mmio_regions; n++) {
		struct mmio_region *region = &cell->mmio_regions[n];

		if (access->address >= region->start &&
		    access->address - region->start < region->size)
			return region->handler(region->arg, access);
	}
	return MMIO_UNHANDLED;
}

u64 mmio_read(u64 address, unsigned int size)
{
	switch (size) {
	case 1:
		return *(volatile u8 *)address;
	case 2:
		return *(volatile u16 *)address;
	case 4:
		return *(volatile u32 *)address;
	default:
		return *(volatile u64 *)address;
	}
}

void mmio_write(u64 address, u64 value, unsigned int size)
{
	switch (size) {
	case 1:
		*(volatile u8 *)address = value;
		break;
	case 2:
		*(volatile u16 *)address = value;
		break;
	case 4:
		*(volatile u32 *)address = value;
		break;
	default:
		*(volatile u64 *)address = value;
	}
}
