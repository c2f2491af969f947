/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Physical memory layout of the riscv64 QEMU test machine
 * (-M virt -cpu rv64,h=true -m 1G, OpenSBI in M-mode).
 *
 * This file is the one source of the layout: the configs include it and
 * ci/vm parses BULKHEAD_RESERVED_* to put the no-map reserved-memory node into
 * the machine's device tree. The top 32 MiB of RAM stay Linux's because QEMU
 * places the device tree at the top of RAM minus 2 MiB.
 */
#ifndef _CONFIGS_RISCV64_QEMU_VIRT_LAYOUT_H
#define _CONFIGS_RISCV64_QEMU_VIRT_LAYOUT_H

/* For configs shared by both machines (tests/configs/common). */
#define QEMU_VIRT_ARCHITECTURE		BULKHEAD_ARCH_RISCV64

#define QEMU_VIRT_RAM_BASE		0x80000000
#define QEMU_VIRT_RAM_SIZE		0x40000000

#define BULKHEAD_RESERVED_BASE		0xb0000000
#define BULKHEAD_RESERVED_SIZE		0x0e000000

/* Root Linux RAM below and above the reservation (OpenSBI's PMP-protected
 * first 512 KiB are included: Linux skips them by its own reserved node). */
#define ROOT_RAM_BASE			QEMU_VIRT_RAM_BASE
#define ROOT_RAM_SIZE			(BULKHEAD_RESERVED_BASE - QEMU_VIRT_RAM_BASE)
#define ROOT_RAM_HIGH_BASE		(BULKHEAD_RESERVED_BASE + BULKHEAD_RESERVED_SIZE)
#define ROOT_RAM_HIGH_SIZE		(QEMU_VIRT_RAM_BASE + QEMU_VIRT_RAM_SIZE - ROOT_RAM_HIGH_BASE)

#define CELL_POOL_BASE			BULKHEAD_RESERVED_BASE
#define CELL_POOL_SIZE			0x0d000000

#define HYPERVISOR_BASE			(CELL_POOL_BASE + CELL_POOL_SIZE)
#define HYPERVISOR_SIZE			0x01000000

#define INMATE_RAM_BASE			0xbc000000
#define INMATE_RAM_SIZE			0x00100000
#define INMATE2_RAM_BASE		0xbc100000
#define INMATE2_RAM_SIZE		0x00100000

/* The non-root Linux cell: RAM at the same cell and physical addresses, so
 * the DMA addresses its virtio driver programs are physical ones. Below the
 * inmate cells' RAM, inside the cell pool. */
#define LINUX_RAM_BASE			0xb0000000
#define LINUX_RAM_SIZE			0x08000000

/*
 * The virtio pool of the Linux cell with virtio devices
 * (qemu-virt-linux-virtio.c), which uses LINUX_RAM_* as well: right above
 * that RAM, below the inmate cells' RAM. The only part of the cell's
 * memory root's virtio backend sees.
 */
#define LINUX_VIRTIO_POOL_BASE		0xb8000000
#define LINUX_VIRTIO_POOL_SIZE		0x01000000

#endif
