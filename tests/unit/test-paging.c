// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * hypervisor/core/paging.c, the page-table walker, built twice: with the
 * arm64 entries (arm64_paging_*) and with the RISC-V ones (riscv_paging_*),
 * over the real page pool (hypervisor/core/page-alloc.c) in a malloc'd
 * arena. The tables are read back by a software walk written from the
 * architecture manuals, not from arch/paging.h, so an encoding mistake
 * there cannot hide itself.
 */
#include <stdlib.h>

#include <core/page-alloc.h>
#include <core/paging.h>
#include <core/shared.h>
/* For riscv_hgatp() only; the tests decode entries on their own. */
#include <arch/paging.h>

#include "test.h"

#define SZ_4K	0x1000ULL
#define SZ_2M	0x200000ULL
#define SZ_1G	0x40000000ULL

#define WALKER_API(arch)						\
	int arch##_paging_init(struct paging *pg, enum paging_kind kind); \
	int arch##_paging_map(struct paging *pg, u64 virt, u64 phys,	\
			      u64 size, unsigned int flags);		\
	int arch##_paging_unmap(struct paging *pg, u64 virt, u64 size);	\
	void arch##_paging_destroy(struct paging *pg);			\
	void arch##_arch_paging_flush(enum paging_kind kind);		\
	void arch##_arch_paging_table_barrier(void);

WALKER_API(arm64)
WALKER_API(riscv)

/* page-alloc.c publishes its counters there. */
struct bulkhead_shared shared_region;

static unsigned int flushes[2];
/* Pages in use at the first flush since flushes[] was cleared. */
static u64 used_at_flush;

static void count_flush(enum paging_kind kind)
{
	if (!flushes[kind]++)
		used_at_flush = page_pool_used();
}

void arm64_arch_paging_flush(enum paging_kind kind)
{
	count_flush(kind);
}

void arm64_arch_paging_table_barrier(void)
{
}

void riscv_arch_paging_flush(enum paging_kind kind)
{
	count_flush(kind);
}

void riscv_arch_paging_table_barrier(void)
{
}

/*
 * 1024 pages. The pool's bitmap takes the arena's first page, so its pages
 * start 4 KiB past a 16 KiB boundary: aligned allocations must skip some.
 */
#define ARENA_SIZE	(4 * 1024 * 1024)

static void pool_reset(void)
{
	static void *arena;

	if (!arena)
		arena = aligned_alloc(16384, ARENA_SIZE);
	if (!arena || page_pool_init((paddr_t)arena, ARENA_SIZE))
		test_fail("no page pool");
}

/* What a software walk found for one address. */
struct lookup {
	bool mapped;
	u64 phys;
	unsigned int level;	/* of the leaf, 0 = root */
	u64 attrs;		/* the leaf without address and type bits */
};

struct format {
	const char *name;
	int (*init)(struct paging *pg, enum paging_kind kind);
	int (*map)(struct paging *pg, u64 virt, u64 phys, u64 size,
		   unsigned int flags);
	int (*unmap)(struct paging *pg, u64 virt, u64 size);
	void (*destroy)(struct paging *pg);
	struct lookup (*translate)(const struct paging *pg, u64 virt);
};

static unsigned int level_shift(unsigned int level)
{
	return 30 - 9 * level;
}

/*
 * arm64, 4 KiB granule, 39-bit input, lookup from level 1 for stage 1 and
 * stage 2 alike: bits[1:0] 11 is a table at levels 1-2 and a page at level
 * 3, 01 a block at levels 1-2; output address in bits[47:12].
 */
static struct lookup arm64_translate(const struct paging *pg, u64 virt)
{
	const u64 *table = pg->root;
	struct lookup l = { 0 };
	unsigned int level;

