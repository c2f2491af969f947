// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target of the CLI's smaller parsers: command-line values, the
 * machine's text files `config create` reads, a CPU dump from the driver
 * and config files for `config show`. The commands' own files are
 * included, so their static parsers are called as they are; fopen() and
 * open() of the files they read give the input instead.
 *
 * Input: a selector byte, then the parser's input:
 *
 *   0  --hv-size/--reserved SIZE (parse_size, cmd-config-create.c)
 *   1  --cell specs, one a line (parse_cell)
 *   2  a CPU list, as sysfs has it (cpu_list, cmd-cell.c)
 *   3  cell load -a ADDR (parse_address)
 *   4  /proc/iomem (read_iomem)
 *   5  /sys/devices/system/cpu/present (read_present_cpus)
 *   6  the kernel log (read_gic_lines)
 *   7  struct bulkhead_cpu_dump as the driver fills it (bh_cpu_dump)
 *   8  a config file: loaded (config-file.c), shown (config-show.c)
 *   9  a le64 CPU mask and size: bh_cpus() and bh_size_unit() (util.c)
 *
 * Invariants: what the parsers fill stays inside its buffers and is
 * terminated; a size that parses is the number it says; cpu_list() reads
 * back every mask bh_cpus() writes; --cell specs that parse give cells of
 * 1 to 63 CPUs, a page multiple of RAM and distinct names.
 */
#define _GNU_SOURCE		/* memfd_create, fmemopen */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bulkhead/cpu-dump.h>
#include <bulkhead/ioctl.h>

#include "fuzz.h"

/* The file the parser under test opens: the input. */
static const uint8_t *file_data;
static size_t file_size;
static int memfd = -1;

static FILE *fuzz_fopen(const char *path, const char *mode)
{
	(void)path;
	return fmemopen((void *)file_data, file_size, mode);
}

static int fuzz_open(const char *path, int flags, ...)
{
	(void)path;
	(void)flags;
	if (ftruncate(memfd, 0) || pwrite(memfd, file_data, file_size, 0) !=
	    (ssize_t)file_size || lseek(memfd, 0, SEEK_SET))
		abort();
	return dup(memfd);
}

#define fopen(path, mode)	fuzz_fopen(path, mode)
#define open(path, ...)		fuzz_open(path, __VA_ARGS__)
#include "../../tools/cmd-config-create.c"
#include "../../tools/cmd-cell.c"
#undef fopen
#undef open

/* The driver, as far as bh_cpu_dump() asks it: the dump is the input. */
int bh_open_driver(void)
{
	return 1000;
}

int bh_driver_request(int fd, const char *what, unsigned long request,
		      unsigned long arg)
{
	const struct bulkhead_cpu_dump_arg *a = (const void *)arg;
	size_t n = file_size < sizeof(struct bulkhead_cpu_dump) ? file_size :
		   sizeof(struct bulkhead_cpu_dump);

	(void)fd;
	(void)what;
	if (request != BULKHEAD_CPU_DUMP)
		return -1;
	memcpy((void *)(uintptr_t)a->dump_address, file_data, n);
	return 0;
}

