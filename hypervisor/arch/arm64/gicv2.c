// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2 with virtualization extensions (GIC-400 class).
 *
 * The physical CPU interface (GICC) is memory-mapped and only the
 * hypervisor maps it. Every cell, root included, finds the virtual CPU
 * interface (GICV) at the GICC address in its stage 2, and the hypervisor
 * fills its list registers through the control interface (GICH). The
 * distributor keeps each CPU's SGIs and PPIs banked at the accessing CPU,
 * so the common filter lets a cell reach those of its own CPUs; SPIs are
 * routed by target lists (GICD_ITARGETSR) held to the cell's CPUs; SGIs
 * are sent through a trapped GICD_SGIR and confined to the sender's cell.
 *
 * Unlike on GICv3, SPIs and PPIs are not hardware-linked in the list
 * registers: each asks for an EOI maintenance interrupt, in which the
 * hypervisor deactivates the physical interrupt itself. QEMU (7.2) does
 * not look at the physical CPU interface again after a hardware-linked
 * deactivation, so a level interrupt asserted again meanwhile (the timer
 * of an idle CPU) would wait for some unrelated GIC event, maybe forever.
 * It costs one more exit per interrupt.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/mmio.h>
#include <core/paging.h>
#include <core/printk.h>
#include <arch/gic.h>
#include <arch/paging.h>
#include <arch/psci.h>

#define GICC_CTLR		0x0000
#define GICC_PMR		0x0004
#define GICC_BPR		0x0008
#define GICC_IAR		0x000c
#define GICC_EOIR		0x0010
#define GICC_ABPR		0x001c
#define GICC_DIR		0x1000
#define GICC_CTLR_ENABLE	BIT(0)
#define GICC_CTLR_EOIMODE	BIT(9)

#define GICH_HCR		0x0000
#define GICH_VTR		0x0004
#define GICH_VMCR		0x0008
#define GICH_MISR		0x0010
#define GICH_EISR0		0x0020
#define GICH_EISR1		0x0024
#define GICH_ELRSR0		0x0030
#define GICH_ELRSR1		0x0034
#define GICH_APR		0x00f0
#define GICH_LR(n)		(0x0100 + 4 * (n))
#define GICH_HCR_EN		BIT(0)
#define GICH_HCR_UIE		BIT(1)

/*
 * GICH_VMCR: the virtual interface's PMR (top five bits), BPR, ABPR,
 * EOImode, and the GICV_CTLR bits 0..4 (group enables, AckCtl, FIQEn,
 * CBPR) at their GICC_CTLR positions.
 */
#define VMCR_PMR_SHIFT		27
#define VMCR_BPR_SHIFT		21
#define VMCR_ABPR_SHIFT		18
#define VMCR_EOIMODE		BIT(9)
#define VMCR_CTLR_BITS		0x1f

#define LR_PENDING		BIT(28)
#define LR_ACTIVE		BIT(29)
#define LR_HW			BIT(31)
/* Software interrupts: a maintenance interrupt once it is deactivated. */
#define LR_EOI			BIT(19)
#define LR_PRIORITY(p)		((u32)((p) >> 3) << 23)
#define LR_CPUID(src)		((u32)(src) << 10)
#define LR_VIRT(lr)		((lr) & 0x3ff)
#define LR_PHYS_OF(lr)		(((lr) >> 10) & 0x3ff)
#define LR_CPUID_OF(lr)		(((lr) >> 10) & 7)

#define SGIR_FILTER_LIST	0
#define SGIR_FILTER_OTHERS	1
#define SGIR_FILTER_SELF	2
#define SGIR_NSATT		BIT(15)

#define GICV2_DIST_SIZE		0x1000

#define GICD_PIDR2		0x0fe8

static struct {
	u64 gicc, gich, gicv;
} gicv2;

static u32 gicc_read(u64 offset)
{
	return mmio_read(gicv2.gicc + offset, 4);
}

static void gicc_write(u64 offset, u32 value)
{
	mmio_write(gicv2.gicc + offset, value, 4);
}

static u32 gich_read(u64 offset)
{
	return mmio_read(gicv2.gich + offset, 4);
}

static void gich_write(u64 offset, u32 value)
{
	mmio_write(gicv2.gich + offset, value, 4);
}