	for (level = 0; level < 3; level++) {
		u64 pte = table[(virt >> level_shift(level)) & 511];
		u64 addr = pte & 0x0000fffffffff000ULL;
		u64 size = 1ULL << level_shift(level);

		if (!(pte & 1))
			return l;
		if (level < 2 && (pte & 3) == 3) {
			table = (const u64 *)addr;
			continue;
		}
		if (level == 2 && (pte & 3) != 3) {
			test_fail("%s: reserved level-3 entry %#llx at %#llx",
				  "arm64", pte, virt);
			return l;
		}
		if (addr & (size - 1))
			test_fail("arm64: misaligned block %#llx", pte);
		l.mapped = true;
		l.phys = addr + (virt & (size - 1));
		l.level = level;
		l.attrs = pte & ~0x0000fffffffff000ULL & ~3ULL;
		return l;
	}
	test_fail("arm64: walk of %#llx ran past level 3", virt);
	return l;
}

/*
 * RISC-V Sv39 and Sv39x4: V R W X in bits 0-3, PPN in bits 10-53; a valid
 * entry with R = W = X = 0 points to the next level. The G-stage root has
 * 2048 entries, indexed by guest-physical bits 40:30.
 */
static struct lookup riscv_translate(const struct paging *pg, u64 virt)
{
	const u64 *table = pg->root;
	u64 root_mask = pg->kind == PAGING_GUEST ? 2047 : 511;
	struct lookup l = { 0 };
	unsigned int level;

	for (level = 0; level < 3; level++) {
		u64 pte = table[(virt >> level_shift(level)) &
				(level ? 511 : root_mask)];
		u64 addr = (pte >> 10 & ((1ULL << 44) - 1)) << 12;
		u64 size = 1ULL << level_shift(level);

		if (!(pte & 1))
			return l;
		if (!(pte & 0xe)) {
			table = (const u64 *)addr;
			continue;
		}
		if ((pte & 0x6) == 0x4)
			test_fail("riscv: write-only leaf %#llx", pte);
		if (addr & (size - 1))
			test_fail("riscv: misaligned superpage %#llx", pte);
		l.mapped = true;
		l.phys = addr + (virt & (size - 1));
		l.level = level;
		l.attrs = pte & 0x3ff;
		return l;
	}
	test_fail("riscv: walk of %#llx found a table at the last level", virt);
	return l;
}

static const struct format arm64 = {
	"arm64", arm64_paging_init, arm64_paging_map, arm64_paging_unmap,
	arm64_paging_destroy, arm64_translate,
};

static const struct format riscv = {
	"riscv", riscv_paging_init, riscv_paging_map, riscv_paging_unmap,
	riscv_paging_destroy, riscv_translate,
};

/* A paging kind in one entry format; its root takes root_pages. */
struct walker {
	const char *name;
	const struct format *f;
	enum paging_kind kind;
	u64 root_pages;
};

static const struct walker walkers[] = {
	{ "arm64 hyp", &arm64, PAGING_HYP, 1 },
	{ "arm64 guest", &arm64, PAGING_GUEST, 1 },
	{ "riscv hyp", &riscv, PAGING_HYP, 1 },
	{ "riscv guest", &riscv, PAGING_GUEST, 4 },
};

#define ARM64_HYP	(&walkers[0])
#define ARM64_GUEST	(&walkers[1])
#define RISCV_HYP	(&walkers[2])
#define RISCV_GUEST	(&walkers[3])

#define for_each_walker(w)						\
	for (w = walkers; w < walkers + ARRAY_LEN(walkers); w++)

#define RW	(PAGING_READ | PAGING_WRITE)

/* A fresh pool and an empty table, or false and the failure recorded. */
static bool start(const struct walker *w, struct paging *pg)
{
	pool_reset();
	if (!w->f->init(pg, w->kind))
		return true;
	test_fail("%s: init failed", w->name);
	return false;
}

static bool map(const struct walker *w, struct paging *pg, u64 virt,
		u64 phys, u64 size, unsigned int flags)
{
	int err = w->f->map(pg, virt, phys, size, flags);

	if (err)
		test_fail("%s: map %#llx+%#llx: %d", w->name, virt, size, err);
	return !err;
}

