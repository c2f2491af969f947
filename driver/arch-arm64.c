// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: reaching EL2 through Linux's hyp stub.
 *
 * Linux booted at EL2 without KVM leaves its hyp stub installed. Its
 * HVC_SOFT_RESTART call branches to a given address at EL2 with the MMU off,
 * which is how the hypervisor gets control without any kernel symbol that
 * is not exported.
 */
#include <linux/ioport.h>
#include <linux/irqdomain.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/sysreg.h>
#include <asm/virt.h>
#include <dt-bindings/interrupt-controller/arm-gic.h>

#include <bulkhead/config-check.h>
#include <bulkhead/hw-check.h>
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
static u64 kvm_hotplug_state(void)
{
	struct path path;
	u64 state = 0;

	if (!IS_ENABLED(CONFIG_KVM))
		return 0;
	if (cpus_have_cap(ARM64_SPECTRE_V3A))
		state |= BULKHEAD_HW_SPECTRE_V3A;
	/* KVM registers its device only when it initialised. */
	if (!kern_path("/sys/class/misc/kvm", LOOKUP_FOLLOW, &path)) {
		path_put(&path);
		state |= BULKHEAD_HW_KVM_INITIALISED;
	}
	return state;
}

static int check_not_vhe(bool report, u64 *detail)
{
	if (!is_kernel_in_hyp_mode())
		return 0;
	if (report)
		pr_err("bulkhead: Linux runs at EL2 itself (VHE); boot it with kvm-arm.mode=nvhe or id_aa64mmfr1.vh=0 so it runs at EL1\n");
	return -EOPNOTSUPP;
}

static int check_el2(bool report, u64 *detail)
{
	/* ID_AA64PFR0_EL1.EL2, bits [11:8]: 0 when EL2 is not implemented. */
	*detail = (read_sysreg(id_aa64pfr0_el1) >> 8) & 0xf;
	if (*detail)
		return 0;
	if (report)
		pr_err("bulkhead: this CPU has no EL2; bulkhead needs virtualization extensions (QEMU: -M virt,virtualization=on)\n");
	return -ENODEV;
}

static int check_hyp_stub(bool report, u64 *detail)
{
	*detail = hvc_call(STUB_PROBE_CALL, 0, 0, 0, 0);
	if (*detail == STUB_UNKNOWN_CALL)
		return 0;
	if (report)
		pr_err("bulkhead: EL2 is held by something other than Linux's hyp stub (reply %#llx), normally KVM: %s\n",
		       *detail, KVM_ADVICE);
	return -ENODEV;
}

static int check_kvm_hotplug(bool report, u64 *detail)
{
	const u64 lost = BULKHEAD_HW_SPECTRE_V3A | BULKHEAD_HW_KVM_INITIALISED;

	*detail = kvm_hotplug_state();
	if ((*detail & lost) != lost)
		return 0;
	if (report)
		pr_err("bulkhead: KVM is in use, and on this CPU type (Cortex-A57/A72, kernel with CONFIG_RANDOMIZE_BASE) Linux breaks KVM on every CPU that goes offline and online again, as cells make them: its next KVM guest would hang that CPU. Boot with kvm-arm.mode=none to use bulkhead with this kernel (Documentation/status.md, \"KVM\")\n");
	return -EOPNOTSUPP;
}

/*
 * The GIC root's device tree describes, as Linux's GIC drivers find it: a
 * GICv3, or a GICv2 (GIC-400 class). The hypervisor drives a GICv3 through
 * the CPU interface's system registers (without them its first access is
 * undefined and the CPU entering it hangs), and a GICv2 through its
 * hypervisor control interface (GICH), which with the virtual CPU interface
 * (GICV) is the third and fourth entry of the node's reg.
 */
#define GIC_FRAMES	4	/* GICv2: GICD, GICC, GICH, GICV */

static const struct of_device_id gic_ids[] = {
	{ .compatible = "arm,gic-v3", .data = (void *)3 },
	{ .compatible = "arm,gic-400", .data = (void *)2 },
	{ .compatible = "arm,cortex-a15-gic", .data = (void *)2 },
	{ .compatible = "arm,cortex-a9-gic", .data = (void *)2 },
	{ .compatible = "arm,cortex-a7-gic", .data = (void *)2 },
	{ }
};

static const char *const gicv2_frame_names[GIC_FRAMES] = {
	"distributor (GICD)", "CPU interface (GICC)",
	"hypervisor control interface (GICH)", "virtual CPU interface (GICV)",
};

struct gic_info {
	struct device_node *np;	/* a reference, or NULL: no GIC found */
	unsigned int version;	/* 3, 2, or 0 */
	const char *compatible;
	unsigned int frames;	/* reg entries, counted up to GIC_FRAMES */
	struct resource frame[GIC_FRAMES];
};

/* The first available GIC node; put gic->np when done. */
static void find_gic(struct gic_info *gic)
{
	const struct of_device_id *match;
	struct device_node *np;

	memset(gic, 0, sizeof(*gic));
	for_each_matching_node_and_match(np, gic_ids, &match) {
		if (!of_device_is_available(np))
			continue;
		gic->np = np;
		gic->version = (uintptr_t)match->data;
		gic->compatible = match->compatible;
		while (gic->frames < GIC_FRAMES &&
		       !of_address_to_resource(np, gic->frames,
					       &gic->frame[gic->frames]))
			gic->frames++;
		return;
	}
}