static u32 dist_read(u64 offset)
{
	return mmio_read(gic.dist + offset, 4);
}

static void dist_write(u64 offset, u32 value)
{
	mmio_write(gic.dist + offset, value, 4);
}

static unsigned int num_lrs(void)
{
	return (gich_read(GICH_VTR) & 0x3f) + 1;
}

static int gicv2_init(const struct bulkhead_irqchip *config)
{
	/* GICD_PIDR2.ArchRev: a GICv3 here has no GICH for us to use. */
	u32 version = (dist_read(GICD_PIDR2) >> 4) & 0xf;

	if (version != 2) {
		printk("bulkhead: the system config describes a GICv2, but the distributor at 0x%llx reports architecture version %u: use a config made for this machine (bulkhead config create)\n",
		       gic.dist, version);
		return -ENODEV;
	}
	gicv2.gicc = config->gicc_base;
	gicv2.gich = config->gich_base;
	gicv2.gicv = config->gicv_base;
	gic.private_in_dist = true;
	if (arch_map_device(gicv2.gicc, BULKHEAD_GICV2_GICC_SIZE) ||
	    arch_map_device(gicv2.gich, BULKHEAD_GICV2_GICH_SIZE))
		return -ENOMEM;
	printk("bulkhead: GICv2 with %u interrupt lines, %u list registers\n",
	       gic.num_irqs, num_lrs());
	return 0;
}

/*
 * This CPU's bit in target lists: the banked GICD_ITARGETSR0..7 read it
 * for the SGIs and PPIs that are implemented (GIC-400: all; QEMU: the
 * last three PPIs only), so take the first non-zero byte.
 */
static u8 own_target_bit(void)
{
	unsigned int n;
	u32 targets;

	for (n = 0; n < 32; n += 4) {
		targets = dist_read(GICD_ITARGETSR + n);
		targets |= targets >> 16;
		targets |= targets >> 8;
		if (targets & 0xff)
			return targets & 0xff;
	}
	return 0;
}

/* The entered CPU whose target bit is bit, or -1. */
static int cpu_by_target_bit(unsigned int bit)
{
	unsigned int n;

	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		if (per_cpu(n)->arch.entered &&
		    per_cpu(n)->arch.gic_target == BIT(bit))
			return n;
	return -1;
}

/* The target bits of the CPUs in cpu_set that the hypervisor knows. */
static u8 target_bits(u64 cpu_set)
{
	unsigned int n;
	u8 bits = 0;

	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		if ((cpu_set & BIT(n)) && per_cpu(n)->arch.entered)
			bits |= per_cpu(n)->arch.gic_target;
	return bits;
}

static bool gicv2_inject(struct per_cpu *cpu, u32 irq, u32 source)
{
	u64 free_lrs = gich_read(GICH_ELRSR0) |
		       (u64)gich_read(GICH_ELRSR1) << 32;
	bool hw = irq >= 16;
	unsigned int n;

	/* An SGI from the same sender still waiting is merged. */
	for (n = 0; n < cpu->arch.num_lrs && !hw; n++) {
		u32 lr = gich_read(GICH_LR(n));

		if (!(free_lrs & BIT(n)) && LR_VIRT(lr) == irq &&
		    LR_CPUID_OF(lr) == source) {
			gich_write(GICH_LR(n), lr | LR_PENDING);
			return true;
		}
	}
	for (n = 0; n < cpu->arch.num_lrs; n++) {
		if (!(free_lrs & BIT(n)))
			continue;
		/* Group 0: what Linux and the inmates enable in GICC_CTLR. */
		gich_write(GICH_LR(n), LR_PENDING | LR_PRIORITY(GIC_IRQ_PRIORITY) |
			   (hw ? LR_EOI : LR_CPUID(source)) | irq);
		return true;
	}
	return false;
}

static void gicv2_deactivate(u32 raw);

/* The physical interrupt behind a list register, or 0 for an SGI. */
static u32 lr_physical(u32 lr)
{
	if (lr & LR_HW)
		return LR_PHYS_OF(lr);
	return lr & LR_EOI ? LR_VIRT(lr) : 0;
}

