/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_PAGE_ALLOC_H
#define _CORE_PAGE_ALLOC_H

#include <core/types.h>

int page_pool_init(paddr_t start, u64 size);
void *page_alloc(void);
void page_free(void *page);
void *pages_alloc(unsigned int n);
void *pages_alloc_aligned(unsigned int n, u64 align);
void pages_free(void *pages, unsigned int n);
u64 page_pool_pages(void);
u64 page_pool_used(void);

#endif
