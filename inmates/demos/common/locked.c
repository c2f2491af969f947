// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A cell that marks itself locked in its comm region: the hypervisor then
 * denies every shutdown request without asking it, and the cell shows as
 * "running/locked". Only destroy stops it.
 */
#include <inmate.h>

int main(void)
{
	comm_set_state(BULKHEAD_CELL_STATE_RUNNING_LOCKED);
	printk("locked: running, locked against shutdown\n");
	return 0;
}