static bool unmap(const struct walker *w, struct paging *pg, u64 virt,
		  u64 size)
{
	int err = w->f->unmap(pg, virt, size);

	if (err)
		test_fail("%s: unmap %#llx+%#llx: %d", w->name, virt, size, err);
	return !err;
}

static void expect_leaf(const struct walker *w, const struct paging *pg,
			u64 virt, u64 phys, unsigned int level)
{
	struct lookup l = w->f->translate(pg, virt);

	if (!l.mapped)
		test_fail("%s: %#llx is not mapped", w->name, virt);
	else if (l.phys != phys || l.level != level)
		test_fail("%s: %#llx -> %#llx at level %u, expected %#llx at level %u",
			  w->name, virt, l.phys, l.level, phys, level);
}

static void expect_unmapped(const struct walker *w, const struct paging *pg,
			    u64 virt)
{
	struct lookup l = w->f->translate(pg, virt);

	if (l.mapped)
		test_fail("%s: %#llx still maps %#llx", w->name, virt, l.phys);
}

/* Every page of [virt, virt + size) maps phys + offset. */
static void expect_range(const struct walker *w, const struct paging *pg,
			 u64 virt, u64 phys, u64 size)
{
	u64 off;

	for (off = 0; off < size; off += SZ_4K) {
		struct lookup l = w->f->translate(pg, virt + off);

		if (!l.mapped || l.phys != phys + off) {
			test_fail("%s: %#llx -> %#llx (%s), expected %#llx",
				  w->name, virt + off, l.phys,
				  l.mapped ? "mapped" : "unmapped", phys + off);
			return;
		}
	}
}

/* The pool holds the root and `others` pages: tables or the test's own. */
static void expect_pages(const struct walker *w, u64 others, const char *when)
{
	if (page_pool_used() != w->root_pages + others)
		test_fail("%s: %s: %llu pages in use, expected %llu root + %llu",
			  w->name, when, page_pool_used(), w->root_pages, others);
}

static void destroy(const struct walker *w, struct paging *pg)
{
	w->f->destroy(pg);
	if (page_pool_used())
		test_fail("%s: %llu pages left after destroy", w->name,
			  page_pool_used());
}

/* A test run on each walker, with a fresh pool and an empty table pg. */
#define WALKER_TEST(fn)							\
	static void fn##_on(const struct walker *w, struct paging *pg);	\
	TEST(fn)							\
	{								\
		const struct walker *w;					\
		struct paging pg;					\
									\
		for_each_walker(w) {					\
			if (start(w, &pg)) {				\
				fn##_on(w, &pg);			\
				destroy(w, &pg);			\
			}						\
		}							\
	}								\
	static void fn##_on(const struct walker *w, struct paging *pg)

/*
 * 4 KiB + 2 MiB below a 1 GiB boundary, a whole GiB, 2 MiB + 4 KiB past
 * it: each part gets the largest leaf its alignment allows.
 */
WALKER_TEST(paging_leaf_sizes)
{
	u64 virt = 3 * SZ_1G - SZ_2M - SZ_4K, phys = virt + 16 * SZ_1G;
	u64 size = SZ_4K + SZ_2M + SZ_1G + SZ_2M + SZ_4K;

	if (!map(w, pg, virt, phys, size, RW))
		return;
	expect_leaf(w, pg, virt, phys, 2);
	expect_leaf(w, pg, virt + SZ_4K, phys + SZ_4K, 1);
	expect_leaf(w, pg, 3 * SZ_1G, 19 * SZ_1G, 0);
	expect_leaf(w, pg, 4 * SZ_1G + 0x1234, 20 * SZ_1G + 0x1234, 1);
	expect_leaf(w, pg, 4 * SZ_1G + SZ_2M, 20 * SZ_1G + SZ_2M, 2);
	expect_unmapped(w, pg, virt - SZ_4K);
	expect_unmapped(w, pg, virt + size);
	expect_range(w, pg, virt, phys, size);
	/* Two tables on each side of the GiB. */
	expect_pages(w, 4, "mapped");
}

