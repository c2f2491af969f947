// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead cell linux: boot a Linux kernel in a new cell.
 *
 * The command is the cell's boot loader: it reads the kernel (decompressing
 * an Image.gz), the initramfs and the root device tree, places them with a
 * boot stub in the cell's RAM (linux-image.c), writes the cell's device
 * tree (linux-dt.c), then copies all of it with one CELL_LOAD and starts
 * the cell. A cell with virtio devices gets its backend (cmd-virtio.c,
 * `cell virtio NAME --daemon`) before it starts: the cell's Linux probes
 * the devices early, and a device nobody answers goes offline for good.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>

#include "bulkhead.h"
#include "gunzip.h"
#include "linux-dt.h"
#include "linux-image.h"

static int linux_run(int argc, char **argv);

static const struct bh_usage linux_usage[] = {
	{ "cell linux CELL.cell KERNEL [-i INITRD] [-c CMDLINE] [-d DTB] [-w OUT.dtb]\n"
	  "               [--root-dtb FILE] [--no-virtio-backend]\n"
	  "               [--disk FILE[,ro]]... [--tap IFNAME]...",
	  "create a cell and boot the Linux Image KERNEL (arm64 or riscv64, as the\n"
	  "      cell config) in it, with a device tree made from the root device tree\n"
	  "      (/sys/firmware/fdt or --root-dtb) and the cell config, or from DTB\n"
	  "      (-d); CMDLINE is appended to the kernel command line; -w writes the\n"
	  "      device tree and stops there. A cell with virtio devices gets its\n"
	  "      backend (cell virtio NAME --daemon) unless --no-virtio-backend;\n"
	  "      --disk and --tap go to it: the file behind the next block device,\n"
	  "      the TAP interface behind the next network device" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_cell_linux = {
	.name = "cell linux",
	.usage = linux_usage,
	.run = linux_run,
};

#define ROOT_DTB	"/sys/firmware/fdt"

struct linux_args {
	const char *cell, *kernel, *initrd, *cmdline, *dtb, *out, *root_dtb;
	int no_backend;
};

/* `--disk FILE` and `--tap IFNAME` pairs, passed on to the backend. */
#define MAX_BACKEND_ARGS	(4 * BULKHEAD_MAX_VIRTIO_DEVICES)
static const char *backend_args[MAX_BACKEND_ARGS];
static int num_backend_args;

struct blob {
	const char *path;
	unsigned char *data;
	size_t size;
};

/* Reads a whole file (sysfs files have no reliable size, so no fstat). */
static int read_blob(const char *path, size_t max, struct blob *b)
{
	size_t cap = 65536;
	unsigned char *bigger;
	ssize_t n;
	int fd;

	b->path = path;
	b->size = 0;
	b->data = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		bh_error("cell linux: %s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (!b->data || b->size == cap) {
			if (b->data)
				cap *= 2;
			bigger = realloc(b->data, cap);
			if (!bigger) {
				bh_error("cell linux: %s: out of memory", path);
				goto fail;
			}
			b->data = bigger;
		}
		n = read(fd, b->data + b->size, cap - b->size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			bh_error("cell linux: %s: cannot read: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		b->size += n;
		if (b->size > max) {
			char unit[32];

			bh_error("cell linux: %s: larger than the cell's RAM (%s)", path,
				 bh_size_unit(max, unit, sizeof(unit)));
			goto fail;
		}
	}
	close(fd);
	return 0;
fail:
	close(fd);
	free(b->data);
	b->data = NULL;
	return -1;
}

static int parse_args(int argc, char **argv, struct linux_args *a)
{
	static const struct { const char *opt; size_t off; } opts[] = {
		{ "-i", offsetof(struct linux_args, initrd) },
		{ "-c", offsetof(struct linux_args, cmdline) },
		{ "-d", offsetof(struct linux_args, dtb) },
		{ "-w", offsetof(struct linux_args, out) },
		{ "--root-dtb", offsetof(struct linux_args, root_dtb) },
	};
	size_t k;
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || !argv[i][1]) {
			if (!a->cell)
				a->cell = argv[i];
			else if (!a->kernel)
				a->kernel = argv[i];
			else
				return bh_usage_error(&bh_cmd_cell_linux,
						      "cell linux: unexpected \"%s\"", argv[i]);
			continue;
		}
		if (!strcmp(argv[i], "--no-virtio-backend")) {
			a->no_backend = 1;
			continue;
		}
		if (!strcmp(argv[i], "--disk") || !strcmp(argv[i], "--tap")) {
			if (i + 1 == argc || num_backend_args + 2 > MAX_BACKEND_ARGS)
				return bh_usage_error(&bh_cmd_cell_linux,
						      "cell linux: %s needs a value (at most %d)",
						      argv[i], BULKHEAD_MAX_VIRTIO_DEVICES);
			backend_args[num_backend_args++] = argv[i];
			backend_args[num_backend_args++] = argv[++i];
			continue;
		}
		for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
			if (!strcmp(argv[i], opts[k].opt))
				break;
		if (k == sizeof(opts) / sizeof(opts[0]))
			return bh_usage_error(&bh_cmd_cell_linux,
					      "cell linux: unknown option \"%s\"", argv[i]);
		if (i + 1 == argc)
			return bh_usage_error(&bh_cmd_cell_linux,
					      "cell linux: %s needs a value", argv[i]);
		*(const char **)((char *)a + opts[k].off) = argv[++i];
	}
	if (!a->kernel)
		return bh_usage_error(&bh_cmd_cell_linux,
				      "cell linux: expected a cell config and a kernel Image");
	return 0;
}

/* The RAM region holding the entry, where everything is placed. */
static const struct bulkhead_memory *boot_region(const struct bh_config_file *f)
{
	const struct bulkhead_cell_desc *cell = f->data;
	const struct bulkhead_memory *m = bulkhead_cell_memory(cell);
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++, m++) {
		if (!bh_linux_is_ram(m) || cell->entry < m->virt_start ||
		    cell->entry - m->virt_start >= m->size)
			continue;
		if (!(m->flags & BULKHEAD_MEM_LOADABLE)) {
			bh_error("cell linux: %s: the RAM at 0x%llx holding the entry is "
				 "not LOADABLE, so the kernel cannot be loaded into it",
				 f->path, (unsigned long long)m->virt_start);
			return NULL;
		}
		return m;
	}
	bh_error("cell linux: %s: the entry 0x%llx is not inside the cell's RAM",
		 f->path, (unsigned long long)cell->entry);
	return NULL;
}

