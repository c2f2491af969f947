// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/console.h>
#include <asm/hypercall.h>
#include "internal.h"

void console_putc(char c)
{
#ifdef INMATE_BARE
	/* Without EL2 hvc is undefined: the machine's serial port instead. */
	bare_console_putc(c);
#else
	bulkhead_hypercall(BULKHEAD_HC_DEBUG_PUTC, (unsigned char)c, 0);
#endif
}
