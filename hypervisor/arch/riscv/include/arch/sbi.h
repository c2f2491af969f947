/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_SBI_H
#define _ARCH_SBI_H

#include <core/percpu.h>

#define SBI_EXT_LEGACY_SET_TIMER	0x00
#define SBI_EXT_LEGACY_PUTCHAR		0x01
#define SBI_EXT_LEGACY_GETCHAR		0x02
#define SBI_EXT_LEGACY_SHUTDOWN		0x08
#define SBI_EXT_BASE			0x10
#define SBI_EXT_TIME			0x54494d45
#define SBI_EXT_IPI			0x735049
#define SBI_EXT_RFENCE			0x52464e43
#define SBI_EXT_HSM			0x48534d
#define SBI_EXT_SRST			0x53525354
#define SBI_EXT_PMU			0x504d55
#define SBI_EXT_DBCN			0x4442434e

#define SBI_BASE_PROBE_EXT		3

#define SBI_HSM_HART_START		0
#define SBI_HSM_HART_STOP		1
#define SBI_HSM_HART_STATUS		2
#define SBI_HSM_STARTED			0
#define SBI_HSM_STOPPED			1
#define SBI_HSM_STOP_PENDING		3

#define SBI_RFENCE_FENCE_I		0
#define SBI_RFENCE_SFENCE_VMA		1
#define SBI_RFENCE_SFENCE_VMA_ASID	2
#define SBI_RFENCE_HFENCE_GVMA		4
#define SBI_RFENCE_HFENCE_VVMA_ASID	5
#define SBI_RFENCE_HFENCE_VVMA		6

#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			(-1L)
#define SBI_ERR_NOT_SUPPORTED		(-2L)
#define SBI_ERR_INVALID_PARAM		(-3L)
#define SBI_ERR_DENIED			(-4L)
#define SBI_ERR_ALREADY_AVAILABLE	(-6L)

struct sbi_ret {
	long error;
	long value;
};

struct sbi_ret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4);
/* A VS-mode ecall: an SBI call of the cell or a hypercall; 1: disable. */
int sbi_handle(struct per_cpu *cpu, struct guest_regs *regs);
void sbi_send_ipi(unsigned long hartid);
/* Held around a remote fence, and to mark a hart off (see sbi.c). */
void sbi_fence_lock(void);
void sbi_fence_unlock(void);

#endif
