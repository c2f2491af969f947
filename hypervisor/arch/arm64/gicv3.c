// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3: the CPU interface through system registers and list registers
 * ICH_LR<n>_EL2; redistributors trapped, so a cell reaches only its own
 * CPUs' frames; SPIs routed by GICD_IROUTER; SGIs sent through a trapped
 * ICC_SGI1R_EL1. What GICv2 shares is in gic.c.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/mmio.h>
#include <core/printk.h>
#include <core/shared.h>
#include <core/spinlock.h>
#include <core/dump.h>
#include <arch/gic.h>
#include <arch/paging.h>
#include <arch/psci.h>
#include <arch/sysreg.h>

#define GICD_SETSPI_NSR		0x0040
#define GICD_CLRSPI_NSR		0x0048
#define GICD_IROUTER		0x6000
#define GICD_IROUTER_END	0x7fe0
#define IROUTER_IRM		BIT(31)

#define GICR_FRAME_SIZE		0x20000
#define GICR_CTLR		0x0000
#define GICR_IIDR		0x0004
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		BIT(4)
#define GICR_SGI_BASE		0x10000
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_ISPENDR0		(GICR_SGI_BASE + 0x0200)
#define GICR_ICPENDR0		(GICR_SGI_BASE + 0x0280)
#define GICR_ICACTIVER0		(GICR_SGI_BASE + 0x0380)
#define GICR_ISACTIVER0		(GICR_SGI_BASE + 0x0300)
#define GICR_IPRIORITYR		(GICR_SGI_BASE + 0x0400)
#define GICR_PIDR2		0xffe8
#define GICD_PIDR2		0xffe8

#define LR_PENDING		BIT(62)
#define LR_ACTIVE		BIT(63)
#define LR_HW			BIT(61)
#define LR_GROUP1		BIT(60)
#define LR_PRIORITY(p)		((u64)(p) << 48)
#define LR_PINTID(i)		((u64)(i) << 32)
#define LR_VINTID(lr)		((u32)(lr) & 0xffffffff)

#define ICH_HCR_EN		BIT(0)
#define ICH_HCR_UIE		BIT(1)
#define ICC_CTLR_EOIMODE	BIT(1)

static struct {
	u64 redist, redist_size;
	unsigned int num_frames;
	/* GICR_TYPER affinity of each redistributor frame. */
	u32 frame_affinity[BULKHEAD_MAX_CPUS];
} gicv3;

#define LR_ACCESSORS(n, enc)						\
	case n:								\
		if (write)						\
			write_sysreg(enc, value);			\
		else							\
			value = read_sysreg(enc);			\
		break;

static u64 lr_access(unsigned int n, bool write, u64 value)
{
	switch (n) {
	LR_ACCESSORS(0, s3_4_c12_c12_0)
	LR_ACCESSORS(1, s3_4_c12_c12_1)
	LR_ACCESSORS(2, s3_4_c12_c12_2)
	LR_ACCESSORS(3, s3_4_c12_c12_3)
	LR_ACCESSORS(4, s3_4_c12_c12_4)
	LR_ACCESSORS(5, s3_4_c12_c12_5)
	LR_ACCESSORS(6, s3_4_c12_c12_6)
	LR_ACCESSORS(7, s3_4_c12_c12_7)
	LR_ACCESSORS(8, s3_4_c12_c13_0)
	LR_ACCESSORS(9, s3_4_c12_c13_1)
	LR_ACCESSORS(10, s3_4_c12_c13_2)
	LR_ACCESSORS(11, s3_4_c12_c13_3)
	LR_ACCESSORS(12, s3_4_c12_c13_4)
	LR_ACCESSORS(13, s3_4_c12_c13_5)
	LR_ACCESSORS(14, s3_4_c12_c13_6)
	LR_ACCESSORS(15, s3_4_c12_c13_7)
	}
	return value;
}

static u64 lr_read(unsigned int n)
{
	return lr_access(n, false, 0);
}

static void lr_write(unsigned int n, u64 value)
{
	lr_access(n, true, value);
}

