// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A cell that only computes: no timer, no interrupts, no device access
 * after its first line. Under a partitioning hypervisor such a CPU should
 * never leave its cell; `make bench` counts its exits per second (the
 * ideal is 0).
 */
#include <inmate.h>

int main(void)
{
	volatile unsigned long sink;
	unsigned long x = 1;

	printk("compute: computing with no interrupts\n");
	for (;;) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		sink = x;
	}
	(void)sink;
	return 0;
}
