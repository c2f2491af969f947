/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The machine checks the driver runs, as BULKHEAD_HW_CHECK reports them.
 *
 * Before it touches a CPU, enable checks facts of the machine that only the
 * kernel knows reliably: the exception level Linux runs at, what answers at
 * EL2, whether KVM holds it, the interrupt controller and the CPU's
 * interface to it, the ISA extensions Linux found (driver/arch-*.c). BULKHEAD_HW_CHECK runs the
 * very same checks without enabling anything and reports each result;
 * `bulkhead hardware check` turns them into lines with fixes.
 */
#ifndef _BULKHEAD_HW_CHECK_H
#define _BULKHEAD_HW_CHECK_H

#include <bulkhead/types.h>

/*
 * struct bulkhead_hw_result.id, and what .detail holds. Enable runs the
 * checks of its architecture in this order and refuses at the first one
 * that fails, except for advisory ones.
 */
/* arm64: Linux runs at EL1, not at EL2 itself (VHE). */
#define BULKHEAD_HW_ARM64_NOT_VHE	1
/* arm64: the CPU implements EL2. detail: ID_AA64PFR0_EL1.EL2. */
#define BULKHEAD_HW_ARM64_EL2		2
/*
 * arm64: Linux's hyp stub answers at EL2, so neither KVM nor anything else
 * holds it; needs NOT_VHE and EL2. detail: the reply to a call the stub
 * does not know (it answers 0xbadca11).
 */
#define BULKHEAD_HW_ARM64_HYP_STUB	3
/*
 * arm64: not KVM in use on a CPU where Linux loses KVM on CPU hotplug
 * (Cortex-A57/A72 with Spectre-v3a: Documentation/status.md, "KVM").
 * detail: BULKHEAD_HW_KVM_* bits.
 */
#define BULKHEAD_HW_ARM64_KVM_HOTPLUG	4
#define BULKHEAD_HW_KVM_INITIALISED	1	/* KVM registered /dev/kvm */
#define BULKHEAD_HW_SPECTRE_V3A		2	/* the kernel has that erratum's entry on */
/*
 * arm64: a GIC the hypervisor can drive, found in root's device tree: a
 * GICv3 whose CPU interface has its system registers, or a GICv2 with
 * virtualization extensions (its node's reg lists GICD, GICC, GICH and
 * GICV). detail: the BULKHEAD_HW_GIC_* fields below.
 */
#define BULKHEAD_HW_ARM64_GIC		5
/* The device tree's GIC: 3, 2, or 0 when it names none bulkhead knows. */
#define BULKHEAD_HW_GIC_VERSION(detail)	((unsigned int)(detail) & 0xff)
/* ID_AA64PFR0_EL1.GIC: 0 without the GICv3 system register interface. */
#define BULKHEAD_HW_GIC_SYSREG(detail)	((unsigned int)((detail) >> 8) & 0xf)
/* The number of reg entries of the GIC's node (counted up to 4). */
#define BULKHEAD_HW_GIC_FRAMES(detail)	((unsigned int)((detail) >> 16) & 0xff)
#define BULKHEAD_HW_GIC_DETAIL(version, sysreg, frames) \
	((__u64)(version) | (__u64)(sysreg) << 8 | (__u64)(frames) << 16)
/* riscv64: the harts have the hypervisor extension (H). */
#define BULKHEAD_HW_RISCV_H		6
/* riscv64: KVM is not loaded. */
#define BULKHEAD_HW_RISCV_NO_KVM	7
/* riscv64, advisory: Sstc; without it the timers go through SBI. */
#define BULKHEAD_HW_RISCV_SSTC		8

/* struct bulkhead_hw_result.status */
#define BULKHEAD_HW_PASSED		1
#define BULKHEAD_HW_FAILED		2
/* Not run: it needs a check that failed (running it could fault). */
#define BULKHEAD_HW_NOT_RUN		3

/* struct bulkhead_hw_result.flags */
#define BULKHEAD_HW_ADVISORY		1	/* enable does not need it */

struct bulkhead_hw_result {
	__u16 id;		/* BULKHEAD_HW_* */
	__u16 status;		/* BULKHEAD_HW_PASSED, _FAILED, _NOT_RUN */
	__u32 flags;		/* BULKHEAD_HW_ADVISORY */
	__u64 detail;		/* per check, see the ids */
};

#define BULKHEAD_HW_MAX_RESULTS		16

struct bulkhead_hw_check {
	__u16 architecture;	/* BULKHEAD_ARCH_* of the driver */
	__u16 image_revision;	/* the BULKHEAD_IMAGE_REVISION it loads */
	__u32 config_revision;	/* the BULKHEAD_CONFIG_REVISION it reads */
	__u32 enabled;		/* 1: bulkhead runs; no check was run */
	__u32 num_results;
	struct bulkhead_hw_result results[BULKHEAD_HW_MAX_RESULTS];
};

#endif /* _BULKHEAD_HW_CHECK_H */
