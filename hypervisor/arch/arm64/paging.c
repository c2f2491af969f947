// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 translation tables: 4 KiB granule, 39-bit addresses, walks starting
 * at level 1. The same code builds the hypervisor's EL2 tables and the
 * cells' stage-2 tables; only the attribute encoding differs. Everything is
 * identity mapped in the hypervisor, so a table's physical address is also
 * its pointer.
 */
#include <core/page-alloc.h>
#include <core/paging.h>
#include <arch/paging.h>
#include <arch/sysreg.h>

#define PTE_VALID	BIT(0)
#define PTE_TABLE	(BIT(0) | BIT(1))
#define PTE_BLOCK	BIT(0)
#define PTE_PAGE	(BIT(0) | BIT(1))
#define PTE_ADDR_MASK	0x0000fffffffff000ULL
#define PTE_AF		BIT(10)
#define PTE_SH_INNER	(3ULL << 8)
#define PTE_XN		BIT(54)

/* EL2 stage 1: index into MAIR_EL2, AP[2:1] with AP[1] RES1. */
#define S1_ATTR(idx)	((u64)(idx) << 2)
#define S1_AP_RW	(1ULL << 6)
#define S1_AP_RO	(3ULL << 6)

/* Stage 2: MemAttr[5:2] and S2AP[7:6]. */
#define S2_NORMAL_WB	(0xfULL << 2)
#define S2_NORMAL_NC	(0x5ULL << 2)
#define S2_DEVICE	(0x1ULL << 2)
#define S2_READ		BIT(6)
#define S2_WRITE	BIT(7)

#define LEVELS		3
#define ENTRIES		512

static unsigned int level_shift(int level)
{
	return 12 + 9 * (LEVELS - level);
}

static u64 leaf_attrs(enum paging_kind kind, unsigned int flags)
{
	u64 attrs = PTE_AF;

	if (!(flags & PAGING_EXEC))
		attrs |= PTE_XN;
	if (kind == PAGING_HYP) {
		attrs |= (flags & PAGING_WRITE) ? S1_AP_RW : S1_AP_RO;
		if (flags & PAGING_DEVICE)
			return attrs | S1_ATTR(MAIR_IDX_DEVICE);
		attrs |= PTE_SH_INNER;
		return attrs | S1_ATTR(flags & PAGING_UNCACHED ?
				       MAIR_IDX_NORMAL_NC : MAIR_IDX_NORMAL);
	}
	if (flags & PAGING_READ)
		attrs |= S2_READ;
	if (flags & PAGING_WRITE)
		attrs |= S2_WRITE;
	if (flags & PAGING_DEVICE)
		return attrs | S2_DEVICE;
	attrs |= PTE_SH_INNER;
	return attrs | (flags & PAGING_UNCACHED ? S2_NORMAL_NC : S2_NORMAL_WB);
}

static void flush_tlb(enum paging_kind kind)
{
	dsb(ishst);
	if (kind == PAGING_HYP)
		asm volatile("tlbi alle2is" ::: "memory");
	else
		asm volatile("tlbi alle1is" ::: "memory");
	dsb(ish);
	isb();
}

static u64 *table_of(u64 pte)
{
	return (u64 *)(pte & PTE_ADDR_MASK);
}

static bool is_table(u64 pte, int level)
{
	return level < LEVELS && (pte & PTE_TABLE) == PTE_TABLE;
}

static void free_table(u64 *table, int level)
{
	unsigned int n;

	/* Entries of a level-n table are level-n entries. */
	for (n = 0; n < ENTRIES; n++)
		if (is_table(table[n], level))
			free_table(table_of(table[n]), level + 1);
	page_free(table);
}

/*
 * Returns the next-level table behind *pte, creating it. A block entry is
 * split into a table of smaller entries mapping the same memory, so part
 * of it can change.
 */
