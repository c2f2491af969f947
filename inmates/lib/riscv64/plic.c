// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The PLIC, in the calling hart's S-mode context. Enable bits are updated
 * by read-modify-write of their word; the hypervisor masks the bits of
 * sources the cell does not own.
 */
#include <inmate/comm.h>
#include <asm/layout.h>
#include <asm/mmio.h>
#include <asm/plic.h>
#include <asm/processor.h>

unsigned long plic_base(void)
{
	u64 base = comm_region()->irqchip_base;

	return base ? base : INMATE_PLIC_DEFAULT;
}

unsigned int plic_context(void)
{
	return PLIC_S_CONTEXT(cpu_hartid());
}

void plic_enable_irq(unsigned int src)
{
	unsigned long base = plic_base(), reg;
	unsigned int ctx = plic_context();

	mmio_write32(base + PLIC_PRIORITY(src), PLIC_DEFAULT_PRIO);
	mmio_write32(base + PLIC_THRESHOLD(ctx), 0);
	reg = base + PLIC_ENABLE(ctx, src);
	mmio_write32(reg, mmio_read32(reg) | 1U << (src % 32));
}

void plic_disable_irq(unsigned int src)
{
	unsigned long reg = plic_base() + PLIC_ENABLE(plic_context(), src);

	mmio_write32(reg, mmio_read32(reg) & ~(1U << (src % 32)));
}

u32 plic_claim(void)
{
	return mmio_read32(plic_base() + PLIC_CLAIM(plic_context()));
}

void plic_complete(u32 src)
{
	mmio_write32(plic_base() + PLIC_CLAIM(plic_context()), src);
}
