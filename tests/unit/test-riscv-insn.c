// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * hypervisor/arch/riscv/insn.c, the decoder of guest loads and stores that
 * fault on an emulated device: every integer load/store form of RV64IC,
 * sign and zero extension of loaded values, refusal of everything else,
 * and the transformed instructions htinst holds.
 *
 * The instruction words are the assembler's, not hand-encoded: the lines
 * in the tables were assembled once with
 *	riscv64-linux-gnu-as -march=rv64imafdc t.S -o t.o
 *	riscv64-linux-gnu-objdump -d -M no-aliases t.o
 * (binutils 2.40; .option norvc around the 32-bit forms, so that the
 * assembler does not compress them) and each word copied next to its
 * source line. The F and D extensions are only there to encode the FP
 * forms that must be refused.
 */
#include <stdio.h>

#include <arch/insn.h>

#include "test.h"

struct insn_case {
	u32 word;
	const char *text;
	unsigned int len, size, reg;
	bool is_write, sign_extend;
};

#define LOAD(w, t, l, s, r, sx)	{ w, t, l, s, r, false, sx }
#define STORE(w, t, l, s, r)	{ w, t, l, s, r, true, false }

static const struct insn_case decoded[] = {
	LOAD(0x00058503, "lb a0,0(a1)", 4, 1, 10, true),
	LOAD(0xfff40f83, "lb t6,-1(s0)", 4, 1, 31, true),
	LOAD(0x00034283, "lbu t0,0(t1)", 4, 1, 5, false),
	LOAD(0x7ff1cd83, "lbu s11,2047(gp)", 4, 1, 27, false),
	LOAD(0x00269603, "lh a2,2(a3)", 4, 2, 12, true),
	LOAD(0x00451003, "lh zero,4(a0)", 4, 2, 0, true),
	LOAD(0x80075903, "lhu s2,-2048(a4)", 4, 2, 18, false),
	LOAD(0x00852783, "lw a5,8(a0)", 4, 4, 15, true),
	LOAD(0xffc12083, "lw ra,-4(sp)", 4, 4, 1, true),
	LOAD(0x00c8e383, "lwu t2,12(a7)", 4, 4, 7, false),
	LOAD(0xff813483, "ld s1,-8(sp)", 4, 8, 9, false),
	LOAD(0x400f3e83, "ld t4,1024(t5)", 4, 8, 29, false),
	STORE(0x00058023, "sb zero,0(a1)", 4, 1, 0),
	STORE(0xfea98fa3, "sb a0,-1(s3)", 4, 1, 10),
	STORE(0x01021323, "sh a6,6(tp)", 4, 2, 16),
	STORE(0x01452823, "sw s4,16(a0)", 4, 4, 20),
	STORE(0x81c5a023, "sw t3,-2048(a1)", 4, 4, 28),
	STORE(0x00113423, "sd ra,8(sp)", 4, 8, 1),
	STORE(0x7fa63c23, "sd s10,2040(a2)", 4, 8, 26),
	LOAD(0x415c, "c.lw a5,4(a0)", 2, 4, 15, true),
	LOAD(0x5fe0, "c.lw s0,124(a5)", 2, 4, 8, true),
	LOAD(0x6498, "c.ld a4,8(s1)", 2, 8, 14, false),
	LOAD(0x7ee4, "c.ld s1,248(a3)", 2, 8, 9, false),
	STORE(0xc20c, "c.sw a1,0(a2)", 2, 4, 11),
	STORE(0xc03c, "c.sw a5,64(s0)", 2, 4, 15),
	STORE(0xe900, "c.sd s0,16(a0)", 2, 8, 8),
	STORE(0xfff4, "c.sd a3,248(a5)", 2, 8, 13),
	LOAD(0x4532, "c.lwsp a0,12(sp)", 2, 4, 10, true),
	LOAD(0x5ffe, "c.lwsp t6,252(sp)", 2, 4, 31, true),
	LOAD(0x60a2, "c.ldsp ra,8(sp)", 2, 8, 1, false),
	LOAD(0x7dfe, "c.ldsp s11,504(sp)", 2, 8, 27, false),
	STORE(0xc002, "c.swsp zero,0(sp)", 2, 4, 0),
	STORE(0xdf96, "c.swsp t0,252(sp)", 2, 4, 5),
	STORE(0xe406, "c.sdsp ra,8(sp)", 2, 8, 1),
	STORE(0xffc6, "c.sdsp a7,504(sp)", 2, 8, 17),
	/* The caller may have read the next halfword too: it is ignored. */
	LOAD(0xdead415c, "c.lw a5,4(a0) + next halfword", 2, 4, 15, true),
};

