/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Physical memory layout of the arm64 QEMU test machine
 * (-M virt,virtualization=on,gic-version=3,its=off -m 1G).
 *
 * This file is the one source of the layout: the configs include it and
 * ci/vm parses BULKHEAD_RESERVED_* to put the no-map reserved-memory node into
 * the machine's device tree, so Linux never uses memory that bulkhead hands
 * to the hypervisor or to cells.
 */
#ifndef _CONFIGS_ARM64_QEMU_VIRT_LAYOUT_H
#define _CONFIGS_ARM64_QEMU_VIRT_LAYOUT_H

/* For configs shared by both machines (tests/configs/common). */
#define QEMU_VIRT_ARCHITECTURE		BULKHEAD_ARCH_ARM64

#define QEMU_VIRT_RAM_BASE		0x40000000
#define QEMU_VIRT_RAM_SIZE		0x40000000

/* Everything from here to the end of RAM is invisible to root Linux. */
#define BULKHEAD_RESERVED_BASE		0x70000000
#define BULKHEAD_RESERVED_SIZE		0x10000000

/* RAM root Linux runs in. */
#define ROOT_RAM_BASE			QEMU_VIRT_RAM_BASE
#define ROOT_RAM_SIZE			(BULKHEAD_RESERVED_BASE - QEMU_VIRT_RAM_BASE)

/* Memory root owns but Linux does not use: cells are carved out of it. */
#define CELL_POOL_BASE			BULKHEAD_RESERVED_BASE
#define CELL_POOL_SIZE			0x0f000000

/* The hypervisor's own memory: code, data, page pool. */
#define HYPERVISOR_BASE			(CELL_POOL_BASE + CELL_POOL_SIZE)
#define HYPERVISOR_SIZE			0x01000000

/* Regions of the shipped cells, inside the cell pool. */
#define INMATE_RAM_BASE			0x7e000000
#define INMATE_RAM_SIZE			0x00100000
#define INMATE2_RAM_BASE		0x7e100000
#define INMATE2_RAM_SIZE		0x00100000

/* The non-root Linux cell: RAM at the same cell and physical addresses, so
 * the DMA addresses its virtio driver programs are physical ones. */
#define LINUX_RAM_BASE			0x70000000
#define LINUX_RAM_SIZE			0x08000000

/*
 * The virtio pool of the Linux cell with virtio devices
 * (qemu-virt-linux-virtio.c), which uses LINUX_RAM_* as well: right above
 * that RAM, below the inmate cells' RAM. The only part of the cell's
 * memory root's virtio backend sees.
 */
#define LINUX_VIRTIO_POOL_BASE		0x78000000
#define LINUX_VIRTIO_POOL_SIZE		0x01000000

#endif