/* Aligned virtual addresses but physical ones off by a page: pages only. */
WALKER_TEST(paging_misaligned_phys_uses_pages)
{
	if (!map(w, pg, SZ_1G, 2 * SZ_1G + SZ_4K, 2 * SZ_2M, RW))
		return;
	expect_leaf(w, pg, SZ_1G, 2 * SZ_1G + SZ_4K, 2);
	expect_leaf(w, pg, SZ_1G + SZ_2M, 2 * SZ_1G + SZ_2M + SZ_4K, 2);
	expect_range(w, pg, SZ_1G, 2 * SZ_1G + SZ_4K, 2 * SZ_2M);
	expect_pages(w, 3, "mapped");
}

/*
 * A page out of the middle of a GiB splits the block down to pages; giving
 * it back merges it up to one block and frees both tables.
 */
WALKER_TEST(paging_split_and_merge)
{
	u64 virt = 2 * SZ_1G, phys = 5 * SZ_1G, hole = virt + 0x12345000;
	u64 after_hole = hole + SZ_4K;
	struct lookup block, l;

	if (!map(w, pg, virt, phys, SZ_1G, RW | PAGING_EXEC))
		return;
	block = w->f->translate(pg, virt);
	expect_leaf(w, pg, virt, phys, 0);
	expect_pages(w, 0, "one block");
	flushes[w->kind] = 0;
	if (!unmap(w, pg, hole, SZ_4K))
		return;
	if (!flushes[w->kind])
		test_fail("%s: unmap did not flush", w->name);
	expect_unmapped(w, pg, hole);
	expect_range(w, pg, virt, phys, hole - virt);
	expect_range(w, pg, after_hole, phys + (after_hole - virt),
		     virt + SZ_1G - after_hole);
	expect_leaf(w, pg, hole - SZ_4K, phys + (hole - SZ_4K - virt), 2);
	expect_leaf(w, pg, virt, phys, 1);
	l = w->f->translate(pg, after_hole);
	if (l.attrs != block.attrs)
		test_fail("%s: split leaf %#llx, block %#llx", w->name,
			  l.attrs, block.attrs);
	expect_pages(w, 2, "split");

	if (!map(w, pg, hole, phys + (hole - virt), SZ_4K, RW | PAGING_EXEC))
		return;
	expect_leaf(w, pg, hole, phys + (hole - virt), 0);
	l = w->f->translate(pg, virt);
	if (l.attrs != block.attrs)
		test_fail("%s: merged block %#llx, was %#llx", w->name,
			  l.attrs, block.attrs);
	expect_pages(w, 0, "merged");
}

/*
 * A block over a split range replaces its tables, but frees them only
 * after the flush: until then other CPUs may still walk through them.
 */
WALKER_TEST(paging_block_over_tables_flushes_first)
{
	if (!map(w, pg, SZ_1G, SZ_1G, SZ_4K, RW))
		return;
	expect_pages(w, 2, "one page");
	flushes[w->kind] = 0;
	if (!map(w, pg, 0, 4 * SZ_1G, 2 * SZ_1G, PAGING_READ))
		return;
	if (used_at_flush != w->root_pages + 2)
		test_fail("%s: %llu pages in use at the first flush, expected %llu",
			  w->name, used_at_flush, w->root_pages + 2);
	expect_leaf(w, pg, SZ_1G + SZ_4K, 5 * SZ_1G + SZ_4K, 0);
	expect_pages(w, 0, "two blocks");
}

