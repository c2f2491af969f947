// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * What the hypervisor provides to a cell and a bare machine does not
 * (make BARE=1 only): QEMU virt started at EL1 with no EL2, so no
 * hypercall console and no one to set up the GIC before us.
 */
#include <asm/gic.h>
#include <asm/mmio.h>
#include <asm/processor.h>
#include "internal.h"

/* QEMU virt's PL011, the machine's serial port. */
#define UART_BASE		0x09000000UL
#define UART_DR			0x00
#define UART_FR			0x18
#define UART_FR_TXFF		(1U << 5)
#define UART_CR			0x30
#define UART_CR_ENABLE		((1U << 0) | (1U << 8) | (1U << 9)) /* UARTEN TXE RXE */

/*
 * Bits 1 and 4 of GICD_CTLR mean "group 1 enabled" and "affinity routing"
 * both with and without the GIC's security extension (QEMU virt without
 * secure=on has none).
 */
#define GICD_CTLR_GRP1		(1U << 1)
/* GICv2 (QEMU's has no security extension): group 0 on. */
#define GICD_CTLR_V2_GRP0	(1U << 0)
#define GICD_CTLR_ARE		(1U << 4)
#define GICD_CTLR_RWP		(1U << 31)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1U << 1)
#define GICR_WAKER_ASLEEP	(1U << 2)

void bare_console_putc(char c)
{
	if ((mmio_read32(UART_BASE + UART_CR) & UART_CR_ENABLE) != UART_CR_ENABLE)
		mmio_write32(UART_BASE + UART_CR, UART_CR_ENABLE);
	while (mmio_read32(UART_BASE + UART_FR) & UART_FR_TXFF)
		cpu_relax();
	mmio_write32(UART_BASE + UART_DR, (unsigned char)c);
}

static void dist_wait(unsigned long dist)
{
	while (mmio_read32(dist + GICD_CTLR) & GICD_CTLR_RWP)
		cpu_relax();
}

/*
 * What root Linux leaves for a cell: the distributor on with affinity
 * routing (ARE first: it may only change while the groups are off) and the
 * calling CPU's redistributor awake. Any CPU may call it, any number of
 * times.
 */
void bare_gic_setup(unsigned long dist, unsigned long redist)
{
	u32 ctlr = mmio_read32(dist + GICD_CTLR);

	if (!(ctlr & GICD_CTLR_ARE)) {
		mmio_write32(dist + GICD_CTLR, ctlr | GICD_CTLR_ARE);
		dist_wait(dist);
		ctlr |= GICD_CTLR_ARE;
	}
	if (!(ctlr & GICD_CTLR_GRP1)) {
		mmio_write32(dist + GICD_CTLR, ctlr | GICD_CTLR_GRP1);
		dist_wait(dist);
	}

	mmio_write32(redist + GICR_WAKER,
		     mmio_read32(redist + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (mmio_read32(redist + GICR_WAKER) & GICR_WAKER_ASLEEP)
		cpu_relax();
}

/*
 * The same for a GICv2: the distributor forwarding group 0, where the
 * interrupts are after reset and where a cell's are injected.
 */
void bare_gicv2_setup(unsigned long dist)
{
	u32 ctlr = mmio_read32(dist + GICD_CTLR);

	if (!(ctlr & GICD_CTLR_V2_GRP0))
		mmio_write32(dist + GICD_CTLR, ctlr | GICD_CTLR_V2_GRP0);
}
