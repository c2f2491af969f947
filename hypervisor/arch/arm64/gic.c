// SPDX-License-Identifier: GPL-2.0
/*
 * The GIC, whichever version: interrupts for the cells, with per-interrupt
 * ownership.
 *
 * Physical interrupts are routed to EL2 (HCR_EL2.IMO). The hypervisor
 * acknowledges them, drops their priority and injects them into the CPU's
 * cell through list registers; SPIs and PPIs are hardware-linked, so the
 * cell's deactivation deactivates the physical interrupt. SGIs are
 * deactivated at once and injected as purely virtual interrupts.
 *
 * The distributor is trapped: a cell reads and writes only the fields of
 * the interrupts it owns, and of the SGIs and PPIs of its own CPUs except
 * the two the hypervisor keeps. Sending SGIs traps too (GICv3: ICC_SGI1R_EL1,
 * GICv2: GICD_SGIR) and reaches only CPUs of the sender's cell.
 *
 * What differs between GICv3 and GICv2 (the CPU interface, list register
 * format, routing, SGI encoding) is behind struct gic_ops.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <core/shared.h>
#include <core/spinlock.h>
#include <arch/gic.h>
#include <arch/paging.h>
#include <arch/psci.h>

struct gic_common gic;

int gic_init(const struct bulkhead_irqchip *config)
{
	if (config->type == BULKHEAD_IRQCHIP_GICV3)
		gic.ops = &gicv3_ops;
	else if (config->type == BULKHEAD_IRQCHIP_GICV2)
		gic.ops = &gicv2_ops;
	else {
		printk("bulkhead: arm64 needs a GICv3 or a GICv2 (irqchip.type %u)\n",
		       config->type);
		return -EINVAL;
	}
	gic.dist = config->base;
	gic.num_irqs = config->num_irqs;
	gic.maintenance_irq = config->maintenance_irq;
	if (arch_map_device(gic.dist, config->size))
		return -ENOMEM;
	return gic.ops->init(config);
}

/*
 * The per-CPU interrupts the hypervisor keeps for itself, enabled on every
 * CPU and hidden from the cells' view of them.
 */
u32 gic_private_irqs(void)
{
	return BIT(gic.maintenance_irq) | BIT(GIC_MANAGEMENT_SGI);
}

void gic_cpu_init(struct per_cpu *cpu, bool fresh)
{
	memset(cpu->arch.pending_irqs, 0, sizeof(cpu->arch.pending_irqs));
	gic.ops->cpu_init(cpu, fresh);
}

void gic_cpu_exit(struct per_cpu *cpu)
{
	gic.ops->cpu_exit(cpu);
}

void gic_cpu_reset(struct per_cpu *cpu)
{
	gic.ops->cpu_reset(cpu);
	memset(cpu->arch.pending_irqs, 0, sizeof(cpu->arch.pending_irqs));
}

void gic_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump)
{
	gic.ops->dump(cpu, dump);
}

static void dump_irq(u32 *list, u32 *count, u32 irq)
{
	if (*count < BULKHEAD_CPU_DUMP_MAX_IRQS)
		list[*count] = irq;
	(*count)++;
}

void gic_dump_lr(struct bulkhead_cpu_dump *dump, u32 irq, bool pending,
		 bool active)
{
	if (pending)
		dump_irq(dump->pending, &dump->num_pending, irq);
	if (active)
		dump_irq(dump->active, &dump->num_active, irq);
}

void gic_dump_waiting(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump)
{
	unsigned int n;

	for (n = gic_next_waiting(cpu, 0); n < 1024;
	     n = gic_next_waiting(cpu, n + 1))
		dump_irq(dump->waiting, &dump->num_waiting, n);
}

/*
 * The lowest interrupt from `from` on that waits for a list register, or
 * 1024: a word of the bitmap at a time, as a CPU stop or a drained list
 * register would otherwise test 1024 bits one by one.
 */
unsigned int gic_next_waiting(const struct per_cpu *cpu, unsigned int from)
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

