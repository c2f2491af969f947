// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3: interrupts for the cells, with per-interrupt ownership.
 *
 * Physical interrupts are routed to EL2 (HCR_EL2.IMO). The hypervisor
 * acknowledges them, drops their priority and injects them into the CPU's
 * cell through list registers; SPIs and PPIs are hardware-linked, so the
 * cell's deactivation deactivates the physical interrupt. SGIs are
 * deactivated at once and injected as purely virtual interrupts.
 *
 * The distributor and the redistributors are trapped: a cell reads and
 * writes only the fields of the interrupts it owns and only the
 * redistributors of its own CPUs. Sending SGIs (ICC_SGI1R_EL1) traps too,
 * and reaches only CPUs of the sender's cell.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/mmio.h>
#include <core/printk.h>
#include <core/shared.h>
#include <core/spinlock.h>
#include <core/dump.h>
#include <arch/gicv3.h>
#include <arch/paging.h>
#include <arch/psci.h>
#include <arch/sysreg.h>

#define GICD_CTLR		0x0000
#define GICD_SETSPI_NSR		0x0040
#define GICD_CLRSPI_NSR		0x0048
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
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
#define GICR_ISACTIVER0		(GICR_SGI_BASE + 0x0300)
#define GICR_IPRIORITYR		(GICR_SGI_BASE + 0x0400)
#define GICR_PIDR2		0xffe8

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

/*
 * The SGI the hypervisor sends itself between CPUs. Linux uses SGIs 0-7;
 * cells may not send this one.
 */
#define MANAGEMENT_SGI		15

/* Linux's default priority for all interrupts. */
#define IRQ_PRIORITY		0xa0
#define SPURIOUS_FIRST		1020

static struct {
	u64 dist, redist, redist_size;
	u32 num_irqs, maintenance_irq;
	unsigned int num_frames;
	/* GICR_TYPER affinity of each redistributor frame. */
	u32 frame_affinity[BULKHEAD_MAX_CPUS];
	spinlock_t lock;
} gic;

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
	return cpu_by_mpidr(affinity_mpidr(gic.frame_affinity[frame]));
}

static u64 cpu_frame(struct per_cpu *cpu)
{
	u32 aff = mpidr_affinity(cpu->arch.mpidr);
	unsigned int n;

	for (n = 0; n < gic.num_frames; n++)
		if (gic.frame_affinity[n] == aff)
			return gic.redist + n * GICR_FRAME_SIZE;
	return 0;
}

int gicv3_init(const struct bulkhead_irqchip *config)
{
	u64 typer;

	gic.dist = config->base;
	gic.redist = config->redist_base;
	gic.redist_size = config->redist_size;
	gic.num_irqs = config->num_irqs;
	gic.maintenance_irq = config->maintenance_irq;
	if (arch_map_device(gic.dist, config->size) ||
	    arch_map_device(gic.redist, gic.redist_size))
		return -ENOMEM;
	do {
		if ((u64)(gic.num_frames + 1) * GICR_FRAME_SIZE > gic.redist_size ||
		    gic.num_frames >= BULKHEAD_MAX_CPUS)
			break;
		typer = mmio_read(gic.redist + gic.num_frames * GICR_FRAME_SIZE +
				  GICR_TYPER, 8);
		gic.frame_affinity[gic.num_frames++] = typer >> 32;
	} while (!(typer & GICR_TYPER_LAST));
	printk("bulkhead: GICv3 with %u interrupt lines, %u redistributors\n",
	       gic.num_irqs, gic.num_frames);
	return 0;
}

static bool inject(struct per_cpu *cpu, u32 irq)
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
		lr_write(n, LR_PENDING | LR_GROUP1 | LR_PRIORITY(IRQ_PRIORITY) |
			 (hw ? LR_HW | LR_PINTID(irq) : 0) | irq);
		return true;
	}
	return false;
}

static void deliver(struct per_cpu *cpu, u32 irq)
{
	if (inject(cpu, irq))
		return;
	/* Full: keep it, and ask for an interrupt when list registers drain. */
	cpu->arch.pending_irqs[irq / 64] |= BIT(irq % 64);
	write_sysreg(ICH_HCR_EL2, read_sysreg(ICH_HCR_EL2) | ICH_HCR_UIE);
}

/*
 * The lowest interrupt from `from` on that waits for a list register, or
 * 1024: a word of the bitmap at a time, as a CPU stop or a drained list
 * register would otherwise test 1024 bits one by one.
 */
