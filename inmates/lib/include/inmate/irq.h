/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_IRQ_H
#define _INMATE_IRQ_H

#include <inmate/types.h>
#include <asm/processor.h>

/*
 * Called with interrupts masked for every interrupt taken on any CPU, after
 * it was acknowledged and before the end of interrupt is signalled.
 */
typedef void (*irq_handler_t)(unsigned int irq);

void irq_set_handler(irq_handler_t handler);

#endif
