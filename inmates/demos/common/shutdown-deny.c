// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A cell that refuses to be shut down: root's shutdown must fail with
 * -EBUSY and leave the cell running; only destroying it stops it.
 */
#include <inmate.h>

int main(void)
{
	printk("shutdown-deny: running, denying every shutdown request\n");
	for (;;) {
		if (comm_poll_shutdown(SHUTDOWN_DENY) == COMM_DENIED)
			printk("shutdown-deny: denied a shutdown request\n");
		cpu_relax();
	}
}