static const struct {
	u32 word;
	const char *text;
} refused[] = {
	{ 0x00b6252f, "amoadd.w a0,a1,(a2)" },
	{ 0x1005b52f, "lr.d a0,(a1)" },
	{ 0x18b6252f, "sc.w a0,a1,(a2)" },
	{ 0x00853507, "fld fa0,8(a0)" },
	{ 0x00b5a227, "fsw fa1,4(a1)" },
	{ 0x00b50063, "beq a0,a1,." },
	{ 0x00150513, "addi a0,a0,1" },
	{ 0x2522, "c.fldsp fa0,8(sp)" },
	{ 0x2508, "c.fld fa0,8(a0)" },
	{ 0xa508, "c.fsd fa0,8(a0)" },
	{ 0xa42a, "c.fsdsp fa0,8(sp)" },
	{ 0x0505, "c.addi a0,1" },
	{ 0x0808, "c.addi4spn a0,sp,16" },
	{ 0x852e, "c.mv a0,a1" },
	{ 0x4002, "c.lwsp zero,0(sp) (reserved)" },
	{ 0x6002, "c.ldsp zero,0(sp) (reserved)" },
	/* Hand-made: the funct3 values LOAD and STORE leave reserved. */
	{ 0x00057503, "load funct3 111 (LDU of RV128)" },
	{ 0x0045c023, "store funct3 100 (SQ of RV128)" },
	{ 0x00000000, "0 (defined illegal)" },
	{ 0xffffffff, "all ones" },
};

static void expect_decoded(const char *what, int ret,
			   const struct riscv_mmio_insn *d,
			   const struct insn_case *c, unsigned int len)
{
	if (ret) {
		test_fail("%s: refused (%d)", what, ret);
		return;
	}
	if (d->len != len || d->size != c->size || d->reg != c->reg ||
	    d->is_write != c->is_write || d->sign_extend != c->sign_extend)
		test_fail("%s: len %u size %u reg x%u %s%s, expected len %u "
			  "size %u reg x%u %s%s", what, d->len, d->size,
			  d->reg, d->is_write ? "write" : "read",
			  d->sign_extend ? " signed" : "", len, c->size,
			  c->reg, c->is_write ? "write" : "read",
			  c->sign_extend ? " signed" : "");
}

TEST(riscv_insn_decodes_loads_and_stores)
{
	struct riscv_mmio_insn d;
	unsigned int i;

	for (i = 0; i < sizeof(decoded) / sizeof(decoded[0]); i++)
		expect_decoded(decoded[i].text,
			       riscv_decode_mmio(decoded[i].word, &d), &d,
			       &decoded[i], decoded[i].len);
}

TEST(riscv_insn_refuses_other_instructions)
{
	struct riscv_mmio_insn d;
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		ret = riscv_decode_mmio(refused[i].word, &d);
		if (ret != -EINVAL)
			test_fail("%s (%08x): %d, expected -EINVAL",
				  refused[i].text, refused[i].word, ret);
	}
}

/*
 * A transformed instruction: immediate fields zero, rs1 the offset of the
 * faulting address in the access; for a compressed original the 32-bit
 * equivalent with bit 1 cleared. Words from the same assembler run:
 *	lw a5,0(zero)	00002783	(lw a5,8(a0) at offset 0)
 *	lw a5,0(sp)	00012783	(the same, faulting 2 bytes in)
 *	sw a1,0(zero)	00b02023	(c.sw a1,0(a2): 00b02021)
 *	lw a0,0(zero)	00002503	(c.lwsp a0,12(sp): 00002501)
 *	sd a7,0(zero)	01103023
 */