static void deliver(struct per_cpu *cpu, u32 irq, u32 source)
{
	if (gic.ops->inject(cpu, irq, source))
		return;
	/*
	 * Full: keep it, and ask for an interrupt when list registers drain.
	 * A GICv2 SGI waiting here forgets its sender, which only Linux's
	 * write-back of the acknowledge value uses.
	 */
	cpu->arch.pending_irqs[irq / 64] |= BIT(irq % 64);
	gic.ops->underflow_irq(true);
}

static void inject_waiting(struct per_cpu *cpu)
{
	unsigned int n;
	bool left = false;

	for (n = gic_next_waiting(cpu, 0); n < 1024;
	     n = gic_next_waiting(cpu, n + 1)) {
		if (gic.ops->inject(cpu, n, 0))
			cpu->arch.pending_irqs[n / 64] &= ~BIT(n % 64);
		else
			left = true;
	}
	if (!left)
		gic.ops->underflow_irq(false);
}

void gic_handle_irqs(struct per_cpu *cpu)
{
	u32 raw, irq, source;

	while (gic.ops->ack(&raw, &irq, &source)) {
		count_exit(cpu->cpu_id, BULKHEAD_EXIT_IRQ);
		/* EOImode 1: this only drops the running priority. */
		gic.ops->eoi(raw);
		if (irq == gic.maintenance_irq) {
			gic.ops->deactivate(raw);
			if (gic.ops->maintenance)
				gic.ops->maintenance(cpu);
			inject_waiting(cpu);
		} else if (irq == GIC_MANAGEMENT_SGI) {
			gic.ops->deactivate(raw);
			cpu_handle_management(cpu);
		} else if (irq < 16) {
			gic.ops->deactivate(raw);
			deliver(cpu, irq, source);
		} else if (irq >= 1024 ||
			   (irq >= 32 && !cell_owns_irq(cpu->cell, irq))) {
			printk("bulkhead: CPU %u got interrupt %u its cell does not own\n",
			       cpu->cpu_id, irq);
			gic.ops->deactivate(raw);
		} else {
			deliver(cpu, irq, 0);
		}
	}
}

void gic_send_management(struct per_cpu *cpu)
{
	gic.ops->send_sgi(cpu, GIC_MANAGEMENT_SGI);
}

void gic_ack_management(void)
{
	u32 raw, irq, source;

	if (!gic.ops->ack(&raw, &irq, &source))
		return;
	gic.ops->eoi(raw);
	gic.ops->deactivate(raw);
}

/*
 * A line no hardware drives, made pending in the distributor: it reaches
 * the CPU its owner routed it to like any SPI, and is injected there.
 */
void gic_raise_spi(u32 irq)
{
	mmio_write(gic.dist + GICD_ISPENDR + irq / 32 * 4, BIT(irq % 32), 4);
}

/*
 * Interrupt lines change hands disabled, not pending and not active, so
 * nothing the previous owner set up fires in the new one, and nothing it
 * left active (a cell can set GICD_ISACTIVER, or be destroyed in its
 * handler) keeps the line from the new owner for good (found by
 * fuzz-cell: its SPI never came again in the next cell). A cell's lines
 * are routed to its first CPU.
 */
void gic_move_irqs(struct cell *cell, bool take)
{
	unsigned int n, first = 0;

	while (first < BULKHEAD_MAX_CPUS - 1 &&
	       !((take ? cell->cpu_set : root_cell.cpu_set) & BIT(first)))
		first++;
	for (n = 32; n < gic.num_irqs; n++) {
		if (!cell_owns_irq(cell, n))
			continue;
		mmio_write(gic.dist + GICD_ICENABLER + n / 32 * 4, BIT(n % 32), 4);
		mmio_write(gic.dist + GICD_ICPENDR + n / 32 * 4, BIT(n % 32), 4);
		mmio_write(gic.dist + GICD_ICACTIVER + n / 32 * 4, BIT(n % 32), 4);
		gic.ops->route_spi(n, per_cpu(first));
	}
}

