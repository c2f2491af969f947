// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/irq.h>
#include <inmate/printk.h>
#include <asm/gic.h>
#include "internal.h"

static irq_handler_t irq_handler;

void irq_set_handler(irq_handler_t handler)
{
	irq_handler = handler;
}

void irq_dispatch(void)
{
	u32 irq = gic_ack();

	if (irq >= GIC_SPURIOUS_MIN)
		return;
	if (irq_handler)
		irq_handler(irq);
	else
		printk("inmate: IRQ %u on CPU %u without a handler\n", irq,
		       cpu_index());
	gic_eoi(irq);
}
