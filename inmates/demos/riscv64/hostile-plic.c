// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Reaches for the root cell's interrupt lines through the PLIC: source 10
 * (root's UART) and source 8 (virtio-mmio transport 7, root's virtio
 * console). Their priority writes must be ignored and everything of them
 * read as zero; the last try, setting root's enable bit in this hart's own
 * context, must stop the cell, so "done" is never printed. The riscv64
 * counterpart of hostile-gic.
 */
#include <inmate.h>

#define SRC_UART	10
#define SRC_VIRTIO	8

static const char *bit_state(u32 word, unsigned int src)
{
	return word & 1U << (src % 32) ? "set" : "clear";
}

static void try_disable(unsigned long plic, unsigned int src,
			const char *what)
{
	printk("hostile-plic: trying to disable source %u (%s) via its priority\n",
	       src, what);
	mmio_write32(plic + PLIC_PRIORITY(src), 0);
}

static void show_priority(unsigned long plic, unsigned int src)
{
	printk("hostile-plic: priority of source %u = %u\n", src,
	       mmio_read32(plic + PLIC_PRIORITY(src)));
}

int main(void)
{
	unsigned long plic = plic_base();
	unsigned int ctx = plic_context();
	unsigned long enable = plic + PLIC_ENABLE(ctx, SRC_UART);
	u32 word;

	try_disable(plic, SRC_UART, "root's UART");
	try_disable(plic, SRC_VIRTIO, "root's virtio console");
	show_priority(plic, SRC_UART);
	show_priority(plic, SRC_VIRTIO);

	word = mmio_read32(enable);
	printk("hostile-plic: context %u enable word 0 = 0x%08x, source %u bit %s, source %u bit %s\n",
	       ctx, word, SRC_UART, bit_state(word, SRC_UART), SRC_VIRTIO,
	       bit_state(word, SRC_VIRTIO));

	printk("hostile-plic: trying to enable source %u in context %u (this hart's)\n",
	       SRC_UART, ctx);
	mmio_write32(enable, word | 1U << SRC_UART);
	printk("hostile-plic: enable word 0 = 0x%08x after the write\n",
	       mmio_read32(enable));
	printk("hostile-plic: done\n");
	return 0;
}