bool gic_sgi_allowed(struct per_cpu *sender, u32 intid, int n,
		     const char *target_kind, u64 target_id)
{
	struct cell *cell = sender->cell;
	bool allowed;

	/*
	 * A CPU that has not entered the hypervisor yet (during enable) is
	 * the root cell's: cells are made of CPUs that have entered.
	 */
	if (n < 0)
		allowed = cell == &root_cell;
	else
		allowed = (cell->cpu_set & BIT(n)) &&
			  (intid != GIC_MANAGEMENT_SGI || cell == &root_cell);
	if (!allowed && cell != &root_cell && cell_may_report(cell))
		printk("bulkhead: cell \"%s\": SGI %u to %s 0x%llx outside the cell dropped\n",
		       cell->desc->name, intid, target_kind, target_id);
	return allowed;
}

/* Whether a cell may reach the field of irq in a per-interrupt register. */
static bool field_allowed(struct cell *cell, u32 irq, bool private_frame)
{
	if (irq < 32)
		return (private_frame || gic.private_in_dist) &&
		       !(gic_private_irqs() & BIT(irq));
	return !private_frame && irq < gic.num_irqs && cell_owns_irq(cell, irq);
}

static u64 field_mask(struct cell *cell, u32 first_irq, unsigned int size,
		      unsigned int bits_per_irq, bool private_frame)
{
	u64 field = bits_per_irq == 64 ? ~0ULL : BIT(bits_per_irq) - 1;
	unsigned int n, count = size * 8 / bits_per_irq;
	u64 mask = 0;

	if (!count)
		count = 1;
	if (bits_per_irq == 1 && !private_frame && first_irq >= 32) {
		/* Enable, pending, active, group: 32 interrupts in one go. */
		mask = cell_owned_irqs(cell, first_irq, count);
		if (first_irq + count > gic.num_irqs)
			mask &= first_irq >= gic.num_irqs ? 0 :
				BIT(gic.num_irqs - first_irq) - 1;
		return mask;
	}
	for (n = 0; n < count; n++)
		if (field_allowed(cell, first_irq + n, private_frame))
			mask |= field << (n * bits_per_irq);
	if (size < 8)
		mask &= BIT(size * 8) - 1;
	return mask;
}

u64 gic_owned_mask(struct cell *cell, u32 first_irq, unsigned int size,
		   unsigned int bits_per_irq)
{
	return field_mask(cell, first_irq, size, bits_per_irq, false);
}

/* Set/clear registers: writing 0 bits changes nothing. */
bool gic_is_set_clear(u64 offset)
{
	return (offset >= GICD_ISENABLER && offset < GICD_ICACTIVER + 0x80) ||
	       (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 0x10);
}

void gic_report_refused(struct cell *cell, struct mmio_access *access,
			u64 mask)
{
	u64 all = access->size == 8 ? ~0ULL : BIT(access->size * 8) - 1;

	if (cell == &root_cell || !access->is_write || cell->reported_gic ||
	    !(access->value & all & ~mask))
		return;
	cell->reported_gic = true;
	printk("bulkhead: cell \"%s\": GIC write to 0x%llx touches interrupts it does not own: ignored\n",
	       cell->desc->name, access->address);
}

enum mmio_result gic_masked_access(u64 address, struct mmio_access *access,
				   u64 mask, bool set_clear)
{
	u64 old;

	if (!access->is_write) {
		access->value = mmio_read(address, access->size) & mask;
		return MMIO_HANDLED;
	}
	/*
	 * Writing 0 bits to a set/clear register changes nothing, so none
	 * goes to the hardware: QEMU 7.2's GICv2 makes an SGI pending on a
	 * GICD_SPENDSGIR write of 0, with no sender, and aborts when it is
	 * acknowledged (found by fuzz-cell, tests/system/41-fuzz-cell.sh).
	 */
	if (set_clear) {
		if (access->value & mask)
			mmio_write(address, access->value & mask, access->size);
		return MMIO_HANDLED;
	}
	if (mask == (access->size == 8 ? ~0ULL : BIT(access->size * 8) - 1)) {
		mmio_write(address, access->value & mask, access->size);
		return MMIO_HANDLED;
	}
	spin_lock(&gic.lock);
	old = mmio_read(address, access->size);
	mmio_write(address, (old & ~mask) | (access->value & mask), access->size);
	spin_unlock(&gic.lock);
	return MMIO_HANDLED;
}

