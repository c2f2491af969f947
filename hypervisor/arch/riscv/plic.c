// SPDX-License-Identifier: GPL-2.0
/*
 * The PLIC, seen by a cell through the hypervisor.
 *
 * Without an IMSIC nothing routes a PLIC interrupt to VS mode: the PLIC
 * raises the hart's HS external interrupt, and the only way on is the
 * hvip.VSEIP latch. Latching it is easy; knowing when to drop it is not,
 * because that is when the guest's claim finds nothing left. So the whole
 * PLIC window is trapped: a claim that returns 0 drops the latch and lets
 * the HS interrupt through again.
 *
 * The trap is also where ownership is enforced. A cell reaches only the
 * lines it owns (priority, pending, enable bits of others read as zero,
 * writes to them are ignored, since Linux sets every source's priority at
 * probe) and only the contexts of its own harts' S mode; completing a line
 * it does not own, or touching another hart's context, is refused. Only
 * 32-bit accesses exist on a PLIC.
 *
 * Contexts follow QEMU virt's layout: context 2h is hart h's M mode, 2h+1
 * its S mode.
 */
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/mmio.h>
#include <core/printk.h>
#include <core/shared.h>
#include <arch/csr.h>
#include <arch/plic.h>
#include <arch/sbi.h>
#include <arch/setup.h>

#define PLIC_PRIORITY		0x0
#define PLIC_PENDING		0x1000
#define PLIC_ENABLE		0x2000
#define PLIC_ENABLE_STRIDE	0x80
#define PLIC_CONTEXT		0x200000
#define PLIC_CONTEXT_STRIDE	0x1000
#define PLIC_THRESHOLD		0
#define PLIC_CLAIM		4

static u64 plic_base(void)
{
	return hypervisor.config->irqchip.base;
}

static u32 num_irqs(void)
{
	return hypervisor.config->irqchip.num_irqs;
}

static unsigned int s_context(unsigned int hart)
{
	return 2 * hart + 1;
}

/* The hart whose S-mode context ctx is, or -1 for an M-mode context. */
static int context_hart(unsigned int ctx)
{
	return ctx & 1 ? (int)(ctx / 2) : -1;
}

static bool owns_context(const struct cell *cell, unsigned int ctx)
{
	int hart = context_hart(ctx);

	return hart >= 0 && hart < BULKHEAD_MAX_CPUS &&
	       (cell->cpu_set & BIT(hart));
}

/* The bits of 32-line word n the cell owns. */
static u32 owned_bits(const struct cell *cell, unsigned int word)
{
	u32 bits = cell_owned_irqs(cell, word * 32, 32);

	if (word * 32 >= num_irqs())
		return 0;
	if (num_irqs() - word * 32 < 32)
		bits &= BIT(num_irqs() - word * 32) - 1;
	/* Source 0 does not exist. */
	return word ? bits : bits & ~1U;
}

static u32 plic_read(u64 offset)
{
	return mmio_read(plic_base() + offset, 4);
}

static void plic_write(u64 offset, u32 value)
{
	mmio_write(plic_base() + offset, value, 4);
}

static void set_enable(unsigned int ctx, unsigned int irq, bool on)
{
	u64 offset = PLIC_ENABLE + ctx * PLIC_ENABLE_STRIDE + irq / 32 * 4;
	u32 word = plic_read(offset);

	word = on ? word | BIT(irq % 32) : word & ~(u32)BIT(irq % 32);
	plic_write(offset, word);
}

static bool line_is_virtual(const struct cell *cell, u32 irq)
{
	return irq < BULKHEAD_PLIC_MAX_IRQS &&
	       (cell->arch.virtual_lines[irq / 64] & BIT(irq % 64));
}

static bool enabled_in(unsigned int ctx, u32 irq)
{
	return plic_read(PLIC_ENABLE + ctx * PLIC_ENABLE_STRIDE + irq / 32 * 4) &
	       BIT(irq % 32);
}

/* Pending, enabled in ctx and above its threshold: what a claim would get. */
static bool virtual_deliverable(unsigned int ctx, u32 irq)
{
	u32 threshold = plic_read(PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE +
				  PLIC_THRESHOLD);

	return enabled_in(ctx, irq) &&
	       plic_read(PLIC_PRIORITY + irq * 4) > threshold;
}

/* Without Zbb, gcc would call libgcc's __ctzdi2 for __builtin_ctzll. */
static unsigned int lowest_bit(u64 bits)
{
	unsigned int n = 0;

	while (!(bits & 1)) {
		bits >>= 1;
		n++;
	}
	return n;
}

