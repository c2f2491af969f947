// SPDX-License-Identifier: GPL-2.0
/*
 * What the page-table walker (core/paging.c) needs of RISC-V besides the
 * entry encoding in arch/paging.h: fences.
 *
 * Both flushes act on this hart only. Every other hart that may cache the
 * changed translation needs its own fence; the cell code asks them.
 */
#include <core/paging.h>
#include <arch/paging.h>

/*
 * hfence.gvma x0, x0 (funct7 0110001, rs2 x0, rs1 x0, funct3 000, rd x0,
 * SYSTEM opcode), spelt as a word so that no assembler support for the H
 * extension is needed.
 */
#define HFENCE_GVMA_ALL	".4byte 0x62000073"

/*
 * sfence.vma and hfence.gvma also order the earlier stores to the tables
 * before this hart's later walks, so no fence goes before them.
 */
void arch_paging_flush(enum paging_kind kind)
{
	if (kind == PAGING_HYP)
		asm volatile("sfence.vma" ::: "memory");
	else
		asm volatile(HFENCE_GVMA_ALL ::: "memory");
}

/* Other harts must not see a new table's pointer before its entries. */
void arch_paging_table_barrier(void)
{
	asm volatile("fence w, w" ::: "memory");
}
