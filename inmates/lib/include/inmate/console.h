/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_CONSOLE_H
#define _INMATE_CONSOLE_H

/*
 * One character to the hypervisor console, which prefixes each line with
 * the cell's name. Unserialized: use printk() from several CPUs.
 */
void console_putc(char c);

#endif
