/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Links between each architecture's startup and trap code and the common
 * C parts of the library: what lib/common calls in lib/<arch> and back.
 */
#ifndef _INMATE_COMMON_STARTUP_H
#define _INMATE_COMMON_STARTUP_H

#include <inmate/types.h>

/* The boot CPU, on its stack with .bss cleared: runs main(), then halts. */
void boot_main(void) __noreturn;
/* A CPU started by smp_start_cpu(), on stack index: runs its function. */
void secondary_main(unsigned long index) __noreturn;

/*
 * Arch: start the CPU with hardware id hwid at the arch's secondary entry,
 * handing it index; everything it will read is stored before the call.
 * Returns the firmware's result.
 */
long arch_start_cpu(u64 hwid, unsigned long index);

/* An acknowledged interrupt: to the handler, or reported if none is set. */
void irq_deliver(unsigned int irq);

#endif
