/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_SYSREG_H
#define _ARCH_SYSREG_H

#include <core/types.h>

#define read_sysreg(reg) ({						\
	u64 __val;							\
	asm volatile("mrs %0, " #reg : "=r" (__val));			\
	__val;								\
})

#define write_sysreg(reg, val)						\
	asm volatile("msr " #reg ", %0" : : "r" ((u64)(val)))

#define isb()		asm volatile("isb" ::: "memory")
#define dsb(opt)	asm volatile("dsb " #opt ::: "memory")

/* GICv3 CPU interface system registers, by encoding for any assembler. */
#define ICC_SRE_EL2	s3_4_c12_c9_5
#define ICC_IAR1_EL1	s3_0_c12_c12_0
#define ICC_EOIR1_EL1	s3_0_c12_c12_1
#define ICC_DIR_EL1	s3_0_c12_c11_1
#define ICC_PMR_EL1	s3_0_c4_c6_0
#define ICC_BPR1_EL1	s3_0_c12_c12_3
#define ICC_CTLR_EL1	s3_0_c12_c12_4
#define ICC_IGRPEN1_EL1	s3_0_c12_c12_7
#define ICC_SGI1R_EL1	s3_0_c12_c11_5
#define ICH_AP1R0_EL2	s3_4_c12_c9_0
#define ICH_HCR_EL2	s3_4_c12_c11_0
#define ICH_VTR_EL2	s3_4_c12_c11_1
#define ICH_MISR_EL2	s3_4_c12_c11_2
#define ICH_ELRSR_EL2	s3_4_c12_c11_5
#define ICH_VMCR_EL2	s3_4_c12_c11_7

/* HCR_EL2 */
#define HCR_VM		BIT(0)
#define HCR_SWIO	BIT(1)
#define HCR_FMO		BIT(3)
#define HCR_IMO		BIT(4)
#define HCR_FB		BIT(9)
#define HCR_BSU_IS	(1ULL << 10)
#define HCR_TSC		BIT(19)
#define HCR_RW		BIT(31)

/* SCTLR_EL2 */
#define SCTLR_M		BIT(0)
#define SCTLR_C		BIT(2)
#define SCTLR_I		BIT(12)

/* ESR_ELx */
#define ESR_EC(esr)	(((esr) >> 26) & 0x3f)
#define ESR_IL		BIT(25)
#define EC_UNKNOWN	0x00
#define EC_WFX		0x01
#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define EC_SYSREG	0x18
#define EC_IABT_LOW	0x20
#define EC_DABT_LOW	0x24

/* SPSR for entering Linux at EL1h with interrupts masked. */
#define SPSR_EL1H_MASKED	0x3c5

#endif