static u64 *next_table(u64 *pte, int level, enum paging_kind kind)
{
	u64 *table, old = *pte, step;
	unsigned int n;

	if (is_table(old, level))
		return table_of(old);
	table = page_alloc();
	if (!table)
		return NULL;
	if (old & PTE_VALID) {
		step = 1ULL << level_shift(level + 1);
		for (n = 0; n < ENTRIES; n++)
			table[n] = (old & ~PTE_ADDR_MASK & ~PTE_TABLE) |
				   ((old & PTE_ADDR_MASK) + n * step) |
				   (level + 1 == LEVELS ? PTE_PAGE : PTE_BLOCK);
		/* Break before make: the old block must leave the TLBs. */
		*pte = 0;
		flush_tlb(kind);
	}
	dsb(ishst);
	*pte = (u64)table | PTE_TABLE;
	return table;
}

static bool table_empty(const u64 *table)
{
	unsigned int n;

	for (n = 0; n < ENTRIES; n++)
		if (table[n] & PTE_VALID)
			return false;
	return true;
}

/*
 * A table whose entries map one aligned, contiguous range with the same
 * attributes is worth a block entry: memory given back by a cell becomes
 * one block again and its table returns to the pool.
 */
static bool table_uniform(const u64 *table, int level, u64 *block)
{
	u64 first = table[0], step = 1ULL << level_shift(level);
	u64 leaf = level == LEVELS ? PTE_PAGE : PTE_BLOCK;
	unsigned int n;

	if ((first & PTE_TABLE) != leaf ||
	    (first & PTE_ADDR_MASK) & ((step * ENTRIES) - 1))
		return false;
	for (n = 1; n < ENTRIES; n++)
		if (table[n] != first + n * step)
			return false;
	*block = (first & ~PTE_TABLE) | PTE_BLOCK;
	return true;
}

static int walk(u64 *table, int level, enum paging_kind kind, u64 virt,
		u64 phys, u64 size, u64 attrs, bool map)
{
	while (size) {
		unsigned int shift = level_shift(level);
		u64 block = 1ULL << shift;
		u64 chunk = block - (virt & (block - 1));
		u64 *pte = &table[(virt >> shift) & (ENTRIES - 1)];
		u64 block_pte;
		bool whole;
		int err;

		if (chunk > size)
			chunk = size;
		whole = chunk == block && (!map || !(phys & (block - 1)));
		if (whole) {
			if (is_table(*pte, level))
				free_table(table_of(*pte), level + 1);
			*pte = map ? phys | attrs |
				(level == LEVELS ? PTE_PAGE : PTE_BLOCK) : 0;
		} else {
			u64 *next;

			if (!map && !(*pte & PTE_VALID))
				goto next;
			next = next_table(pte, level, kind);
			if (!next)
				return -ENOMEM;
			err = walk(next, level + 1, kind, virt, phys, chunk,
				   attrs, map);
			if (err)
				return err;
			if (!map && table_empty(next)) {
				*pte = 0;
				flush_tlb(kind);
				page_free(next);
			} else if (map && table_uniform(next, level + 1, &block_pte)) {
				/* Break before make, as for splitting. */
				*pte = 0;
				flush_tlb(kind);
				*pte = block_pte;
				page_free(next);
			}
		}
next:
		virt += chunk;
		phys += chunk;
		size -= chunk;
	}
	return 0;
}

int paging_init(struct paging *pg, enum paging_kind kind)
{
	pg->kind = kind;
	pg->root = page_alloc();
	return pg->root ? 0 : -ENOMEM;
}

int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size,
	       unsigned int flags)
{
	int err = walk(pg->root, 1, pg->kind, virt, phys, size,
		       leaf_attrs(pg->kind, flags), true);

	flush_tlb(pg->kind);
	return err;
}

int paging_unmap(struct paging *pg, u64 virt, u64 size)
{
	int err = walk(pg->root, 1, pg->kind, virt, 0, size, 0, false);

	flush_tlb(pg->kind);
	return err;
}

void paging_destroy(struct paging *pg)
{
	if (pg->root)
		free_table(pg->root, 1);
	pg->root = NULL;
}
