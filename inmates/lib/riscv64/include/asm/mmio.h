/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Device register accessors. The hypervisor emulates the PLIC by decoding
 * the trapping load or store, and the PLIC takes 32-bit accesses only:
 * exactly one access of the given width, always.
 */
#ifndef _INMATE_ASM_MMIO_H
#define _INMATE_ASM_MMIO_H

#include <inmate/asm-helpers.h>

DEFINE_MMIO_READ(mmio_read32, u32, "lw %0, 0(%1)")
DEFINE_MMIO_WRITE(mmio_write32, u32, "sw %z0, 0(%1)", "rJ")
DEFINE_MMIO_READ(mmio_read64, u64, "ld %0, 0(%1)")
DEFINE_MMIO_WRITE(mmio_write64, u64, "sd %z0, 0(%1)", "rJ")

#endif
