// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Sends SGIs meant for the root cell: SGI 1 to all other CPUs (GICv3: IRM
 * in ICC_SGI1R_EL1, GICv2: GICD_SGIR's "all but self" filter) and SGI 2 to
 * MPIDR 0, root's first CPU (GICv2: its CPU interface, mask 0x01). This
 * cell's only CPU is not a target, so the hypervisor must drop both (and
 * say so on its console).
 */
#include <inmate.h>

int main(void)
{
	bool v2;

	gic_init();
	v2 = gic_version() == 2;

	printk("hostile-sgi: trying SGI 1 to all other CPUs (%s)\n",
	       v2 ? "GICD_SGIR all but self" : "IRM");
	gic_send_sgi_others(1);
	printk("hostile-sgi: trying SGI 2 to MPIDR 0 (root's CPU 0)%s\n",
	       v2 ? " via GICD_SGIR" : "");
	gic_send_sgi(0, 2);
	printk("hostile-sgi: done\n");
	return 0;
}