/* The lowest virtual line ctx would claim, or 0. */
static u32 next_virtual(struct cell *cell, unsigned int ctx)
{
	unsigned int word;
	u64 bits;

	for (word = 0; word < PLIC_LINE_WORDS; word++) {
		bits = READ_ONCE(cell->arch.virtual_pending[word]);
		while (bits) {
			u32 irq = word * 64 + lowest_bit(bits);

			if (virtual_deliverable(ctx, irq))
				return irq;
			bits &= bits - 1;
		}
	}
	return 0;
}

/* Claims a virtual line for ctx: only one context gets each raise. */
static u32 claim_virtual(struct cell *cell, unsigned int ctx)
{
	u32 irq;
	u64 bit;

	while ((irq = next_virtual(cell, ctx))) {
		bit = BIT(irq % 64);
		if (__atomic_fetch_and(&cell->arch.virtual_pending[irq / 64],
				       ~bit, __ATOMIC_SEQ_CST) & bit)
			return irq;
	}
	return 0;
}

/* A claim of 0 on this hart's own context: nothing left to pass on. */
static void claim_drained(struct cell *cell, unsigned int ctx)
{
	if (context_hart(ctx) != (int)this_cpu()->cpu_id)
		return;
	csr_clear(CSR_HVIP, BIT(IRQ_VS_EXT));
	/* Raised meanwhile: its raiser's IPI may have come and gone. */
	if (next_virtual(cell, ctx))
		csr_set(CSR_HVIP, BIT(IRQ_VS_EXT));
	csr_set(CSR_SIE, BIT(IRQ_S_EXT));
}

void plic_raise_virtual(struct cell *cell, u32 irq)
{
	struct per_cpu *self = this_cpu(), *cpu;
	unsigned int hart;

	if (!line_is_virtual(cell, irq))
		return;
	__atomic_fetch_or(&cell->arch.virtual_pending[irq / 64], BIT(irq % 64),
			  __ATOMIC_SEQ_CST);
	for_each_cell_cpu(hart, cell) {
		if (!enabled_in(s_context(hart), irq))
			continue;
		cpu = per_cpu(hart);
		if (cpu == self) {
			csr_set(CSR_HVIP, BIT(IRQ_VS_EXT));
			continue;
		}
		__atomic_store_n(&cpu->arch.plic_ipi, true, __ATOMIC_SEQ_CST);
		sbi_send_ipi(cpu->arch.hartid);
	}
}

void plic_virtual_kick(struct per_cpu *cpu)
{
	if (next_virtual(cpu->cell, s_context(cpu->cpu_id)))
		csr_set(CSR_HVIP, BIT(IRQ_VS_EXT));
}

static enum mmio_result context_access(struct cell *cell,
				       struct mmio_access *access,
				       unsigned int ctx, u64 reg)
{
	u64 offset = PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE + reg;
	u32 irq;

	if (!owns_context(cell, ctx))
		return MMIO_DENIED;
	if (reg == PLIC_THRESHOLD) {
		if (access->is_write)
			plic_write(offset, access->value);
		else
			access->value = plic_read(offset);
		return MMIO_HANDLED;
	}
	if (reg != PLIC_CLAIM)
		return MMIO_DENIED;
	if (access->is_write) {
		/* The PLIC itself completes any line; we check the owner. */
		if (!access->value || !cell_owns_irq(cell, access->value))
			return MMIO_DENIED;
		if (!line_is_virtual(cell, access->value))
			plic_write(offset, access->value);
		return MMIO_HANDLED;
	}
	irq = claim_virtual(cell, ctx);
	if (irq) {
		access->value = irq;
		return MMIO_HANDLED;
	}
	irq = plic_read(offset);
	if (irq && !cell_owns_irq(cell, irq)) {
		/* Enabled before the cell got the context: not its to see. */
		set_enable(ctx, irq, false);
		plic_write(offset, irq);
		irq = 0;
	}
	access->value = irq;
	if (!irq)
		claim_drained(cell, ctx);
	return MMIO_HANDLED;
}