/* An Image.gz (as `make Image.gz` builds it) is decompressed first. */
static int gunzip_kernel(struct blob *k, size_t max)
{
	unsigned char *data;
	size_t size;
	const char *why;

	if (!bh_is_gzip(k->data, k->size))
		return 0;
	if (bh_gunzip(k->data, k->size, max, &data, &size, &why)) {
		bh_error("cell linux: %s: cannot decompress this gzip file: %s%s", k->path,
			 why, !strcmp(why, "decompresses to more than fits") ?
			 " the cell's RAM" : "");
		return -1;
	}
	free(k->data);
	k->data = data;
	k->size = size;
	return 0;
}

static void print_layout(const struct bh_linux_layout *l, const struct blob *kernel,
			 const struct blob *initrd, size_t dtb_size)
{
	printf("cell RAM 0x%llx-0x%llx:\n", l->ram, l->ram_end - 1);
	printf("  0x%08llx-0x%08llx  boot stub\n", l->stub,
	       l->stub + l->stub_size - 1);
	printf("  0x%08llx-0x%08llx  kernel %s (%zu bytes, image_size 0x%llx)\n",
	       l->kernel, l->kernel_end - 1, kernel->path, kernel->size, l->image_size);
	if (initrd)
		printf("  0x%08llx-0x%08llx  initrd %s (%zu bytes)\n", l->initrd,
		       l->initrd + initrd->size - 1, initrd->path, initrd->size);
	printf("  0x%08llx-0x%08llx  device tree (%zu bytes)\n", l->dtb,
	       l->dtb + dtb_size - 1, dtb_size);
}

