// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Writes to 0x7e100000, where the other inmate cell's RAM sits in physical
 * memory. This cell's address space maps only its own 1 MiB at 0, so the
 * address is unmapped: the hypervisor must stop the cell, and the physical
 * page must not be reachable through any alias. "done" is never printed.
 */
#include <inmate.h>

#define OTHER_CELL_RAM	0x7e100000UL

int main(void)
{
	printk("hostile-mem-cell: trying to write 0x%lx (other cell's RAM)\n",
	       OTHER_CELL_RAM);
	mmio_write32(OTHER_CELL_RAM, 0xdeadbeef);
	printk("hostile-mem-cell: write to 0x%lx went through\n",
	       OTHER_CELL_RAM);
	printk("hostile-mem-cell: done\n");
	return 0;
}
