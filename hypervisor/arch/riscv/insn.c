// SPDX-License-Identifier: GPL-2.0
/*
 * Decodes the integer loads and stores of RV64IC that can fault on an
 * emulated device. Encodings follow the RISC-V unprivileged spec (RV64I
 * LOAD/STORE, RVC quadrants 0 and 2); everything else, FP and atomic
 * accesses included, is refused so that the caller reports the guest
 * instead of guessing.
 */
#include <arch/insn.h>

#define OPCODE_LOAD	0x03	/* 0000011 */
#define OPCODE_STORE	0x23	/* 0100011 */

/* RVC funct3 (bits 15:13) of the integer loads/stores, quadrants 0 and 2. */
#define C_LW		2
#define C_LD		3
#define C_SW		6
#define C_SD		7

#define RVC_Q0		0
#define RVC_Q2		2

static int set(struct riscv_mmio_insn *out, unsigned int len,
	       unsigned int size, unsigned int reg, bool is_write,
	       bool sign_extend)
{
	out->len = len;
	out->size = size;
	out->reg = reg;
	out->is_write = is_write;
	out->sign_extend = sign_extend;
	return 0;
}

/* len is 4, or 2 for an htinst that stands for a compressed original. */
static int decode_32(u32 insn, unsigned int len, struct riscv_mmio_insn *out)
{
	unsigned int funct3 = (insn >> 12) & 7;
	/* funct3[1:0] is log2 of the size, funct3[2] means "unsigned". */
	unsigned int size = 1U << (funct3 & 3);

	switch (insn & 0x7f) {
	case OPCODE_LOAD:
		/* 111 would be LDU, which only RV128 has. */
		if (funct3 == 7)
			return -EINVAL;
		/* LD needs no extension: it fills the register. */
		return set(out, len, size, (insn >> 7) & 0x1f, false,
			   !(funct3 & 4) && size < 8);
	case OPCODE_STORE:
		/* 1xx is reserved (SQ of RV128 is 100). */
		if (funct3 & 4)
			return -EINVAL;
		return set(out, len, size, (insn >> 20) & 0x1f, true, false);
	default:
		return -EINVAL;
	}
}

static int decode_16(u16 insn, struct riscv_mmio_insn *out)
{
	unsigned int funct3 = insn >> 13;
	/* rd' / rs2' of the CL and CS formats name x8..x15. */
	unsigned int reg_short = 8 + ((insn >> 2) & 7);
	unsigned int rd = (insn >> 7) & 0x1f, rs2 = (insn >> 2) & 0x1f;

	switch (insn & 3) {
	case RVC_Q0:
		switch (funct3) {
		case C_LW:
			return set(out, 2, 4, reg_short, false, true);
		case C_LD:
			return set(out, 2, 8, reg_short, false, false);
		case C_SW:
			return set(out, 2, 4, reg_short, true, false);
		case C_SD:
			return set(out, 2, 8, reg_short, true, false);
		}
		return -EINVAL;
	case RVC_Q2:
		switch (funct3) {
		case C_LW:	/* C.LWSP; rd 0 is reserved */
			return rd ? set(out, 2, 4, rd, false, true) : -EINVAL;
		case C_LD:	/* C.LDSP; rd 0 is reserved */
			return rd ? set(out, 2, 8, rd, false, false) : -EINVAL;
		case C_SW:	/* C.SWSP */
			return set(out, 2, 4, rs2, true, false);
		case C_SD:	/* C.SDSP */
			return set(out, 2, 8, rs2, true, false);
		}
		return -EINVAL;
	default:
		/* Quadrant 1 holds no load or store. */
		return -EINVAL;
	}
}

int riscv_decode_mmio(u32 insn, struct riscv_mmio_insn *out)
{
	if ((insn & 3) != 3)
		return decode_16(insn & 0xffff, out);
	return decode_32(insn, 4, out);
}

int riscv_decode_htinst(u64 htinst, struct riscv_mmio_insn *out)
{
	/*
	 * A transformed instruction fits in 32 bits. Only opcode, funct3 and
	 * the register are read: the immediate is zeroed and rs1 holds the
	 * offset of the faulting address, neither matters here.
	 */
	if (htinst >> 32)
		return -EINVAL;
	switch (htinst & 3) {
	case 3:
		return decode_32(htinst, 4, out);
	case 1:
		/* A compressed original, expanded with bit 1 cleared. */
		return decode_32(htinst | 2, 2, out);
	default:
		/*
		 * 00 is a pseudoinstruction for the guest's page-table walk
		 * (or 0, no information); 10 is not defined.
		 */
		return -EINVAL;
	}
}

u64 riscv_mmio_load_value(const struct riscv_mmio_insn *d, u64 raw)
{
	unsigned int bits = d->size * 8;
	u64 sign;

	if (!bits || bits >= 64)
		return raw;
	raw &= (1ULL << bits) - 1;
	/* Flipping then subtracting the sign bit extends it, in u64 only. */
	sign = 1ULL << (bits - 1);
	return d->sign_extend ? (raw ^ sign) - sign : raw;
}
