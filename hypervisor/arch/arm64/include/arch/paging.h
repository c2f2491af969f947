/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_PAGING_H
#define _ARCH_PAGING_H

/* MAIR_EL2 attribute slots the EL2 tables use. */
#define MAIR_IDX_NORMAL		0
#define MAIR_IDX_DEVICE		1
#define MAIR_IDX_NORMAL_NC	2
#define MAIR_EL2_VALUE		(0xffULL | (0x04ULL << 8) | (0x44ULL << 16))

/* 39-bit addresses, 4 KiB granule, walks start at level 1. */
#define VA_BITS			BULKHEAD_ARM64_GUEST_ADDR_BITS

#ifndef __ASSEMBLY__
#include <bulkhead/cell-config.h>
#include <core/paging.h>
#include <core/types.h>

/*
 * The entries core/paging.c builds, for EL2 stage 1 and for stage 2 alike.
 * Its levels 0..2 are the architecture's levels 1..3.
 */
#define ARCH_PAGING_LEVELS	3

#define PTE_VALID	BIT(0)
#define PTE_TYPE_MASK	(BIT(0) | BIT(1))
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

/*
 * Both kinds start at level 1 (1 GiB per entry) with one page of 512
 * entries: the guest address space ABI limit and VA_BITS say the same.
 */
_Static_assert(VA_BITS == 39, "a level-1 root of one page covers 39 bits");

static inline unsigned int arch_paging_root_entries(enum paging_kind kind)
{
	return 1U << (VA_BITS - 30);
}

static inline bool arch_pte_valid(u64 pte)
{
	return pte & PTE_VALID;
}

/* At the last level the table encoding means a page. */
static inline bool arch_pte_is_table(u64 pte, unsigned int level)
{
	return level < ARCH_PAGING_LEVELS - 1 &&
	       (pte & PTE_TYPE_MASK) == PTE_TABLE;
}

static inline u64 arch_pte_addr(u64 pte)
{
	return pte & PTE_ADDR_MASK;
}

static inline u64 arch_pte_table(u64 table)
{
	return table | PTE_TABLE;
}

/* The leaf's attributes, for memory at phys, as a leaf of level. */
static inline u64 arch_pte_retarget(u64 leaf, unsigned int level, u64 phys)
{
	return (leaf & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK) | phys |
	       (level == ARCH_PAGING_LEVELS - 1 ? PTE_PAGE : PTE_BLOCK);
}

static inline u64 arch_pte_leaf(enum paging_kind kind, unsigned int level,
				u64 phys, unsigned int flags)
{
	u64 attrs = PTE_AF;

	if (!(flags & PAGING_EXEC))
		attrs |= PTE_XN;
	if (kind == PAGING_HYP) {
		/* EL2 stage 1 cannot take away reading. */
		attrs |= (flags & PAGING_WRITE) ? S1_AP_RW : S1_AP_RO;
		if (flags & PAGING_DEVICE)
			attrs |= S1_ATTR(MAIR_IDX_DEVICE);
		else
			attrs |= PTE_SH_INNER |
				 S1_ATTR(flags & PAGING_UNCACHED ?
					 MAIR_IDX_NORMAL_NC : MAIR_IDX_NORMAL);
	} else {
		if (flags & PAGING_READ)
			attrs |= S2_READ;
		if (flags & PAGING_WRITE)
			attrs |= S2_WRITE;
		if (flags & PAGING_DEVICE)
			attrs |= S2_DEVICE;
		else
			attrs |= PTE_SH_INNER | (flags & PAGING_UNCACHED ?
						 S2_NORMAL_NC : S2_NORMAL_WB);
	}
	return arch_pte_retarget(attrs, level, phys);
}

/* arch/arm64/paging.c */
void arch_paging_flush(enum paging_kind kind);
void arch_paging_table_barrier(void);

/* Maps a device window into the hypervisor's own address space. */
int arch_map_device(u64 address, u64 size);
#endif

#endif