TEST(riscv_insn_decodes_htinst)
{
	static const struct {
		u64 htinst;
		struct insn_case c;
	} cases[] = {
		{ 0x00002783, LOAD(0, "lw a5 transformed", 4, 4, 15, true) },
		{ 0x00012783, LOAD(0, "lw a5 at offset 2", 4, 4, 15, true) },
		{ 0x00b02021, STORE(0, "c.sw a1 transformed", 2, 4, 11) },
		{ 0x00002501, LOAD(0, "c.lwsp a0 transformed", 2, 4, 10,
				   true) },
		{ 0x01103023, STORE(0, "sd a7 transformed", 4, 8, 17) },
	};
	static const struct {
		u64 htinst;
		const char *text;
	} bad[] = {
		{ 0, "0 (no information)" },
		{ 0x00002000, "pseudoinstruction: 32-bit read" },
		{ 0x00002020, "pseudoinstruction: 32-bit write" },
		{ 0x00003000, "pseudoinstruction: 64-bit read" },
		{ 0x00003020, "pseudoinstruction: 64-bit write" },
		{ 0x00002782, "bits[1:0] 10" },
		{ 0x100002783ULL, "lw with bits above 31" },
		{ 0x00b0252f, "amoadd.w a0,a1 transformed" },
	};
	struct riscv_mmio_insn d;
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_decoded(cases[i].c.text,
			       riscv_decode_htinst(cases[i].htinst, &d), &d,
			       &cases[i].c, cases[i].c.len);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ret = riscv_decode_htinst(bad[i].htinst, &d);
		if (ret != -EINVAL)
			test_fail("htinst %s: %d, expected -EINVAL",
				  bad[i].text, ret);
	}
}

TEST(riscv_insn_load_value_extends)
{
	static const struct {
		unsigned int size;
		bool sign_extend;
		u64 raw, value;
	} cases[] = {
		{ 1, true, 0x7f, 0x7f },
		{ 1, true, 0x80, 0xffffffffffffff80ULL },
		{ 1, false, 0x80, 0x80 },
		/* Bytes above the access size never reach the register. */
		{ 1, true, 0x1234567890abcdffULL, ~0ULL },
		{ 1, false, 0x1234567890abcdffULL, 0xff },
		{ 2, true, 0x7fff, 0x7fff },
		{ 2, true, 0xbeef8000, 0xffffffffffff8000ULL },
		{ 2, false, 0xbeef8000, 0x8000 },
		{ 4, true, 0x7fffffff, 0x7fffffff },
		{ 4, true, 0x1122334480000000ULL, 0xffffffff80000000ULL },
		{ 4, false, 0x1122334480000000ULL, 0x80000000 },
		{ 4, true, 0, 0 },
		{ 8, false, 0x8000000000000001ULL, 0x8000000000000001ULL },
		{ 8, false, ~0ULL, ~0ULL },
	};
	struct riscv_mmio_insn d = { .len = 4 };
	unsigned int i;
	u64 v;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		d.size = cases[i].size;
		d.sign_extend = cases[i].sign_extend;
		v = riscv_mmio_load_value(&d, cases[i].raw);
		if (v != cases[i].value)
			test_fail("size %u %s of %016llx: %016llx, expected "
				  "%016llx", d.size,
				  d.sign_extend ? "signed" : "unsigned",
				  cases[i].raw, v, cases[i].value);
	}
}

/* The decoder and the extension together: what a guest's lb/lbu sees. */
TEST(riscv_insn_decode_then_extend)
{
	struct riscv_mmio_insn d;

	if (riscv_decode_mmio(0x00058503, &d) ||	/* lb a0,0(a1) */
	    riscv_mmio_load_value(&d, 0xf0) != 0xfffffffffffffff0ULL)
		test_fail("lb of 0xf0 does not give -16");
	if (riscv_decode_mmio(0x00034283, &d) ||	/* lbu t0,0(t1) */
	    riscv_mmio_load_value(&d, 0xf0) != 0xf0)
		test_fail("lbu of 0xf0 does not give 0xf0");
	if (riscv_decode_mmio(0x415c, &d) ||		/* c.lw a5,4(a0) */
	    riscv_mmio_load_value(&d, 0xdeadbeef) != 0xffffffffdeadbeefULL)
		test_fail("c.lw of 0xdeadbeef is not sign-extended");
}