/* Cells deactivated these: so does the hypervisor, physically. */
static void gicv2_maintenance(struct per_cpu *cpu)
{
	u64 eoi = gich_read(GICH_EISR0) | (u64)gich_read(GICH_EISR1) << 32;
	unsigned int n;

	for (n = 0; n < cpu->arch.num_lrs; n++) {
		if (!(eoi & BIT(n)))
			continue;
		u32 irq = lr_physical(gich_read(GICH_LR(n)));

		if (irq)
			gicv2_deactivate(irq);
		gich_write(GICH_LR(n), 0);
	}
}

static void gicv2_underflow_irq(bool on)
{
	u32 hcr = gich_read(GICH_HCR);

	gich_write(GICH_HCR, on ? hcr | GICH_HCR_UIE : hcr & ~GICH_HCR_UIE);
}

static bool gicv2_ack(u32 *raw, u32 *irq, u32 *source)
{
	*raw = gicc_read(GICC_IAR);
	*irq = *raw & 0x3ff;
	*source = (*raw >> 10) & 7;
	return *irq < GIC_SPURIOUS_FIRST;
}

/* SGIs need the sender in these writes, so the raw value goes back. */
static void gicv2_eoi(u32 raw)
{
	gicc_write(GICC_EOIR, raw);
}

static void gicv2_deactivate(u32 raw)
{
	gicc_write(GICC_DIR, raw);
}

static u32 vmcr_from_physical(u32 ctlr)
{
	return (gicc_read(GICC_PMR) & 0xf8) << (VMCR_PMR_SHIFT - 3) |
	       (gicc_read(GICC_BPR) & 7) << VMCR_BPR_SHIFT |
	       (gicc_read(GICC_ABPR) & 7) << VMCR_ABPR_SHIFT |
	       (ctlr & GICC_CTLR_EOIMODE ? VMCR_EOIMODE : 0) |
	       (ctlr & VMCR_CTLR_BITS);
}

/*
 * The driver enters the hypervisor from inside an IPI on remote CPUs:
 * Linux has dropped its priority, and will deactivate it through the
 * virtual interface. Deactivate it in the physical one (through the
 * distributor: GICC_DIR would want the SGI's sender, which only Linux
 * knows). An active PPI gets an active list register for Linux to
 * deactivate; an SGI cannot, as its sender must match, and a deactivation
 * that matches no list register changes nothing.
 */
static void move_active_to_virtual(struct per_cpu *cpu)
{
	u32 active = dist_read(GICD_ISACTIVER) & ~gic_private_irqs();
	unsigned int irq, lr = 0;

	if (!active)
		return;
	dist_write(GICD_ICACTIVER, active);
	for (irq = 16; irq < 32 && lr < cpu->arch.num_lrs; irq++)
		if (active & BIT(irq))
			gich_write(GICH_LR(lr++), LR_ACTIVE | irq |
				   LR_PRIORITY(GIC_IRQ_PRIORITY));
}

static void gicv2_cpu_init(struct per_cpu *cpu, bool fresh)
{
	u32 ctlr = gicc_read(GICC_CTLR);
	unsigned int n;

	cpu->arch.gic_target = own_target_bit();
	cpu->arch.num_lrs = num_lrs();
	for (n = 0; n < cpu->arch.num_lrs; n++)
		gich_write(GICH_LR(n), 0);
	gich_write(GICH_APR, 0);
	if (fresh) {
		/* A CPU out of reset: the cell sets its virtual interface. */
		gich_write(GICH_VMCR, 0);
		gicc_write(GICC_PMR, 0xff);
		gicc_write(GICC_BPR, 0);
		ctlr |= GICC_CTLR_ENABLE;
	} else {
		gich_write(GICH_VMCR, vmcr_from_physical(ctlr));
	}
	gicc_write(GICC_CTLR, ctlr | GICC_CTLR_EOIMODE);
	if (!fresh)
		move_active_to_virtual(cpu);
	mmio_write(gic.dist + GICD_IPRIORITYR + gic.maintenance_irq,
		   GIC_IRQ_PRIORITY, 1);
	mmio_write(gic.dist + GICD_IPRIORITYR + GIC_MANAGEMENT_SGI,
		   GIC_IRQ_PRIORITY, 1);
	dist_write(GICD_ISENABLER, gic_private_irqs());
	gich_write(GICH_HCR, GICH_HCR_EN);
}

