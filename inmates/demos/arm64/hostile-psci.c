// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * PSCI calls on a CPU of the root cell (MPIDR 0). CPU_ON must be refused
 * with DENIED (-3) without disturbing root; AFFINITY_INFO must not leak
 * anything useful (its result is printed for the test to judge).
 */
#include <inmate.h>

#define ROOT_CPU	0

int main(void)
{
	long ret;

	printk("hostile-psci: trying CPU_ON of MPIDR 0x%x (root's CPU)\n",
	       ROOT_CPU);
	ret = psci_cpu_on(ROOT_CPU, 0, 0);
	printk("hostile-psci: CPU_ON returned %ld\n", ret);

	printk("hostile-psci: trying AFFINITY_INFO of MPIDR 0x%x\n", ROOT_CPU);
	ret = psci_affinity_info(ROOT_CPU);
	printk("hostile-psci: AFFINITY_INFO returned %ld\n", ret);

	printk("hostile-psci: done\n");
	return 0;
}
