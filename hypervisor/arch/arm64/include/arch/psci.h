/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_PSCI_H
#define _ARCH_PSCI_H

#include <core/percpu.h>

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_SUSPEND_64	0xc4000001
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a

#define PSCI_NOT_SUPPORTED	(-1L)
#define PSCI_INVALID_PARAMETERS	(-2L)
#define PSCI_DENIED		(-3L)

#define MPIDR_AFF_MASK		0xff00ffffffULL

void psci_handle(struct per_cpu *cpu, struct guest_regs *regs);
u64 psci_smc(u64 fn, u64 a1, u64 a2, u64 a3);
/* The CPU (entered the hypervisor) with this MPIDR affinity, or -1. */
int cpu_by_mpidr(u64 mpidr);

#endif
