/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_PRINTK_H
#define _CORE_PRINTK_H

#include <bulkhead/cell-config.h>
#include <core/types.h>

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void printk_regs(const u64 *x, unsigned int first, unsigned int count);
void console_init(const struct bulkhead_console *uart);

#endif
