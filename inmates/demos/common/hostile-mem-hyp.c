// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Reads the hypervisor's own memory. It belongs to no cell: the hypervisor
 * must stop the cell, so "done" is never printed.
 */
#include <inmate.h>
#include "hostile-targets.h"

int main(void)
{
	u32 val;

	printk("hostile-mem-hyp: trying to read hypervisor memory at 0x%lx\n",
	       HOSTILE_HYPERVISOR_MEM);
	val = mmio_read32(HOSTILE_HYPERVISOR_MEM);
	printk("hostile-mem-hyp: read 0x%08x from 0x%lx\n", val,
	       HOSTILE_HYPERVISOR_MEM);
	printk("hostile-mem-hyp: done\n");
	return 0;
}
