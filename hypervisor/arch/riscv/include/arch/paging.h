/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RISC-V page-table entries for core/paging.c: Sv39 for the hypervisor's
 * own HS-mode translation, Sv39x4 for a cell's G-stage. Both have three
 * levels and the same entry format; Sv39x4 widens the root to 2048 entries
 * for 41-bit guest-physical addresses.
 */
#ifndef _ARCH_PAGING_H
#define _ARCH_PAGING_H

#include <bulkhead/cell-config.h>
#include <core/paging.h>
#include <core/types.h>

#define ARCH_PAGING_LEVELS	3

#define PTE_V		BIT(0)
#define PTE_R		BIT(1)
#define PTE_W		BIT(2)
#define PTE_X		BIT(3)
#define PTE_U		BIT(4)
#define PTE_A		BIT(6)
#define PTE_D		BIT(7)
#define PTE_PPN_SHIFT	10
#define PTE_PPN_MASK	(((1ULL << 44) - 1) << PTE_PPN_SHIFT)

#define HGATP_MODE_SV39X4	(8ULL << 60)
#define HGATP_VMID_SHIFT	44
#define HGATP_VMID_MASK		0x3fffULL

static inline unsigned int arch_paging_root_entries(enum paging_kind kind)
{
	/* A level-2 entry spans 1 GiB; the G-stage root spans the ABI's limit. */
	return kind == PAGING_GUEST ?
		1U << (BULKHEAD_RISCV64_GUEST_ADDR_BITS - 30) : 512;
}

static inline bool arch_pte_valid(u64 pte)
{
	return pte & PTE_V;
}

/* A valid entry that grants nothing points to the next level. */
static inline bool arch_pte_is_table(u64 pte, unsigned int level)
{
	return level < ARCH_PAGING_LEVELS - 1 &&
	       (pte & (PTE_V | PTE_R | PTE_W | PTE_X)) == PTE_V;
}

static inline u64 arch_pte_addr(u64 pte)
{
	return (pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT << 12;
}

static inline u64 arch_pte_table(u64 table)
{
	return table >> 12 << PTE_PPN_SHIFT | PTE_V;
}

/* Leaves look the same at every level; only the alignment differs. */
static inline u64 arch_pte_retarget(u64 leaf, unsigned int level, u64 phys)
{
	return (leaf & ~PTE_PPN_MASK) | phys >> 12 << PTE_PPN_SHIFT;
}

/*
 * A and D are set up front: nothing assumes the hardware updates them, and
 * without that an access to a clear one would fault. G-stage accesses
 * count as user accesses, so guest leaves need U. PAGING_DEVICE and
 * PAGING_UNCACHED have no encoding without Svpbmt (QEMU 7.2's virt has
 * none): the PMAs of the physical address decide, so they are ignored.
 */
static inline u64 arch_pte_leaf(enum paging_kind kind, unsigned int level,
				u64 phys, unsigned int flags)
{
	u64 pte = PTE_V | PTE_A | PTE_D;

	if (kind == PAGING_HYP) {
		/* As on arm64, the hypervisor can always read its mappings. */
		pte |= PTE_R;
	} else {
		pte |= PTE_U;
		/* Write-only is reserved: writing implies reading. */
		if (flags & (PAGING_READ | PAGING_WRITE))
			pte |= PTE_R;
	}
	if (flags & PAGING_WRITE)
		pte |= PTE_W;
	if (flags & PAGING_EXEC)
		pte |= PTE_X;
	/* No R, W or X would make a table pointer: leave it unmapped. */
	if (!(pte & (PTE_R | PTE_X)))
		return 0;
	return arch_pte_retarget(pte, level, phys);
}

/* For a cell's hgatp CSR: Sv39x4 mode, the VMID (14 bits) and the root. */
static inline u64 riscv_hgatp(const struct paging *pg, u16 vmid)
{
	return HGATP_MODE_SV39X4 |
	       (vmid & HGATP_VMID_MASK) << HGATP_VMID_SHIFT |
	       (u64)pg->root >> 12;
}

/* arch/riscv/paging.c */
void arch_paging_flush(enum paging_kind kind);
void arch_paging_table_barrier(void);

#endif
