// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Writes into root Linux's RAM. The stage-2 (G-stage) tables of the cell
 * do not map it: the hypervisor must stop the cell, so "done" is never
 * printed.
 */
#include <inmate.h>
#include "hostile-targets.h"

int main(void)
{
	printk("hostile-mem-root: trying to write root RAM at 0x%lx\n",
	       HOSTILE_ROOT_RAM);
	mmio_write32(HOSTILE_ROOT_RAM, 0xdeadbeef);
	printk("hostile-mem-root: write to 0x%lx went through\n",
	       HOSTILE_ROOT_RAM);
	printk("hostile-mem-root: done\n");
	return 0;
}
