// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Writes to the physical address of the other inmate cell's RAM. This
 * cell's address space maps only its own 1 MiB at 0, so the address is
 * unmapped: the hypervisor must stop the cell, and the physical page must
 * not be reachable through any alias. "done" is never printed.
 */
#include <inmate.h>
#include "hostile-targets.h"

int main(void)
{
	printk("hostile-mem-cell: trying to write 0x%lx (other cell's RAM)\n",
	       HOSTILE_OTHER_CELL_RAM);
	mmio_write32(HOSTILE_OTHER_CELL_RAM, 0xdeadbeef);
	printk("hostile-mem-cell: write to 0x%lx went through\n",
	       HOSTILE_OTHER_CELL_RAM);
	printk("hostile-mem-cell: done\n");
	return 0;
}
