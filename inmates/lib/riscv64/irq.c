// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <asm/csr.h>
#include <asm/irq.h>
#include <asm/plic.h>
#include <asm/processor.h>
#include <asm/sbi.h>
#include "internal.h"

void irq_unmask(unsigned int irq)
{
	if (irq >= IRQ_PLIC_BASE) {
		plic_enable_irq(irq - IRQ_PLIC_BASE);
		irq = IRQ_S_EXT;
	}
	csr_set(sie, 1UL << irq);
}

/* SEIE stays set: other PLIC sources may still want it. */
void irq_mask(unsigned int irq)
{
	if (irq >= IRQ_PLIC_BASE)
		plic_disable_irq(irq - IRQ_PLIC_BASE);
	else
		csr_clear(sie, 1UL << irq);
}

long ipi_send(u64 hartid)
{
	/* Data the receiver will look at must be visible before the IPI. */
	fence();
	return sbi_send_ipi(1, hartid);
}

/*
 * Claims until the PLIC has nothing left: the external interrupt stays
 * pending as long as a source is, and the hypervisor may keep it latched
 * until a claim finds nothing.
 */
static void plic_dispatch(void)
{
	u32 src;

	while ((src = plic_claim())) {
		irq_deliver(IRQ_PLIC(src));
		plic_complete(src);
	}
}

bool irq_dispatch(unsigned long cause)
{
	switch (cause) {
	case IRQ_S_SOFT:
		/* Before the handler, so an IPI sent meanwhile is not lost. */
		csr_clear(sip, 1UL << IRQ_S_SOFT);
		irq_deliver(IRQ_SOFTWARE);
		return true;
	case IRQ_S_TIMER:
		/* Pending until the handler's next set_timer. */
		irq_deliver(IRQ_TIMER);
		return true;
	case IRQ_S_EXT:
		plic_dispatch();
		return true;
	default:
		return false;
	}
}
