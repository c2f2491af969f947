/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the core asks of an architecture. Everything here is implemented
 * under hypervisor/arch/<arch>/.
 */
#ifndef _CORE_ARCH_H
#define _CORE_ARCH_H

#include <core/percpu.h>
#include <core/cell.h>

/* Once, on the first CPU, before any CPU runs under the hypervisor. */
int arch_init(const struct bulkhead_system *config);
/* On each CPU: take it over; when this returns 0, the CPU runs its cell. */
int arch_cpu_init(struct per_cpu *cpu);
/* On each CPU, from the disable hypercall: hand the CPU back. */
void arch_cpu_disable(struct per_cpu *cpu);
int arch_cell_init(struct cell *cell);
void arch_cell_destroy(struct cell *cell);
/* Stop the calling CPU for good, after its state was reported. */
void __attribute__((noreturn)) arch_cpu_park(void);

#endif
