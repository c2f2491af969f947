// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead config check|show: offline work on .cell files.
 *
 * These commands need no hypervisor and no driver, so they work on the build
 * host as well as on the target, and they use the very validator the
 * hypervisor runs: a config "config check" accepts is one the hypervisor
 * accepts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulkhead.h"

static int config_run(int argc, char **argv);

static const struct bh_usage config_usage[] = {
	{ "config check [--arch arm64|riscv64] SYSTEM.cell [CELL.cell...]",
	  "validate a system config, cell configs against it, and the cells\n"
	  "      against each other" },
	{ "config show FILE.cell",
	  "print the fields of a config and whether it is valid on its own" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_config = {
	.name = "config",
	.usage = config_usage,
	.run = config_run,
};

static int parse_arch(const char *name, __u16 *arch)
{
	__u16 a;

	for (a = 1; a < 16; a++)
		if (!strcmp(bulkhead_arch_name(a), name)) {
			*arch = a;
			return 0;
		}
	return -1;
}

struct check_args {
	__u16 arch;		/* 0: any */
	int first_file;
};

/* Returns -1 after printing a usage error, 1 for --help, 0 to go on. */
static int parse_check_args(int argc, char **argv, struct check_args *args)
{
	const char *value;
	int i;

	args->arch = 0;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
		if (strcmp(argv[i], "--arch") && strncmp(argv[i], "--arch=", 7)) {
			bh_usage_error(&bh_cmd_config,
				       "config check: unknown option \"%s\"",
				       argv[i]);
			return -1;
		}
		value = argv[i][6] == '=' ? argv[i] + 7 : argv[++i];
		if (!value) {
			bh_usage_error(&bh_cmd_config,
				       "config check: --arch needs an architecture: arm64 or riscv64");
			return -1;
		}
		if (parse_arch(value, &args->arch)) {
			bh_usage_error(&bh_cmd_config,
				       "config check: unknown architecture \"%s\": use arm64 or riscv64",
				       value);
			return -1;
		}
	}
	if (i == argc) {
		bh_usage_error(&bh_cmd_config,
			       "config check: no SYSTEM.cell given");
		return -1;
	}
	args->first_file = i;
	return 0;
}

static const char *plural(unsigned long long n)
{
	return n == 1 ? "" : "s";
}

static unsigned int cpu_count(unsigned long long mask)
{
	return (unsigned int)__builtin_popcountll(mask);
}

static int check_system(const struct bh_config_file *file, __u16 arch)
{
	const struct bulkhead_system *sys = file->data;
	const struct bulkhead_cell_desc *root = &sys->root_cell;
	struct bulkhead_config_error err;

	if (bulkhead_check_system(file->data, file->size, &err)) {
		bh_config_error(file->path, &err);
		if (file->size >= BULKHEAD_SIGNATURE_LEN &&
		    !memcmp(file->data, BULKHEAD_CELL_SIGNATURE,
			    BULKHEAD_SIGNATURE_LEN))
			bh_error("the first file must be the system config");
		return -1;
	}
	if (arch && sys->architecture != arch) {
		bh_error("%s: architecture: is %s, but --arch asks for %s",
			 file->path, bulkhead_arch_name(sys->architecture),
			 bulkhead_arch_name(arch));
		return -1;
	}
	printf("%s: OK (system config \"%s\", %s, %u CPU%s, %u memory region%s)\n",
	       file->path, root->name, bulkhead_arch_name(sys->architecture),
	       cpu_count(root->cpu_set), plural(cpu_count(root->cpu_set)),
	       root->num_memory_regions, plural(root->num_memory_regions));
	return 0;
}

static int check_cell(const struct bh_config_file *file,
		      const struct bulkhead_system *sys)
{
	const struct bulkhead_cell_desc *cell = file->data;
	struct bulkhead_config_error err;

	if (bulkhead_check_cell(file->data, file->size, sys, &err)) {
		bh_config_error(file->path, &err);
		return -1;
	}
	printf("%s: OK (cell config \"%s\", %s, %u CPU%s, %u memory region%s, %u interrupt%s)\n",
	       file->path, cell->name, bulkhead_arch_name(cell->architecture),
	       cpu_count(cell->cpu_set), plural(cpu_count(cell->cpu_set)),
	       cell->num_memory_regions, plural(cell->num_memory_regions),
	       cell->num_irqs, plural(cell->num_irqs));
	return 0;
}

/*
 * Pairwise disjointness, then the CPUs of all cells together: the root cell
 * must keep one even when every cell alone leaves it some.
 */
static int check_together(struct bh_config_file *cells, const int *valid,
			  int n, const struct bulkhead_system *sys)
{
	struct bulkhead_config_error err;
	unsigned long long taken = 0;
	int i, j, bad = 0;
	char msg[512];

	for (j = 0; j < n; j++) {
		if (!valid[j])
			continue;
		for (i = 0; i < j; i++) {
			if (!valid[i] ||
			    !bulkhead_check_cells_disjoint(cells[i].data,
							   cells[j].data, &err))
				continue;
			bulkhead_config_error_format(&err, msg, sizeof(msg));
			bh_error("%s: %s [other cell: %s]", cells[j].path, msg,
				 cells[i].path);
			bad = 1;
		}
	}
	for (j = 0; j < n && !bad; j++) {
		if (!valid[j])
			continue;
		taken |= ((const struct bulkhead_cell_desc *)cells[j].data)->cpu_set;
		if (bulkhead_check_root_keeps_cpu(sys, taken, &err)) {
			bh_config_error(cells[j].path, &err);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static int check_cells(struct bh_config_file *cells, int n,
		       const struct bulkhead_system *sys)
{
	int *valid = calloc(n ? n : 1, sizeof(*valid));
	int i, bad = 0;

	if (!valid) {
		bh_error("out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		valid[i] = cells[i].data && !check_cell(&cells[i], sys);
		bad |= !valid[i];
	}
	if (check_together(cells, valid, n, sys))
		bad = 1;
	free(valid);
	return bad ? -1 : 0;
}

static int config_check(int argc, char **argv)
{
	struct bh_config_file system, *cells;
	struct check_args args;
	int i, n, ret, bad = 0;

	ret = parse_check_args(argc, argv, &args);
	if (ret > 0) {
		bh_print_command_usage(&bh_cmd_config, 0);
		return BH_EXIT_OK;
	}
	if (ret < 0)
		return BH_EXIT_USAGE;
	if (bh_config_load(argv[args.first_file], &system))
		return BH_EXIT_FAIL;
	if (check_system(&system, args.arch)) {
		bh_config_free(&system);
		return BH_EXIT_FAIL;
	}
	n = argc - args.first_file - 1;
	cells = calloc(n ? n : 1, sizeof(*cells));
	if (!cells) {
		bh_error("out of memory");
		bh_config_free(&system);
		return BH_EXIT_FAIL;
	}
	for (i = 0; i < n; i++)
		if (bh_config_load(argv[args.first_file + 1 + i], &cells[i]))
			bad = 1;
	if (check_cells(cells, n, system.data))
		bad = 1;
	for (i = 0; i < n; i++)
		bh_config_free(&cells[i]);
	free(cells);
	bh_config_free(&system);
	return bad ? BH_EXIT_FAIL : BH_EXIT_OK;
}

static int config_show(int argc, char **argv)
{
	struct bh_config_file file;
	int ret;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		bh_print_command_usage(&bh_cmd_config, 0);
		return BH_EXIT_OK;
	}
	if (argc != 2)
		return bh_usage_error(&bh_cmd_config,
				      "config show: give exactly one FILE.cell");
	if (bh_config_load(argv[1], &file))
		return BH_EXIT_FAIL;
	ret = bh_config_show(&file);
	bh_config_free(&file);
	return ret;
}

static int config_run(int argc, char **argv)
{
	if (argc < 2)
		return bh_usage_error(&bh_cmd_config,
				      "config: no subcommand given");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("usage:\n");
		bh_print_command_usage(&bh_cmd_config, 0);
		return BH_EXIT_OK;
	}
	if (!strcmp(argv[1], "check"))
		return config_check(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return config_show(argc - 1, argv + 1);
	return bh_usage_error(&bh_cmd_config,
			      "config: unknown subcommand \"%s\"", argv[1]);
}
