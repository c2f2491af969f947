// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <asm/processor.h>
#include <asm/psci.h>
#include "internal.h"

long arch_start_cpu(u64 hwid, unsigned long index)
{
	/* The new CPU reads its slot once its caches are coherent with ours;
	 * the barrier orders the store before the call that starts it. */
	dsb(ish);
	return psci_cpu_on(hwid, (unsigned long)secondary_entry, index);
}
