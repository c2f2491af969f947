/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page tables, behind an arch interface: the hypervisor's own translation
 * (PAGING_HYP) and a cell's guest-physical translation (PAGING_GUEST).
 */
#ifndef _CORE_PAGING_H
#define _CORE_PAGING_H

#include <core/types.h>

#define PAGING_READ		0x01
#define PAGING_WRITE		0x02
#define PAGING_EXEC		0x04
#define PAGING_DEVICE		0x08	/* device memory, never cached */
#define PAGING_UNCACHED		0x10	/* normal memory, not cached */

enum paging_kind { PAGING_HYP, PAGING_GUEST };

struct paging {
	enum paging_kind kind;
	u64 *root;		/* physical == hypervisor-virtual */
};

int paging_init(struct paging *pg, enum paging_kind kind);
/* The end of the address space tables of this kind translate. */
u64 paging_limit(enum paging_kind kind);
int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size,
	       unsigned int flags);
int paging_unmap(struct paging *pg, u64 virt, u64 size);
void paging_destroy(struct paging *pg);

#endif
