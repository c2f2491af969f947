/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Physical addresses on the arm64 QEMU test machine that the hostile
 * inmates in demos/common reach for (configs/arm64/qemu-virt-layout.h).
 * None is mapped in an inmate cell.
 */
#ifndef _DEMOS_HOSTILE_TARGETS_H
#define _DEMOS_HOSTILE_TARGETS_H

/* ROOT_RAM_BASE: the start of root Linux's RAM. */
#define HOSTILE_ROOT_RAM	0x40000000UL
/* HYPERVISOR_BASE: the hypervisor's own memory. */
#define HOSTILE_HYPERVISOR_MEM	0x7f000000UL
/* INMATE2_RAM_BASE: the RAM of the other inmate cell (inmate-smp). */
#define HOSTILE_OTHER_CELL_RAM	0x7e100000UL

/*
 * Interrupts of others, for hostile-gic (the same numbers with GICv3 and
 * GICv2): root's UART and virtio console (SPIs of qemu-virt.c), and the
 * hypervisor's own: its management SGI and the GIC maintenance PPI
 * (qemu-virt.c's maintenance_irq).
 */
#define HOSTILE_SPI_ROOT_UART		33
#define HOSTILE_SPI_ROOT_VIRTIO		79
#define HOSTILE_SGI_HYPERVISOR		15
#define HOSTILE_PPI_MAINTENANCE		25

#endif
