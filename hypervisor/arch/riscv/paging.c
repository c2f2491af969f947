// SPDX-License-Identifier: GPL-2.0
/*
 * What the page-table walker (core/paging.c) needs of RISC-V besides the
 * entry encoding in arch/paging.h: fences.
 *
 * A G-stage change is fenced on every hart (through firmware), as arm64's
 * broadcast TLB invalidation does.
 */
#include <core/paging.h>
#include <core/percpu.h>
#include <arch/csr.h>
#include <arch/paging.h>
#include <arch/sbi.h>
#include <arch/setup.h>

/*
 * sfence.vma and hfence.gvma also order the earlier stores to the tables
 * before this hart's later walks, so no fence goes before them.
 */
/*
 * Any hart running a guest may hold translations of the G-stage that
 * changed (root's shrinks when a cell is created) until it next fences:
 * firmware fences those harts and waits for them. Only harts that run a
 * guest now: one that is off or starting fences when it enters its cell,
 * and asking firmware to wait for a hart that is stopping can hang it.
 */
static void remote_hfence_gvma(void)
{
	unsigned long mask = 0, self = this_cpu()->cpu_id;
	unsigned int n;

	for (n = 0; n < BULKHEAD_MAX_CPUS && n < 64; n++)
		if (n != self && READ_ONCE(per_cpu(n)->arch.in_guest))
			mask |= BIT(n);
	if (mask)
		sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_GVMA, mask, 0, 0, 0, 0);
}

void arch_paging_flush(enum paging_kind kind)
{
	if (kind == PAGING_HYP) {
		asm volatile("sfence.vma" ::: "memory");
		return;
	}
	hfence_gvma_all();
	remote_hfence_gvma();
}

/* Other harts must not see a new table's pointer before its entries. */
void arch_paging_table_barrier(void)
{
	asm volatile("fence w, w" ::: "memory");
}
