/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The device tree of a Linux cell, written with libfdt by linux-dt.c.
 * Documentation/linux-cell.md says which nodes it holds and why.
 */
#ifndef _TOOLS_LINUX_DT_H
#define _TOOLS_LINUX_DT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <bulkhead/cell-config.h>

/* booting.rst: the DTB must not exceed 2 MiB. */
#define BH_LINUX_DT_MAX		0x200000ULL

struct bh_linux_dt_args {
	/* A validated arm64 cell config. */
	const struct bulkhead_cell_desc *cell;
	/* Hardware facts: the root Linux's flattened device tree. */
	const void *root;
	size_t root_size;
	const char *root_path;		/* for messages */
	/* -d DTB: start from this tree instead (NULL: build one). */
	const void *base;
	size_t base_size;
	const char *base_path;
	/* Appended to the command line (NULL: nothing). */
	const char *cmdline;
	/* Cell addresses of the initrd; end == start: none. */
	unsigned long long initrd_start, initrd_end;
	/* Where to say which devices the cell gets (NULL: nowhere). */
	FILE *report;
};

/*
 * The phandle of a node's interrupt parent (inherited from its ancestors),
 * 0 if none. Also used by `config create` (config-gen.c).
 */
uint32_t bh_fdt_interrupt_parent(const void *fdt, int node);

/*
 * Whether a tree whose header fdt_check_header() took is whole: its
 * reservation map ends, its structure block is aligned, one root node ends
 * it, every property has a name. libfdt trusts that: a node after the
 * root's end makes fdt_get_path() write before its buffer, a map without
 * its end makes fdt_open_into() copy a negative size, and libfdt's writers
 * copy a nameless property into their output. Also used by `config
 * create` (config-gen.c).
 */
int bh_fdt_well_formed(const void *fdt);

/*
 * Builds the tree into a malloc'ed buffer (*fdt, *size, packed). Returns 0,
 * or -1 after saying what is wrong.
 */
int bh_linux_dt_build(const struct bh_linux_dt_args *args, void **fdt,
		      size_t *size);

/* The cell's RAM: not I/O, not the comm region. */
static inline int bh_linux_is_ram(const struct bulkhead_memory *mem)
{
	return !(mem->flags & (BULKHEAD_MEM_IO | BULKHEAD_MEM_COMM_REGION));
}

#endif /* _TOOLS_LINUX_DT_H */
