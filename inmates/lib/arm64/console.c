// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/console.h>
#include <asm/hypercall.h>

void console_putc(char c)
{
	bulkhead_hypercall(BULKHEAD_HC_DEBUG_PUTC, (unsigned char)c, 0);
}
