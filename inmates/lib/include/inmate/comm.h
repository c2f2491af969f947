/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The communication region and the shutdown protocol from the cell's side.
 * The startup code marks the cell RUNNING before main(); after that the
 * cell must keep polling for shutdown requests, for example through halt().
 */
#ifndef _INMATE_COMM_H
#define _INMATE_COMM_H

#include <bulkhead/comm-region.h>
#include <inmate/types.h>

enum shutdown_policy {
	SHUTDOWN_APPROVE,
	SHUTDOWN_DENY,
};

enum comm_event {
	COMM_NOTHING,
	COMM_APPROVED,	/* stop working: the hypervisor stops the CPUs */
	COMM_DENIED,
};

struct bulkhead_comm_region *comm_region(void);
/* False if the hypervisor did not fill in the signature. */
bool comm_region_valid(void);
void comm_set_state(u32 state);

bool comm_shutdown_requested(void);
void comm_reply_shutdown(bool approve);
/* Answers a pending shutdown request, if any, according to policy. */
enum comm_event comm_poll_shutdown(enum shutdown_policy policy);

#endif
