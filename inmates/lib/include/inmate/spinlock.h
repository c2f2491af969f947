/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A test-and-set lock. It relies on exclusive accesses, which need normal
 * cacheable memory: the startup code turns the MMU on before main().
 * Holders must not be interrupted by code taking the same lock; pair it
 * with irq_save() where handlers can contend.
 */
#ifndef _INMATE_SPINLOCK_H
#define _INMATE_SPINLOCK_H

#include <asm/processor.h>

typedef struct {
	u32 locked;
} spinlock_t;

#define SPINLOCK_INIT	{ 0 }

static inline void spin_lock(spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			cpu_relax();
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

#endif