/* Other attributes or another address on one page prevent a merge. */
WALKER_TEST(paging_merge_needs_uniform_leaves)
{
	if (!map(w, pg, 0, 0, SZ_2M, RW) ||
	    !map(w, pg, SZ_4K, SZ_4K, SZ_4K, PAGING_READ) ||
	    !map(w, pg, 2 * SZ_4K, 3 * SZ_4K, SZ_4K, RW))
		return;
	expect_leaf(w, pg, 0, 0, 2);
	expect_leaf(w, pg, 2 * SZ_4K, 3 * SZ_4K, 2);
	if (w->f->translate(pg, 0).attrs == w->f->translate(pg, SZ_4K).attrs)
		test_fail("%s: read-only page like its neighbours", w->name);
	map(w, pg, SZ_4K, SZ_4K, SZ_4K, RW);
	expect_leaf(w, pg, 0, 0, 2);
	map(w, pg, 2 * SZ_4K, 2 * SZ_4K, SZ_4K, RW);
	expect_leaf(w, pg, 0, 0, 1);
	/* The GiB's table keeps one 2 MiB block: not uniform. */
	expect_pages(w, 1, "merged to 2 MiB");
}

/* Unmapping everything that was mapped gives every table back. */
WALKER_TEST(paging_unmap_all_frees_tables)
{
	static const struct { u64 virt, phys, size; } maps[] = {
		{ 0x80000000, 0x80000000, 0x12345000 },
		{ 0x40201000, 0x90201000, 0x3000 },
		{ 0x7fe00000, 0x1fe00000, 0x400000 },
		{ 0x3fff000, 0x3fff000, 0x80002000 },
		{ 0x500000000, 0x100000000, 0x40000000 },
	};
	unsigned int n;

	for (n = 0; n < ARRAY_LEN(maps); n++)
		map(w, pg, maps[n].virt, maps[n].phys, maps[n].size, RW);
	expect_range(w, pg, maps[4].virt, maps[4].phys, maps[4].size);
	for (n = 0; n < ARRAY_LEN(maps); n++)
		unmap(w, pg, maps[n].virt, maps[n].size);
	for (n = 0; n < ARRAY_LEN(maps); n++)
		expect_unmapped(w, pg, maps[n].virt);
	expect_pages(w, 0, "all unmapped");
}

/* Above the translated range the root index would wrap to low addresses. */
WALKER_TEST(paging_refuses_out_of_range)
{
	u64 end = w == RISCV_GUEST ? 1ULL << 41 : 1ULL << 39;

	if (w->f->map(pg, end, 0, SZ_4K, RW) != -EINVAL ||
	    w->f->map(pg, end - SZ_4K, 0, 2 * SZ_4K, RW) != -EINVAL ||
	    w->f->unmap(pg, ~0ULL - SZ_4K + 1, SZ_4K) != -EINVAL)
		test_fail("%s: mapped past %#llx", w->name, end);
	map(w, pg, end - SZ_4K, 0, SZ_4K, RW);
	expect_leaf(w, pg, end - SZ_4K, 0, 2);
	expect_pages(w, 2, "last page mapped");
}

/*
 * The Sv39x4 root: four pages aligned to 16 KiB, although the pool's next
 * free page is not, and guest-physical addresses up to 2^41.
 */
