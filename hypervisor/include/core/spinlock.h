/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ticket lock on the compiler's atomics: fair, so no CPU starves on the
 * console while others print. Only usable once the MMU is on (exclusive
 * accesses need normal memory).
 */
#ifndef _CORE_SPINLOCK_H
#define _CORE_SPINLOCK_H

#include <core/types.h>

typedef struct {
	u32 next;
	u32 owner;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		;
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
}

#endif
