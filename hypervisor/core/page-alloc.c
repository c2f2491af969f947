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
	u64 search_from;
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
	pool.search_from = 0;
	publish();
	return 0;
}

void *page_alloc(void)
{
	void *page = NULL;
	u64 n, i;

	spin_lock(&pool.lock);
	for (i = 0; i < pool.pages; i++) {
		n = (pool.search_from + i) % pool.pages;
		if (pool.bitmap[n / 64] & BIT(n % 64))
			continue;
		pool.bitmap[n / 64] |= BIT(n % 64);
		pool.used++;
		pool.search_from = n + 1;
		page = (void *)(pool.first_page + n * PAGE_SIZE);
		break;
	}
	publish();
	spin_unlock(&pool.lock);
	if (page)
		memset(page, 0, PAGE_SIZE);
	return page;
}

void page_free(void *page)
{
	u64 n = ((paddr_t)page - pool.first_page) / PAGE_SIZE;

	spin_lock(&pool.lock);
	if (n < pool.pages && (pool.bitmap[n / 64] & BIT(n % 64))) {
		pool.bitmap[n / 64] &= ~BIT(n % 64);
		pool.used--;
	}
	publish();
	spin_unlock(&pool.lock);
}

u64 page_pool_pages(void)
{
	return pool.pages;
}

u64 page_pool_used(void)
{
	return pool.used;
}
