// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead cell ...: create, load, start, shut down, destroy, list and show
 * the statistics of cells. Cells are named by id or by name; the driver
 * shows them in /sys/devices/bulkhead/cells/<id>/.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/hypervisor.h>
#include <bulkhead/ioctl.h>

#include "bulkhead.h"

#define SYSFS		"/sys/devices/bulkhead"
#define CELLS_DIR	SYSFS "/cells"

static int cell_run(int argc, char **argv);

static const struct bh_usage cell_usage[] = {
	{ "cell create CELL.cell", "create a cell; its CPUs leave Linux" },
	{ "cell load NAME|ID IMAGE [-a ADDR] [IMAGE [-a ADDR]]... [-s STRING -a ADDR]...",
	  "stop the cell and copy images (or strings) to cell addresses\n"
	  "      (default address 0)" },
	{ "cell start NAME|ID", "start the cell at its entry address" },
	{ "cell shutdown NAME|ID", "ask the cell to stop and stop it if it agrees" },
	{ "cell destroy NAME|ID", "stop the cell and give all it owns back to Linux" },
	{ "cell list [--json]", "list the cells with their states and CPUs" },
	{ "cell stats NAME|ID", "show the cell's exits to the hypervisor by reason and CPU" },
	{ "cell dump NAME|ID", "show each of the cell's CPUs as the hypervisor sees it:\n"
	  "      state, PC, masked and pending interrupts, list registers" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_cell = {
	.name = "cell",
	.usage = cell_usage,
	.run = cell_run,
};

/* Reads a one-line sysfs file without its newline; "" when missing. */
static void read_attr(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = 0;
	if (!f)
		return;
	if (fgets(buf, len, f))
		buf[strcspn(buf, "\n")] = 0;
	fclose(f);
}

static void cell_attr(unsigned int id, const char *attr, char *buf, size_t len)
{
	char path[512];

	snprintf(path, sizeof(path), CELLS_DIR "/%u/%s", id, attr);
	read_attr(path, buf, len);
}

/* Cell ids in ascending order; returns how many. */
static int list_ids(unsigned int *ids, int max)
{
	DIR *dir = opendir(CELLS_DIR);
	struct dirent *d;
	int n = 0, i, j;

	if (!dir)
		return -1;
	while ((d = readdir(dir)) && n < max)
		if (isdigit((unsigned char)d->d_name[0]))
			ids[n++] = strtoul(d->d_name, NULL, 10);
	closedir(dir);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
			unsigned int t = ids[j];

			ids[j] = ids[j - 1];
			ids[j - 1] = t;
		}
	return n;
}

/*
 * A cell given by id or name ("root" names the root cell, id 0); -1 and a
 * message when there is none. Also for cell virtio and cell console.
 */
int bh_cell_resolve(const char *what)
{
	unsigned int ids[64];
	char name[64], *end;
	unsigned long id;
	int n, i;

	n = list_ids(ids, 64);
	if (n < 0) {
		bh_error("%s is missing: load the driver and enable bulkhead first", CELLS_DIR);
		return -1;
	}
	id = strtoul(what, &end, 10);
	for (i = 0; i < n; i++) {
		cell_attr(ids[i], "name", name, sizeof(name));
		if ((!*end && ids[i] == id) || !strcmp(name, what) ||
		    (ids[i] == 0 && !strcmp(what, "root")))
			return ids[i];
	}
	bh_error("no cell \"%s\": see bulkhead cell list", what);
	return -1;
}

/* A cell for a lifecycle request, which the root cell never takes. */
static int resolve_non_root(const char *what, const char *request)
{
	int id = bh_cell_resolve(what);

	if (id == 0) {
		bh_error("cell %s: \"%s\" is the root cell, which cannot be %s; "
			 "bulkhead disable hands everything back to Linux", request, what,
			 !strcmp(request, "load") ? "loaded" :
			 !strcmp(request, "start") ? "started" :
			 !strcmp(request, "shutdown") ? "shut down" : "destroyed");
		return -1;
	}
	return id;
}

static int create(int argc, char **argv)
{
	struct bulkhead_config_error err;
	struct bulkhead_config_arg arg;
	struct bh_config_file file;
	int fd, id;

	if (argc != 2)
		return bh_usage_error(&bh_cmd_cell, "cell create: expected one cell config file");
	if (bh_config_load(argv[1], &file))
		return BH_EXIT_FAIL;
	if (bulkhead_check_cell(file.data, file.size, NULL, &err)) {
		bh_config_error(file.path, &err);
		bh_config_free(&file);
		return BH_EXIT_FAIL;
	}
	fd = bh_open_driver();
	if (fd < 0) {
		bh_config_free(&file);
		return BH_EXIT_FAIL;
	}
	arg.address = (uintptr_t)file.data;
	arg.size = file.size;
	id = bh_driver_request(fd, "cell create", BULKHEAD_CELL_CREATE, (unsigned long)&arg);
	if (id >= 0)
		printf("cell \"%s\" created, id %d\n",
		       ((struct bulkhead_cell_desc *)file.data)->name, id);
	bh_config_free(&file);
	return id >= 0 ? BH_EXIT_OK : BH_EXIT_FAIL;
}

static int simple(int argc, char **argv, unsigned long request, const char *done)
{
	char what[64];
	int fd, ret, id;

	if (argc != 2)
		return bh_usage_error(&bh_cmd_cell, "cell %s: expected a cell name or id", argv[0]);
	id = resolve_non_root(argv[1], argv[0]);
	if (id < 0)
		return BH_EXIT_FAIL;
	fd = bh_open_driver();
	if (fd < 0)
		return BH_EXIT_FAIL;
	snprintf(what, sizeof(what), "cell %s", argv[0]);
	ret = bh_driver_request(fd, what, request, id);
	if (ret >= 0)
		printf("cell %s %s\n", argv[1], done);
	return ret >= 0 ? BH_EXIT_OK : BH_EXIT_FAIL;
}

static int parse_address(const char *text, __u64 *addr)
{
	char *end;

	errno = 0;
	*addr = strtoull(text, &end, 0);
	if (errno || *end || !*text) {
		bh_error("cell load: \"%s\" is not an address", text);
		return -1;
	}
	return 0;
}

static void free_files(struct bh_config_file *files, int n)
{
	while (n--)
		if (files[n].data)
			bh_config_free(&files[n]);
}

/*
 * Fills images[] from "IMAGE|-s STRING [-a ADDR]...": returns how many,
 * BAD_USAGE after a usage error, or -1 after another failure.
 */
#define BAD_USAGE	(-2)
static int parse_images(int argc, char **argv, struct bulkhead_image *images,
			struct bh_config_file *files)
{
	int i, n = 0;

	for (i = 2; i < argc; i++, n++) {
		if (n == BULKHEAD_MAX_IMAGES) {
			bh_error("cell load: at most %d images", BULKHEAD_MAX_IMAGES);
			return -1;
		}
		if (!strcmp(argv[i], "-a")) {
			bh_usage_error(&bh_cmd_cell, "cell load: -a must follow an image or -s STRING");
			return BAD_USAGE;
		}
		if (!strcmp(argv[i], "-s")) {
			if (++i == argc) {
				bh_usage_error(&bh_cmd_cell, "cell load: -s needs a string");
				return BAD_USAGE;
			}
			images[n].source_address = (uintptr_t)argv[i];
			images[n].size = strlen(argv[i]) + 1;
		} else {
			if (bh_config_load(argv[i], &files[n]))
				return -1;
			images[n].source_address = (uintptr_t)files[n].data;
			images[n].size = files[n].size;
		}
		if (i + 1 < argc && !strcmp(argv[i + 1], "-a")) {
			if (i + 2 == argc) {
				bh_usage_error(&bh_cmd_cell, "cell load: -a needs an address");
				return BAD_USAGE;
			}
			if (parse_address(argv[i + 2], &images[n].target_address))
				return -1;
			i += 2;
		}
	}
	return n;
}

static int load(int argc, char **argv)
{
	struct bulkhead_image images[BULKHEAD_MAX_IMAGES] = { 0 };
	struct bh_config_file files[BULKHEAD_MAX_IMAGES] = { 0 };
	struct bulkhead_cell_load arg = { 0 };
	int fd, n, id, ret = BH_EXIT_FAIL;

	if (argc < 3)
		return bh_usage_error(&bh_cmd_cell, "cell load: expected a cell and at least one image");
	n = parse_images(argc, argv, images, files);
	if (n < 0) {
		ret = n == BAD_USAGE ? BH_EXIT_USAGE : BH_EXIT_FAIL;
		goto out;
	}
	id = resolve_non_root(argv[1], "load");
	if (id < 0)
		goto out;
	arg.id = id;
	arg.num_images = n;
	arg.images_address = (uintptr_t)images;
	fd = bh_open_driver();
	if (fd < 0)
		goto out;
	if (bh_driver_request(fd, "cell load", BULKHEAD_CELL_LOAD, (unsigned long)&arg) >= 0) {
		printf("cell %s loaded with %d image(s)\n", argv[1], n);
		ret = BH_EXIT_OK;
	}
out:
	free_files(files, BULKHEAD_MAX_IMAGES);
	return ret;
}

static int list(int argc, char **argv)
{
	char name[64], state[32], cpus[128], failed[128], online[128];
	int json = argc == 2 && !strcmp(argv[1], "--json");
	unsigned int ids[64];
	int n, i;

	if (argc > 2 || (argc == 2 && !json))
		return bh_usage_error(&bh_cmd_cell, "cell list: the only option is --json");
	n = list_ids(ids, 64);
	if (n < 0) {
		bh_error("%s is missing: load the driver and enable bulkhead first", CELLS_DIR);
		return BH_EXIT_FAIL;
	}
	if (!json)
		printf("%-4s %-24s %-16s %-16s %s\n",
		       "ID", "Name", "State", "Assigned CPUs", "Failed CPUs");
	/* Not enabled yet: no cells/0; Linux alone is the root cell. */
	if (!n || ids[0] != 0) {
		read_attr("/sys/devices/system/cpu/online", online, sizeof(online));
		if (json)
			printf("[\n  {\"id\": 0, \"name\": \"root\", \"state\": \"running\", "
			       "\"cpus_assigned\": \"%s\", \"cpus_failed\": \"\"}", online);
		else
			printf("%-4d %-24s %-16s %-16s %s\n", 0, "root", "running", online, "");
	} else if (json) {
		printf("[");
	}
	for (i = 0; i < n; i++) {
		cell_attr(ids[i], "name", name, sizeof(name));
		cell_attr(ids[i], "state", state, sizeof(state));
		cell_attr(ids[i], "cpus_assigned_list", cpus, sizeof(cpus));
		cell_attr(ids[i], "cpus_failed_list", failed, sizeof(failed));
		if (json)
			printf("%s\n  {\"id\": %u, \"name\": \"%s\", \"state\": \"%s\", "
			       "\"cpus_assigned\": \"%s\", \"cpus_failed\": \"%s\"}",
			       i || ids[0] != 0 ? "," : "", ids[i], name, state, cpus, failed);
		else
			printf("%-4u %-24s %-16s %-16s %s\n", ids[i], name, state,
			       cpus, failed);
	}
	if (json)
		printf("\n]\n");
	return BH_EXIT_OK;
}

/* Expands a CPU list such as "1-2,5" into a bitmap. */
static unsigned long long cpu_list(const char *text)
{
	unsigned long long mask = 0;
	unsigned long a, b;
	char *end;

	while (*text) {
		a = strtoul(text, &end, 10);
		if (end == text)
			break;	/* no number: not CPU 0 */
		b = *end == '-' ? strtoul(end + 1, &end, 10) : a;
		for (; a <= b && a < 64; a++)
			mask |= 1ULL << a;
		text = *end == ',' ? end + 1 : end;
		if (end == text && *text)
			break;
	}
	return mask;
}

/*
 * The cell named by a "cell stats|dump NAME|ID" command line, with its name
 * and its CPUs (list and bitmap); -1 after a message.
 */
static int cell_with_cpus(int argc, char **argv, char name[64], char cpus[128],
			  unsigned long long *mask)
{
	int id;

	if (argc != 2) {
		bh_usage_error(&bh_cmd_cell, "cell %s: expected a cell name or id", argv[0]);
		return -1;
	}
	id = bh_cell_resolve(argv[1]);
	if (id < 0)
		return -1;
	cell_attr(id, "name", name, 64);
	cell_attr(id, "cpus_assigned_list", cpus, 128);
	*mask = cpu_list(cpus);
	return id;
}

static int stats(int argc, char **argv)
{
	static const char *const reasons[] = BULKHEAD_EXIT_NAMES;
	char name[64], cpus[128], value[32], path[128];
	unsigned long long mask;
	unsigned int r, cpu;
	int id = cell_with_cpus(argc, argv, name, cpus, &mask);

	if (id < 0)
		return argc != 2 ? BH_EXIT_USAGE : BH_EXIT_FAIL;
	printf("Statistics for cell \"%s\" (id %u), exits since enable\n\n%-12s %12s",
	       name, id, "reason", "all CPUs");
	for (cpu = 0; cpu < 64; cpu++)
		if (mask & (1ULL << cpu))
			printf(" %11s%u", "CPU", cpu);
	printf("\n");
	for (r = 0; r < BULKHEAD_EXIT_MAX; r++) {
		snprintf(path, sizeof(path), "statistics/vmexits_%s", reasons[r]);
		cell_attr(id, path, value, sizeof(value));
		printf("%-12s %12s", reasons[r], value);
		for (cpu = 0; cpu < 64; cpu++) {
			if (!(mask & (1ULL << cpu)))
				continue;
			snprintf(path, sizeof(path), SYSFS "/statistics/cpu%u/vmexits_%s",
				 cpu, reasons[r]);
			read_attr(path, value, sizeof(value));
			printf(" %12s", value);
		}
		printf("\n");
	}
	return BH_EXIT_OK;
}

static int dump(int argc, char **argv)
{
	char name[64], state[32], cpus[128];
	unsigned long long mask;
	unsigned int cpu;
	int ret = BH_EXIT_OK, id = cell_with_cpus(argc, argv, name, cpus, &mask);

	if (id < 0)
		return argc != 2 ? BH_EXIT_USAGE : BH_EXIT_FAIL;
	cell_attr(id, "state", state, sizeof(state));
	printf("cell \"%s\" (id %u): %s, CPUs %s\n", name, id, state, cpus);
	for (cpu = 0; cpu < 64; cpu++)
		if ((mask & (1ULL << cpu)) && bh_cpu_dump(cpu) != BH_EXIT_OK)
			ret = BH_EXIT_FAIL;
	return ret;
}

static int cell_run(int argc, char **argv)
{
	if (argc < 2)
		return bh_usage_error(&bh_cmd_cell, "cell: expected a subcommand");
	argc--;
	argv++;
	if (!strcmp(argv[0], "create"))
		return create(argc, argv);
	if (!strcmp(argv[0], "load"))
		return load(argc, argv);
	if (!strcmp(argv[0], "start"))
		return simple(argc, argv, BULKHEAD_CELL_START, "started");
	if (!strcmp(argv[0], "shutdown"))
		return simple(argc, argv, BULKHEAD_CELL_SHUTDOWN, "shut down");
	if (!strcmp(argv[0], "destroy"))
		return simple(argc, argv, BULKHEAD_CELL_DESTROY, "destroyed");
	if (!strcmp(argv[0], "list"))
		return list(argc, argv);
	if (!strcmp(argv[0], "stats"))
		return stats(argc, argv);
	if (!strcmp(argv[0], "dump"))
		return dump(argc, argv);
	return bh_usage_error(&bh_cmd_cell, "cell: unknown subcommand \"%s\"", argv[0]);
}
