/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_UART_H
#define _CORE_UART_H

#include <core/types.h>

struct uart_driver {
	void (*init)(u64 base);
	void (*putc)(u64 base, char c);
};

const struct uart_driver *uart_driver_for(u16 console_type);

#endif
