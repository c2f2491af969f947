// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: the machine's system config (configs/ARCH/qemu-virt.c) with
 * one more root RAM region where the machine has nothing (1 MiB above its
 * 1 GiB of RAM on both). The hypervisor must refuse a buffer root names
 * there (a cell config, a CPU dump, the virtio channel) with -EFAULT,
 * not fault itself (tests/system/40-fuzz-root.sh).
 */
#define RAM_HOLE_BASE	0xc0000000
#define RAM_HOLE_SIZE	0x00100000

#define QEMU_VIRT_EXTRA_MEMORY {					\
	.phys_start = RAM_HOLE_BASE,					\
	.virt_start = RAM_HOLE_BASE,					\
	.size = RAM_HOLE_SIZE,						\
	.flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE,		\
}

#include "qemu-virt.c"
