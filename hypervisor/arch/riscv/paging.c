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
 * guest now: one that is off or starting fences when it enters its cell.
 * A hart that switches itself off while named would never fence, and this
 * hart would wait in firmware for good (root's lifecycle calls hung so
 * while a cell stopped its harts by system reset: hcfuzz seed 796349823
 * with hostile-srst, tests/system/40-fuzz-root.sh): fence_lock keeps
 * harts from marking themselves off while a fence is on its way
 * (sbi.c).
 */
static void remote_hfence_gvma(void)
{
	unsigned long mask = 0, self = this_cpu()->cpu_id;
	struct per_cpu *cpu;
	unsigned int n;

	sbi_fence_lock();
	for (n = 0; n < BULKHEAD_MAX_CPUS && n < 64; n++) {
		cpu = per_cpu(n);
		if (n != self && READ_ONCE(cpu->arch.in_guest) &&
		    READ_ONCE(cpu->state) != CPU_OFF)
			mask |= BIT(n);
	}
	if (mask)
		sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_GVMA, mask, 0, 0, 0, 0);
	sbi_fence_unlock();
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