static unsigned int next_waiting(const struct per_cpu *cpu, unsigned int from)
{
	unsigned int word = from / 64;
	u64 bits;

	if (from >= 1024)
		return 1024;
	bits = cpu->arch.pending_irqs[word] & (~0ULL << (from % 64));
	while (!bits) {
		if (++word == 1024 / 64)
			return 1024;
		bits = cpu->arch.pending_irqs[word];
	}
	return word * 64 + __builtin_ctzll(bits);
}

static void inject_waiting(struct per_cpu *cpu)
{
	unsigned int n;
	bool left = false;

	for (n = next_waiting(cpu, 0); n < 1024; n = next_waiting(cpu, n + 1)) {
		if (inject(cpu, n))
			cpu->arch.pending_irqs[n / 64] &= ~BIT(n % 64);
		else
			left = true;
	}
	if (!left)
		write_sysreg(ICH_HCR_EL2, read_sysreg(ICH_HCR_EL2) & ~ICH_HCR_UIE);
}

static void deactivate(u32 irq)
{
	write_sysreg(ICC_DIR_EL1, irq);
	isb();
}

void gicv3_handle_irqs(struct per_cpu *cpu)
{
	u32 irq;

	for (;;) {
		irq = read_sysreg(ICC_IAR1_EL1) & 0xffffff;
		if (irq >= SPURIOUS_FIRST && irq < SPURIOUS_FIRST + 4)
			break;
		count_exit(cpu->cpu_id, BULKHEAD_EXIT_IRQ);
		/* EOImode 1: this only drops the running priority. */
		write_sysreg(ICC_EOIR1_EL1, irq);
		isb();
		if (irq == gic.maintenance_irq) {
			deactivate(irq);
			inject_waiting(cpu);
		} else if (irq == MANAGEMENT_SGI) {
			deactivate(irq);
			cpu_handle_management(cpu);
		} else if (irq < 16) {
			deactivate(irq);
			deliver(cpu, irq);
		} else if (irq >= 32 && !cell_owns_irq(cpu->cell, irq)) {
			printk("bulkhead: CPU %u got interrupt %u its cell does not own\n",
			       cpu->cpu_id, irq);
			deactivate(irq);
		} else {
			deliver(cpu, irq);
		}
	}
}

/*
 * A line no hardware drives, made pending in the distributor: it reaches
 * the CPU its owner routed it to like any SPI, and is injected there.
 */
void gicv3_raise_spi(u32 irq)
{
	mmio_write(gic.dist + GICD_ISPENDR + irq / 32 * 4, BIT(irq % 32), 4);
}

/*
 * The per-CPU interrupts the hypervisor keeps for itself, enabled on every
 * CPU and hidden from the cells' view of the redistributors.
 */
static u32 hypervisor_private_irqs(void)
{
	return BIT(gic.maintenance_irq) | BIT(MANAGEMENT_SGI);
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
		if (!(active & BIT(irq)) || (hypervisor_private_irqs() & BIT(irq)))
			continue;
		deactivate(irq);
		lr_write(lr++, LR_ACTIVE | LR_GROUP1 | LR_PRIORITY(IRQ_PRIORITY) | irq);
	}
}

