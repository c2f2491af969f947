// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The smallest useful inmate: proves a cell starts, prints and stops. */
#include <inmate.h>

int main(void)
{
	printk("Hello from bulkhead cell\n");
	printk("hello: hart %llu, %u CPU(s) in the cell\n", cpu_hartid(),
	       comm_region()->num_cpus);
	return 0;
}
