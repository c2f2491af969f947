/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* What riscv64 adds to <inmate.h>: the PLIC, SBI and the CSRs. */
#ifndef _INMATE_ASM_ARCH_H
#define _INMATE_ASM_ARCH_H

#include <asm/csr.h>
#include <asm/hypercall.h>
#include <asm/irq.h>
#include <asm/layout.h>
#include <asm/mmio.h>
#include <asm/plic.h>
#include <asm/processor.h>
#include <asm/sbi.h>

#endif
