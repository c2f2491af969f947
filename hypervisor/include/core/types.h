/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_TYPES_H
#define _CORE_TYPES_H

#include <bulkhead/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;
typedef unsigned long size_t;
typedef unsigned long paddr_t;
typedef int bool;

#define true	1
#define false	0
#define NULL	((void *)0)

#define EINVAL	22
#define ENOMEM	12
#define EPERM	1
#define EBUSY	16
#define ENOSYS	38
#define EIO	5
#define ENODEV	19
#define ENOENT	2
#define EEXIST	17
#define ETIMEDOUT	110
#define EFAULT	14

#define PAGE_SIZE	4096UL
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGES(size)	(((size) + PAGE_SIZE - 1) / PAGE_SIZE)
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((a) - 1))
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT(n)		(1ULL << (n))

#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
/* Orders memory accesses against other CPUs (dmb ish, fence rw,rw). */
#define memory_barrier()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
