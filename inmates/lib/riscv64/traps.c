// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Everything but a known interrupt is a bug in the inmate (or a test
 * provoking one): say what happened and stop, still answering shutdown
 * requests so the root cell can take the cell down without a timeout.
 */
#include <inmate/halt.h>
#include <inmate/printk.h>
#include <asm/csr.h>
#include <asm/processor.h>
#include "internal.h"

/* The exceptions VS mode can see, by scause code. */
static const char *const exception_names[] = {
	[0] = "instruction address misaligned",
	[1] = "instruction access fault",
	[2] = "illegal instruction",
	[3] = "breakpoint",
	[4] = "load address misaligned",
	[5] = "load access fault",
	[6] = "store address misaligned",
	[7] = "store access fault",
	[8] = "environment call from U-mode",
	[9] = "environment call from S-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store page fault",
};

static void report(const struct trap_frame *frame, unsigned long scause,
		   unsigned long stval)
{
	unsigned long code = scause & ~SCAUSE_INTERRUPT;
	const char *name = NULL;

	if (scause & SCAUSE_INTERRUPT)
		printk("FATAL: unhandled interrupt %lu on CPU %u\n", code,
		       cpu_index());
	else {
		if (code < ARRAY_SIZE(exception_names))
			name = exception_names[code];
		printk("FATAL: unhandled exception (%s) on CPU %u\n",
		       name ? name : "unknown", cpu_index());
	}
	printk("FATAL: scause 0x%lx sepc 0x%llx stval 0x%lx\n", scause,
	       frame->sepc, stval);
}

void trap_dispatch(struct trap_frame *frame, unsigned long scause,
		   unsigned long stval)
{
	if ((scause & SCAUSE_INTERRUPT) &&
	    irq_dispatch(scause & ~SCAUSE_INTERRUPT))
		return;
	report(frame, scause, stval);
	halt();
}
