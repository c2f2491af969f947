/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_PAGING_H
#define _ARCH_PAGING_H

/* MAIR_EL2 attribute slots the EL2 tables use. */
#define MAIR_IDX_NORMAL		0
#define MAIR_IDX_DEVICE		1
#define MAIR_IDX_NORMAL_NC	2
#define MAIR_EL2_VALUE		(0xffULL | (0x04ULL << 8) | (0x44ULL << 16))

/* 39-bit addresses, 4 KiB granule, walks start at level 1. */
#define VA_BITS			39

#ifndef __ASSEMBLY__
#include <core/types.h>

/* Maps a device window into the hypervisor's own address space. */
int arch_map_device(u64 address, u64 size);
#endif

#endif
