/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypercalls: the call number goes in the first argument register, results
 * come back in it. arm64: `hvc #BULKHEAD_HVC_IMM`, x0 = call, x1.. = args.
 * Negative results are errno values.
 */
#ifndef _BULKHEAD_HYPERCALL_H
#define _BULKHEAD_HYPERCALL_H

#define BULKHEAD_HVC_IMM		0x4248

/* Root cell only: leave the hypervisor on the calling CPU. */
#define BULKHEAD_HC_DISABLE		0
/* Print the character in arg1 on the hypervisor console. */
#define BULKHEAD_HC_DEBUG_PUTC		1

/* Values the entry returns to the driver. */
#define BULKHEAD_ENTRY_OK		0

#endif /* _BULKHEAD_HYPERCALL_H */
