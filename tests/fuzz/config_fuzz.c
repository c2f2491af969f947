// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target of the config validator.
 *
 * The input is checked as a system config and as a cell config against the
 * shipped arm64 system configs (GICv3 and GICv2). When it passes as a
 * system config, the
 * shipped cell is checked against it; when it passes as a cell, it is
 * checked against the shipped cell. The validator must never read outside
 * the input, whatever the input says about itself: the input is copied into
 * an allocation of exactly its size, so AddressSanitizer sees every stray
 * read.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/config-check.h>

extern const void *const fuzz_system;
extern const unsigned long fuzz_system_size;
extern const void *const fuzz_system_gicv2;
extern const unsigned long fuzz_system_gicv2_size;
extern const void *const fuzz_cell;
extern const unsigned long fuzz_cell_size;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* A fuzzer against a rejected system config would test nothing. */
	if (bulkhead_check_system(fuzz_system, fuzz_system_size, NULL) ||
	    bulkhead_check_cell(fuzz_cell, fuzz_cell_size, fuzz_system, NULL) ||
	    bulkhead_check_system(fuzz_system_gicv2, fuzz_system_gicv2_size,
				  NULL) ||
	    bulkhead_check_cell(fuzz_cell, fuzz_cell_size, fuzz_system_gicv2,
				NULL))
		abort();
	return 0;
}

/* Formatting must stay inside its buffer and terminate it. */
static void format(const struct bulkhead_config_error *err)
{
	char small[24], big[512];
	int n;

	n = bulkhead_config_error_format(err, small, sizeof(small));
	if (n < 0 || (size_t)n >= sizeof(small) || strlen(small) != (size_t)n)
		abort();
	n = bulkhead_config_error_format(err, big, sizeof(big));
	if (n <= 0 || strlen(big) != (size_t)n)
		abort();
}

static void as_system(const void *blob, size_t size)
{
	struct bulkhead_config_error err;

	if (bulkhead_check_system(blob, size, &err)) {
		format(&err);
		return;
	}
	if (!bulkhead_check_cell(fuzz_cell, fuzz_cell_size, blob, &err))
		bulkhead_check_root_keeps_cpu(blob,
			((const struct bulkhead_cell_desc *)fuzz_cell)->cpu_set,
			&err);
}

static void as_cell(const void *blob, size_t size)
{
	const struct bulkhead_cell_desc *cell = blob;
	struct bulkhead_config_error err;

	if (bulkhead_check_cell(blob, size, NULL, &err))
		format(&err);
	if (bulkhead_check_cell(blob, size, fuzz_system_gicv2, &err))
		format(&err);
	if (bulkhead_check_cell(blob, size, fuzz_system, &err)) {
		format(&err);
		return;
	}
	if (bulkhead_check_cells_disjoint(fuzz_cell, cell, &err))
		format(&err);
	if (bulkhead_check_cells_disjoint(cell, fuzz_cell, &err))
		format(&err);
	bulkhead_check_root_keeps_cpu(fuzz_system, cell->cpu_set, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *blob = malloc(size ? size : 1);

	if (!blob)
		return 0;
	memcpy(blob, data, size);
	as_system(blob, size);
	as_cell(blob, size);
	free(blob);
	return 0;
}
