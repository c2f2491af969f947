// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * An identity map of the low 4 GiB, built once by the boot CPU with the
 * MMU still off. The MMU is turned on because with it off every access is
 * Device memory: exclusives (spinlocks, atomics) are not guaranteed to
 * work there, and the comm region, which the hypervisor writes through its
 * caches, would be read around them.
 *
 * RAM and the comm region page are normal write-back memory; everything
 * else is Device-nGnRnE, so that any other access, to the GIC or to memory
 * the cell does not own, reaches the hypervisor exactly as the program
 * issued it and is never speculated.
 */
#include <inmate/types.h>
#include <asm/layout.h>
#include "internal.h"

#define PAGE_SIZE		0x1000ULL
#define BLOCK_SIZE		0x200000ULL	/* level 2 */
#define GIB			0x40000000ULL
#define ENTRIES			512

#define PTE_VALID		(1ULL << 0)
#define PTE_TABLE		(1ULL << 1)	/* levels 1, 2 */
#define PTE_PAGE		(1ULL << 1)	/* level 3 */
#define PTE_ATTR(idx)		((u64)(idx) << 2)
#define PTE_SH_INNER		(3ULL << 8)
#define PTE_AF			(1ULL << 10)
#define PTE_PXN			(1ULL << 53)
#define PTE_UXN			(1ULL << 54)

/* MAIR_EL1 slots, programmed in entry.S. */
#define ATTR_DEVICE		0
#define ATTR_NORMAL		1

#define MEM_NORMAL	(PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define MEM_DATA	(MEM_NORMAL | PTE_PXN)
#define MEM_DEVICE	(PTE_ATTR(ATTR_DEVICE) | PTE_AF | PTE_PXN | PTE_UXN)

_Static_assert(INMATE_RAM_SIZE <= BLOCK_SIZE, "RAM fits one level-3 table");
_Static_assert(INMATE_LOAD_ADDR % GIB == 0 && INMATE_LOAD_ADDR < 4 * GIB,
	       "RAM starts a level-1 entry of the low 4 GiB");
#ifdef INMATE_BARE
/* The comm region is one more page of the same level-3 table. */
_Static_assert(INMATE_COMM_REGION == INMATE_LOAD_ADDR + INMATE_RAM_SIZE &&
	       INMATE_RAM_SIZE + PAGE_SIZE <= BLOCK_SIZE,
	       "comm region is the page after RAM");
#else
_Static_assert(INMATE_COMM_REGION % GIB == 0 && INMATE_COMM_REGION < 4 * GIB,
	       "comm region starts a level-1 entry of the low 4 GiB");
#endif

#define TABLE	__attribute__((aligned(PAGE_SIZE)))

u64 mmu_l1_table[ENTRIES] TABLE;
static u64 ram_l2[ENTRIES] TABLE, ram_l3[ENTRIES] TABLE;
#ifndef INMATE_BARE
static u64 comm_l2[ENTRIES] TABLE, comm_l3[ENTRIES] TABLE;
#endif

/*
 * One GiB at base: its first normal_size bytes get normal_attr, the rest of
 * its first 2 MiB device pages, everything after device blocks.
 */
static void map_gib(u64 *l2, u64 *l3, u64 base, u64 normal_size,
		    u64 normal_attr)
{
	unsigned int i;

	for (i = 0; i < ENTRIES; i++) {
		u64 addr = base + i * PAGE_SIZE;

		l3[i] = addr | PTE_VALID | PTE_PAGE |
			(i * PAGE_SIZE < normal_size ? normal_attr : MEM_DEVICE);
	}
	l2[0] = (u64)l3 | PTE_VALID | PTE_TABLE;
	for (i = 1; i < ENTRIES; i++)
		l2[i] = (base + i * BLOCK_SIZE) | PTE_VALID | MEM_DEVICE;
}

void mmu_build_tables(void)
{
	unsigned int i;

#ifdef INMATE_BARE
	/* The comm region page is mapped as RAM is, by the same table. */
	map_gib(ram_l2, ram_l3, INMATE_LOAD_ADDR, INMATE_RAM_SIZE + PAGE_SIZE,
		MEM_NORMAL);
#else
	map_gib(ram_l2, ram_l3, INMATE_LOAD_ADDR, INMATE_RAM_SIZE, MEM_NORMAL);
	map_gib(comm_l2, comm_l3, INMATE_COMM_REGION, PAGE_SIZE, MEM_DATA);
#endif

	for (i = 0; i < 4; i++)
		mmu_l1_table[i] = (i * GIB) | PTE_VALID | MEM_DEVICE;
	mmu_l1_table[INMATE_LOAD_ADDR / GIB] =
		(u64)ram_l2 | PTE_VALID | PTE_TABLE;
#ifndef INMATE_BARE
	mmu_l1_table[INMATE_COMM_REGION / GIB] =
		(u64)comm_l2 | PTE_VALID | PTE_TABLE;
#endif
}
