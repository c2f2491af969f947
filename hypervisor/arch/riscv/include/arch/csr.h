/* SPDX-License-Identifier: GPL-2.0 */
/*
 * riscv64 control and status registers. The hypervisor is built for
 * rv64imac without the H extension in -march, so H and VS CSRs are named by
 * number and H instructions are written as words.
 */
#ifndef _ARCH_CSR_H
#define _ARCH_CSR_H

#define CSR_SSTATUS	0x100
#define CSR_SIE		0x104
#define CSR_STVEC	0x105
#define CSR_SSCRATCH	0x140
#define CSR_SEPC	0x141
#define CSR_SCAUSE	0x142
#define CSR_STVAL	0x143
#define CSR_SIP		0x144
#define CSR_STIMECMP	0x14d
#define CSR_SATP	0x180
#define CSR_VSSTATUS	0x200
#define CSR_VSIE	0x204
#define CSR_VSTVEC	0x205
#define CSR_VSSCRATCH	0x240
#define CSR_VSEPC	0x241
#define CSR_VSCAUSE	0x242
#define CSR_VSTVAL	0x243
#define CSR_VSIP	0x244
#define CSR_VSTIMECMP	0x24d
#define CSR_VSATP	0x280
#define CSR_HSTATUS	0x600
#define CSR_HEDELEG	0x602
#define CSR_HIDELEG	0x603
#define CSR_HIE		0x604
#define CSR_HTIMEDELTA	0x605
#define CSR_HCOUNTEREN	0x606
#define CSR_HGEIE	0x607
#define CSR_HENVCFG	0x60a
#define CSR_HTVAL	0x643
#define CSR_HIP		0x644
#define CSR_HVIP	0x645
#define CSR_HTINST	0x64a
#define CSR_HGATP	0x680
#define CSR_TIME	0xc01

/* sstatus */
#define SSTATUS_SIE	(1UL << 1)
#define SSTATUS_SPIE	(1UL << 5)
#define SSTATUS_SPP	(1UL << 8)
#define SSTATUS_FS	(3UL << 13)

/* hstatus */
#define HSTATUS_GVA	(1UL << 6)
#define HSTATUS_SPV	(1UL << 7)
#define HSTATUS_SPVP	(1UL << 8)
#define HSTATUS_VTW	(1UL << 21)
#define HSTATUS_VSXL_64	(2UL << 32)

/* Interrupt numbers; sie/sip bits are 1 << number. */
#define IRQ_S_SOFT	1
#define IRQ_VS_SOFT	2
#define IRQ_S_TIMER	5
#define IRQ_VS_TIMER	6
#define IRQ_S_EXT	9
#define IRQ_VS_EXT	10

/* scause exception codes */
#define EXC_INST_ACCESS		1
#define EXC_ILLEGAL_INST	2
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_ACCESS	7
#define EXC_VS_ECALL		10
#define EXC_INST_GUEST_PF	20
#define EXC_LOAD_GUEST_PF	21
#define EXC_VIRTUAL_INST	22
#define EXC_STORE_GUEST_PF	23
#define SCAUSE_IRQ		(1UL << 63)

#define HENVCFG_STCE	(1UL << 63)

#define INSN_WFI	0x10500073

#ifndef __ASSEMBLY__
#include <core/types.h>

#define __csr_str(x)	#x
#define __stringify(x)	__csr_str(x)

#define csr_read(csr) ({						\
	unsigned long __v;						\
	asm volatile("csrr %0, " __stringify(csr) : "=r" (__v) : : "memory"); \
	__v;								\
})
#define csr_write(csr, val)						\
	asm volatile("csrw " __stringify(csr) ", %0" : : "rK" ((unsigned long)(val)) : "memory")
#define csr_set(csr, val)						\
	asm volatile("csrs " __stringify(csr) ", %0" : : "rK" ((unsigned long)(val)) : "memory")
#define csr_clear(csr, val)						\
	asm volatile("csrc " __stringify(csr) ", %0" : : "rK" ((unsigned long)(val)) : "memory")

/*
 * HFENCE.GVMA x0, x0 (funct7 0110001) and HFENCE.VVMA x0, x0 (0010001):
 * every guest translation, on this hart. Spelt as words so that no
 * assembler support for the H extension is needed.
 */
static inline void hfence_gvma_all(void)
{
	asm volatile(".4byte 0x62000073" ::: "memory");
}

static inline void hfence_vvma_all(void)
{
	asm volatile(".4byte 0x22000073" ::: "memory");
}
#endif

#endif