TEST(paging_riscv_gstage_root)
{
	const struct walker *w = RISCV_GUEST;
	u64 top = (1ULL << 41) - SZ_2M, low = 0x1234567000ULL;
	struct paging pg;
	void *first;

	pool_reset();
	first = page_alloc();
	if (((u64)first + SZ_4K) % 16384 == 0)
		test_fail("the next free page is aligned: nothing tested");
	if (riscv_paging_init(&pg, PAGING_GUEST)) {
		test_fail("init failed");
		return;
	}
	if ((u64)pg.root & 0x3fff)
		test_fail("root %p is not 16 KiB aligned", (void *)pg.root);
	expect_pages(w, 1, "root and the first page");
	if (!map(w, &pg, 1ULL << 39, SZ_1G, SZ_1G, RW) ||
	    !map(w, &pg, top, 3 * SZ_1G, SZ_2M, RW) ||
	    !map(w, &pg, low, 0x89abc000, SZ_4K, RW))
		return;
	expect_leaf(w, &pg, (1ULL << 39) + 0x5000, SZ_1G + 0x5000, 0);
	expect_leaf(w, &pg, top + SZ_2M - 1, 3 * SZ_1G + SZ_2M - 1, 1);
	expect_leaf(w, &pg, low, 0x89abc000, 2);
	expect_unmapped(w, &pg, 0);
	expect_unmapped(w, &pg, top & ((1ULL << 39) - 1));
	if (!pg.root[512] || !pg.root[2047])
		test_fail("root entries 512 and 2047 unused");
	if (riscv_hgatp(&pg, 0x2a) !=
	    ((8ULL << 60) | (0x2aULL << 44) | ((u64)pg.root >> 12)))
		test_fail("hgatp %#llx", riscv_hgatp(&pg, 0x2a));
	unmap(w, &pg, 1ULL << 39, SZ_1G);
	unmap(w, &pg, top, SZ_2M);
	unmap(w, &pg, low, SZ_4K);
	expect_pages(w, 1, "unmapped");
	page_free(first);
	destroy(w, &pg);
}

/* The attributes of a leaf mapped with flags, 0 if there is none. */
static u64 leaf_attrs(const struct walker *w, unsigned int flags)
{
	struct paging pg;
	struct lookup l;

	if (!start(w, &pg) || !map(w, &pg, SZ_2M, SZ_2M, SZ_4K, flags))
		return ~0ULL;
	l = w->f->translate(&pg, SZ_2M);
	destroy(w, &pg);
	return l.mapped ? l.attrs : 0;
}

