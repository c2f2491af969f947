/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The communication region: one page the hypervisor maps into each cell at
 * the address its BULKHEAD_MEM_COMM_REGION region names.
 *
 * Shutdown protocol: the hypervisor writes BULKHEAD_MSG_SHUTDOWN_REQUEST to
 * msg_to_cell and waits up to BULKHEAD_MSG_TIMEOUT_MS for the cell to write
 * BULKHEAD_REPLY_APPROVED or BULKHEAD_REPLY_DENIED to reply_from_cell. No
 * reply in time marks the cell failed, unless it is flagged
 * BULKHEAD_CELL_PASSIVE_COMMREG, in which case it is shut down unasked.
 * A cell writes its own state to cell_state: RUNNING, or RUNNING_LOCKED to
 * deny every shutdown request without being asked.
 */
#ifndef _BULKHEAD_COMM_REGION_H
#define _BULKHEAD_COMM_REGION_H

#include <bulkhead/types.h>

#define BULKHEAD_COMM_SIGNATURE		"BHCOMMRG"
#define BULKHEAD_COMM_REVISION		1

#define BULKHEAD_CELL_STATE_RUNNING		0
#define BULKHEAD_CELL_STATE_RUNNING_LOCKED	1
#define BULKHEAD_CELL_STATE_SHUT_DOWN		2
#define BULKHEAD_CELL_STATE_FAILED		3

#define BULKHEAD_MSG_NONE			0
#define BULKHEAD_MSG_SHUTDOWN_REQUEST		1

#define BULKHEAD_REPLY_NONE			0
#define BULKHEAD_REPLY_DENIED			1
#define BULKHEAD_REPLY_APPROVED			2

#define BULKHEAD_MSG_TIMEOUT_MS			1000

#define BULKHEAD_COMM_MAX_CPUS			16

struct bulkhead_comm_region {
	char signature[8];
	__u16 revision;
	__u16 reserved0;
	/* Written by the hypervisor and the cell (see above). */
	volatile __u32 cell_state;
	volatile __u32 msg_to_cell;
	volatile __u32 reply_from_cell;
	__u32 flags;			/* the cell config's flags */
	__u32 num_cpus;			/* CPUs in the cell */
	/* Platform facts an inmate needs, as the cell sees them. */
	__u32 irqchip_type;		/* BULKHEAD_IRQCHIP_* */
	__u64 irqchip_base;		/* GIC distributor / PLIC */
	/* GICv3 redistributors, GICv2 CPU interface (GICC), PLIC: 0 */
	__u64 irqchip_cpu_base;
	__u64 timer_frequency;		/* Hz */
	/*
	 * Hardware ids of the cell's CPUs (arm64: MPIDR affinity, riscv: hart
	 * id), num_cpus of them, the first being the one started at entry.
	 */
	__u64 cpu_ids[BULKHEAD_COMM_MAX_CPUS];
};

#endif /* _BULKHEAD_COMM_REGION_H */