unsigned int gic_register_bits(u64 offset, u64 *base)
{
	static const struct { u64 start, end; unsigned int bits; } map[] = {
		{ GICD_IGROUPR, GICD_IGROUPR + 0x80, 1 },
		{ GICD_ISENABLER, GICD_ICACTIVER + 0x80, 1 },
		{ GICD_IPRIORITYR, GICD_IPRIORITYR + 0x400, 8 },
		{ GICD_ITARGETSR, GICD_ITARGETSR + 0x400, 8 },
		{ GICD_ICFGR, GICD_ICFGR + 0x100, 2 },
		{ GICD_IGRPMODR, GICD_IGRPMODR + 0x80, 1 },
		{ GICD_NSACR, GICD_NSACR + 0x100, 2 },
		/* A byte per SGI: one bit per sender. */
		{ GICD_CPENDSGIR, GICD_CPENDSGIR + 0x10, 8 },
		{ GICD_SPENDSGIR, GICD_SPENDSGIR + 0x10, 8 },
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

/*
 * Interrupt groups are the hypervisor's business: it takes the group the
 * CPU interface signals as IRQ (Linux puts everything there before it
 * enables us) and no other. An interrupt of a cell's moved into the other
 * group, pending at a high priority, would be taken by nobody and keep
 * every interrupt below it from the CPU, the management SGI included: the
 * cell could no longer be stopped (found by fuzz-cell,
 * tests/system/41-fuzz-cell.sh). So cells read the group registers but
 * their writes are ignored; root, which set the groups, may still.
 */
static bool group_write(struct cell *cell, u64 offset,
			const struct mmio_access *access)
{
	return access->is_write && cell != &root_cell &&
	       ((offset >= GICD_IGROUPR && offset < GICD_IGROUPR + 0x80) ||
		(offset >= GICD_IGRPMODR && offset < GICD_IGRPMODR + 0x80));
}

enum mmio_result gic_private_access(struct cell *cell, u64 address,
				    u64 offset, struct mmio_access *access)
{
	unsigned int bits;
	u64 base;

	if (group_write(cell, offset, access))
		return MMIO_HANDLED;
	bits = gic_register_bits(offset, &base);
	if (!bits)
		return gic_masked_access(address, access, ~0ULL, false);
	return gic_masked_access(address, access,
				 field_mask(NULL, (offset - base) * 8 / bits,
					    access->size, bits, true),
				 gic_is_set_clear(offset));
}

static enum mmio_result gicd_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u64 offset = access->address - gic.dist, base, mask;
	enum mmio_result result;
	unsigned int bits;

	result = gic.ops->dist_access(cell, offset, access);
	if (result != MMIO_UNHANDLED)
		return result;
	if (group_write(cell, offset, access))
		return MMIO_HANDLED;
	bits = gic_register_bits(offset, &base);
	if (bits) {
		mask = gic_owned_mask(cell, (offset - base) * 8 / bits,
				      access->size, bits);
		gic_report_refused(cell, access, mask);
		return gic_masked_access(access->address, access, mask,
					 gic_is_set_clear(offset));
	}
	/* Control and identification: all may read, only root may write. */
	if (access->is_write && cell != &root_cell)
		return MMIO_HANDLED;
	return gic_masked_access(access->address, access, ~0ULL, false);
}

int gic_cell_init(struct cell *cell)
{
	const struct bulkhead_irqchip *config = &hypervisor.config->irqchip;
	int err;

	err = mmio_region_register(cell, config->base, config->size,
				   gicd_access, cell);
	return err ? err : gic.ops->cell_init(cell);
}
