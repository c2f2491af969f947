// SPDX-License-Identifier: GPL-2.0
/*
 * A transmit-only UART for cells (PL011 or NS16550, as the cell's config
 * names): what a cell writes to the UART named as its console goes to the
 * hypervisor console, prefixed with the cell's name. This gives a cell's
 * early output (Linux's earlycon, before its own console driver runs)
 * somewhere to go without sharing a real UART. The transmitter is always
 * empty and never busy; the receiver never has data.
 */
#include <core/cell.h>
#include <core/mmio.h>

#define PL011_DR		0x00
#define PL011_FR		0x18
#define PL011_FR_RXFE		(1 << 4)
#define PL011_FR_TXFE		(1 << 7)

/* NS16550 with byte-wide registers (reg-shift 0). */
#define NS16550_THR		0
#define NS16550_LSR		5
#define NS16550_LSR_THRE	(1 << 5)
#define NS16550_LSR_TEMT	(1 << 6)

static enum mmio_result pl011_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u64 offset = access->address - cell->desc->console.address;

	if (access->is_write) {
		if (offset == PL011_DR)
			cell_console_putc(cell, (char)access->value);
		return MMIO_HANDLED;
	}
	access->value = offset == PL011_FR ? PL011_FR_TXFE | PL011_FR_RXFE : 0;
	return MMIO_HANDLED;
}

/*
 * Writes to THR are output (with DLAB set they would set the divisor;
 * nothing here cares), LSR says the transmitter is empty, the rest is 0.
 */
static enum mmio_result ns16550_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u64 offset = access->address - cell->desc->console.address;

	if (access->is_write) {
		if (offset == NS16550_THR)
			cell_console_putc(cell, (char)access->value);
		return MMIO_HANDLED;
	}
	access->value = offset == NS16550_LSR ?
			NS16550_LSR_THRE | NS16550_LSR_TEMT : 0;
	return MMIO_HANDLED;
}

/* The cell owns no memory at its console's address: emulate the UART. */
int vuart_init(struct cell *cell)
{
	const struct bulkhead_console *console = &cell->desc->console;

	mmio_handler handler;

	if (cell == &root_cell ||
	    !(cell->desc->flags & BULKHEAD_CELL_DEBUG_CONSOLE))
		return 0;
	if (console->type == BULKHEAD_CONSOLE_PL011)
		handler = pl011_access;
	else if (console->type == BULKHEAD_CONSOLE_NS16550)
		handler = ns16550_access;
	else
		return 0;
	return mmio_region_register(cell, console->address & PAGE_MASK,
				    ALIGN_UP(console->size, PAGE_SIZE),
				    handler, cell);
}
