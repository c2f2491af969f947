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

#endif
