// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead cell linux: boot a Linux kernel in a new cell.
 *
 * The command is the cell's boot loader. The hypervisor starts the cell's
 * first CPU at the config's entry address, at EL1 with the MMU off, and sets
 * no registers; the arm64 boot protocol (Documentation/arch/arm64/booting.rst
 * in the kernel tree) wants x0 = the device tree's address and x1..x3 = 0 at
 * the first byte of the Image. So besides the kernel, the initramfs and the
 * device tree (linux-dt.c), a boot stub of six instructions goes to the
 * entry address. All of it is copied with one CELL_LOAD, then the cell is
 * started.
 *
 * Placement in the RAM region that holds the entry (cell addresses):
 *
 *   entry                      boot stub, 40 bytes
 *   next 2 MiB boundary        + text_offset: the Image; image_size bytes
 *                              from there belong to the kernel (its .bss)
 *   ...                        free for Linux
 *   up to the device tree      the initrd, page aligned
 *   last whole 2 MiB block     the device tree (at most 2 MiB)
 *
 * Linux keeps only the bytes of the device tree and of the initrd, so the
 * generous slots cost nothing; the device tree gets a 2 MiB block of its own
 * because the kernel maps it in 2 MiB blocks with its own attributes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>

#include "bulkhead.h"
#include "gunzip.h"
#include "linux-dt.h"

static int linux_run(int argc, char **argv);

