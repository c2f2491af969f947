/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fixed facts of the arm64 inmate environment. Included from assembly too,
 * so only plain numbers here.
 */
#ifndef _INMATE_ASM_LAYOUT_H
#define _INMATE_ASM_LAYOUT_H

/* The shipped inmate cells give 1 MiB of RAM at cell address 0. */
#define INMATE_LOAD_ADDR	0
#define INMATE_RAM_SIZE		0x100000
/* Where the cell configs put the communication region page. */
#define INMATE_COMM_REGION	0x80000000
/* Equals BULKHEAD_COMM_MAX_CPUS: a cell cannot name more CPUs than that. */
#define INMATE_MAX_CPUS		16
#define INMATE_STACK_SIZE	0x2000

/* Used when the comm region leaves the GIC addresses zero. */
#define INMATE_GICD_DEFAULT	0x08000000
#define INMATE_GICR_DEFAULT	0x080a0000

#endif
