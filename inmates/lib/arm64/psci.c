// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <asm/psci.h>

/*
 * The conduit: the hypervisor takes SMC from a cell. QEMU virt without
 * EL2 (make BARE=1) answers PSCI on HVC itself.
 */
#ifdef INMATE_BARE
#define PSCI_CONDUIT	"hvc #0"
#else
#define PSCI_CONDUIT	"smc #0"
#endif

/* SMCCC 1.0: x4..x17 are not preserved either. */
long psci_call(u64 fn, u64 arg1, u64 arg2, u64 arg3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = arg1;
	register u64 x2 asm("x2") = arg2;
	register u64 x3 asm("x3") = arg3;

	asm volatile(PSCI_CONDUIT
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

long psci_version(void)
{
	return psci_call(PSCI_VERSION, 0, 0, 0);
}

long psci_cpu_on(u64 mpidr, u64 entry, u64 context)
{
	return psci_call(PSCI_CPU_ON, mpidr, entry, context);
}

long psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

/* Level 0: the state of that one CPU. */
long psci_affinity_info(u64 mpidr)
{
	return psci_call(PSCI_AFFINITY_INFO, mpidr, 0, 0);
}

long psci_system_off(void)
{
	return psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}
