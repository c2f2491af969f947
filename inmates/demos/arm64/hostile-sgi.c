// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Sends SGIs meant for the root cell: SGI 1 to all other CPUs (IRM) and
 * SGI 2 to MPIDR 0, root's first CPU. This cell's only CPU is not a
 * target, so the hypervisor must drop both (and say so on its console).
 */
#include <inmate.h>

int main(void)
{
	gic_init();

	printk("hostile-sgi: trying SGI 1 to all other CPUs (IRM)\n");
	gic_send_sgi_others(1);
	printk("hostile-sgi: trying SGI 2 to MPIDR 0 (root's CPU 0)\n");
	gic_send_sgi(0, 2);
	printk("hostile-sgi: done\n");
	return 0;
}