int bh_driver_ioctl(const char *what, unsigned long request, void *arg)
{
	(void)what;
	(void)request;
	(void)arg;
	return BH_EXIT_FAIL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memfd = memfd_create("bulkhead-cli-fuzz", MFD_CLOEXEC);
	/* What the commands print. */
	if (memfd < 0 || !freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

static void sizes(const char *s)
{
	uint64_t v;
	char back[32];

	if (parse_size(s, &v))
		return;
	/* A decimal number (no leading 0: octal) is the number it says. */
	if (*s > '0' && strspn(s, "0123456789") == strlen(s)) {
		snprintf(back, sizeof(back), "%llu", (unsigned long long)v);
		FZ_CHECK(!strcmp(back, s), "\"%.40s\" parsed as %llu", s,
			 (unsigned long long)v);
	}
}

static void cells(const char *text)
{
	static struct cg_options o;
	char *copy = strdup(text), *line, *save;
	int i, j;

	if (!copy)
		abort();
	memset(&o, 0, sizeof(o));
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (parse_cell(line, &o))
			break;
	for (i = 0; i < o.num_cells; i++) {
		FZ_CHECK(o.cells[i].cpus >= 1 && o.cells[i].cpus <= 63 &&
			 o.cells[i].mem && !(o.cells[i].mem & 0xfff),
			 "cell %d: %u CPUs, 0x%llx bytes", i, o.cells[i].cpus,
			 (unsigned long long)o.cells[i].mem);
		FZ_CHECK(memchr(o.cells[i].name, 0, sizeof(o.cells[i].name)) &&
			 o.cells[i].name[0], "cell %d: its name", i);
		for (j = 0; j < i; j++)
			FZ_CHECK(strcmp(o.cells[i].name, o.cells[j].name),
				 "two cells named %s", o.cells[i].name);
	}
	for (i = 0; i < CG_MAX_CELLS; i++)
		for (j = 0; j < o.cells[i].num_devs; j++)
			free((void *)o.cells[i].devs[j]);
	free(copy);
}

static void machine_file(uint8_t which)
{
	static struct cg_machine m;

	memset(&m, 0, sizeof(m));
	m.arch = BULKHEAD_ARCH_ARM64;
	m.gic_version = 3;
	m.cpu_set = 0xf;
	if (which == 4) {
		/* The kernel's lines: an end below the start is not looked for. */
		read_iomem(&m);
		FZ_CHECK(m.num_ram >= 0 && m.num_ram <= CG_MAX_RAM, "%d RAM banks", m.num_ram);
		FZ_CHECK(memchr(m.ram_source, 0, CG_TEXT), "RAM source unterminated");
	} else if (which == 5) {
		read_present_cpus(&m);
		FZ_CHECK(m.cpu_set, "present CPUs took every CPU away");
	} else {
		read_gic_lines(&m);
		FZ_CHECK(m.num_irqs <= BULKHEAD_GIC_MAX_IRQS, "%u lines", m.num_irqs);
	}
}

static void config_file(void)
{
	struct bh_config_file file;
	char path[32];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	if (ftruncate(memfd, 0) || pwrite(memfd, file_data, file_size, 0) !=
	    (ssize_t)file_size)
		abort();
	if (bh_config_load(path, &file))
		return;
	FZ_CHECK(file.size == file_size && !memcmp(file.data, file_data, file_size),
		 "the config file read back differs");
	/* Shown from a copy of its exact size: no read past the file. */
	free(file.data);
	file.data = fz_dup(file_data, file_size);
	bh_config_is_system(&file);
	bh_config_show(&file);
	bh_config_free(&file);
}

static void masks(struct fz *f)
{
	uint64_t mask = fz_u64(f), size = fz_u64(f);
	char list[256], small[5], unit[32];

	bh_cpus(mask, list, sizeof(list));
	FZ_CHECK(cpu_list(list) == mask, "bh_cpus() wrote \"%s\" for 0x%llx, read back 0x%llx",
		 list, (unsigned long long)mask, cpu_list(list));
	bh_cpus(mask, small, sizeof(small));
	FZ_CHECK(memchr(small, 0, sizeof(small)), "a short CPU list unterminated");
	bh_size_unit(size, unit, sizeof(unit));
	FZ_CHECK(memchr(unit, 0, sizeof(unit)), "a size unterminated");
	bh_size_unit(size, small, sizeof(small));
	FZ_CHECK(memchr(small, 0, sizeof(small)), "a short size unterminated");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	uint8_t which = fz_u8(&f);
	char *s = fz_str(f.p, f.n);
	__u64 addr;

	file_data = f.p;
	file_size = f.n;
	switch (which % 10) {
	case 0:
		sizes(s);
		break;
	case 1:
		cells(s);
		break;
	case 2:
		cpu_list(s);
		break;
	case 3:
		parse_address(s, &addr);
		break;
	case 4:
	case 5:
	case 6:
		machine_file(which % 10);
		break;
	case 7:
		bh_cpu_dump(2);
		break;
	case 8:
		config_file();
		break;
	case 9:
		masks(&f);
		break;
	}
	free(s);
	return 0;
}
