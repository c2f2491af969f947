/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Device register accessors. The hypervisor emulates the GIC by decoding
 * the trapping instruction from its syndrome, which is only valid for a
 * single ldr/str without writeback: exactly that form, always.
 */
#ifndef _INMATE_ASM_MMIO_H
#define _INMATE_ASM_MMIO_H

#include <inmate/asm-helpers.h>

DEFINE_MMIO_WRITE(mmio_write8, u8, "strb %w0, [%1]", "rZ")
DEFINE_MMIO_READ(mmio_read32, u32, "ldr %w0, [%1]")
DEFINE_MMIO_WRITE(mmio_write32, u32, "str %w0, [%1]", "rZ")
DEFINE_MMIO_READ(mmio_read64, u64, "ldr %x0, [%1]")
DEFINE_MMIO_WRITE(mmio_write64, u64, "str %x0, [%1]", "rZ")

#endif
