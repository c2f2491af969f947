// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Root-only hypercalls from a cell, with sane and with malformed arguments,
 * and a call number nobody defined: each must fail with -EPERM (-1) and
 * change nothing.
 */
#include <inmate.h>

static const struct {
	const char *name;
	unsigned long nr, arg1, arg2;
} calls[] = {
	{ "DISABLE", BULKHEAD_HC_DISABLE, 0, 0 },
	{ "CELL_DESTROY(1)", BULKHEAD_HC_CELL_DESTROY, 1, 0 },
	{ "CELL_CREATE(0, 0)", BULKHEAD_HC_CELL_CREATE, 0, 0 },
	{ "CELL_CREATE(~0, ~0)", BULKHEAD_HC_CELL_CREATE, ~0UL, ~0UL },
	{ "CELL_START(~0)", BULKHEAD_HC_CELL_START, ~0UL, 0 },
	{ "CPU_DUMP(0, 0x80000000)", BULKHEAD_HC_CPU_DUMP, 0, 0x80000000 },
	{ "hypercall ~0", ~0UL, ~0UL, ~0UL },
};

int main(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		printk("hostile-hypercall: trying %s\n", calls[i].name);
		printk("hostile-hypercall: %s returned %ld\n", calls[i].name,
		       bulkhead_hypercall(calls[i].nr, calls[i].arg1,
					  calls[i].arg2));
	}
	printk("hostile-hypercall: done\n");
	return 0;
}