static enum mmio_result plic_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u64 offset = access->address - plic_base();
	unsigned int word, ctx;
	u32 mask;

	if (access->size != 4 || (offset & 3))
		return MMIO_DENIED;
	if (offset >= PLIC_CONTEXT)
		return context_access(cell, access,
				      (offset - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE,
				      (offset - PLIC_CONTEXT) % PLIC_CONTEXT_STRIDE);
	if (offset < PLIC_PENDING) {
		if (!cell_owns_irq(cell, offset / 4) || offset / 4 >= num_irqs()) {
			/* Linux writes every source's priority at probe. */
			if (!access->is_write)
				access->value = 0;
			return MMIO_HANDLED;
		}
		if (access->is_write)
			plic_write(offset, access->value);
		else
			access->value = plic_read(offset);
		return MMIO_HANDLED;
	}
	if (offset < PLIC_ENABLE) {
		word = (offset - PLIC_PENDING) / 4;
		if (access->is_write)
			return MMIO_HANDLED;
		access->value = plic_read(offset) & owned_bits(cell, word);
		return MMIO_HANDLED;
	}
	ctx = (offset - PLIC_ENABLE) / PLIC_ENABLE_STRIDE;
	word = (offset - PLIC_ENABLE) % PLIC_ENABLE_STRIDE / 4;
	if (!owns_context(cell, ctx))
		return MMIO_DENIED;
	mask = owned_bits(cell, word);
	if (access->is_write) {
		if (access->value & ~mask)
			return MMIO_DENIED;
		plic_write(offset, (plic_read(offset) & ~mask) | access->value);
	} else {
		access->value = plic_read(offset) & mask;
	}
	return MMIO_HANDLED;
}

static void mark_virtual(struct cell *cell, u32 irq)
{
	if (irq && irq < BULKHEAD_PLIC_MAX_IRQS)
		cell->arch.virtual_lines[irq / 64] |= BIT(irq % 64);
}

int plic_cell_init(struct cell *cell)
{
	const struct bulkhead_irqchip *plic = &hypervisor.config->irqchip;
	const struct bulkhead_virtio_device *dev =
		bulkhead_cell_virtio(cell->desc);
	unsigned int n;

	memset(cell->arch.virtual_lines, 0, sizeof(cell->arch.virtual_lines));
	memset(cell->arch.virtual_pending, 0,
	       sizeof(cell->arch.virtual_pending));
	if (cell == &root_cell)
		mark_virtual(cell, plic->virtio_notify_irq);
	else
		for (n = 0; n < cell->desc->num_virtio_devices; n++)
			mark_virtual(cell, dev[n].irq);

	return mmio_region_register(cell, plic->base, plic->size, plic_access,
				    cell);
}

/*
 * A line its old owner claimed and never completed (a cell destroyed in
 * its handler) stays closed at the PLIC's gateway: no request of the
 * source would reach anybody again (tests/system/29-irq-handover.sh).
 * Completed here, in the calling hart's own context with the line enabled
 * there for the moment, as a PLIC ignores a completion for a line the
 * context does not enable. Completing a line nobody claimed changes
 * nothing.
 */
static void complete_line(unsigned int irq)
{
	unsigned int ctx = s_context(this_cpu()->cpu_id);
	bool enabled = enabled_in(ctx, irq);

	if (!enabled)
		set_enable(ctx, irq, true);
	plic_write(PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE + PLIC_CLAIM, irq);
	if (!enabled)
		set_enable(ctx, irq, false);
}

/*
 * A cell's lines change hands (taken from root, or given back): they are
 * completed and switched off in every context, so nothing the old owner
 * set up or left claimed keeps them from the new one, and the new owner's
 * harts lose whatever else was enabled in their contexts. Each owner
 * enables what it uses.
 */
void plic_move_irqs(struct cell *cell)
{
	u64 harts = hypervisor.config->root_cell.cpu_set;
	unsigned int irq, hart;

	for (irq = 1; irq < num_irqs(); irq++) {
		if (!cell_owns_irq(cell, irq))
			continue;
		complete_line(irq);
		for (hart = 0; hart < BULKHEAD_MAX_CPUS; hart++)
			if (harts & BIT(hart))
				set_enable(s_context(hart), irq, false);
	}
	for (hart = 0; hart < BULKHEAD_MAX_CPUS; hart++) {
		if (!(cell->cpu_set & BIT(hart)))
			continue;
		for (irq = 1; irq < num_irqs(); irq++)
			if (!cell_owns_irq(cell, irq))
				set_enable(s_context(hart), irq, false);
	}
}

/*
 * The PLIC wants this hart: pass it on to VS mode and hold the HS
 * interrupt off until the guest's claims have emptied its context.
 */
void plic_handle_irq(struct per_cpu *cpu)
{
	count_exit(cpu->cpu_id, BULKHEAD_EXIT_IRQ);
	csr_clear(CSR_SIE, BIT(IRQ_S_EXT));
	csr_set(CSR_HVIP, BIT(IRQ_VS_EXT));
}
