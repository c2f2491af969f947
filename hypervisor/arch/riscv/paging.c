// SPDX-License-Identifier: GPL-2.0
/*
 * What the page-table walker (core/paging.c) needs of RISC-V besides the
 * entry encoding in arch/paging.h: fences.
 *
 * Both flushes act on this hart only. Every other hart that may cache the
 * changed translation needs its own fence; the cell code asks them.
 */
#include <core/paging.h>
#include <arch/csr.h>
#include <arch/paging.h>

/*
 * sfence.vma and hfence.gvma also order the earlier stores to the tables
 * before this hart's later walks, so no fence goes before them.
 */
void arch_paging_flush(enum paging_kind kind)
{
	if (kind == PAGING_HYP)
		asm volatile("sfence.vma" ::: "memory");
	else
		hfence_gvma_all();
}

/* Other harts must not see a new table's pointer before its entries. */
void arch_paging_table_barrier(void)
{
	asm volatile("fence w, w" ::: "memory");
}
