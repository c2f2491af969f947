// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Root-only hypercalls from a cell: each must fail with -EPERM (-1) and
 * change nothing.
 */
#include <inmate.h>

static void try_call(const char *name, unsigned long nr, unsigned long arg1,
		     unsigned long arg2)
{
	printk("hostile-hypercall: trying %s\n", name);
	printk("hostile-hypercall: %s returned %ld\n", name,
	       bulkhead_hypercall(nr, arg1, arg2));
}

int main(void)
{
	try_call("DISABLE", BULKHEAD_HC_DISABLE, 0, 0);
	try_call("CELL_DESTROY(1)", BULKHEAD_HC_CELL_DESTROY, 1, 0);
	try_call("CELL_CREATE(0, 0)", BULKHEAD_HC_CELL_CREATE, 0, 0);
	printk("hostile-hypercall: done\n");
	return 0;
}
