// SPDX-License-Identifier: GPL-2.0
/*
 * What the page-table walker (core/paging.c) needs of arm64 besides the
 * entry encoding in arch/paging.h: the barriers and TLB maintenance.
 */
#include <core/paging.h>
#include <arch/paging.h>
#include <arch/sysreg.h>

/*
 * Inner shareable: a table of the hypervisor or of a cell is live on every
 * CPU that runs it, and they all must stop using a broken entry.
 */
void arch_paging_flush(enum paging_kind kind)
{
	dsb(ishst);
	if (kind == PAGING_HYP)
		asm volatile("tlbi alle2is" ::: "memory");
	else
		asm volatile("tlbi alle1is" ::: "memory");
	dsb(ish);
	isb();
}

/* The table walker must see a new table's entries before the pointer. */
void arch_paging_table_barrier(void)
{
	dsb(ishst);
}