void gicv3_cpu_init(struct per_cpu *cpu, bool fresh)
{
	u64 frame = cpu_frame(cpu);
	unsigned int n;

	cpu->arch.num_lrs = (read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	for (n = 0; n < cpu->arch.num_lrs; n++)
		lr_write(n, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	memset(cpu->arch.pending_irqs, 0, sizeof(cpu->arch.pending_irqs));
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
			   IRQ_PRIORITY, 1);
		mmio_write(frame + GICR_IPRIORITYR + MANAGEMENT_SGI,
			   IRQ_PRIORITY, 1);
		mmio_write(frame + GICR_ISENABLER0, hypervisor_private_irqs(), 4);
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
	deactivate(irq);
}

void gicv3_cpu_exit(struct per_cpu *cpu)
{
	u64 vmcr = read_sysreg(ICH_VMCR_EL2), frame = cpu_frame(cpu);
	unsigned int n;

	for (n = 0; n < cpu->arch.num_lrs; n++) {
		u64 lr = lr_read(n);

		if (lr & LR_PENDING)
			return_to_physical(cpu, frame, LR_VINTID(lr));
		lr_write(n, 0);
	}
	for (n = next_waiting(cpu, 0); n < 1024; n = next_waiting(cpu, n + 1))
		return_to_physical(cpu, frame, n);
	if (frame)
		mmio_write(frame + GICR_ICENABLER0, hypervisor_private_irqs(), 4);
	write_sysreg(ICC_PMR_EL1, vmcr >> 24);
	write_sysreg(ICC_BPR1_EL1, (vmcr >> 18) & 7);
	write_sysreg(ICC_IGRPEN1_EL1, (vmcr >> 1) & 1);
	write_sysreg(ICH_HCR_EL2, 0);
	isb();
}

void gicv3_send_management(struct per_cpu *cpu)
{
	send_sgi_to(cpu->arch.mpidr, MANAGEMENT_SGI);
}

void gicv3_ack_management(void)
{
	u32 irq = read_sysreg(ICC_IAR1_EL1) & 0xffffff;

	if (irq >= SPURIOUS_FIRST && irq < SPURIOUS_FIRST + 4)
		return;
	write_sysreg(ICC_EOIR1_EL1, irq);
	deactivate(irq);
}

void gicv3_cpu_reset(struct per_cpu *cpu)
{
	unsigned int n;

	/* Hardware-linked interrupts still active would stay so forever. */
	for (n = 0; n < cpu->arch.num_lrs; n++) {
		u64 lr = lr_read(n);

		if ((lr & LR_HW) && (lr & (LR_PENDING | LR_ACTIVE)))
			deactivate((lr >> 32) & 0x3ff);
		lr_write(n, 0);
	}
	for (n = next_waiting(cpu, 16); n < 1024; n = next_waiting(cpu, n + 1))
		deactivate(n);
	memset(cpu->arch.pending_irqs, 0, sizeof(cpu->arch.pending_irqs));
	write_sysreg(ICH_HCR_EL2, 0);
	isb();
}

static void dump_irq(u32 *list, u32 *count, u32 irq)
{
	if (*count < BULKHEAD_CPU_DUMP_MAX_IRQS)
		list[*count] = irq;
	(*count)++;
}

/*
 * The virtual CPU interface as the cell sees it (list registers) and the
 * physical one as the hypervisor does (this CPU's SGIs and PPIs).
 */
void gicv3_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump)
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
		if (lr & LR_PENDING)
			dump_irq(dump->pending, &dump->num_pending, LR_VINTID(lr));
		if (lr & LR_ACTIVE)
			dump_irq(dump->active, &dump->num_active, LR_VINTID(lr));
	}
	for (n = 0; n < 1024; n++)
		if (cpu->arch.pending_irqs[n / 64] & BIT(n % 64))
			dump_irq(dump->waiting, &dump->num_waiting, n);
	if (frame) {
		cpu_dump_item(dump, "GICR_ISENABLER0",
			       mmio_read(frame + GICR_ISENABLER0, 4));
		cpu_dump_item(dump, "GICR_ISPENDR0",
			       mmio_read(frame + GICR_ISPENDR0, 4));
		cpu_dump_item(dump, "GICR_ISACTIVER0",
			       mmio_read(frame + GICR_ISACTIVER0, 4));
	}
}

/*
 * Interrupt lines change hands disabled and not pending, so nothing the
 * previous owner set up fires in the new one. A cell's lines are routed to
 * its first CPU.
 */
void gicv3_move_irqs(struct cell *cell, bool take)
{
	unsigned int n, first = 0;
	u64 target;

	while (first < BULKHEAD_MAX_CPUS - 1 &&
	       !((take ? cell->cpu_set : root_cell.cpu_set) & BIT(first)))
		first++;
	target = affinity_mpidr(mpidr_affinity(per_cpu(first)->arch.mpidr));
	for (n = 32; n < gic.num_irqs; n++) {
		if (!cell_owns_irq(cell, n))
			continue;
		mmio_write(gic.dist + GICD_ICENABLER + n / 32 * 4, BIT(n % 32), 4);
		mmio_write(gic.dist + GICD_ICPENDR + n / 32 * 4, BIT(n % 32), 4);
		mmio_write(gic.dist + GICD_IROUTER + n * 8, target, 8);
	}
}

static void drop_sgi(struct per_cpu *cpu, u32 intid, u64 mpidr)
{
	if (cpu->cell != &root_cell)
		printk("bulkhead: cell \"%s\": SGI %u to MPIDR 0x%llx outside the cell dropped\n",
		       cpu->cell->desc->name, intid, mpidr);
}

