// SPDX-License-Identifier: GPL-2.0
/*
 * What the page-table walker (core/paging.c) needs of RISC-V besides the
 * entry encoding in arch/paging.h: fences.
 *
 * A G-stage change is fenced on every hart (through firmware), as arm64's
 * broadcast TLB invalidation does.
 */
#include <core/paging.h>
#include <arch/csr.h>
#include <arch/paging.h>
#include <arch/sbi.h>

/*
 * sfence.vma and hfence.gvma also order the earlier stores to the tables
 * before this hart's later walks, so no fence goes before them.
 */
void arch_paging_flush(enum paging_kind kind)
{
	if (kind == PAGING_HYP) {
		asm volatile("sfence.vma" ::: "memory");
		return;
	}
	hfence_gvma_all();
	/*
	 * Any hart may run the cell whose G-stage changed (root's shrinks
	 * when a cell is created) and keep old translations until it next
	 * fences: firmware fences every running hart and waits for them.
	 */
	sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_GVMA, 0, -1UL, 0, 0, 0);
}

/* Other harts must not see a new table's pointer before its entries. */
void arch_paging_table_barrier(void)
{
	asm volatile("fence w, w" ::: "memory");
}
