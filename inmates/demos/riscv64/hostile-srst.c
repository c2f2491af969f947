// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * SBI system reset (shutdown) from a cell must shut down only this cell,
 * never the machine. The call is not expected to return. The riscv64
 * counterpart of hostile-sysoff.
 */
#include <inmate.h>

int main(void)
{
	long ret;

	printk("hostile-srst: trying SBI system reset (shutdown)\n");
	ret = sbi_system_reset(SBI_SRST_SHUTDOWN, SBI_SRST_REASON_NONE);
	printk("hostile-srst: still running (system_reset returned %ld)\n",
	       ret);
	printk("hostile-srst: done\n");
	return 0;
}