/* Sends intid to the CPU at mpidr if the sender's cell may reach it. */
static void sgi_to_target(struct per_cpu *cpu, u32 intid, u64 mpidr)
{
	int n = cpu_by_mpidr(mpidr);

	if (n >= 0) {
		if (!(cpu->cell->cpu_set & BIT(n)) ||
		    (intid == MANAGEMENT_SGI && cpu->cell != &root_cell))
			drop_sgi(cpu, intid, mpidr);
		else
			send_sgi_to(mpidr, intid);
		return;
	}
	/*
	 * A CPU that has not entered the hypervisor yet (during enable) is
	 * the root cell's: cells are made of CPUs that have entered.
	 */
	if (cpu->cell == &root_cell)
		send_sgi_to(mpidr, intid);
	else
		drop_sgi(cpu, intid, mpidr);
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
 * Which bits of a per-interrupt register access belong to interrupts the
 * cell owns: bits_per_irq bits for each interrupt from first_irq on.
 */
static u64 owned_mask(struct cell *cell, u32 first_irq, unsigned int size,
		      unsigned int bits_per_irq)
{
	u64 field = bits_per_irq == 64 ? ~0ULL : BIT(bits_per_irq) - 1;
	unsigned int n, count = size * 8 / bits_per_irq;
	u64 mask = 0;

	if (!count)
		count = 1;
	if (bits_per_irq == 1) {
		/* Enable, pending, active, group: 32 interrupts in one go. */
		mask = cell_owned_irqs(cell, first_irq, count);
		if (first_irq < 32)
			mask &= first_irq + count <= 32 ? 0 : ~0ULL << (32 - first_irq);
		if (first_irq + count > gic.num_irqs)
			mask &= first_irq >= gic.num_irqs ? 0 :
				BIT(gic.num_irqs - first_irq) - 1;
		return mask;
	}
	for (n = 0; n < count; n++) {
		u32 irq = first_irq + n;

		if (irq >= 32 && irq < gic.num_irqs && cell_owns_irq(cell, irq))
			mask |= field << (n * bits_per_irq);
	}
	if (size < 8)
		mask &= BIT(size * 8) - 1;
	return mask;
}

/* Set/clear registers: writing 0 bits changes nothing. */
static bool is_set_clear(u64 offset)
{
	return offset >= GICD_ISENABLER && offset < GICD_ICACTIVER + 0x80;
}

static void report_refused(struct cell *cell, u64 address,
			   struct mmio_access *access, u64 mask)
{
	u64 all = access->size == 8 ? ~0ULL : BIT(access->size * 8) - 1;

	if (cell == &root_cell || !access->is_write || cell->reported_gic ||
	    !(access->value & all & ~mask))
		return;
	cell->reported_gic = true;
	printk("bulkhead: cell \"%s\": GIC write to 0x%llx touches interrupts it does not own: ignored\n",
	       cell->desc->name, address);
}

static enum mmio_result masked_access(u64 address, struct mmio_access *access,
				      u64 mask, bool set_clear)
{
	u64 old;

	if (!access->is_write) {
		access->value = mmio_read(address, access->size) & mask;
		return MMIO_HANDLED;
	}
	if (set_clear || mask == (access->size == 8 ? ~0ULL : BIT(access->size * 8) - 1)) {
		mmio_write(address, access->value & mask, access->size);
		return MMIO_HANDLED;
	}
	spin_lock(&gic.lock);
	old = mmio_read(address, access->size);
	mmio_write(address, (old & ~mask) | (access->value & mask), access->size);
	spin_unlock(&gic.lock);
	return MMIO_HANDLED;
}

static unsigned int irq_register_bits(u64 offset, u64 *base)
{
	static const struct { u64 start, end; unsigned int bits; } map[] = {
		{ GICD_IGROUPR, GICD_IGROUPR + 0x80, 1 },
		{ GICD_ISENABLER, GICD_ICACTIVER + 0x80, 1 },
		{ GICD_IPRIORITYR, GICD_IPRIORITYR + 0x400, 8 },
		{ GICD_ITARGETSR, GICD_ITARGETSR + 0x400, 8 },
		{ GICD_ICFGR, GICD_ICFGR + 0x100, 2 },
		{ GICD_IGRPMODR, GICD_IGRPMODR + 0x80, 1 },
		{ GICD_NSACR, GICD_NSACR + 0x100, 2 },
	};
	unsigned int n;

	for (n = 0; n < ARRAY_LEN(map); n++) {
		if (offset >= map[n].start && offset < map[n].end) {
			/* The set/clear pairs repeat every 0x80 bytes. */
			*base = map[n].bits == 1 ? offset & ~0x7fULL : map[n].start;
			return map[n].bits;
		}
	}
	return 0;
}

static enum mmio_result irouter_access(struct cell *cell, u64 offset,
				       struct mmio_access *access)
{
	u32 irq = (offset - GICD_IROUTER) / 8;
	u64 address = gic.dist + offset;
	struct per_cpu *target = NULL;
	unsigned int n;

	if (irq < 32 || irq >= gic.num_irqs || !cell_owns_irq(cell, irq)) {
		report_refused(cell, access->address, access, 0);
		if (!access->is_write)
			access->value = 0;
		return MMIO_HANDLED;
	}
	if (access->is_write && access->size == 8) {
		/* Route only to a CPU of the cell: the first one by default. */
		int asked = access->value & IROUTER_IRM ? -1 :
			    cpu_by_mpidr(access->value);

		if (asked >= 0 && (cell->cpu_set & BIT(asked)))
			target = per_cpu(asked);
		for (n = 0; n < BULKHEAD_MAX_CPUS && !target; n++)
			if ((cell->cpu_set & BIT(n)) && per_cpu(n)->arch.entered)
				target = per_cpu(n);
		if (target)
			access->value = affinity_mpidr(mpidr_affinity(target->arch.mpidr));
	}
	return masked_access(address, access, ~0ULL, false);
}

static enum mmio_result gicd_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u64 offset = access->address - gic.dist, base;
	unsigned int bits;

	if (offset >= GICD_IROUTER && offset < GICD_IROUTER_END)
		return irouter_access(cell, offset, access);
	bits = irq_register_bits(offset, &base);
	if (bits) {
		u64 mask = owned_mask(cell, (offset - base) * 8 / bits,
				      access->size, bits);

		report_refused(cell, access->address, access, mask);
		return masked_access(access->address, access, mask,
				     is_set_clear(offset));
	}
	if (offset == GICD_SETSPI_NSR || offset == GICD_CLRSPI_NSR) {
		if (access->is_write &&
		    !cell_owns_irq(cell, access->value & 0x3ff))
			return MMIO_HANDLED;
		return masked_access(access->address, access, ~0ULL, false);
	}
	/* Control and identification: all may read, only root may write. */
	if (access->is_write && cell != &root_cell)
		return MMIO_HANDLED;
	return masked_access(access->address, access, ~0ULL, false);
}

