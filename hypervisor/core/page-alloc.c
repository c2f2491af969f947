// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's page pool: every page in the hypervisor memory after the
 * image and the system config. A bitmap at the pool's start tracks which are
 * in use. Pages come back zeroed, because page tables need that and nothing
 * may leak between cells.
 */
#include <core/page-alloc.h>
#include <core/shared.h>
#include <core/spinlock.h>

static struct {
	u64 *bitmap;
	paddr_t first_page;
	u64 pages;
	u64 used;
	spinlock_t lock;
} pool;

static void publish(void)
{
	WRITE_ONCE(shared_region.pool_pages, pool.pages);
	WRITE_ONCE(shared_region.pool_used, pool.used);
}

int page_pool_init(paddr_t start, u64 size)
{
	u64 total = size / PAGE_SIZE;
	u64 bitmap_pages = PAGES((total + 7) / 8);

	if (total <= bitmap_pages + 16)
		return -ENOMEM;
	pool.bitmap = (u64 *)start;
	memset(pool.bitmap, 0, bitmap_pages * PAGE_SIZE);
	pool.first_page = start + bitmap_pages * PAGE_SIZE;
	pool.pages = total - bitmap_pages;
	pool.used = 0;
	publish();
	return 0;
}

/* bool is an int: the bit must not be truncated to it. */
static bool page_used(u64 page)
{
	return (pool.bitmap[page / 64] & BIT(page % 64)) != 0;
}

/*
 * n consecutive free pages starting at a physical address that is a
 * multiple of align (a power of two, at least PAGE_SIZE), zeroed, or NULL.
 * Some tables must be aligned to their size: a RISC-V G-stage root spans
 * four pages.
 */
void *pages_alloc_aligned(unsigned int n, u64 align)
{
	u64 stride = align / PAGE_SIZE, first, i;
	void *pages = NULL;

	if (!n || !stride)
		return NULL;
	spin_lock(&pool.lock);
	first = (ALIGN_UP(pool.first_page, align) - pool.first_page) / PAGE_SIZE;
	while (first + n <= pool.pages) {
		for (i = 0; i < n && !page_used(first + i); i++)
			;
		if (i == n) {
			for (i = 0; i < n; i++)
				pool.bitmap[(first + i) / 64] |=
					BIT((first + i) % 64);
			pool.used += n;
			pages = (void *)(pool.first_page + first * PAGE_SIZE);
			break;
		}
		/* No run can start before the used page just found. */
		first += (i / stride + 1) * stride;
	}
	publish();
	spin_unlock(&pool.lock);
	if (pages)
		memset(pages, 0, n * PAGE_SIZE);
	return pages;
}

/* n consecutive free pages, zeroed, or NULL. */
void *pages_alloc(unsigned int n)
{
	return pages_alloc_aligned(n, PAGE_SIZE);
}

void *page_alloc(void)
{
	return pages_alloc(1);
}

void pages_free(void *pages, unsigned int n)
{
	u64 first = ((paddr_t)pages - pool.first_page) / PAGE_SIZE, i;

	spin_lock(&pool.lock);
	for (i = first; i < first + n && i < pool.pages; i++) {
		if (pool.bitmap[i / 64] & BIT(i % 64)) {
			pool.bitmap[i / 64] &= ~BIT(i % 64);
			pool.used--;
		}
	}
	publish();
	spin_unlock(&pool.lock);
}

void page_free(void *page)
{
	pages_free(page, 1);
}

u64 page_pool_pages(void)
{
	return pool.pages;
}

u64 page_pool_used(void)
{
	return pool.used;
}
