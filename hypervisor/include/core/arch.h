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
/*
 * Park the calling CPU at the hypervisor after its state was reported; it
 * leaves only when asked to stop (then it powers off).
 */
void __attribute__((noreturn)) arch_cpu_park(struct per_cpu *cpu);
/* Power off the calling CPU through firmware. */
void __attribute__((noreturn)) arch_cpu_power_off(struct per_cpu *cpu);
/* Power on cpu through firmware, to enter its cell at entry. */
long arch_cpu_power_on(struct per_cpu *cpu, u64 entry, u64 context);
/* Interrupt cpu so it looks at cpu->request. */
void arch_send_management(struct per_cpu *cpu);
/* Move the cell's interrupt lines away from / back to the root cell. */
void arch_cell_take_irqs(struct cell *cell);
void arch_cell_return_irqs(struct cell *cell);
/*
 * Raise line irq, which no hardware drives, in cell (the owner): a virtio
 * device's interrupt, or the virtio notification of root.
 */
void arch_virtio_raise(struct cell *cell, u32 irq);
/* The hardware's id of a CPU (MPIDR affinity, hart id), for inmates. */
u64 arch_cpu_hw_id(struct per_cpu *cpu);
u64 arch_timer_frequency(void);
/* Print why cpu left its cell and the cell's registers (cpu_fail). */
void arch_report_trap(struct per_cpu *cpu, const char *why);
u64 arch_time_ns(void);
/*
 * Fill pc, privilege, flags, the virtual interrupt lists and the items of
 * the calling CPU's dump with its registers as they were in its cell.
 */
void arch_cpu_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump);
/* Temporarily map physical memory (outside the hypervisor) for copying. */
void *arch_map_phys(u64 phys, u64 size);
void arch_unmap_phys(u64 phys, u64 size);
/*
 * memcpy for memory root names (a config to read, a dump to write): root's
 * config may include memory nothing answers at, or that firmware protects
 * (OpenSBI's PMP region on riscv64, a TF-A carve-out on arm64), and an
 * access there must fail the request, not the hypervisor. 0 or -EFAULT.
 */
long arch_copy_guarded(void *dst, const void *src, u64 size);

#endif
