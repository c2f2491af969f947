/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef _INMATE_ASM_SMP_H
#define _INMATE_ASM_SMP_H

#include <asm/sbi.h>

/* smp_start_cpu() answers a bad index as SBI would a bad argument. */
#define SMP_INVALID_INDEX	SBI_ERR_INVALID_PARAM

#endif
