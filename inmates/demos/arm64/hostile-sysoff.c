// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * PSCI SYSTEM_OFF from a cell must shut down only this cell, never the
 * machine. The call is not expected to return.
 */
#include <inmate.h>

int main(void)
{
	long ret;

	printk("hostile-sysoff: trying SYSTEM_OFF\n");
	ret = psci_system_off();
	printk("hostile-sysoff: still running (SYSTEM_OFF returned %ld)\n", ret);
	printk("hostile-sysoff: done\n");
	return 0;
}
