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
/* A trapped write to ICC_SGI1R_EL1 (group 1 SGI). */
void gicv3_send_sgi(struct per_cpu *cpu, u64 sgir);

#endif
