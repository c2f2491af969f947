// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/halt.h>
#include <inmate/smp.h>
#include "startup.h"

static secondary_main_t secondary_mains[INMATE_MAX_CPUS];

long smp_start_cpu(unsigned int index, u64 hwid, secondary_main_t fn)
{
	if (index == 0 || index >= INMATE_MAX_CPUS || !fn)
		return SMP_INVALID_INDEX;
	secondary_mains[index] = fn;
	return arch_start_cpu(hwid, index);
}

void secondary_main(unsigned long index)
{
	secondary_main_t fn = secondary_mains[index];

	if (fn)
		fn(index);
	halt();
}
