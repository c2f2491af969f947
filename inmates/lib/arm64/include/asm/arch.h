/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* What arm64 adds to <inmate.h>: the GIC, PSCI and the system registers. */
#ifndef _INMATE_ASM_ARCH_H
#define _INMATE_ASM_ARCH_H

#include <asm/gic.h>
#include <asm/hypercall.h>
#include <asm/layout.h>
#include <asm/mmio.h>
#include <asm/processor.h>
#include <asm/psci.h>
#include <asm/sysreg.h>

#endif
