// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Reads the hypervisor's own memory. It belongs to no cell: the hypervisor
 * must stop the cell, so "done" is never printed.
 */
#include <inmate.h>

#define HYPERVISOR_MEM	0x7f000000UL

int main(void)
{
	u32 val;

	printk("hostile-mem-hyp: trying to read hypervisor memory at 0x%lx\n",
	       HYPERVISOR_MEM);
	val = mmio_read32(HYPERVISOR_MEM);
	printk("hostile-mem-hyp: read 0x%08x from 0x%lx\n", val,
	       HYPERVISOR_MEM);
	printk("hostile-mem-hyp: done\n");
	return 0;
}
