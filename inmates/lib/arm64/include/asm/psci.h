/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_ASM_PSCI_H
#define _INMATE_ASM_PSCI_H

#include <inmate/types.h>

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON		0xc4000003
#define PSCI_AFFINITY_INFO	0xc4000004
#define PSCI_SYSTEM_OFF		0x84000008

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	-1
#define PSCI_INVALID_PARAMS	-2
#define PSCI_DENIED		-3
#define PSCI_ALREADY_ON		-4
#define PSCI_ON_PENDING		-5
#define PSCI_INTERNAL_FAILURE	-6
#define PSCI_NOT_PRESENT	-7
#define PSCI_DISABLED		-8
#define PSCI_INVALID_ADDRESS	-9

/* AFFINITY_INFO results. */
#define PSCI_AFFINITY_ON	0
#define PSCI_AFFINITY_OFF	1
#define PSCI_AFFINITY_ON_PENDING 2

long psci_call(u64 fn, u64 arg1, u64 arg2, u64 arg3);

long psci_version(void);
/* entry is a cell address; the new CPU starts there with x0 = context. */
long psci_cpu_on(u64 mpidr, u64 entry, u64 context);
long psci_cpu_off(void);
long psci_affinity_info(u64 mpidr);
long psci_system_off(void);

#endif
