// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/irq.h>
#include <inmate/printk.h>
#include "startup.h"

static irq_handler_t irq_handler;

void irq_set_handler(irq_handler_t handler)
{
	irq_handler = handler;
}

void irq_deliver(unsigned int irq)
{
	if (irq_handler)
		irq_handler(irq);
	else
		printk("inmate: IRQ %u on CPU %u without a handler\n", irq,
		       cpu_index());
}
