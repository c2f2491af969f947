/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Physical addresses on the riscv64 QEMU test machine that the hostile
 * inmates in demos/common reach for (configs/riscv64/qemu-virt-layout.h).
 * None is mapped in an inmate cell.
 */
#ifndef _DEMOS_HOSTILE_TARGETS_H
#define _DEMOS_HOSTILE_TARGETS_H

/*
 * Inside root Linux's RAM, where its kernel is loaded. ROOT_RAM_BASE itself
 * would not do: it is the address of the comm region in a cell.
 */
#define HOSTILE_ROOT_RAM	0x80200000UL
/* HYPERVISOR_BASE: the hypervisor's own memory. */
#define HOSTILE_HYPERVISOR_MEM	0xbd000000UL
/* INMATE2_RAM_BASE: the RAM of the other inmate cell (inmate-smp). */
#define HOSTILE_OTHER_CELL_RAM	0xbc100000UL

#endif
