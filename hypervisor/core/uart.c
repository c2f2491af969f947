// SPDX-License-Identifier: GPL-2.0
/*
 * Polled output on the debug UART. The root cell keeps using the same UART,
 * so the hypervisor only ever transmits and never reprograms it.
 */
#include <bulkhead/cell-config.h>
#include <core/mmio.h>
#include <core/uart.h>

#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	(1 << 5)

#define NS16550_THR	0
#define NS16550_LSR	5
#define NS16550_LSR_THRE (1 << 5)

/* Bounded waits: a broken UART must not hang the hypervisor. */
#define UART_SPIN	100000

static void pl011_putc(u64 base, char c)
{
	int n = UART_SPIN;

	while ((mmio_read(base + PL011_FR, 4) & PL011_FR_TXFF) && --n)
		;
	mmio_write(base + PL011_DR, (u8)c, 4);
}

static void ns16550_putc(u64 base, char c)
{
	int n = UART_SPIN;

	while (!(mmio_read(base + NS16550_LSR, 1) & NS16550_LSR_THRE) && --n)
		;
	mmio_write(base + NS16550_THR, (u8)c, 1);
}

static const struct uart_driver pl011 = { .putc = pl011_putc };
static const struct uart_driver ns16550 = { .putc = ns16550_putc };

const struct uart_driver *uart_driver_for(u16 console_type)
{
	switch (console_type) {
	case BULKHEAD_CONSOLE_PL011:
		return &pl011;
	case BULKHEAD_CONSOLE_NS16550:
		return &ns16550;
	default:
		return NULL;
	}
}
