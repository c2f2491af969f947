/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The one validator of bulkhead config blobs (common/config-check.c).
 *
 * The same code runs in the hypervisor, the Linux driver, the CLI, the unit
 * tests and the fuzzer, so a config the CLI accepts is a config the hypervisor
 * accepts. It is freestanding: no libc, no allocation, no global state.
 *
 * Blobs must be 8-byte aligned (as malloc, kmalloc and vmalloc return them):
 * the structures are read in place.
 */
#ifndef _BULKHEAD_CONFIG_CHECK_H
#define _BULKHEAD_CONFIG_CHECK_H

#include <bulkhead/cell-config.h>

/* The only error the checks return, negated; callers map it to -EINVAL. */
#define BULKHEAD_EINVAL		22

/*
 * Why a config was rejected. Printed as "<field>: <reason> (0x<value>)" by
 * bulkhead_config_error_format().
 *
 * field and reason may point into where[] and text[] of the same structure,
 * so a copy of the structure must not be used after the original is gone;
 * bulkhead_config_error_format() reads where[] and text[] of its argument,
 * so it is safe on a copy.
 */
struct bulkhead_config_error {
	/* Path of the offending field, e.g. "root_cell.memory[2].size". */
	const char *field;
	/*
	 * Why the field is wrong and, where sensible, how to fix it: a static
	 * string or, when the message carries numbers, text[].
	 */
	const char *reason;
	__u64 value;		/* the offending value, if has_value */
	int has_value;
	char where[96];		/* storage for field */
	char text[160];		/* storage for a reason built at run time */
};

/*
 * Checks a system config blob of size bytes: the header, the hypervisor
 * memory, the debug console, the irqchip and the root cell with its arrays.
 * The architecture is taken from the blob; callers compare it to their own.
 * Returns 0 or -BULKHEAD_EINVAL with *err filled in. err may be NULL.
 */
int bulkhead_check_system(const void *blob, __u64 size,
			  struct bulkhead_config_error *err);

/*
 * Checks a cell config blob of size bytes, alone and against sys, a system
 * config bulkhead_check_system() accepted: CPUs, memory and interrupts must
 * be the root cell's to give. With sys NULL, only the checks that need no
 * system are made.
 */
int bulkhead_check_cell(const void *blob, __u64 size,
			const struct bulkhead_system *sys,
			struct bulkhead_config_error *err);

/*
 * Checks that two accepted cells share no CPU, no physical memory (unless
 * both regions are BULKHEAD_MEM_ROOTSHARED), no interrupt and no name.
 * Errors name a field of b and mention a by name.
 */
int bulkhead_check_cells_disjoint(const struct bulkhead_cell_desc *a,
				  const struct bulkhead_cell_desc *b,
				  struct bulkhead_config_error *err);

/*
 * Checks that the root cell keeps at least one CPU when the cells together
 * take the CPUs in taken (the union of their cpu_sets).
 */
int bulkhead_check_root_keeps_cpu(const struct bulkhead_system *sys,
				  __u64 taken,
				  struct bulkhead_config_error *err);

/*
 * Formats "<field>: <reason> (0x<value>)" (without the value part if there is
 * none) into buf, always NUL-terminated if len > 0, truncated to fit. Returns
 * the length of the string written.
 */
int bulkhead_config_error_format(const struct bulkhead_config_error *err,
				 char *buf, __u64 len);

/* "arm64", "riscv64", or "unknown" for anything else. */
const char *bulkhead_arch_name(__u16 arch);

/* "net", "block", "console" (BULKHEAD_VIRTIO_*), or "unknown". */
const char *bulkhead_virtio_type_name(__u16 type);

/* "GICv3", "GICv2", "PLIC" (BULKHEAD_IRQCHIP_*), or "unknown". */
const char *bulkhead_irqchip_name(__u16 type);

/*
 * The end of the guest-physical address space the hypervisor translates on
 * this architecture (1 << BULKHEAD_*_GUEST_ADDR_BITS), 0 if it is unknown.
 */
__u64 bulkhead_guest_addr_limit(__u16 arch);

#endif /* _BULKHEAD_CONFIG_CHECK_H */
