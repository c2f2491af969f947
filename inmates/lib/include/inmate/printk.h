/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_PRINTK_H
#define _INMATE_PRINTK_H

#include <stdarg.h>

/*
 * Conversions: %s %c %d %i %u %x %X %p %%, length modifiers l, ll and z,
 * flags 0 and - and a field width ("%08x", "%-10s"). One call is printed
 * without interleaving output of other CPUs, so print whole lines. Safe
 * from interrupt handlers.
 */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);

#endif
