/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_PERCPU_H
#define _CORE_PERCPU_H

#include <bulkhead/cell-config.h>
#include <bulkhead/cpu-dump.h>
#include <core/types.h>
#include <arch/percpu.h>

#define PERCPU_STACK_SIZE	16384

struct cell;

enum cpu_state {
	CPU_OFF,		/* powered off in firmware */
	CPU_RUNNING,		/* running its cell */
	CPU_PARKED,		/* stopped at EL2 after a failure */
};

/* What another CPU asks this one to do (management SGI). */
enum cpu_request {
	CPU_REQUEST_NONE,
	CPU_REQUEST_STOP,	/* power off and leave the cell */
};

struct per_cpu {
	/* First, so the stack's top is where the rest begins. */
	u8 stack[PERCPU_STACK_SIZE];
	unsigned int cpu_id;
	bool enabled;
	struct cell *cell;
	volatile enum cpu_state state;
	volatile enum cpu_request request;
	/* Switching itself off (cpu_power_off_self), not off yet. */
	volatile bool leaving;
	/* A dump was asked for (set by the asking CPU, cleared when filled). */
	volatile bool dump_requested;
	struct bulkhead_cpu_dump dump;
	struct arch_per_cpu arch;
} __attribute__((aligned(4096)));

extern struct per_cpu per_cpu_data[BULKHEAD_MAX_CPUS];

static inline struct per_cpu *per_cpu(unsigned int cpu)
{
	return &per_cpu_data[cpu];
}

#endif
