// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A cell that never looks at its comm region: a shutdown request gets no
 * answer, so the hypervisor must mark the cell failed after the timeout.
 */
#include <inmate.h>

int main(void)
{
	printk("mute: running, never answering the comm region\n");
	for (;;)
		cpu_relax();
	return 0;
}
