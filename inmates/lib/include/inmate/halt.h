/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_HALT_H
#define _INMATE_HALT_H

#include <inmate/types.h>

/*
 * Stop doing work for good. On the boot CPU, keep approving shutdown
 * requests (a busy poll: a write to the comm region raises no interrupt);
 * other CPUs just park. Interrupts are masked.
 */
void halt(void) __noreturn;

/* Masked interrupts, wait forever, answer nothing. */
void cpu_park(void) __noreturn;

#endif
