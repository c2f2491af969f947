/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fixed facts of the arm64 inmate environment. Included from assembly too,
 * so only plain numbers here.
 */
#ifndef _INMATE_ASM_LAYOUT_H
#define _INMATE_ASM_LAYOUT_H

#ifdef INMATE_BARE
/*
 * QEMU virt without a hypervisor (make BARE=1): its RAM starts at
 * 0x40000000, where QEMU loads the ELF and starts it at EL1. The comm
 * region is the page of zeroed RAM right after the inmate's 1 MiB, so it
 * reads as absent and nothing asks for a shutdown; mmu.c maps it in the
 * same 2 MiB as the image.
 */
#define INMATE_LOAD_ADDR	0x40000000
#define INMATE_COMM_REGION	0x40100000
#else
/* The shipped inmate cells give 1 MiB of RAM at cell address 0. */
#define INMATE_LOAD_ADDR	0
/* Where the cell configs put the communication region page. */
#define INMATE_COMM_REGION	0x80000000
#endif

#define INMATE_RAM_SIZE		0x100000
/* Equals BULKHEAD_COMM_MAX_CPUS: a cell cannot name more CPUs than that. */
#define INMATE_MAX_CPUS		16
#define INMATE_STACK_SIZE	0x2000

/*
 * The command line (inmate/cmdline.h): INMATE_CMDLINE_SIZE bytes at this
 * offset from the start of the image, zeros in every image, so that a
 * string loaded over them after the image takes effect and an image loaded
 * alone starts with an empty one:
 * bulkhead cell load NAME IMAGE -s "seed=1 count=100" -a 0x100.
 */
#define INMATE_CMDLINE_OFFSET	0x100
#define INMATE_CMDLINE_SIZE	0x100

/*
 * Used when the comm region leaves the GIC addresses zero (always when
 * bare): QEMU virt's.
 */
#define INMATE_GICD_DEFAULT	0x08000000
#define INMATE_GICR_DEFAULT	0x080a0000
/* GICv2: the CPU interface. */
#define INMATE_GICC_DEFAULT	0x08010000

#endif
