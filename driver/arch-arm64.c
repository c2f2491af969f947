// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: reaching EL2 through Linux's hyp stub.
 *
 * Linux booted at EL2 without KVM leaves its hyp stub installed. Its
 * HVC_SOFT_RESTART call branches to a given address at EL2 with the MMU off,
 * which is how the hypervisor gets control without any kernel symbol that
 * is not exported.
 */
#include <linux/kernel.h>
#include <linux/namei.h>
#include <asm/cpufeature.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include <bulkhead/hypercall.h>

#include "bulkhead.h"

const u16 bulkhead_arch_id = BULKHEAD_ARCH_ARM64;
const char *const bulkhead_firmware_name = "bulkhead-arm64.bin";

/*
 * KVM takes EL2 from Linux's stub while it has virtualization enabled:
 * while guests run, and since Linux 6.12 from boot on.
 */
#define KVM_ADVICE "KVM holds EL2 while KVM guests run (stop them and retry) and, since Linux 6.12, from boot on unless booted with kvm.enable_virt_at_load=0; kvm-arm.mode=none keeps KVM away from EL2 for good"

/* The stub's reply to a call it does not know. */
#define STUB_UNKNOWN_CALL	0xbadca11
#define STUB_PROBE_CALL		HVC_STUB_HCALL_NR

static u64 hvc_call(u64 a0, u64 a1, u64 a2, u64 a3, u64 a4)
{
	register u64 x0 asm("x0") = a0;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;
	register u64 x4 asm("x4") = a4;

	/* The entry path uses scratch registers before saving the frame. */
	asm volatile("hvc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3), "+r" (x4)
		     :
		     : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "x18", "memory",
		       "cc");
	return x0;
}

/*
 * On Cortex-A57/A72 a kernel built with CONFIG_RANDOMIZE_BASE gives KVM an
 * indirect EL2 vector: each time a CPU comes online, Linux adds the indirect
 * offset to that CPU's vector slot and resets the slot only when the CPU
 * booted at EL2 and firmware mitigates Spectre-v2. A CPU onlined while
 * bulkhead is enabled boots at EL1, so after the first such online the slot
 * is out of range and KVM's next guest on that CPU jumps to a vector that is
 * not there (EL2, PC 0x200). Without the firmware workaround (QEMU) plain
 * hotplug does the same. Cells take CPUs by hotplug, so with KVM in use
 * enable must refuse rather than let KVM break later.
 */
static bool kvm_lost_on_cpu_online(void)
{
	struct path path;

	if (!IS_ENABLED(CONFIG_KVM) || !cpus_have_cap(ARM64_SPECTRE_V3A))
		return false;
	/* KVM registers its device only when it initialised. */
	if (kern_path("/sys/class/misc/kvm", LOOKUP_FOLLOW, &path))
		return false;
	path_put(&path);
	return true;
}

int bulkhead_arch_check(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	u64 reply;

	if (is_kernel_in_hyp_mode()) {
		pr_err("bulkhead: Linux runs at EL2 itself (VHE); boot it with kvm-arm.mode=nvhe or id_aa64mmfr1.vh=0 so it runs at EL1\n");
		return -EOPNOTSUPP;
	}
	/* ID_AA64PFR0_EL1.EL2, bits [11:8]: 0 when EL2 is not implemented. */
	if (!((pfr0 >> 8) & 0xf)) {
		pr_err("bulkhead: this CPU has no EL2; bulkhead needs virtualization extensions (QEMU: -M virt,virtualization=on)\n");
		return -ENODEV;
	}
	reply = hvc_call(STUB_PROBE_CALL, 0, 0, 0, 0);
	if (reply != STUB_UNKNOWN_CALL) {
		pr_err("bulkhead: EL2 is held by something other than Linux's hyp stub (reply %#llx), normally KVM: %s\n",
		       reply, KVM_ADVICE);
		return -ENODEV;
	}
	if (kvm_lost_on_cpu_online()) {
		pr_err("bulkhead: KVM is in use, and on this CPU type (Cortex-A57/A72, kernel with CONFIG_RANDOMIZE_BASE) Linux breaks KVM on every CPU that goes offline and online again, as cells make them: its next KVM guest would hang that CPU. Boot with kvm-arm.mode=none to use bulkhead with this kernel (Documentation/status.md, \"KVM\")\n");
		return -EOPNOTSUPP;
	}
	return 0;
}

const char *const bulkhead_arch_cpu_id_name = "config CPU";

unsigned int bulkhead_arch_cpu_id(unsigned int cpu)
{
	return cpu;
}

long bulkhead_arch_enter_cpu(unsigned long entry, unsigned int cpu,
			     phys_addr_t base, size_t config_size)
{
	return (long)hvc_call(HVC_SOFT_RESTART, entry, cpu, base, config_size);
}

long bulkhead_arch_hypercall(unsigned long code, unsigned long arg1,
			     unsigned long arg2)
{
	register u64 x0 asm("x0") = code;
	register u64 x1 asm("x1") = arg1;
	register u64 x2 asm("x2") = arg2;

	asm volatile("hvc #" __stringify(BULKHEAD_HVC_IMM)
		     : "+r" (x0), "+r" (x1), "+r" (x2) : : "memory");
	return (long)x0;
}

long bulkhead_arch_disable_cpu(void)
{
	return bulkhead_arch_hypercall(BULKHEAD_HC_DISABLE, 0, 0);
}
