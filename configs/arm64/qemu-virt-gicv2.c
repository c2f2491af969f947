// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * System config of the arm64 QEMU test machine with a GICv2 and its
 * virtualization extensions (-M virt,virtualization=on,gic-version=2): the
 * GIC's version and frames here, the rest of the machine, the same as with
 * the GICv3, in qemu-virt-system.h. A GICv2 has 8 CPU interfaces at most;
 * the root cell's 4 CPUs fit.
 *
 * The frames are reg[1..3] of the GIC's device tree node. QEMU repeats
 * GICH and GICV over 64 KiB; bulkhead uses their first pages
 * (BULKHEAD_GICV2_*_SIZE). The GICv2m MSI frame at 0x08020000, a child of
 * the GIC's node, is not root's, as `bulkhead config create` leaves it out
 * too: Linux reads it when it boots, and no PCI device of the test machine
 * sends MSIs.
 */
/* The same name as with the GICv3: it is the same machine. */
#define QEMU_VIRT_NAME	"qemu-virt-arm64"

#define QEMU_VIRT_GIC							\
	.type = BULKHEAD_IRQCHIP_GICV2,					\
	.gicc_base = 0x08010000,	/* CPU interface */		\
	.gich_base = 0x08030000,	/* hypervisor control interface */ \
	.gicv_base = 0x08040000		/* virtual CPU interface */

#include "qemu-virt-system.h"
