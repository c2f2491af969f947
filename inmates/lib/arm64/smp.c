// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/halt.h>
#include <inmate/smp.h>
#include <asm/psci.h>
#include "internal.h"

static secondary_main_t secondary_mains[INMATE_MAX_CPUS];

long smp_start_cpu(unsigned int index, u64 mpidr, secondary_main_t fn)
{
	if (index == 0 || index >= INMATE_MAX_CPUS || !fn)
		return PSCI_INVALID_PARAMS;
	secondary_mains[index] = fn;
	/* The new CPU reads its slot once its caches are coherent with ours;
	 * the barrier orders the store before the call that starts it. */
	dsb(ish);
	return psci_cpu_on(mpidr, (unsigned long)secondary_entry, index);
}

void secondary_main(unsigned long index)
{
	secondary_main_t fn = secondary_mains[index];

	if (fn)
		fn(index);
	halt();
}
