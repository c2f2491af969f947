/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_GICV3_H
#define _ARCH_GICV3_H

#include <core/cell.h>
#include <core/percpu.h>

int gicv3_init(const struct bulkhead_irqchip *gic);
void gicv3_cpu_init(struct per_cpu *cpu, bool fresh);
void gicv3_cpu_exit(struct per_cpu *cpu);
int gicv3_cell_init(struct cell *cell);
void gicv3_handle_irqs(struct per_cpu *cpu);
/* Drop everything the CPU's list registers hold (the CPU goes off). */
void gicv3_cpu_reset(struct per_cpu *cpu);
/* The SGI the hypervisor uses to make another CPU look at its request. */
void gicv3_send_management(struct per_cpu *cpu);
void gicv3_ack_management(void);
/* Give the cell's interrupt lines to it (take) or back to root. */
void gicv3_move_irqs(struct cell *cell, bool take);
/* The CPU's interrupt state, for its dump (on the CPU itself). */
void gicv3_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump);
/* A trapped write to ICC_SGI1R_EL1 (group 1 SGI). */
void gicv3_send_sgi(struct per_cpu *cpu, u64 sgir);
void gicv3_raise_spi(u32 irq);

#endif
