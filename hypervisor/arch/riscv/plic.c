// SPDX-License-Identifier: GPL-2.0
/*
 * The PLIC, seen by a cell through the hypervisor.
 *
 * Without an IMSIC nothing routes a PLIC interrupt to VS mode: the PLIC
 * raises the hart's HS external interrupt, and the only way on is the
 * hvip.VSEIP latch. Latching it is easy; knowing when to drop it is not,
 * because that is when the guest's claim finds nothing left. So the whole
 * PLIC window is trapped: a claim that returns 0 drops the latch and lets
 * the HS interrupt through again. Other accesses go to the PLIC as they
 * are: the root cell owns every line and context. Only 32-bit accesses
 * exist on a PLIC.
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

#define PLIC_CONTEXT_BASE	0x200000
#define PLIC_CONTEXT_STRIDE	0x1000
#define PLIC_CLAIM		4

static bool is_claim(u64 offset)
{
	return offset >= PLIC_CONTEXT_BASE &&
	       (offset - PLIC_CONTEXT_BASE) % PLIC_CONTEXT_STRIDE == PLIC_CLAIM;
}

static enum mmio_result plic_access(void *arg, struct mmio_access *access)
{
	const struct bulkhead_irqchip *plic = &hypervisor.config->irqchip;
	u64 offset = access->address - plic->base;

	if (access->size != 4 || (offset & 3))
		return MMIO_DENIED;
	if (access->is_write) {
		mmio_write(access->address, access->value, 4);
		return MMIO_HANDLED;
	}
	access->value = mmio_read(access->address, 4);
	if (is_claim(offset) && !access->value) {
		/* Nothing left for this context: stop passing SEIP on. */
		csr_clear(CSR_HVIP, BIT(IRQ_VS_EXT));
		csr_set(CSR_SIE, BIT(IRQ_S_EXT));
	}
	return MMIO_HANDLED;
}

int plic_cell_init(struct cell *cell)
{
	const struct bulkhead_irqchip *plic = &hypervisor.config->irqchip;

	return mmio_region_register(cell, plic->base, plic->size, plic_access,
				    NULL);
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
