// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/comm.h>
#include <inmate/string.h>
#include <asm/layout.h>

struct bulkhead_comm_region *comm_region(void)
{
	return (struct bulkhead_comm_region *)INMATE_COMM_REGION;
}

bool comm_region_valid(void)
{
	return !memcmp(comm_region()->signature, BULKHEAD_COMM_SIGNATURE,
		       sizeof(comm_region()->signature));
}

void comm_set_state(u32 state)
{
	__atomic_store_n(&comm_region()->cell_state, state, __ATOMIC_RELEASE);
}

bool comm_shutdown_requested(void)
{
	return comm_region()->msg_to_cell == BULKHEAD_MSG_SHUTDOWN_REQUEST;
}

void comm_reply_shutdown(bool approve)
{
	struct bulkhead_comm_region *comm = comm_region();

	/*
	 * Consume the message before answering: a denied request is then not
	 * answered twice, and a new request, which can only follow our reply,
	 * is never overwritten.
	 */
	comm->msg_to_cell = BULKHEAD_MSG_NONE;
	__atomic_store_n(&comm->reply_from_cell,
			 approve ? BULKHEAD_REPLY_APPROVED :
				   BULKHEAD_REPLY_DENIED,
			 __ATOMIC_RELEASE);
}

enum comm_event comm_poll_shutdown(enum shutdown_policy policy)
{
	bool approve = policy == SHUTDOWN_APPROVE;

	if (!comm_shutdown_requested())
		return COMM_NOTHING;
	comm_reply_shutdown(approve);
	return approve ? COMM_APPROVED : COMM_DENIED;
}
