/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * SBI v1.0 calls as a cell makes them (ecall: a7 extension, a6 function,
 * a0.. arguments; a0 error, a1 value). The hypervisor answers them for the
 * cell's own harts only; numbers are those of the SBI specification.
 */
#ifndef _INMATE_ASM_SBI_H
#define _INMATE_ASM_SBI_H

#include <inmate/types.h>

#define SBI_EXT_LEGACY_PUTCHAR	0x01
#define SBI_EXT_BASE		0x10
#define SBI_EXT_TIME		0x54494d45
#define SBI_EXT_IPI		0x735049
#define SBI_EXT_RFENCE		0x52464e43
#define SBI_EXT_HSM		0x48534d
#define SBI_EXT_SRST		0x53525354

#define SBI_BASE_GET_SPEC_VERSION	0
#define SBI_BASE_PROBE_EXTENSION	3
#define SBI_TIME_SET_TIMER		0
#define SBI_IPI_SEND_IPI		0
#define SBI_RFENCE_REMOTE_FENCE_I	0
#define SBI_HSM_HART_START		0
#define SBI_HSM_HART_STOP		1
#define SBI_HSM_HART_GET_STATUS		2
#define SBI_SRST_SYSTEM_RESET		0

#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			-1
#define SBI_ERR_NOT_SUPPORTED		-2
#define SBI_ERR_INVALID_PARAM		-3
#define SBI_ERR_DENIED			-4
#define SBI_ERR_INVALID_ADDRESS		-5
#define SBI_ERR_ALREADY_AVAILABLE	-6
#define SBI_ERR_ALREADY_STARTED		-7
#define SBI_ERR_ALREADY_STOPPED		-8

/* HART_GET_STATUS values. */
#define SBI_HSM_STARTED			0
#define SBI_HSM_STOPPED			1
#define SBI_HSM_START_PENDING		2
#define SBI_HSM_STOP_PENDING		3

/* system_reset types and reasons. */
#define SBI_SRST_SHUTDOWN		0
#define SBI_SRST_COLD_REBOOT		1
#define SBI_SRST_WARM_REBOOT		2
#define SBI_SRST_REASON_NONE		0

/* hart_mask_base meaning "every hart", hart_mask then ignored. */
#define SBI_HART_MASK_BASE_ALL		(~0UL)

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_call(unsigned long ext, unsigned long fid,
		       unsigned long arg0, unsigned long arg1,
		       unsigned long arg2);

long sbi_spec_version(void);
/* The extension's implementation-specific value, 0 if it is absent. */
long sbi_probe_extension(unsigned long ext);
/* One shot at stime (the time CSR's count); also withdraws a pending one. */
long sbi_set_timer(u64 stime);
long sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
long sbi_remote_fence_i(unsigned long hart_mask, unsigned long hart_mask_base);
/* The hart starts at start (a cell address) with a0 = hartid, a1 = opaque. */
long sbi_hart_start(u64 hartid, unsigned long start, unsigned long opaque);
/* Returns only on failure. */
long sbi_hart_stop(void);
struct sbiret sbi_hart_get_status(u64 hartid);
/* Returns only on failure; for a cell it ends the cell, not the machine. */
long sbi_system_reset(unsigned long type, unsigned long reason);
/* Firmware's console (SBI v0.1); see console.c for when it is used. */
void sbi_legacy_putchar(char c);

#endif
