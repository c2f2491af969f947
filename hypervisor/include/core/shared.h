/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_SHARED_H
#define _CORE_SHARED_H

#include <bulkhead/hypervisor.h>
#include <core/types.h>

/* Mapped read-only into the root cell: statistics and the console. */
extern struct bulkhead_shared shared_region;

static inline void count_exit(unsigned int cpu, enum bulkhead_exit_reason why)
{
	shared_region.exits[cpu][BULKHEAD_EXIT_TOTAL]++;
	shared_region.exits[cpu][why]++;
}

#endif