static void gicv2_send_sgi_to_cpu(struct per_cpu *target, u32 intid)
{
	dist_write(GICD_SGIR, (u32)target->arch.gic_target << 16 | intid);
}

/*
 * Hands interrupts the cell has not taken yet back to the physical GIC;
 * an SGI keeps its sender (GICD_SPENDSGIR has a bit per sender).
 */
static void return_to_physical(u32 irq, u32 source)
{
	if (irq < 16) {
		mmio_write(gic.dist + GICD_SPENDSGIR + irq, BIT(source), 1);
		return;
	}
	dist_write(GICD_ISPENDR + irq / 32 * 4, BIT(irq % 32));
	gicv2_deactivate(irq);
}

static void gicv2_cpu_exit(struct per_cpu *cpu)
{
	u32 vmcr = gich_read(GICH_VMCR), ctlr = gicc_read(GICC_CTLR);
	unsigned int n;

	for (n = 0; n < cpu->arch.num_lrs; n++) {
		u32 lr = gich_read(GICH_LR(n));

		if (lr & LR_PENDING)
			return_to_physical(LR_VIRT(lr),
					   lr_physical(lr) ? 0 : LR_CPUID_OF(lr));
		gich_write(GICH_LR(n), 0);
	}
	for (n = gic_next_waiting(cpu, 0); n < 1024;
	     n = gic_next_waiting(cpu, n + 1))
		return_to_physical(n, 0);
	dist_write(GICD_ICENABLER, gic_private_irqs());
	gicc_write(GICC_PMR, (vmcr >> VMCR_PMR_SHIFT) << 3);
	gicc_write(GICC_BPR, (vmcr >> VMCR_BPR_SHIFT) & 7);
	gicc_write(GICC_ABPR, (vmcr >> VMCR_ABPR_SHIFT) & 7);
	ctlr &= ~(GICC_CTLR_ENABLE | GICC_CTLR_EOIMODE);
	gicc_write(GICC_CTLR, ctlr | (vmcr & (GICC_CTLR_ENABLE | VMCR_EOIMODE)));
	gich_write(GICH_HCR, 0);
}

static void gicv2_cpu_reset(struct per_cpu *cpu)
{
	unsigned int n;

	/*
	 * SGIs the cell left pending are not for the CPU's next owner. (Its
	 * PPIs cannot be pending but by their lines, see ppi_global_write;
	 * and GICD_ICPENDR0 would clear them on every CPU in QEMU 7.2.)
	 */
	for (n = 0; n < 16; n++)
		if (!(gic_private_irqs() & BIT(n)))
			mmio_write(gic.dist + GICD_CPENDSGIR + n, 0xff, 1);
	/* Nor what it left active (GICD_ICACTIVER0 is banked per CPU). */
	mmio_write(gic.dist + GICD_ICACTIVER, ~gic_private_irqs(), 4);

	/* Hardware-linked interrupts still active would stay so forever. */
	for (n = 0; n < cpu->arch.num_lrs; n++) {
		u32 lr = gich_read(GICH_LR(n));

		if (lr_physical(lr) && (lr & (LR_PENDING | LR_ACTIVE)))
			gicv2_deactivate(lr_physical(lr));
		gich_write(GICH_LR(n), 0);
	}
	for (n = gic_next_waiting(cpu, 16); n < 1024;
	     n = gic_next_waiting(cpu, n + 1))
		gicv2_deactivate(n);
	gich_write(GICH_HCR, 0);
}