static u32 mpidr_affinity(u64 mpidr)
{
	return ((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff);
}

static u64 affinity_mpidr(u32 aff)
{
	return ((u64)(aff & 0xff000000) << 8) | (aff & 0xffffff);
}

/* The CPU whose redistributor is frame n, or -1. */
static int frame_cpu(unsigned int frame)
{
	return cpu_by_mpidr(affinity_mpidr(gicv3.frame_affinity[frame]));
}

static u64 cpu_frame(struct per_cpu *cpu)
{
	u32 aff = mpidr_affinity(cpu->arch.mpidr);
	unsigned int n;

	for (n = 0; n < gicv3.num_frames; n++)
		if (gicv3.frame_affinity[n] == aff)
			return gicv3.redist + n * GICR_FRAME_SIZE;
	return 0;
}

static int gicv3_init(const struct bulkhead_irqchip *config)
{
	/* ID_AA64PFR0_EL1.GIC: the system register CPU interface. */
	bool sysregs = (read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf;
	u64 typer;

	if (!sysregs) {
		printk("bulkhead: the system config describes a GICv3, but this CPU has no GICv3 CPU interface (a GICv2 machine?): use a config made for this machine (bulkhead config create)\n");
		return -ENODEV;
	}

	gicv3.redist = config->redist_base;
	gicv3.redist_size = config->redist_size;
	if (arch_map_device(gicv3.redist, gicv3.redist_size))
		return -ENOMEM;
	do {
		if ((u64)(gicv3.num_frames + 1) * GICR_FRAME_SIZE > gicv3.redist_size ||
		    gicv3.num_frames >= BULKHEAD_MAX_CPUS)
			break;
		typer = mmio_read(gicv3.redist + gicv3.num_frames * GICR_FRAME_SIZE +
				  GICR_TYPER, 8);
		gicv3.frame_affinity[gicv3.num_frames++] = typer >> 32;
	} while (!(typer & GICR_TYPER_LAST));
	printk("bulkhead: GICv3 with %u interrupt lines, %u redistributors\n",
	       gic.num_irqs, gicv3.num_frames);
	return 0;
}

static bool gicv3_inject(struct per_cpu *cpu, u32 irq, u32 source)
{
	u64 free_lrs = read_sysreg(ICH_ELRSR_EL2);
	bool hw = irq >= 16;
	unsigned int n;

	/* An SGI still waiting in a list register is merged. */
	for (n = 0; n < cpu->arch.num_lrs && !hw; n++) {
		u64 lr = lr_read(n);

		if (!(free_lrs & BIT(n)) && LR_VINTID(lr) == irq) {
			lr_write(n, lr | LR_PENDING);
			return true;
		}
	}
	for (n = 0; n < cpu->arch.num_lrs; n++) {
		if (!(free_lrs & BIT(n)))
			continue;
		lr_write(n, LR_PENDING | LR_GROUP1 | LR_PRIORITY(GIC_IRQ_PRIORITY) |
			 (hw ? LR_HW | LR_PINTID(irq) : 0) | irq);
		return true;
	}
	return false;
}

static void gicv3_underflow_irq(bool on)
{
	u64 hcr = read_sysreg(ICH_HCR_EL2);

	write_sysreg(ICH_HCR_EL2, on ? hcr | ICH_HCR_UIE : hcr & ~ICH_HCR_UIE);
}

static bool gicv3_ack(u32 *raw, u32 *irq, u32 *source)
{
	*raw = read_sysreg(ICC_IAR1_EL1) & 0xffffff;
	*irq = *raw;
	*source = 0;
	return *irq < GIC_SPURIOUS_FIRST || *irq >= GIC_SPURIOUS_FIRST + 4;
}

static void gicv3_eoi(u32 raw)
{
	write_sysreg(ICC_EOIR1_EL1, raw);
	isb();
}

static void gicv3_deactivate(u32 raw)
{
	write_sysreg(ICC_DIR_EL1, raw);
	isb();
}

static u64 read_vmcr_from_physical(void)
{
	u64 ctlr = read_sysreg(ICC_CTLR_EL1);

	return ((read_sysreg(ICC_PMR_EL1) & 0xff) << 24) |
	       ((read_sysreg(ICC_BPR1_EL1) & 7) << 18) |
	       (((ctlr >> 1) & 1) << 9) | ((ctlr & 1) << 4) |
	       ((read_sysreg(ICC_IGRPEN1_EL1) & 1) << 1);
}

/*
 * The driver enters the hypervisor from inside an IPI on remote CPUs: that
 * SGI is active in the physical CPU interface and Linux will deactivate it
 * through the virtual one. Move active SGIs and PPIs over, or they would
 * stay active forever.
 */
static void move_active_to_virtual(struct per_cpu *cpu, u64 frame)
{
	u32 active = mmio_read(frame + GICR_ISACTIVER0, 4);
	unsigned int irq, lr = 0;

	for (irq = 0; irq < 32 && lr < cpu->arch.num_lrs; irq++) {
		if (!(active & BIT(irq)) || (gic_private_irqs() & BIT(irq)))
			continue;
		gicv3_deactivate(irq);
		lr_write(lr++, LR_ACTIVE | LR_GROUP1 |
			 LR_PRIORITY(GIC_IRQ_PRIORITY) | irq);
	}
}

static void gicv3_cpu_init(struct per_cpu *cpu, bool fresh)
{
	u64 frame = cpu_frame(cpu);
	unsigned int n;

	cpu->arch.num_lrs = (read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	for (n = 0; n < cpu->arch.num_lrs; n++)
		lr_write(n, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	if (fresh) {
		/* A CPU out of reset: the cell sets its virtual interface. */
		write_sysreg(ICH_VMCR_EL2, 0);
		write_sysreg(ICC_PMR_EL1, 0xff);
		write_sysreg(ICC_BPR1_EL1, 0);
		write_sysreg(ICC_IGRPEN1_EL1, 1);
	} else {
		write_sysreg(ICH_VMCR_EL2, read_vmcr_from_physical());
	}
	write_sysreg(ICC_CTLR_EL1, read_sysreg(ICC_CTLR_EL1) | ICC_CTLR_EOIMODE);
	isb();
	if (frame && !fresh)
		move_active_to_virtual(cpu, frame);
	if (frame) {
		mmio_write(frame + GICR_IPRIORITYR + gic.maintenance_irq,
			   GIC_IRQ_PRIORITY, 1);
		mmio_write(frame + GICR_IPRIORITYR + GIC_MANAGEMENT_SGI,
			   GIC_IRQ_PRIORITY, 1);
		mmio_write(frame + GICR_ISENABLER0, gic_private_irqs(), 4);
	}
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
	isb();
}

static void send_sgi_to(u64 mpidr, u32 intid)
{
	u64 aff0 = mpidr & 0xff;

	write_sysreg(ICC_SGI1R_EL1, ((mpidr >> 32) & 0xff) << 48 |
		     ((mpidr >> 16) & 0xff) << 32 | ((mpidr >> 8) & 0xff) << 16 |
		     (u64)intid << 24 | (aff0 / 16) << 44 | BIT(aff0 % 16));
	isb();
}

static void gicv3_send_sgi_to_cpu(struct per_cpu *target, u32 intid)
{
	send_sgi_to(target->arch.mpidr, intid);
}

/* Hands interrupts the cell has not taken yet back to the physical GIC. */
static void return_to_physical(struct per_cpu *cpu, u64 frame, u32 irq)
{
	if (irq < 16) {
		send_sgi_to(cpu->arch.mpidr, irq);
		return;
	}
	if (irq < 32)
		mmio_write(frame + GICR_ISPENDR0, BIT(irq), 4);
	else
		mmio_write(gic.dist + GICD_ISPENDR + irq / 32 * 4,
			   BIT(irq % 32), 4);
	gicv3_deactivate(irq);
}

static void gicv3_cpu_exit(struct per_cpu *cpu)
{
	u64 vmcr = read_sysreg(ICH_VMCR_EL2), frame = cpu_frame(cpu);
	unsigned int n;

	for (n = 0; n < cpu->arch.num_lrs; n++) {
		u64 lr = lr_read(n);

		if (lr & LR_PENDING)
			return_to_physical(cpu, frame, LR_VINTID(lr));
		lr_write(n, 0);
	}
	for (n = gic_next_waiting(cpu, 0); n < 1024;
	     n = gic_next_waiting(cpu, n + 1))
		return_to_physical(cpu, frame, n);
	if (frame)
		mmio_write(frame + GICR_ICENABLER0, gic_private_irqs(), 4);
	write_sysreg(ICC_PMR_EL1, vmcr >> 24);
	write_sysreg(ICC_BPR1_EL1, (vmcr >> 18) & 7);
	write_sysreg(ICC_IGRPEN1_EL1, (vmcr >> 1) & 1);
	write_sysreg(ICH_HCR_EL2, 0);
	isb();
}

static void gicv3_cpu_reset(struct per_cpu *cpu)
{
	u64 frame = cpu_frame(cpu);
	unsigned int n;

	/*
	 * What the cell left pending or active is not for the CPU's next
	 * owner: an SGI or PPI it set active (GICR_ISACTIVER0) would never
	 * be signalled there again, a bare-metal inmate does not clear it.
	 */
	if (frame) {
		mmio_write(frame + GICR_ICPENDR0, ~gic_private_irqs(), 4);
		mmio_write(frame + GICR_ICACTIVER0, ~gic_private_irqs(), 4);
	}

	/* Hardware-linked interrupts still active would stay so forever. */
	for (n = 0; n < cpu->arch.num_lrs; n++) {
		u64 lr = lr_read(n);

		if ((lr & LR_HW) && (lr & (LR_PENDING | LR_ACTIVE)))
			gicv3_deactivate((lr >> 32) & 0x3ff);
		lr_write(n, 0);
	}
	for (n = gic_next_waiting(cpu, 16); n < 1024;
	     n = gic_next_waiting(cpu, n + 1))
		gicv3_deactivate(n);
	write_sysreg(ICH_HCR_EL2, 0);
	isb();
}

/*
 * The virtual CPU interface as the cell sees it (list registers) and the
 * physical one as the hypervisor does (this CPU's SGIs and PPIs).
 */
static void gicv3_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump)
{
	static const char *const lr_names[] = {
		"ICH_LR0_EL2", "ICH_LR1_EL2", "ICH_LR2_EL2", "ICH_LR3_EL2",
		"ICH_LR4_EL2", "ICH_LR5_EL2", "ICH_LR6_EL2", "ICH_LR7_EL2",
		"ICH_LR8_EL2", "ICH_LR9_EL2", "ICH_LR10_EL2", "ICH_LR11_EL2",
		"ICH_LR12_EL2", "ICH_LR13_EL2", "ICH_LR14_EL2", "ICH_LR15_EL2",
	};
	u64 frame = cpu_frame(cpu);
	unsigned int n;

	cpu_dump_item(dump, "ICH_HCR_EL2", read_sysreg(ICH_HCR_EL2));
	cpu_dump_item(dump, "ICH_VMCR_EL2", read_sysreg(ICH_VMCR_EL2));
	cpu_dump_item(dump, "ICH_MISR_EL2", read_sysreg(ICH_MISR_EL2));
	cpu_dump_item(dump, "ICH_ELRSR_EL2", read_sysreg(ICH_ELRSR_EL2));
	cpu_dump_item(dump, "ICH_AP1R0_EL2", read_sysreg(ICH_AP1R0_EL2));
	for (n = 0; n < cpu->arch.num_lrs; n++) {
		u64 lr = lr_read(n);

		cpu_dump_item(dump, lr_names[n], lr);
		gic_dump_lr(dump, LR_VINTID(lr), !!(lr & LR_PENDING),
			    !!(lr & LR_ACTIVE));
	}
	gic_dump_waiting(cpu, dump);
	if (frame) {
		cpu_dump_item(dump, "GICR_ISENABLER0",
			       mmio_read(frame + GICR_ISENABLER0, 4));
		cpu_dump_item(dump, "GICR_ISPENDR0",
			       mmio_read(frame + GICR_ISPENDR0, 4));
		cpu_dump_item(dump, "GICR_ISACTIVER0",
			       mmio_read(frame + GICR_ISACTIVER0, 4));
	}
}

static void gicv3_route_spi(u32 irq, struct per_cpu *target)
{
	mmio_write(gic.dist + GICD_IROUTER + irq * 8,
		   affinity_mpidr(mpidr_affinity(target->arch.mpidr)), 8);
}

/* Sends intid to the CPU at mpidr if the sender's cell may reach it. */
static void sgi_to_target(struct per_cpu *cpu, u32 intid, u64 mpidr)
{
	if (gic_sgi_allowed(cpu, intid, cpu_by_mpidr(mpidr), "MPIDR", mpidr))
		send_sgi_to(mpidr, intid);
}

void gicv3_send_sgi(struct per_cpu *cpu, u64 sgir)
{
	u32 intid = (sgir >> 24) & 0xf, rs = (sgir >> 44) & 0xf, bit;
	unsigned int n;
	u64 base = ((sgir >> 48) & 0xff) << 32 | ((sgir >> 32) & 0xff) << 16 |
		   ((sgir >> 16) & 0xff) << 8;

	if (!(sgir & BIT(40))) {
		for (bit = 0; bit < 16; bit++)
			if (sgir & BIT(bit))
				sgi_to_target(cpu, intid, base | (rs * 16 + bit));
		return;
	}
	/* All but self: while no cell exists, that is all root's CPUs. */
	if (cpu->cell == &root_cell && !cells_exist()) {
		write_sysreg(ICC_SGI1R_EL1, sgir);
		isb();
		return;
	}
	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		if (per_cpu(n)->arch.entered && n != cpu->cpu_id)
			sgi_to_target(cpu, intid, per_cpu(n)->arch.mpidr);
}

/*
 * A write of part of GICD_IROUTER (4 bytes at either half, as a 32-bit
 * guest or a fuzzer writes it) is merged into the whole register and the
 * result filtered as an 8-byte write: written alone, the low half could
 * name a CPU of root's with the high half left as it was (found by
 * fuzz-cell, tests/system/41-fuzz-cell.sh).
 */
static enum mmio_result irouter_access(struct cell *cell, u64 offset,
				       struct mmio_access *access)
{
	u32 irq = (offset - GICD_IROUTER) / 8;
	unsigned int shift = (offset % 8) * 8;
	struct per_cpu *target = NULL;
	u64 address = gic.dist + GICD_IROUTER + irq * 8, value, part;
	unsigned int n;
	int asked;

	if (irq < 32 || irq >= gic.num_irqs || !cell_owns_irq(cell, irq)) {
		gic_report_refused(cell, access, 0);
		if (!access->is_write)
			access->value = 0;
		return MMIO_HANDLED;
	}
	if (!access->is_write)
		return gic_masked_access(access->address, access, ~0ULL, false);
	spin_lock(&gic.lock);
	value = access->value;
	if (access->size < 8) {
		part = (BIT(access->size * 8) - 1) << shift;
		value = (mmio_read(address, 8) & ~part) | ((value << shift) & part);
	}
	/* Route only to a CPU of the cell: the first one by default. */
	asked = value & IROUTER_IRM ? -1 : cpu_by_mpidr(value);
	if (asked >= 0 && (cell->cpu_set & BIT(asked)))
		target = per_cpu(asked);
	for (n = 0; n < BULKHEAD_MAX_CPUS && !target; n++)
		if ((cell->cpu_set & BIT(n)) && per_cpu(n)->arch.entered)
			target = per_cpu(n);
	if (target)
		mmio_write(address,
			   affinity_mpidr(mpidr_affinity(target->arch.mpidr)), 8);
	spin_unlock(&gic.lock);
	return MMIO_HANDLED;
}

static enum mmio_result gicv3_dist_access(struct cell *cell, u64 offset,
					  struct mmio_access *access)
{
	if (offset >= GICD_IROUTER && offset < GICD_IROUTER_END)
		return irouter_access(cell, offset, access);
	if (offset == GICD_SETSPI_NSR || offset == GICD_CLRSPI_NSR) {
		if (access->is_write &&
		    !cell_owns_irq(cell, access->value & 0x3ff))
			return MMIO_HANDLED;
		return gic_masked_access(access->address, access, ~0ULL, false);
	}
	return MMIO_UNHANDLED;
}

static enum mmio_result gicr_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u64 offset = access->address - gicv3.redist;
	unsigned int frame = offset / GICR_FRAME_SIZE;
	u64 in_frame = offset % GICR_FRAME_SIZE;
	int cpu = frame < gicv3.num_frames ? frame_cpu(frame) : -1;

	if (cpu < 0 || !(cell->cpu_set & BIT(cpu))) {
		/*
		 * Other CPUs' frames: Linux reads their control and
		 * identification registers to find its own frame. Nothing
		 * else, and no writes.
		 */
		if (access->is_write)
			return MMIO_DENIED;
		if (in_frame != GICR_CTLR && in_frame != GICR_IIDR &&
		    in_frame != GICR_TYPER && in_frame != GICR_TYPER + 4 &&
		    in_frame != GICR_PIDR2)
			return MMIO_DENIED;
		return gic_masked_access(access->address, access, ~0ULL, false);
	}
	/* The hypervisor's private interrupts are invisible to cells. */
	if (in_frame >= GICR_SGI_BASE && in_frame < GICR_SGI_BASE + 0x1000)
		return gic_private_access(cell, access->address,
					  in_frame - GICR_SGI_BASE, access);
	return gic_masked_access(access->address, access, ~0ULL, false);
}

static int gicv3_cell_init(struct cell *cell)
{
	return mmio_region_register(cell, gicv3.redist, gicv3.redist_size,
				    gicr_access, cell);
}

const struct gic_ops gicv3_ops = {
	.name = "GICv3",
	.init = gicv3_init,
	.cpu_init = gicv3_cpu_init,
	.cpu_exit = gicv3_cpu_exit,
	.cpu_reset = gicv3_cpu_reset,
	.cell_init = gicv3_cell_init,
	.ack = gicv3_ack,
	.eoi = gicv3_eoi,
	.deactivate = gicv3_deactivate,
	.inject = gicv3_inject,
	.underflow_irq = gicv3_underflow_irq,
	.send_sgi = gicv3_send_sgi_to_cpu,
	.dist_access = gicv3_dist_access,
	.route_spi = gicv3_route_spi,
	.dump = gicv3_dump,
};