#define EXPECT_ATTRS(w, flags, want)					\
	do {								\
		u64 got = leaf_attrs(w, flags);				\
		if (got != (want))					\
			test_fail("%s %s: %#llx, expected %#llx",	\
				  (w)->name, #flags, got, (u64)(want));	\
	} while (0)

/*
 * arm64 from the ARM ARM: AF bit 10, SH bits 9:8, XN bit 54; EL2 AttrIndx
 * bits 4:2 and AP[2:1] bits 7:6 with AP[1] RES1; stage 2 MemAttr bits 5:2
 * and S2AP bits 7:6.
 */
TEST(paging_arm64_attributes)
{
	const struct walker *hyp = ARM64_HYP, *guest = ARM64_GUEST;
	u64 af = 1ULL << 10, sh = 3ULL << 8, xn = 1ULL << 54;
	u64 ap_rw = 1ULL << 6, ap_ro = 3ULL << 6;
	u64 s2_r = 1ULL << 6, s2_rw = 3ULL << 6, wb = 0xfULL << 2;

	EXPECT_ATTRS(hyp, RW | PAGING_EXEC, af | sh | ap_rw | 0 << 2);
	EXPECT_ATTRS(hyp, RW, af | sh | xn | ap_rw);
	EXPECT_ATTRS(hyp, PAGING_READ, af | sh | xn | ap_ro);
	EXPECT_ATTRS(hyp, RW | PAGING_DEVICE, af | xn | ap_rw | 1 << 2);
	EXPECT_ATTRS(hyp, RW | PAGING_UNCACHED, af | sh | xn | ap_rw | 2 << 2);
	EXPECT_ATTRS(guest, RW | PAGING_EXEC, af | sh | s2_rw | wb);
	EXPECT_ATTRS(guest, PAGING_READ, af | sh | xn | s2_r | wb);
	EXPECT_ATTRS(guest, RW | PAGING_DEVICE, af | xn | s2_rw | 1 << 2);
	EXPECT_ATTRS(guest, PAGING_READ | PAGING_UNCACHED,
		     af | sh | xn | s2_r | 5 << 2);
	EXPECT_ATTRS(guest, 0, af | sh | xn | wb);
}

/* RISC-V: V R W X U G A D in bits 0-7. */
TEST(paging_riscv_attributes)
{
	const struct walker *hyp = RISCV_HYP, *guest = RISCV_GUEST;
	u64 v = 1, r = 2, w = 4, x = 8, u = 16, a = 64, d = 128;

	EXPECT_ATTRS(hyp, RW | PAGING_EXEC, v | r | w | x | a | d);
	EXPECT_ATTRS(hyp, RW, v | r | w | a | d);
	EXPECT_ATTRS(hyp, 0, v | r | a | d);
	EXPECT_ATTRS(hyp, RW | PAGING_DEVICE, v | r | w | a | d);
	EXPECT_ATTRS(guest, RW | PAGING_EXEC, v | r | w | x | u | a | d);
	EXPECT_ATTRS(guest, PAGING_READ, v | r | u | a | d);
	EXPECT_ATTRS(guest, PAGING_WRITE, v | r | w | u | a | d);
	EXPECT_ATTRS(guest, PAGING_EXEC, v | x | u | a | d);
	EXPECT_ATTRS(guest, RW | PAGING_UNCACHED, v | r | w | u | a | d);
}

/* RISC-V has no leaf that grants nothing: no mapping, and no tables. */
TEST(paging_riscv_no_access_leaves_no_tables)
{
	const struct walker *w = RISCV_GUEST;
	struct paging pg;

	if (!start(w, &pg) || !map(w, &pg, SZ_2M, SZ_2M, SZ_4K, 0))
		return;
	expect_unmapped(w, &pg, SZ_2M);
	expect_pages(w, 0, "no-access page");
	destroy(w, &pg);
}

TEST(page_pool_aligned_runs)
{
	void *one, *run, *again;

	pool_reset();
	one = page_alloc();
	run = pages_alloc_aligned(4, 16384);
	again = pages_alloc_aligned(2, 8192);
	if (!one || !run || !again) {
		test_fail("allocation failed");
		return;
	}
	if ((u64)run & 16383 || (u64)again & 8191)
		test_fail("misaligned: %p %p", run, again);
	if ((char *)again != (char *)one + SZ_4K &&
	    (u64)((char *)one + SZ_4K) % 8192 == 0)
		test_fail("the 8 KiB run skipped a free aligned spot");
	if (page_pool_used() != 7)
		test_fail("%llu pages in use, expected 7", page_pool_used());
	pages_free(run, 4);
	pages_free(again, 2);
	page_free(one);
	if (page_pool_used())
		test_fail("%llu pages still in use", page_pool_used());
}

/* Past the 32nd page of a bitmap word, and an aligned run in a full pool. */
TEST(page_pool_full)
{
	char *base, *page, *next;
	u64 n = 0;

	pool_reset();
	base = page_alloc();
	for (page = base; page; page = next, n++) {
		next = page_alloc();
		if (next && next != page + SZ_4K) {
			test_fail("page %llu at %p after %p", n + 1, next, page);
			return;
		}
	}
	if (n != page_pool_pages() || page_pool_used() != n)
		test_fail("%llu pages allocated, %llu used, pool of %llu", n,
			  page_pool_used(), page_pool_pages());
	/* Page i is 16 KiB aligned where i + 1 is a multiple of four. */
	if ((u64)(base + 39 * SZ_4K) % 16384)
		test_fail("the arena moved: page 39 is not aligned");
	page_free(base + 37 * SZ_4K);
	pages_free(base + 38 * SZ_4K, 5);
	if (pages_alloc_aligned(4, 16384) != base + 39 * SZ_4K)
		test_fail("aligned run not at page 39");
	if (page_alloc() != base + 37 * SZ_4K ||
	    page_alloc() != base + 38 * SZ_4K)
		test_fail("single pages not first fit");
	if (page_alloc() || pages_alloc_aligned(1, 8192))
		test_fail("allocated from a full pool");
}
