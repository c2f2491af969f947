/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_ASM_HYPERCALL_H
#define _INMATE_ASM_HYPERCALL_H

#include <bulkhead/hypercall.h>
#include <inmate/types.h>

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

/*
 * Returns x0: a result or a negative errno (-1 = -EPERM). The hypervisor's
 * register preservation is not part of the ABI, so x1..x17 are treated as
 * clobbered like an SMCCC call.
 */
static inline long bulkhead_hypercall(unsigned long nr, unsigned long arg1,
				      unsigned long arg2)
{
	register unsigned long x0 asm("x0") = nr;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;

	asm volatile("hvc #" __stringify(BULKHEAD_HVC_IMM)
		     : "+r" (x0), "+r" (x1), "+r" (x2)
		     : : "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

#endif
