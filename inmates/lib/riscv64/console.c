// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/console.h>
#include <asm/hypercall.h>
#include <asm/sbi.h>

/*
 * Under bulkhead the hypercall answers 0 (or -EPERM for a cell without the
 * debug console). Only firmware without bulkhead's extension answers
 * NOT_SUPPORTED: then the inmate runs bare, and the firmware's own console
 * prints, so the same image can be smoke-tested without the hypervisor.
 */
void console_putc(char c)
{
	if (bulkhead_hypercall(BULKHEAD_HC_DEBUG_PUTC, (unsigned char)c, 0) ==
	    SBI_ERR_NOT_SUPPORTED)
		sbi_legacy_putchar(c);
}
