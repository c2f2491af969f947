// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Reaches for another hart's PLIC context: raising the threshold of
 * context 1, hart 0's S mode (root's), would silence every interrupt of
 * root's first CPU. Any access to a context that is not one of the cell's
 * harts' must stop the cell, so "done" is never printed.
 */
#include <inmate.h>

#define ROOT_HART	0
#define THRESHOLD_ALL	7	/* above every priority QEMU's PLIC has */

int main(void)
{
	unsigned int ctx = PLIC_S_CONTEXT(ROOT_HART);
	unsigned long reg = plic_base() + PLIC_THRESHOLD(ctx);

	printk("hostile-plic-ctx: trying to set the threshold of context %u (root's hart %u) to %u\n",
	       ctx, ROOT_HART, THRESHOLD_ALL);
	mmio_write32(reg, THRESHOLD_ALL);
	printk("hostile-plic-ctx: threshold of context %u = %u\n", ctx,
	       mmio_read32(reg));
	printk("hostile-plic-ctx: done\n");
	return 0;
}
