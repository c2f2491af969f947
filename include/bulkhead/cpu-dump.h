/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The state of one CPU as the hypervisor sees it, for `bulkhead cell dump`:
 * why is a cell stuck, without a debugger.
 *
 * A running CPU is interrupted with a management request and fills the
 * record itself, since its registers (PC, interrupt controller state) are
 * only readable on it. The summary fields mean the same on every
 * architecture; items are the architecture's raw registers by name, so
 * tools print them without knowing the architecture.
 */
#ifndef _BULKHEAD_CPU_DUMP_H
#define _BULKHEAD_CPU_DUMP_H

#include <bulkhead/types.h>

/* state */
#define BULKHEAD_CPU_DUMP_OFF		0	/* powered off */
#define BULKHEAD_CPU_DUMP_RUNNING	1	/* running its cell */
#define BULKHEAD_CPU_DUMP_PARKED	2	/* stopped at the hypervisor after a failure */
#define BULKHEAD_CPU_DUMP_SILENT	3	/* running, but did not answer within the timeout */

#define BULKHEAD_CPU_DUMP_NAMES { "off", "running", "parked", "not answering" }

/* How long the hypervisor waits for a CPU to fill its record. */
#define BULKHEAD_CPU_DUMP_TIMEOUT_MS	100

/* flags */
#define BULKHEAD_CPU_DUMP_IRQS_MASKED	(1U << 0)	/* the cell masks interrupts (PSTATE.I, sstatus.SIE) */
#define BULKHEAD_CPU_DUMP_IN_WAIT	(1U << 1)	/* was waiting for an interrupt (WFI) */
#define BULKHEAD_CPU_DUMP_CALLER	(1U << 2)	/* the CPU that asked: its state at the hypercall */

#define BULKHEAD_CPU_DUMP_MAX_IRQS	16
#define BULKHEAD_CPU_DUMP_MAX_ITEMS	48
#define BULKHEAD_CPU_DUMP_NAME_LEN	16

struct bulkhead_cpu_dump_item {
	char name[BULKHEAD_CPU_DUMP_NAME_LEN];	/* NUL-terminated */
	__u64 value;
};

struct bulkhead_cpu_dump {
	__u32 cpu;
	__u32 state;			/* BULKHEAD_CPU_DUMP_* */
	__u32 flags;
	__u32 cell_id;			/* the cell the CPU belongs to, 0 = root */
	__u64 pc;			/* where the cell's code was interrupted */
	__u32 privilege;		/* 0: user (EL0, VU), 1: kernel (EL1, VS) */
	/* Management request waiting for this CPU (0: none, 1: stop). */
	__u32 request;
	/*
	 * Virtual interrupts: in the interrupt controller's list/pending
	 * registers as pending or active, and the ones the hypervisor holds
	 * because no list register was free. Counts may exceed the arrays.
	 */
	__u32 num_pending, num_active, num_waiting, num_items;
	__u32 pending[BULKHEAD_CPU_DUMP_MAX_IRQS];
	__u32 active[BULKHEAD_CPU_DUMP_MAX_IRQS];
	__u32 waiting[BULKHEAD_CPU_DUMP_MAX_IRQS];
	struct bulkhead_cpu_dump_item items[BULKHEAD_CPU_DUMP_MAX_ITEMS];
};

#endif /* _BULKHEAD_CPU_DUMP_H */
