/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_PLIC_H
#define _ARCH_PLIC_H

#include <core/cell.h>
#include <core/percpu.h>

int plic_cell_init(struct cell *cell);
/* The cell's lines change owner (to it, or back to root). */
void plic_move_irqs(struct cell *cell);
/* A supervisor external interrupt reached the hypervisor on this hart. */
void plic_handle_irq(struct per_cpu *cpu);
/* Raise a virtual line of cell (arch_virtio_raise). */
void plic_raise_virtual(struct cell *cell, u32 irq);
/* Another hart raised a virtual line for this one (plic_ipi). */
void plic_virtual_kick(struct per_cpu *cpu);

#endif
