// SPDX-License-Identifier: GPL-2.0
/*
 * riscv64: reaching HS-mode hypervisor code without an executable mapping.
 *
 * Linux runs in HS mode already, but an unmodified kernel gives a module
 * no way to map the hypervisor memory executable. So the hypervisor is
 * entered by a trap (riscv-entry.S): stvec points at its entry, a physical
 * address, and satp switches to a one-page bootstrap table that maps only
 * the hypervisor memory, identity. The next fetch of module code faults
 * there, and the hypervisor resumes Linux in VS mode right after. Leaving
 * faults back into riscv-entry.S, which stays in module text.
 *
 * The configs number CPUs by hart id, read from the device tree.
 */
#include <linux/irqdomain.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/vmalloc.h>
#include <asm/delay.h>
#include <asm/hwcap.h>
#include <asm/sbi.h>

#include <bulkhead/hw-check.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/hypervisor.h>

#include "bulkhead.h"

const u16 bulkhead_arch_id = BULKHEAD_ARCH_RISCV64;
const char *const bulkhead_firmware_name = "bulkhead-riscv64.bin";
const char *const bulkhead_arch_cpu_id_name = "hart";

/* Sv39 leaf: valid, readable, writable, executable, accessed, dirty. */
#define PTE_LEAF_RWX		0xcfUL
#define SATP_MODE_SV39		(8UL << 60)
#define GIB			(1UL << 30)

/* The bootstrap table: module data, so its physical address is stable. */
static u64 boot_table[PAGE_SIZE / sizeof(u64)] __aligned(PAGE_SIZE);

unsigned int bulkhead_arch_cpu_id(unsigned int cpu)
{
	struct device_node *np = of_get_cpu_node(cpu, NULL);
	const __be32 *reg;
	unsigned int id = BULKHEAD_MAX_CPUS;

	if (!np)
		return id;
	reg = of_get_property(np, "reg", NULL);
	if (reg)
		id = of_read_number(reg, of_n_addr_cells(np));
	of_node_put(np);
	return id;
}

/* KVM registers its device only when it initialised. */
static bool kvm_present(void)
{
	struct path path;

	if (kern_path("/sys/class/misc/kvm", LOOKUP_FOLLOW, &path))
		return false;
	path_put(&path);
	return true;
}

static int check_h(bool report, u64 *detail)
{
	if (riscv_isa_extension_available(NULL, h))
		return 0;
	if (report)
		pr_err("bulkhead: the harts have no hypervisor extension (H); bulkhead needs it (QEMU: -cpu rv64,h=true)\n");
	return -ENODEV;
}

static int check_no_kvm(bool report, u64 *detail)
{
	if (!kvm_present())
		return 0;
	if (report)
		pr_err("bulkhead: KVM is loaded; a Linux running under bulkhead cannot use the hypervisor extension itself: unload it (rmmod kvm) or build the kernel without CONFIG_KVM\n");
	return -EBUSY;
}

/* Without Sstc the timers of root and cells go through SBI and firmware. */
static int check_sstc(bool report, u64 *detail)
{
	return riscv_isa_extension_available(NULL, SSTC) ? 0 : -ENODEV;
}

const struct bulkhead_arch_check bulkhead_arch_checks[] = {
	{ .id = BULKHEAD_HW_RISCV_H, .run = check_h },
	{ .id = BULKHEAD_HW_RISCV_NO_KVM, .run = check_no_kvm },
	{ .id = BULKHEAD_HW_RISCV_SSTC, .run = check_sstc, .advisory = true },
};

const unsigned int bulkhead_arch_num_checks = ARRAY_SIZE(bulkhead_arch_checks);
static_assert(ARRAY_SIZE(bulkhead_arch_checks) <= BULKHEAD_HW_MAX_RESULTS);

/* Identity-map the 1 GiB pages holding the hypervisor memory. */
static unsigned long boot_satp(phys_addr_t base)
{
	phys_addr_t start = base & ~(GIB - 1);
	size_t size = bulkhead.memory_size;
	phys_addr_t gib;

	memset(boot_table, 0, sizeof(boot_table));
	for (gib = start; gib < base + size; gib += GIB)
		boot_table[(gib / GIB) % 512] = (gib >> 12 << 10) | PTE_LEAF_RWX;
	return SATP_MODE_SV39 | vmalloc_to_pfn(boot_table);
}

long bulkhead_arch_enter_cpu(unsigned long entry, unsigned int cpu,
			     phys_addr_t base, size_t config_size)
{
	unsigned long flags = 0;

	if (riscv_isa_extension_available(NULL, SSTC))
		flags |= BULKHEAD_RISCV_ENTRY_SSTC;
	if (of_machine_is_compatible("riscv-virtio"))
		flags |= BULKHEAD_RISCV_ENTRY_QEMU_VIRT;
	/* The image was written through a data mapping. */
	asm volatile("fence.i" ::: "memory");
	return bulkhead_riscv_enter(cpu, base, config_size, boot_satp(base),
				    entry, flags, riscv_timebase);
}

long bulkhead_arch_hypercall(unsigned long code, unsigned long arg1,
			     unsigned long arg2)
{
	return bulkhead_riscv_hypercall(code, arg1, arg2);
}

long bulkhead_arch_disable_cpu(void)
{
	return bulkhead_riscv_hypercall(BULKHEAD_HC_DISABLE, 0, 0);
}

/* Root's PLIC node, with a reference, or NULL. */
static struct device_node *find_plic(void)
{
	struct device_node *np;

	np = of_find_compatible_node(NULL, NULL, "riscv,plic0");
	if (!np)
		np = of_find_compatible_node(NULL, NULL, "sifive,plic-1.0.0");
	return np;
}

/* The hypervisor traps the PLIC at the config's address: it must be there. */
int bulkhead_arch_check_config(const struct bulkhead_system *config)
{
	struct device_node *np = find_plic();
	struct resource res;
	int err = 0;

	if (!np)
		return 0;
	if (!of_address_to_resource(np, 0, &res) &&
	    res.start != config->irqchip.base) {
		pr_err("bulkhead: system config irqchip.base is %#llx, but the device tree has the PLIC at %#llx (%pOF): correct irqchip.base, or make the config with bulkhead config create\n",
		       config->irqchip.base, (u64)res.start, np);
		err = -EINVAL;
	}
	of_node_put(np);
	return err;
}

/* The virtio notify line is a PLIC source (virtio.c). */
int bulkhead_arch_notify_fwspec(u32 line, struct irq_fwspec *fwspec)
{
	struct device_node *np = find_plic();

	if (!np) {
		pr_err("bulkhead: virtio unavailable: no \"riscv,plic0\" or \"sifive,plic-1.0.0\" interrupt controller in root's device tree to map the notify interrupt with\n");
		return -ENODEV;
	}
	fwspec->fwnode = of_node_to_fwnode(np);
	fwspec->param_count = 1;
	fwspec->param[0] = line;
	return 0;
}
