/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_PERCPU_H
#define _CORE_PERCPU_H

#include <bulkhead/cell-config.h>
#include <core/types.h>
#include <arch/percpu.h>

#define PERCPU_STACK_SIZE	16384

struct cell;

struct per_cpu {
	/* First, so the stack's top is where the rest begins. */
	u8 stack[PERCPU_STACK_SIZE];
	unsigned int cpu_id;
	bool enabled;
	struct cell *cell;
	struct arch_per_cpu arch;
} __attribute__((aligned(4096)));

extern struct per_cpu per_cpu_data[BULKHEAD_MAX_CPUS];

static inline struct per_cpu *per_cpu(unsigned int cpu)
{
	return &per_cpu_data[cpu];
}

#endif
