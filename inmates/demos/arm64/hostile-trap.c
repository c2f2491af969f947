// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * An hvc with an immediate that is not bulkhead's: an unknown trap. The
 * hypervisor must stop the cell, so "done" is never printed.
 */
#include <inmate.h>

int main(void)
{
	printk("hostile-trap: trying hvc #1\n");
	asm volatile("hvc #1" : : : "x0", "x1", "x2", "x3", "memory");
	printk("hostile-trap: hvc #1 returned\n");
	printk("hostile-trap: done\n");
	return 0;
}
