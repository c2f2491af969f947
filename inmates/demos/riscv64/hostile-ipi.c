// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * SBI IPIs meant for the root cell. "All harts" (hart_mask_base -1) may
 * only mean the cell's own; a mask naming root's hart 0, alone or next to
 * this hart, must be refused as a whole. The riscv64 counterpart of
 * hostile-sgi. This hart's software interrupt stays masked throughout.
 */
#include <inmate.h>

#define ROOT_HART	0

static void try_ipi(const char *what, unsigned long mask, unsigned long base)
{
	printk("hostile-ipi: trying IPI to %s\n", what);
	printk("hostile-ipi: send_ipi returned %ld\n", sbi_send_ipi(mask, base));
}

int main(void)
{
	try_ipi("all harts (hart_mask_base -1)", 0, SBI_HART_MASK_BASE_ALL);
	try_ipi("hart 0 (root's hart)", 1UL << ROOT_HART, 0);
	try_ipi("hart 0 and this hart", 1UL << ROOT_HART | 1UL << cpu_hartid(),
		0);
	printk("hostile-ipi: done\n");
	return 0;
}