static int write_out(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f)) {
		bh_error("cell linux: cannot write %s: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	return 0;
}

/*
 * Runs `bulkhead cell virtio ID --daemon` (this very program), which
 * returns once the backend serves the cell's devices.
 */
static int start_backend(int id, const char *name)
{
	char id_text[16];
	int status;
	pid_t pid;

	snprintf(id_text, sizeof(id_text), "%d", id);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		bh_error("cell linux: fork: %s", strerror(errno));
		return -1;
	}
	if (!pid) {
		const char *args[5 + MAX_BACKEND_ARGS + 1] = {
			"bulkhead", "cell", "virtio", id_text, "--daemon",
		};

		memcpy(args + 5, backend_args, num_backend_args * sizeof(args[0]));
		execv("/proc/self/exe", (char *const *)args);
		bh_error("cell linux: cannot run /proc/self/exe: %s", strerror(errno));
		_exit(BH_EXIT_FAIL);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			bh_error("cell linux: waitpid: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != BH_EXIT_OK) {
		bh_error("cell linux: the virtio backend of cell \"%s\" did not start "
			 "(above: why); --no-virtio-backend boots the cell without it", name);
		return -1;
	}
	printf("virtio backend of cell \"%s\" started (log " BH_RUN_DIR "/%s.log)\n",
	       name, name);
	return 0;
}

/*
 * Create, load, start the backend, start; a cell that cannot be started is
 * destroyed again (and its backend, if any, ends with it).
 */
static int boot(const struct bh_config_file *cfg, const struct bh_linux_layout *l,
		const struct blob *kernel, const struct blob *initrd,
		const void *dtb, size_t dtb_size, int no_backend)
{
	const struct bulkhead_cell_desc *desc = cfg->data;
	struct bulkhead_image images[4];
	struct bulkhead_config_arg create = {
		.address = (uintptr_t)cfg->data,
		.size = cfg->size,
	};
	struct bulkhead_cell_load load = { 0 };
	unsigned char stub[BH_LINUX_STUB_MAX];
	const char *name = ((const struct bulkhead_cell_desc *)cfg->data)->name;
	unsigned int n = 0;
	char state[128];
	int fd, id;

	memset(images, 0, sizeof(images));
	images[n].source_address = (uintptr_t)stub;
	images[n].size = bh_linux_stub(l, stub);
	images[n++].target_address = l->stub;
	images[n].source_address = (uintptr_t)kernel->data;
	images[n].size = kernel->size;
	images[n++].target_address = l->kernel;
	if (initrd) {
		images[n].source_address = (uintptr_t)initrd->data;
		images[n].size = initrd->size;
		images[n++].target_address = l->initrd;
	}
	images[n].source_address = (uintptr_t)dtb;
	images[n].size = dtb_size;
	images[n++].target_address = l->dtb;

	fd = bh_open_driver();
	if (fd < 0)
		return BH_EXIT_FAIL;
	id = bh_driver_request(fd, "cell linux: cell create", BULKHEAD_CELL_CREATE,
			       (unsigned long)&create);
	if (id < 0)
		return BH_EXIT_FAIL;
	printf("cell \"%s\" created, id %d\n", name, id);
	/*
	 * A new cell: the virtio state an earlier cell of this name left
	 * (its backend was killed) is not its own. The backend checks the
	 * cell id, its sysfs node and the device list too.
	 */
	snprintf(state, sizeof(state), BH_RUN_DIR "/%s.state", name);
	if (unlink(state) && errno != ENOENT)
		bh_error("cell linux: cannot remove %s: %s", state, strerror(errno));
	load.id = id;
	load.num_images = n;
	load.images_address = (uintptr_t)images;
	fd = bh_open_driver();
	if (fd >= 0 && bh_driver_request(fd, "cell linux: cell load", BULKHEAD_CELL_LOAD,
					 (unsigned long)&load) >= 0 &&
	    (!desc->num_virtio_devices || no_backend || !start_backend(id, name))) {
		fd = bh_open_driver();
		if (fd >= 0 && bh_driver_request(fd, "cell linux: cell start",
						 BULKHEAD_CELL_START, id) >= 0) {
			printf("cell \"%s\" started: Linux enters at 0x%llx\n", name,
			       l->kernel);
			if (desc->num_virtio_devices && !no_backend)
				printf("its virtio console: bulkhead cell console %s "
				       "(socket " BH_RUN_DIR "/%s.console)\n", name, name);
			else if (desc->num_virtio_devices)
				printf("no virtio backend started: its %u virtio device(s) "
				       "answer nothing until \"bulkhead cell virtio %s "
				       "--daemon\" runs, and a device the cell's Linux "
				       "probed before that stays offline to it\n",
				       desc->num_virtio_devices, name);
			return BH_EXIT_OK;
		}
	}
	/* Give the CPUs and memory back rather than leave a dead cell. */
	fd = bh_open_driver();
	if (fd >= 0 && bh_driver_request(fd, "cell linux: cell destroy",
					 BULKHEAD_CELL_DESTROY, id) >= 0)
		bh_error("cell linux: cell \"%s\" destroyed again", name);
	return BH_EXIT_FAIL;
}

static int linux_run(int argc, char **argv)
{
	struct blob kernel = { 0 }, initrd = { 0 }, root = { 0 }, base = { 0 };
	struct bulkhead_config_error err;
	struct bh_linux_dt_args dt_args;
	const struct bulkhead_memory *ram;
	const struct bulkhead_cell_desc *cell;
	struct bh_config_file cfg = { 0 };
	struct bh_linux_layout l;
	struct linux_args a;
	int ret = BH_EXIT_FAIL;
	void *dtb = NULL;
	size_t dtb_size;

	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret;
	ret = BH_EXIT_FAIL;
	if (bh_config_load(a.cell, &cfg))
		return BH_EXIT_FAIL;
	if (bulkhead_check_cell(cfg.data, cfg.size, NULL, &err)) {
		bh_config_error(cfg.path, &err);
		goto out;
	}
	cell = cfg.data;
	if (bh_linux_layout_init(&l, cfg.path, cell->architecture))
		goto out;
	ram = boot_region(&cfg);
	if (!ram)
		goto out;
	if (read_blob(a.kernel, ram->size, &kernel) ||
	    gunzip_kernel(&kernel, ram->size) ||
	    bh_linux_parse_image(&l, kernel.path, kernel.data, kernel.size))
		goto out;
	if (a.initrd && read_blob(a.initrd, ram->size, &initrd))
		goto out;
	if (bh_linux_place(&l, cell->entry, ram, a.initrd ? initrd.size : 0))
		goto out;
	if (read_blob(a.root_dtb ? a.root_dtb : ROOT_DTB, 64 * BH_LINUX_DT_MAX, &root))
		goto out;
	if (a.dtb && read_blob(a.dtb, 64 * BH_LINUX_DT_MAX, &base))
		goto out;

	memset(&dt_args, 0, sizeof(dt_args));
	dt_args.cell = cell;
	dt_args.root = root.data;
	dt_args.root_size = root.size;
	dt_args.root_path = root.path;
	dt_args.base = base.data;
	dt_args.base_size = base.size;
	dt_args.base_path = base.path;
	dt_args.cmdline = a.cmdline;
	dt_args.initrd_start = l.initrd;
	dt_args.initrd_end = a.initrd ? l.initrd + initrd.size : l.initrd;
	dt_args.report = stdout;
	if (bh_linux_dt_build(&dt_args, &dtb, &dtb_size))
		goto out;
	print_layout(&l, &kernel, a.initrd ? &initrd : NULL, dtb_size);

	if (a.out) {
		if (!write_out(a.out, dtb, dtb_size)) {
			printf("device tree written to %s; no cell created\n", a.out);
			ret = BH_EXIT_OK;
		}
		goto out;
	}
	fflush(stdout);
	ret = boot(&cfg, &l, &kernel, a.initrd ? &initrd : NULL, dtb, dtb_size,
		   a.no_backend);
out:
	free(dtb);
	free(kernel.data);
	free(initrd.data);
	free(root.data);
	free(base.data);
	bh_config_free(&cfg);
	return ret;
}
