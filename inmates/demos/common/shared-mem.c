// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The cell side of a region shared with root (tests/configs/common/
 * shared-cell.c, at cell address 0x200000): leaves a word for root at
 * offset 0, then waits for root's word at offset 8 and says what it read.
 * The region is mapped as device memory by the inmate library on arm64,
 * so every access goes to memory.
 */
#include <inmate.h>

#define SHARED_BASE	0x200000UL
#define CELL_WORD	0xc0ffee
#define ROOT_WORD	0xdeadbeef	/* what tests/modules/peek.c writes */

int main(void)
{
	/* Root reads 64 bits at offset 0 and writes 64 at offset 8. */
	mmio_write32(SHARED_BASE + 4, 0);
	mmio_write32(SHARED_BASE + 8, 0);
	mmio_write32(SHARED_BASE, CELL_WORD);
	printk("shared-mem: wrote 0x%x at 0x%lx, waiting for root\n",
	       CELL_WORD, SHARED_BASE);
	while (mmio_read32(SHARED_BASE + 8) != ROOT_WORD)
		cpu_relax();
	printk("shared-mem: root wrote 0x%x\n", mmio_read32(SHARED_BASE + 8));
	return 0;
}
