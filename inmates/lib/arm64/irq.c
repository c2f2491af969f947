// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <asm/gic.h>
#include "internal.h"

void irq_dispatch(void)
{
	u32 irq = gic_ack();

	if (irq >= GIC_SPURIOUS_MIN)
		return;
	irq_deliver(irq);
	gic_eoi(irq);
}