static int check_gic(bool report, u64 *detail)
{
	/* ID_AA64PFR0_EL1.GIC, bits [27:24]: 0 without the sysreg interface. */
	unsigned int sysreg = (read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf;
	struct gic_info gic;
	int err = -ENODEV;

	find_gic(&gic);
	*detail = BULKHEAD_HW_GIC_DETAIL(gic.version, sysreg, gic.frames);
	switch (gic.version) {
	case 3:
		if (sysreg) {
			err = 0;
			break;
		}
		if (report)
			pr_err("bulkhead: root's device tree has a GICv3 (%pOF), but this CPU has no GICv3 system register interface (ID_AA64PFR0_EL1.GIC = 0), which the hypervisor drives it through; a CPU without it is wired to a GICv2, which the device tree must then describe\n",
			       gic.np);
		break;
	case 2:
		if (gic.frames == GIC_FRAMES) {
			err = 0;
			break;
		}
		if (report)
			pr_err("bulkhead: the GICv2 %pOF has no virtualization extensions: its device tree reg lists %u register frames, without the hypervisor control (GICH) and virtual CPU (GICV) interfaces bulkhead needs (QEMU: -M virt,virtualization=on)\n",
			       gic.np, gic.frames);
		break;
	default:
		if (report)
			pr_err("bulkhead: root's device tree has no GIC bulkhead knows (arm,gic-v3, arm,gic-400, arm,cortex-a15-gic, arm,cortex-a9-gic, arm,cortex-a7-gic)\n");
	}
	of_node_put(gic.np);
	return err;
}

const struct bulkhead_arch_check bulkhead_arch_checks[] = {
	{ .id = BULKHEAD_HW_ARM64_NOT_VHE, .run = check_not_vhe },
	{ .id = BULKHEAD_HW_ARM64_EL2, .run = check_el2 },
	/* An hvc from EL2 itself or without EL2 would not reach a stub. */
	{ .id = BULKHEAD_HW_ARM64_HYP_STUB, .run = check_hyp_stub,
	  .needs = BIT(BULKHEAD_HW_ARM64_NOT_VHE) | BIT(BULKHEAD_HW_ARM64_EL2) },
	{ .id = BULKHEAD_HW_ARM64_KVM_HOTPLUG, .run = check_kvm_hotplug },
	{ .id = BULKHEAD_HW_ARM64_GIC, .run = check_gic },
};

const unsigned int bulkhead_arch_num_checks = ARRAY_SIZE(bulkhead_arch_checks);
static_assert(ARRAY_SIZE(bulkhead_arch_checks) <= BULKHEAD_HW_MAX_RESULTS);

/*
 * The config must describe the GIC the machine has: the hypervisor drives
 * the one the config names, at the config's addresses. check_gic() passed,
 * so the device tree has a GIC and a GICv2 has its four frames.
 */
int bulkhead_arch_check_config(const struct bulkhead_system *config)
{
	static const char *const fields[GIC_FRAMES] = {
		"base", "gicc_base", "gich_base", "gicv_base",
	};
	const struct bulkhead_irqchip *chip = &config->irqchip;
	const u64 addr[GIC_FRAMES] = {
		chip->base, chip->gicc_base, chip->gich_base, chip->gicv_base,
	};
	struct gic_info gic;
	unsigned int i, want;
	int err = 0;

	find_gic(&gic);
	if (!gic.version)
		return 0;
	want = gic.version == 3 ? BULKHEAD_IRQCHIP_GICV3 : BULKHEAD_IRQCHIP_GICV2;
	if (chip->type != want) {
		pr_err("bulkhead: system config irqchip.type is %s, but this machine's GIC is a GICv%u (%pOF, %s): enable with a system config for this machine, made by bulkhead config create (QEMU virt with gic-version=%u: configs/arm64/%s)\n",
		       bulkhead_irqchip_name(chip->type), gic.version, gic.np,
		       gic.compatible, gic.version,
		       gic.version == 3 ? "qemu-virt.cell" : "qemu-virt-gicv2.cell");
		err = -EINVAL;
		goto out;
	}
	for (i = 0; gic.version == 2 && i < GIC_FRAMES && i < gic.frames; i++) {
		if (addr[i] == gic.frame[i].start)
			continue;
		pr_err("bulkhead: system config irqchip.%s is %#llx, but the device tree has the GICv2's %s at %#llx (%pOF, reg entry %u): correct irqchip.%s, or make the config with bulkhead config create\n",
		       fields[i], addr[i], gicv2_frame_names[i],
		       (u64)gic.frame[i].start, gic.np, i, fields[i]);
		err = -EINVAL;
		break;
	}
out:
	of_node_put(gic.np);
	return err;
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

/* The virtio notify line is a GIC SPI, edge-triggered (virtio.c). */
int bulkhead_arch_notify_fwspec(u32 line, struct irq_fwspec *fwspec)
{
	struct gic_info gic;

	if (line < BULKHEAD_GIC_FIRST_SPI) {
		pr_err("bulkhead: virtio unavailable: irqchip.virtio_notify_irq %u is not a GIC SPI (32 or more)\n",
		       line);
		return -EINVAL;
	}
	find_gic(&gic);
	if (!gic.np) {
		pr_err("bulkhead: virtio unavailable: no GIC in root's device tree to map the notify interrupt with\n");
		return -ENODEV;
	}
	/* GICv3 and GICv2 alike: <GIC_SPI number flags>. */
	fwspec->fwnode = of_node_to_fwnode(gic.np);
	fwspec->param_count = 3;
	fwspec->param[0] = GIC_SPI;
	fwspec->param[1] = line - BULKHEAD_GIC_FIRST_SPI;
	fwspec->param[2] = IRQ_TYPE_EDGE_RISING;
	return 0;
}
