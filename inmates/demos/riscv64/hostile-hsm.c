// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * SBI HSM calls on a hart of the root cell (hart 0). HART_START must be
 * refused without disturbing root; HART_GET_STATUS must not tell anything
 * about it either (its result is printed for the test to judge). The
 * riscv64 counterpart of hostile-psci.
 */
#include <inmate.h>

#define ROOT_HART	0

int main(void)
{
	struct sbiret status;
	long ret;

	printk("hostile-hsm: trying HART_START of hart %u (root's hart)\n",
	       ROOT_HART);
	ret = sbi_hart_start(ROOT_HART, 0, 0);
	printk("hostile-hsm: HART_START returned %ld\n", ret);

	printk("hostile-hsm: trying HART_GET_STATUS of hart %u\n", ROOT_HART);
	status = sbi_hart_get_status(ROOT_HART);
	printk("hostile-hsm: HART_GET_STATUS returned %ld (status %ld)\n",
	       status.error, status.value);

	printk("hostile-hsm: done\n");
	return 0;
}
