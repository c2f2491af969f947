/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fixed facts of the riscv64 inmate environment. Included from assembly
 * and the linker script too, so only plain numbers here.
 */
#ifndef _INMATE_ASM_LAYOUT_H
#define _INMATE_ASM_LAYOUT_H

#ifdef INMATE_BARE
/*
 * A smoke test on QEMU without the hypervisor (make BARE=1): OpenSBI jumps
 * to an S-mode payload at 0x80200000. The comm region is a page of zeroed
 * RAM well above the image, so it reads as absent and nothing asks for a
 * shutdown.
 */
#define INMATE_LOAD_ADDR	0x80200000
#define INMATE_COMM_REGION	0x80600000
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

/* Used when the comm region leaves the PLIC address zero (QEMU virt's). */
#define INMATE_PLIC_DEFAULT	0x0c000000

#endif
