/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_UART_H
#define _CORE_UART_H

#include <core/types.h>

struct uart_driver {
	void (*init)(u64 base);
	void (*putc)(u64 base, char c);
};

const struct uart_driver *uart_driver_for(u16 console_type);

static inline u32 mmio_read32(u64 addr)
{
	return *(volatile u32 *)addr;
}

static inline void mmio_write32(u64 addr, u32 value)
{
	*(volatile u32 *)addr = value;
}

static inline u8 mmio_read8(u64 addr)
{
	return *(volatile u8 *)addr;
}

static inline void mmio_write8(u64 addr, u8 value)
{
	*(volatile u8 *)addr = value;
}

#endif
