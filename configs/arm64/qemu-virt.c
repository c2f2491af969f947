// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * System config of the arm64 QEMU test machine with its GICv3
 * (-M virt,virtualization=on,gic-version=3,its=off): the GIC's version and
 * frames here, the rest of the machine in qemu-virt-system.h, which
 * qemu-virt-gicv2.c shares.
 */
#define QEMU_VIRT_NAME	"qemu-virt-arm64"

/* The redistributors of the 4 CPUs, 0x20000 each. */
#define QEMU_VIRT_GIC					\
	.type = BULKHEAD_IRQCHIP_GICV3,			\
	.redist_base = 0x080a0000,			\
	.redist_size = 4 * 0x20000

#include "qemu-virt-system.h"
