/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_HYPERVISOR_H
#define _CORE_HYPERVISOR_H

#include <bulkhead/cell-config.h>
#include <core/types.h>

struct hypervisor {
	paddr_t base;
	u64 size;
	const struct bulkhead_system *config;
	u64 config_size;
	/* CPUs that are under the hypervisor. */
	u64 cpus_enabled;
};

extern struct hypervisor hypervisor;

struct per_cpu;

long hypervisor_entry(unsigned int cpu_id, paddr_t base, u64 config_size);
long hypercall(struct per_cpu *cpu, u64 code, u64 arg1, u64 arg2);

extern char __image_start[], __image_end[];

#endif
