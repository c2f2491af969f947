// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Everything but an IRQ is a bug in the inmate (or a test provoking one):
 * say what happened and stop, still answering shutdown requests so the
 * root cell can take the cell down without a timeout.
 */
#include <inmate/halt.h>
#include <inmate/printk.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include "internal.h"

static const char *const type_names[] = {
	"synchronous", "IRQ", "FIQ", "SError",
};

static const char *const source_names[] = {
	"EL1 with SP_EL0", "EL1", "EL0 AArch64", "EL0 AArch32",
};

static void report(unsigned long vector, const struct exception_frame *frame)
{
	printk("FATAL: unhandled %s exception from %s on CPU %u\n",
	       type_names[VECTOR_TYPE(vector)],
	       source_names[VECTOR_SOURCE(vector)], cpu_index());
	printk("FATAL: ESR_EL1 0x%llx ELR_EL1 0x%llx FAR_EL1 0x%llx\n",
	       read_sysreg(esr_el1), frame->elr, read_sysreg(far_el1));
}

void exception_dispatch(unsigned long vector, struct exception_frame *frame)
{
	if (VECTOR_TYPE(vector) == VECTOR_IRQ &&
	    VECTOR_SOURCE(vector) == VECTOR_FROM_SPX) {
		irq_dispatch();
		return;
	}
	report(vector, frame);
	halt();
}
