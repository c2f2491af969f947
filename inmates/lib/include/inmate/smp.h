/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_SMP_H
#define _INMATE_SMP_H

#include <inmate/types.h>
#include <asm/layout.h>
#include <asm/processor.h>
#include <asm/smp.h>

/* The boot CPU has index 0; main() runs there. */
typedef void (*secondary_main_t)(unsigned int cpu);

/*
 * Start the CPU with hardware id hwid (arm64: MPIDR, riscv64: hart id) as
 * CPU number index (1 .. INMATE_MAX_CPUS - 1, each used once) running fn on
 * its own stack; when fn returns, the CPU halts. Returns the firmware's
 * result (PSCI's on arm64, the SBI error on riscv64; 0 on success) or
 * SMP_INVALID_INDEX for a bad index.
 */
long smp_start_cpu(unsigned int index, u64 hwid, secondary_main_t fn);

#endif
