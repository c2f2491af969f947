/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_ASM_HYPERCALL_H
#define _INMATE_ASM_HYPERCALL_H

#include <bulkhead/hypercall.h>
#include <inmate/types.h>

/*
 * An SBI call to bulkhead's extension: a7 = BULKHEAD_SBI_EXT, a0 = call,
 * a1, a2 = arguments; returns a0, a result or a negative errno (-1 =
 * -EPERM). Firmware without the extension (no hypervisor) answers a0 =
 * SBI_ERR_NOT_SUPPORTED. a6, the SBI function id, is 0. SBI preserves all
 * but a0 and a1; the rest of a0..a7 is treated as clobbered all the same.
 */
static inline long bulkhead_hypercall(unsigned long nr, unsigned long arg1,
				      unsigned long arg2)
{
	register unsigned long a0 asm("a0") = nr;
	register unsigned long a1 asm("a1") = arg1;
	register unsigned long a2 asm("a2") = arg2;
	register unsigned long a6 asm("a6") = 0;
	register unsigned long a7 asm("a7") = BULKHEAD_SBI_EXT;

	asm volatile("ecall"
		     : "+r" (a0), "+r" (a1), "+r" (a2), "+r" (a6), "+r" (a7)
		     : : "a3", "a4", "a5", "memory");
	return a0;
}

#endif