static const struct bh_usage linux_usage[] = {
	{ "cell linux CELL.cell KERNEL [-i INITRD] [-c CMDLINE] [-d DTB] [-w OUT.dtb]\n"
	  "               [--root-dtb FILE]",
	  "create a cell and boot the arm64 Linux Image KERNEL in it, with a device\n"
	  "      tree made from the root device tree (/sys/firmware/fdt or --root-dtb)\n"
	  "      and the cell config, or from DTB (-d); CMDLINE is appended to the\n"
	  "      kernel command line; -w writes the device tree and stops there" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_cell_linux = {
	.name = "cell linux",
	.usage = linux_usage,
	.run = linux_run,
};

#ifdef BH_NO_LINUX_CELL

/* This build has no libfdt and its hypervisor cannot run Linux cells. */
static int linux_run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	bh_error("cell linux: Linux cells are not supported on %s yet",
		 BH_NO_LINUX_CELL);
	return BH_EXIT_FAIL;
}

#else

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define ROOT_DTB	"/sys/firmware/fdt"

/* booting.rst: the Image header. */
#define IMAGE_HEADER_SIZE	64
#define IMAGE_MAGIC		0x644d5241	/* "ARM\x64" at offset 56 */
#define IMAGE_FLAG_BE		0x1		/* kernel endianness: 1 = big */

/*
 * The boot stub, hand-encoded so that the CLI needs no assembler for the
 * cell's architecture. Checked against aarch64-linux-gnu-as/objdump:
 *
 *	ldr	x0, 1f
 *	ldr	x4, 2f
 *	mov	x1, xzr
 *	mov	x2, xzr
 *	mov	x3, xzr
 *	br	x4
 *   1:	.quad	DTB address
 *   2:	.quad	kernel address
 *
 * x4 carries the branch target because x1 must be 0 at the kernel's entry
 * (Linux warns about nonzero x1..x3). The literals are 8-byte aligned, as
 * the 64-bit loads with the MMU off (Device memory) need.
 */
static const uint32_t stub_code[] = {
	0x580000c0,	/* ldr x0, +0x18 */
	0x580000e4,	/* ldr x4, +0x20 (from +0x4) */
	0xaa1f03e1,	/* mov x1, xzr */
	0xaa1f03e2,	/* mov x2, xzr */
	0xaa1f03e3,	/* mov x3, xzr */
	0xd61f0080,	/* br x4 */
};
#define STUB_SIZE	(sizeof(stub_code) + 2 * 8)

struct linux_args {
	const char *cell, *kernel, *initrd, *cmdline, *dtb, *out, *root_dtb;
};

struct blob {
	const char *path;
	unsigned char *data;
	size_t size;
};

/* Where everything goes, in cell addresses; see the top of the file. */
struct layout {
	unsigned long long ram, ram_end;
	unsigned long long stub, kernel, kernel_end, initrd, initrd_end, dtb;
	unsigned long long text_offset, image_size;
};

static unsigned long long align_up(unsigned long long v, unsigned long long a)
{
	return (v + a - 1) & ~(a - 1);
}

static unsigned long long align_down(unsigned long long v, unsigned long long a)
{
	return v & ~(a - 1);
}

static unsigned long long le64(const unsigned char *p)
{
	unsigned long long v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}

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

/* The Image header's text_offset and image_size; see booting.rst. */
static int parse_image(const struct blob *k, struct layout *l)
{
	unsigned long long flags;

	if (k->size < IMAGE_HEADER_SIZE ||
	    (k->data[56] | k->data[57] << 8 | k->data[58] << 16 |
	     (uint32_t)k->data[59] << 24) != IMAGE_MAGIC) {
		bh_error("cell linux: %s: not an arm64 Image (no \"ARM\\x64\" at offset "
			 "56); an Image or Image.gz is needed, not a vmlinux, zImage, "
			 "or an image compressed otherwise than with gzip", k->path);
		return -1;
	}
	l->text_offset = le64(k->data + 8);
	l->image_size = le64(k->data + 16);
	flags = le64(k->data + 24);
	if (!l->image_size) {
		/* Before Linux 3.17 text_offset was not even of known endianness. */
		bh_error("cell linux: %s: image_size is 0 (a kernel older than 3.17), "
			 "which is not supported", k->path);
		return -1;
	}
	if (flags & IMAGE_FLAG_BE) {
		bh_error("cell linux: %s: a big-endian kernel is not supported", k->path);
		return -1;
	}
	if (l->image_size < k->size || l->text_offset >= SZ_2M) {
		bh_error("cell linux: %s: implausible header (text_offset 0x%llx, "
			 "image_size 0x%llx, file %zu bytes)", k->path,
			 l->text_offset, l->image_size, k->size);
		return -1;
	}
	return 0;
}

static int place(const struct bulkhead_cell_desc *cell, const struct bulkhead_memory *ram,
		 const struct blob *initrd, struct layout *l)
{
	unsigned long long isize = initrd ? initrd->size : 0, low;
	char unit[32];

	l->ram = ram->virt_start;
	l->ram_end = ram->virt_start + ram->size;
	l->stub = cell->entry;
	l->kernel = align_up(l->stub + STUB_SIZE, SZ_2M) + l->text_offset;
	l->kernel_end = l->kernel + l->image_size;
	l->dtb = l->ram_end >= SZ_2M ? align_down(l->ram_end - SZ_2M, SZ_2M) : 0;
	l->initrd_end = l->dtb;
	l->initrd = l->dtb >= isize ? align_down(l->dtb - isize, SZ_4K) : 0;
	/* What the kernel needs must end below the initrd (or the tree). */
	low = isize ? l->initrd : l->dtb;
	if (l->stub + STUB_SIZE > l->ram_end || l->dtb < l->ram ||
	    l->dtb >= l->ram_end || l->kernel_end > low ||
	    (isize && l->initrd < l->ram)) {
		bh_error("cell linux: does not fit into the cell's RAM 0x%llx-0x%llx (%s): "
			 "boot stub at 0x%llx, kernel 0x%llx-0x%llx (its image_size), "
			 "initrd %llu bytes, then a 2 MiB block for the device tree "
			 "at the end", l->ram, l->ram_end - 1,
			 bh_size_unit(ram->size, unit, sizeof(unit)), l->stub,
			 l->kernel, l->kernel_end - 1, isize);
		return -1;
	}
	if (!isize)
		l->initrd = l->initrd_end = 0;
	return 0;
}

static void print_layout(const struct layout *l, const struct blob *kernel,
			 const struct blob *initrd, size_t dtb_size)
{
	printf("cell RAM 0x%llx-0x%llx:\n", l->ram, l->ram_end - 1);
	printf("  0x%08llx-0x%08llx  boot stub\n", l->stub,
	       l->stub + STUB_SIZE - 1);
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

/* Create, load, start; a cell that cannot be started is destroyed again. */
static int boot(const struct bh_config_file *cfg, const struct layout *l,
		const struct blob *kernel, const struct blob *initrd,
		const void *dtb, size_t dtb_size)
{
	struct bulkhead_image images[4];
	struct bulkhead_config_arg create = {
		.address = (uintptr_t)cfg->data,
		.size = cfg->size,
	};
	struct bulkhead_cell_load load = { 0 };
	unsigned char stub[STUB_SIZE];
	const char *name = ((const struct bulkhead_cell_desc *)cfg->data)->name;
	unsigned int i, n = 0;
	int fd, id;

	for (i = 0; i < sizeof(stub_code) / sizeof(stub_code[0]); i++)
		put_le32(stub + 4 * i, stub_code[i]);
	put_le32(stub + 4 * i, l->dtb);
	put_le32(stub + 4 * i + 4, l->dtb >> 32);
	put_le32(stub + 4 * i + 8, l->kernel);
	put_le32(stub + 4 * i + 12, l->kernel >> 32);

	memset(images, 0, sizeof(images));
	images[n].source_address = (uintptr_t)stub;
	images[n].size = sizeof(stub);
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
	load.id = id;
	load.num_images = n;
	load.images_address = (uintptr_t)images;
	fd = bh_open_driver();
	if (fd >= 0 && bh_driver_request(fd, "cell linux: cell load", BULKHEAD_CELL_LOAD,
					 (unsigned long)&load) >= 0) {
		fd = bh_open_driver();
		if (fd >= 0 && bh_driver_request(fd, "cell linux: cell start",
						 BULKHEAD_CELL_START, id) >= 0) {
			printf("cell \"%s\" started: Linux enters at 0x%llx\n", name,
			       l->kernel);
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
	struct layout l = { 0 };
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
	if (cell->architecture != BULKHEAD_ARCH_ARM64) {
		bh_error("cell linux: %s: Linux cells are supported on arm64 only, "
			 "not on riscv64 yet", cfg.path);
		goto out;
	}
	ram = boot_region(&cfg);
	if (!ram)
		goto out;
	if (read_blob(a.kernel, ram->size, &kernel) ||
	    gunzip_kernel(&kernel, ram->size) || parse_image(&kernel, &l))
		goto out;
	if (a.initrd && read_blob(a.initrd, ram->size, &initrd))
		goto out;
	if (place(cell, ram, a.initrd ? &initrd : NULL, &l))
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
	ret = boot(&cfg, &l, &kernel, a.initrd ? &initrd : NULL, dtb, dtb_size);
out:
	free(dtb);
	free(kernel.data);
	free(initrd.data);
	free(root.data);
	free(base.data);
	bh_config_free(&cfg);
	return ret;
}

#endif /* BH_NO_LINUX_CELL */
