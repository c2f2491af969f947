// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate.h>
#include "startup.h"

_Static_assert(INMATE_MAX_CPUS == BULKHEAD_COMM_MAX_CPUS,
	       "one stack per CPU the comm region can name");

void boot_main(void)
{
	if (!comm_region_valid())
		printk("inmate: communication region signature missing\n");
	comm_set_state(BULKHEAD_CELL_STATE_RUNNING);
	main();
	halt();
}
