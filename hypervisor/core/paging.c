// SPDX-License-Identifier: GPL-2.0
/*
 * The page-table walker every architecture shares: radix tables of
 * ARCH_PAGING_LEVELS levels, 512 entries below the root, leaves at any
 * level the alignment of a range allows. The same code builds the
 * hypervisor's own tables and the cells' guest-physical ones; arch/paging.h
 * encodes the entries and arch/<arch>/paging.c flushes the TLB.
 *
 * Levels are counted from the root (0) down to the last (ARCH_PAGING_LEVELS
 * - 1), whatever the architecture's manual calls them. Everything is
 * identity mapped in the hypervisor, so a table's physical address is also
 * its pointer.
 */
#include <core/page-alloc.h>
#include <core/paging.h>
#include <arch/paging.h>

#define LAST_LEVEL	(ARCH_PAGING_LEVELS - 1)
#define ENTRIES		(PAGE_SIZE / sizeof(u64))

static unsigned int level_shift(unsigned int level)
{
	return 12 + 9 * (LAST_LEVEL - level);
}

static unsigned int entries_at(enum paging_kind kind, unsigned int level)
{
	return level ? ENTRIES : arch_paging_root_entries(kind);
}

/* A root table larger than a page is aligned to its size (Sv39x4's). */
static unsigned int root_pages(enum paging_kind kind)
{
	return PAGES(arch_paging_root_entries(kind) * sizeof(u64));
}

static u64 *table_of(u64 pte)
{
	return (u64 *)arch_pte_addr(pte);
}

/* Frees the tables below table, not table itself. */
static void free_subtables(u64 *table, enum paging_kind kind,
			   unsigned int level)
{
	unsigned int n;

	for (n = 0; n < entries_at(kind, level); n++) {
		if (arch_pte_is_table(table[n], level)) {
			free_subtables(table_of(table[n]), kind, level + 1);
			page_free(table_of(table[n]));
		}
	}
}

/*
 * Returns the table behind *pte, a level-`level` entry, creating it. A leaf
 * is split into a table of smaller leaves mapping the same memory, so part
 * of it can change.
 */
static u64 *next_table(u64 *pte, unsigned int level, enum paging_kind kind)
{
	u64 *table, old = *pte, step;
	unsigned int n;

	if (arch_pte_is_table(old, level))
		return table_of(old);
	table = page_alloc();
	if (!table)
		return NULL;
	if (arch_pte_valid(old)) {
		step = 1ULL << level_shift(level + 1);
		for (n = 0; n < ENTRIES; n++)
			table[n] = arch_pte_retarget(old, level + 1,
						     arch_pte_addr(old) + n * step);
		/* Break before make: the old leaf must leave the TLBs. */
		*pte = 0;
		arch_paging_flush(kind);
	}
	arch_paging_table_barrier();
	*pte = arch_pte_table((u64)table);
	return table;
}

static bool table_empty(const u64 *table)
{
	unsigned int n;

	for (n = 0; n < ENTRIES; n++)
		if (arch_pte_valid(table[n]))
			return false;
	return true;
}

/*
 * A table of level `level` whose leaves map one aligned, contiguous range
 * with the same attributes is worth a leaf one level up: memory given back
 * by a cell becomes one block again and its table returns to the pool.
 */
static bool table_uniform(const u64 *table, unsigned int level, u64 *leaf)
{
	u64 first = table[0], step = 1ULL << level_shift(level);
	u64 base = arch_pte_addr(first);
	unsigned int n;

	if (!arch_pte_valid(first) || arch_pte_is_table(first, level) ||
	    base & (step * ENTRIES - 1))
		return false;
	for (n = 0; n < ENTRIES; n++)
		if (table[n] != arch_pte_retarget(first, level, base + n * step))
			return false;
	*leaf = arch_pte_retarget(first, level - 1, base);
	return true;
}

static int walk(u64 *table, unsigned int level, enum paging_kind kind,
		u64 virt, u64 phys, u64 size, unsigned int flags, bool map)
{
	while (size) {
		unsigned int shift = level_shift(level);
		u64 block = 1ULL << shift;
		u64 chunk = block - (virt & (block - 1));
		u64 *pte = &table[(virt >> shift) & (entries_at(kind, level) - 1)];
		u64 leaf;
		bool whole;
		int err;

		if (chunk > size)
			chunk = size;
		whole = chunk == block && (!map || !(phys & (block - 1)));
		if (whole) {
			if (arch_pte_is_table(*pte, level)) {
				u64 *old = table_of(*pte);

				/*
				 * Break before make, and other CPUs' walks may
				 * still go through the old tables until the
				 * flush: only then can they be reused.
				 */
				*pte = 0;
				arch_paging_flush(kind);
				free_subtables(old, kind, level + 1);
				page_free(old);
			}
			*pte = map ? arch_pte_leaf(kind, level, phys, flags) : 0;
		} else {
			u64 *next;

			if (!map && !arch_pte_valid(*pte))
				goto next;
			next = next_table(pte, level, kind);
			if (!next)
				return -ENOMEM;
			err = walk(next, level + 1, kind, virt, phys, chunk,
				   flags, map);
			if (err)
				return err;
			/*
			 * Mapping can empty a table too, where the arch has
			 * no leaf for the flags (a riscv G-stage page no one
			 * may access).
			 */
			if (table_empty(next)) {
				*pte = 0;
				arch_paging_flush(kind);
				page_free(next);
			} else if (map && table_uniform(next, level + 1, &leaf)) {
				/* Break before make, as for splitting. */
				*pte = 0;
				arch_paging_flush(kind);
				*pte = leaf;
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

/*
 * The root's index would silently wrap above the translated range and
 * change mappings of low addresses instead.
 */
u64 paging_limit(enum paging_kind kind)
{
	return (u64)arch_paging_root_entries(kind) << level_shift(0);
}

static bool in_range(enum paging_kind kind, u64 virt, u64 size)
{
	u64 end = paging_limit(kind);

	return virt < end && size <= end - virt;
}

int paging_init(struct paging *pg, enum paging_kind kind)
{
	unsigned int pages = root_pages(kind);

	pg->kind = kind;
	pg->root = pages_alloc_aligned(pages, pages * PAGE_SIZE);
	return pg->root ? 0 : -ENOMEM;
}

int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size,
	       unsigned int flags)
{
	int err;

	if (!in_range(pg->kind, virt, size))
		return -EINVAL;
	err = walk(pg->root, 0, pg->kind, virt, phys, size, flags, true);
	arch_paging_flush(pg->kind);
	return err;
}

int paging_unmap(struct paging *pg, u64 virt, u64 size)
{
	int err;

	if (!in_range(pg->kind, virt, size))
		return -EINVAL;
	err = walk(pg->root, 0, pg->kind, virt, 0, size, 0, false);
	arch_paging_flush(pg->kind);
	return err;
}

void paging_destroy(struct paging *pg)
{
	if (pg->root) {
		free_subtables(pg->root, pg->kind, 0);
		pages_free(pg->root, root_pages(pg->kind));
	}
	pg->root = NULL;
}
