/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Everything an inmate may use. The startup code runs int main(void) on the
 * boot CPU with the MMU and caches on, interrupts masked, .bss cleared and
 * the cell marked RUNNING; when main returns, the CPU halts.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <inmate/types.h>
#include <inmate/cmdline.h>
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/guard.h>
#include <inmate/halt.h>
#include <inmate/irq.h>
#include <inmate/printk.h>
#include <inmate/smp.h>
#include <inmate/spinlock.h>
#include <inmate/string.h>
#include <inmate/timer.h>

/* The architecture's own: interrupt controller, firmware calls, ... */
#include <asm/arch.h>

int main(void);

#endif