static void gicv2_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump)
{
	static const char *const lr_names[] = {
		"GICH_LR0", "GICH_LR1", "GICH_LR2", "GICH_LR3",
		"GICH_LR4", "GICH_LR5", "GICH_LR6", "GICH_LR7",
		"GICH_LR8", "GICH_LR9", "GICH_LR10", "GICH_LR11",
		"GICH_LR12", "GICH_LR13", "GICH_LR14", "GICH_LR15",
	};
	unsigned int n;

	cpu_dump_item(dump, "GICH_HCR", gich_read(GICH_HCR));
	cpu_dump_item(dump, "GICH_VMCR", gich_read(GICH_VMCR));
	cpu_dump_item(dump, "GICH_MISR", gich_read(GICH_MISR));
	cpu_dump_item(dump, "GICH_ELRSR0", gich_read(GICH_ELRSR0));
	cpu_dump_item(dump, "GICH_APR", gich_read(GICH_APR));
	for (n = 0; n < cpu->arch.num_lrs && n < ARRAY_LEN(lr_names); n++) {
		u32 lr = gich_read(GICH_LR(n));

		cpu_dump_item(dump, lr_names[n], lr);
		gic_dump_lr(dump, LR_VIRT(lr), !!(lr & LR_PENDING),
			    !!(lr & LR_ACTIVE));
	}
	gic_dump_waiting(cpu, dump);
	cpu_dump_item(dump, "GICD_ISENABLER0", dist_read(GICD_ISENABLER));
	cpu_dump_item(dump, "GICD_ISPENDR0", dist_read(GICD_ISPENDR));
	cpu_dump_item(dump, "GICD_ISACTIVER0", dist_read(GICD_ISACTIVER));
}

static void gicv2_route_spi(u32 irq, struct per_cpu *target)
{
	mmio_write(gic.dist + GICD_ITARGETSR + irq, target->arch.gic_target, 1);
}

/* The target bits a cell may name: root may name every CPU no cell has. */
static u8 allowed_targets(struct cell *cell)
{
	if (cell == &root_cell)
		return ~target_bits(~root_cell.cpu_set);
	return target_bits(cell->cpu_set);
}

/*
 * A target list naming no CPU of the cell goes to its first CPU, so an
 * interrupt the cell enables always reaches it.
 */
static enum mmio_result itargetsr_write(struct cell *cell, u64 offset,
					struct mmio_access *access)
{
	u64 mask = gic_owned_mask(cell, offset - GICD_ITARGETSR, access->size, 8);
	u8 allowed = allowed_targets(cell), first = 0, byte;
	u64 value = 0;
	unsigned int n;

	for (n = 0; n < BULKHEAD_MAX_CPUS && !first; n++)
		if ((cell->cpu_set & BIT(n)) && per_cpu(n)->arch.entered)
			first = per_cpu(n)->arch.gic_target;
	gic_report_refused(cell, access, mask);
	for (n = 0; n < access->size; n++) {
		byte = (access->value >> (8 * n)) & allowed;
		value |= (u64)(byte ? byte : first) << (8 * n);
	}
	access->value = value;
	return gic_masked_access(access->address, access, mask, false);
}

/*
 * QEMU 7.2 takes a wider GICD_SPENDSGIR write byte by byte and makes the
 * SGI of every byte pending, a byte of 0 too, with no sender; it aborts
 * when the CPU acknowledges that SGI (found by fuzz-cell,
 * tests/system/41-fuzz-cell.sh). Only the bytes that set a sender go to
 * the hardware, each alone: the same on a GIC that follows the spec.
 */
static enum mmio_result spendsgir_write(struct cell *cell, u64 offset,
					struct mmio_access *access)
{
	u64 mask = gic_owned_mask(cell, offset - GICD_SPENDSGIR, access->size, 8);
	u64 value = access->value & mask;
	unsigned int n;
	u8 byte;

	gic_report_refused(cell, access, mask);
	for (n = 0; n < access->size; n++) {
		byte = value >> (8 * n);
		if (byte)
			mmio_write(access->address + n, byte, 1);
	}
	return MMIO_HANDLED;
}

/*
 * QEMU 7.2's GICv2 keeps one trigger mode per PPI for all CPUs, and sets
 * or clears a PPI's pending state on every CPU, not on the one writing:
 * a cell making the timer's PPI edge-triggered and clearing it pending
 * took root Linux's timer interrupt for good (found by fuzz-cell,
 * tests/system/41-fuzz-cell.sh). A cell's writes of those fields are
 * ignored: on a GIC-400 the trigger modes of SGIs and PPIs are fixed
 * anyway, and no guest we know sets its PPIs pending.
 */
static bool ppi_global_register(u64 offset)
{
	return (offset >= GICD_ICFGR && offset < GICD_ICFGR + 8) ||
	       (offset >= GICD_ISPENDR && offset < GICD_ISPENDR + 4) ||
	       (offset >= GICD_ICPENDR && offset < GICD_ICPENDR + 4);
}