static enum mmio_result gicr_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u64 offset = access->address - gic.redist;
	unsigned int frame = offset / GICR_FRAME_SIZE;
	u64 in_frame = offset % GICR_FRAME_SIZE;
	int cpu = frame < gic.num_frames ? frame_cpu(frame) : -1;
	u64 mask = ~0ULL;

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
		return masked_access(access->address, access, mask, false);
	}
	/* The hypervisor's private interrupts are invisible to cells. */
	if (in_frame >= GICR_SGI_BASE && in_frame < GICR_SGI_BASE + 0x1000) {
		u64 base;
		unsigned int bits = irq_register_bits(in_frame - GICR_SGI_BASE, &base);

		if (bits) {
			u32 first = (in_frame - GICR_SGI_BASE - base) * 8 / bits;
			u32 count = access->size * 8 / bits, irq;
			u64 field = BIT(bits) - 1;

			for (irq = first; irq < first + count; irq++)
				if (hypervisor_private_irqs() & BIT(irq))
					mask &= ~(field << ((irq - first) * bits));
			if (access->size < 8)
				mask &= BIT(access->size * 8) - 1;
			return masked_access(access->address, access, mask,
					     is_set_clear(in_frame - GICR_SGI_BASE));
		}
	}
	return masked_access(access->address, access, mask, false);
}

int gicv3_cell_init(struct cell *cell)
{
	const struct bulkhead_irqchip *config = &hypervisor.config->irqchip;
	int err;

	err = mmio_region_register(cell, config->base, config->size,
				   gicd_access, cell);
	if (!err)
		err = mmio_region_register(cell, config->redist_base,
					   config->redist_size, gicr_access, cell);
	return err;
}
