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

/* n consecutive free pages, zeroed, or NULL. */
void *pages_alloc(unsigned int n)
{
	u64 first, i;
	void *pages = NULL;

	if (!n)
		return NULL;
	spin_lock(&pool.lock);
	for (first = 0; first + n <= pool.pages && !pages; first++) {
		for (i = 0; i < n; i++)
			if (pool.bitmap[(first + i) / 64] & BIT((first + i) % 64))
				break;
		if (i < n) {
			first += i;
			continue;
		}
		for (i = 0; i < n; i++)
			pool.bitmap[(first + i) / 64] |= BIT((first + i) % 64);
		pool.used += n;
		pages = (void *)(pool.first_page + first * PAGE_SIZE);
	}
	publish();
	spin_unlock(&pool.lock);
	if (pages)
		memset(pages, 0, n * PAGE_SIZE);
	return pages;
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