static enum mmio_result ppi_global_write(struct cell *cell, u64 offset,
					 struct mmio_access *access)
{
	unsigned int bits, n;
	u64 base, mask;
	u32 first;

	bits = gic_register_bits(offset, &base);
	first = (offset - base) * 8 / bits;
	mask = gic_owned_mask(cell, first, access->size, bits);
	for (n = 0; n < access->size * 8 / bits && first + n < 32; n++)
		mask &= ~((BIT(bits) - 1) << (n * bits));
	return gic_masked_access(access->address, access, mask,
				 gic_is_set_clear(offset));
}

static void sgir_write(struct per_cpu *cpu, u32 sgir)
{
	u32 intid = sgir & 0xf, targets = (sgir >> 16) & 0xff, allowed = 0;
	unsigned int filter = (sgir >> 24) & 3, bit;
	int n;

	if (filter == SGIR_FILTER_SELF) {
		targets = cpu->arch.gic_target;
	} else if (filter == SGIR_FILTER_OTHERS) {
		/* While no cell exists, that is all root's CPUs. */
		if (cpu->cell == &root_cell && !cells_exist()) {
			dist_write(GICD_SGIR, sgir);
			return;
		}
		targets = target_bits(~0ULL) & ~cpu->arch.gic_target;
	} else if (filter != SGIR_FILTER_LIST) {
		return;
	}
	for (bit = 0; bit < 8; bit++) {
		if (!(targets & BIT(bit)))
			continue;
		n = cpu_by_target_bit(bit);
		if (gic_sgi_allowed(cpu, intid, n,
				    n >= 0 ? "MPIDR" : "CPU interface",
				    n >= 0 ? per_cpu(n)->arch.mpidr : bit))
			allowed |= BIT(bit);
	}
	if (allowed)
		dist_write(GICD_SGIR, allowed << 16 | (sgir & SGIR_NSATT) | intid);
}

static enum mmio_result gicv2_dist_access(struct cell *cell, u64 offset,
					  struct mmio_access *access)
{
	/*
	 * A GICv2 distributor has 4 KiB of registers, the window the config
	 * names may be larger (a GICv3's 64 KiB): nothing is behind the rest,
	 * and an access there would fault in the hypervisor itself (found by
	 * fuzz-cell, tests/system/41-fuzz-cell.sh). It reads 0.
	 */
	if (offset >= GICV2_DIST_SIZE) {
		if (!access->is_write)
			access->value = 0;
		return MMIO_HANDLED;
	}
	if (offset == GICD_SGIR) {
		if (access->is_write && access->size == 4)
			sgir_write(per_cpu(access->cpu_id), access->value);
		else if (!access->is_write)
			access->value = 0;
		return MMIO_HANDLED;
	}
	if (access->is_write && offset >= GICD_ITARGETSR + 32 &&
	    offset < GICD_ITARGETSR + 0x400)
		return itargetsr_write(cell, offset, access);
	if (access->is_write && cell != &root_cell && ppi_global_register(offset))
		return ppi_global_write(cell, offset, access);
	if (access->is_write && offset >= GICD_SPENDSGIR &&
	    offset < GICD_SPENDSGIR + 0x10)
		return spendsgir_write(cell, offset, access);
	return MMIO_UNHANDLED;
}

/* The cell's CPU interface is the virtual one, where it expects GICC. */
static int gicv2_cell_init(struct cell *cell)
{
	return paging_map(&cell->guest_paging, gicv2.gicc, gicv2.gicv,
			  BULKHEAD_GICV2_GICV_SIZE,
			  PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
}

const struct gic_ops gicv2_ops = {
	.name = "GICv2",
	.init = gicv2_init,
	.cpu_init = gicv2_cpu_init,
	.cpu_exit = gicv2_cpu_exit,
	.cpu_reset = gicv2_cpu_reset,
	.cell_init = gicv2_cell_init,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
	.deactivate = gicv2_deactivate,
	.inject = gicv2_inject,
	.underflow_irq = gicv2_underflow_irq,
	.maintenance = gicv2_maintenance,
	.send_sgi = gicv2_send_sgi_to_cpu,
	.dist_access = gicv2_dist_access,
	.route_spi = gicv2_route_spi,
	.dump = gicv2_dump,
};
