/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decoding of the guest loads and stores that fault on an emulated device.
 *
 * A guest page fault (scause 21 load, 23 store) says where the guest went
 * but not which register takes or gives the value, nor how wide the access
 * is: that is in the instruction. The hardware may hand it over in htinst
 * (transformed, see riscv_decode_htinst()); QEMU 7.2 leaves htinst 0 for
 * ordinary loads and stores, so the caller then reads the instruction at
 * sepc with hlvx.hu and gives it to riscv_decode_mmio(). Both are pure
 * functions of the instruction word, tested on the host.
 */
#ifndef _ARCH_INSN_H
#define _ARCH_INSN_H

#include <core/types.h>

struct riscv_mmio_insn {
	unsigned int len;	/* 2 or 4: how far the guest's pc advances */
	unsigned int size;	/* access size in bytes: 1, 2, 4 or 8 */
	unsigned int reg;	/* x-register: rd of a load, rs2 of a store */
	bool is_write;
	bool sign_extend;	/* LB, LH, LW (and C.LW, C.LWSP) */
};

/*
 * insn is a 32-bit instruction, or a compressed one in its low 16 bits
 * (bits[1:0] != 3; the upper half is then ignored, so a caller that read
 * ahead need not clear it). Returns 0, or -EINVAL if insn is no integer
 * load or store of RV64IC: the caller then reports the guest. A load into
 * x0 decodes normally (reg 0); the caller drops the value.
 */
int riscv_decode_mmio(u32 insn, struct riscv_mmio_insn *out);

/*
 * htinst as the hardware wrote it, when non-zero: the privileged spec's
 * transformed instruction, whose bits[1:0] are 01 if the original was
 * compressed (2 bytes) and 11 if it was 4 bytes. Pseudoinstructions for
 * implicit accesses of the guest's own page-table walk (bits[1:0] 00) are
 * refused like unknown instructions: no device emulates a page table.
 */
int riscv_decode_htinst(u64 htinst, struct riscv_mmio_insn *out);

/*
 * The value a load puts in d->reg, from the raw bytes read (little-endian,
 * in the low d->size bytes of raw): zero- or sign-extended to 64 bits.
 */
u64 riscv_mmio_load_value(const struct riscv_mmio_insn *d, u64 raw);

#endif
