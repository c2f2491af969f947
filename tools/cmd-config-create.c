// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead config create: writes the configs of the machine it runs on (or
 * of a device tree blob given with --root-dtb) as commented C sources,
 * with a Makefile, for a person to check and edit.
 *
 * On the machine itself, the device tree is /sys/firmware/fdt, RAM is what
 * /proc/iomem calls System RAM, the CPUs are /sys/devices/system/cpu/present,
 * a GICv3's line count is the one Linux logged (Linux logs none for a
 * GICv2: the device tree's guess stays), and the virtio console's
 * transport is found under /sys/bus/virtio. The model and the output are
 * config-gen.c and config-gen-write.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config-gen.h"

static int create_run(int argc, char **argv);

static const struct bh_usage create_usage[] = {
	{ "config create [--root-dtb FILE] [--cell KIND:cpus=N,mem=SIZE[,dev=NODE]...]...\n"
	  "                       [--hv-size SIZE] [--reserved BASE,SIZE] [--irqs N]\n"
	  "                       [--name NAME] [--include DIR] OUTDIR",
	  "write the system config of this machine (or of the device tree FILE),\n"
	  "      and of cells (KIND inmate or linux; dev= a node name, path, alias or\n"
	  "      virtio-console; name=NAME), as commented C with a Makefile in OUTDIR" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_config_create = {
	.name = "config create",
	.usage = create_usage,
	.run = create_run,
};

#define DEFAULT_HV_SIZE	(16ULL << 20)

/* "16M", "1G", "0x100000", "4096": bytes */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (shift && (!strcmp(end, "iB") || !strcmp(end, "B")))
		end += strlen(end);
	if (*end || (shift && v >> (64 - shift)))
		return -1;
	*out = v << shift;
	return 0;
}

static int parse_cell(const char *arg, struct cg_options *o)
{
	struct cg_cell *cell;
	char buf[512], *kv, *save, *val;
	int i, same = 0;

	if (o->num_cells == CG_MAX_CELLS)
		return bh_usage_error(&bh_cmd_config_create,
				      "config create: at most %d --cell", CG_MAX_CELLS);
	cell = &o->cells[o->num_cells];
	memset(cell, 0, sizeof(*cell));
	snprintf(buf, sizeof(buf), "%s", arg);
	kv = strchr(buf, ':');
	if (kv)
		*kv++ = '\0';
	if (!strcmp(buf, "inmate"))
		cell->kind = CG_CELL_INMATE;
	else if (!strcmp(buf, "linux"))
		cell->kind = CG_CELL_LINUX;
	else
		return bh_usage_error(&bh_cmd_config_create,
				      "config create: --cell %s: the kind is "
				      "\"inmate\" or \"linux\", as in --cell "
				      "inmate:cpus=1,mem=1M", arg);
	cell->cpus = 1;
	cell->mem = cell->kind == CG_CELL_LINUX ? 128ULL << 20 : 1ULL << 20;
	for (kv = kv ? strtok_r(kv, ",", &save) : NULL; kv;
	     kv = strtok_r(NULL, ",", &save)) {
		val = strchr(kv, '=');
		if (!val)
			goto bad;
		*val++ = '\0';
		if (!strcmp(kv, "cpus")) {
			cell->cpus = (unsigned int)strtoul(val, &kv, 10);
			if (*kv || !cell->cpus || cell->cpus > 63)
				goto bad;
		} else if (!strcmp(kv, "mem")) {
			if (parse_size(val, &cell->mem) || !cell->mem ||
			    (cell->mem & 0xfff))
				goto bad;
		} else if (!strcmp(kv, "dev")) {
			if (cell->num_devs == CG_MAX_CELL_DEVS)
				goto bad;
			cell->devs[cell->num_devs++] = strdup(val);
		} else if (!strcmp(kv, "name")) {
			if (!*val || strlen(val) > 20)
				goto bad;
			snprintf(cell->name, sizeof(cell->name), "%s", val);
		} else {
			goto bad;
		}
	}
	if (!cell->name[0]) {
		for (i = 0; i < o->num_cells; i++)
			same += o->cells[i].kind == cell->kind;
		snprintf(cell->name, sizeof(cell->name), same ? "%s%d" : "%s",
			 buf, same + 1);
	}
	for (i = 0; i < o->num_cells; i++)
		if (!strcmp(o->cells[i].name, cell->name))
			return bh_usage_error(&bh_cmd_config_create,
					      "config create: two cells named \"%s\"",
					      cell->name);
	o->num_cells++;
	return 0;
bad:
	return bh_usage_error(&bh_cmd_config_create,
			      "config create: --cell %s: expected KIND:cpus=N,"
			      "mem=SIZE (page multiple: 1M, 128M),dev=NODE,"
			      "name=NAME (up to 20 characters)", arg);
}

static void *read_file(const char *path, size_t *size)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap), *bigger;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			bigger = cap < (64 << 20) ? realloc(buf, cap * 2) : NULL;
			if (!bigger) {
				free(buf);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			buf = bigger;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			close(fd);
			return NULL;
		}
		if (!r)
			break;
		n += r;
	}
	close(fd);
	*size = n;
	return buf;
}

/* System RAM from /proc/iomem: 0 when it says nothing useful. */
static void read_iomem(struct cg_machine *m)
{
	FILE *f = fopen("/proc/iomem", "r");
	unsigned long long b, e;
	char line[256];
	int n = 0, zero = 1;
	struct cg_range ram[CG_MAX_RAM];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == ' ' || !strstr(line, ": System RAM") ||
		    sscanf(line, "%llx-%llx", &b, &e) != 2)
			continue;
		if (b || e)
			zero = 0;
		if (n && ram[n - 1].base + ram[n - 1].size == b)
			ram[n - 1].size += e + 1 - b;
		else if (n < CG_MAX_RAM)
			ram[n++] = (struct cg_range){ b, e + 1 - b };
	}
	fclose(f);
	if (!n)
		return;
	if (zero) {
		fprintf(stderr, "bulkhead: /proc/iomem shows no addresses (run as "
			"root): RAM comes from the device tree\n");
		return;
	}
	memcpy(m->ram, ram, sizeof(ram[0]) * n);
	m->num_ram = n;
	snprintf(m->ram_source, CG_TEXT, "\"System RAM\" in /proc/iomem");
}

/* /sys/devices/system/cpu/present, "0-3,6" */
static void read_present_cpus(struct cg_machine *m)
{
	FILE *f = fopen("/sys/devices/system/cpu/present", "r");
	char buf[256], *p, *end;
	unsigned long a, b;
	uint64_t set = 0;

	if (!f)
		return;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return;
	}
	fclose(f);
	for (p = buf; *p && *p != '\n'; p = *end ? end + 1 : end) {
		a = strtoul(p, &end, 10);
		b = a;
		if (*end == '-')
			b = strtoul(end + 1, &end, 10);
		for (; a <= b && a < 64; a++)
			set |= 1ULL << a;
		if (*end != ',')
			break;
	}
	if (!set)
		return;
	if (m->arch == BULKHEAD_ARCH_ARM64 && set != m->cpu_set)
		fprintf(stderr, "bulkhead: note: the device tree has CPUs 0x%llx, "
			"Linux CPUs 0x%llx: using Linux's\n",
			(unsigned long long)m->cpu_set, (unsigned long long)set);
	if (m->arch == BULKHEAD_ARCH_ARM64) {
		m->cpu_set = set;
		snprintf(m->cpu_source, CG_TEXT, "/sys/devices/system/cpu/present");
	}
}

/* "GICv3: 256 SPIs implemented" in the kernel log */
static void read_gic_lines(struct cg_machine *m)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char rec[1024], *p;
	ssize_t n;
	unsigned int spis;

	if (fd < 0)
		return;
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records */
		if (n <= 0)
			break;
		rec[n] = '\0';
		p = strstr(rec, "GICv3: ");
		if (p && sscanf(p, "GICv3: %u SPIs implemented", &spis) == 1 &&
		    spis + 32 <= BULKHEAD_GIC_MAX_IRQS) {
			m->num_irqs = spis + 32;
			snprintf(m->num_irqs_source, CG_TEXT, "32 SGIs and PPIs "
				 "and the %u SPIs Linux found (kernel log: "
				 "\"GICv3: %u SPIs implemented\")", spis, spis);
			break;
		}
	}
	close(fd);
}

/* The virtio-mmio transport of the virtio console (device ID 3). */
static void read_virtio_console(struct cg_machine *m)
{
	const char *dir = "/sys/bus/virtio/devices";
	char path[PATH_MAX], link[PATH_MAX], id[32], *p, *q;
	struct dirent *e;
	unsigned long long base;
	DIR *d = opendir(dir);
	ssize_t n;
	FILE *f;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/device", dir, e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(id, sizeof(id), f) || strtoul(id, NULL, 0) != 3) {
			fclose(f);
			continue;
		}
		fclose(f);
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		/* .../platform/a003e00.virtio_mmio/virtio0 */
		q = strrchr(link, '/');
		if (!q)
			continue;
		*q = '\0';
		p = strrchr(link, '/');
		p = p ? p + 1 : link;
		if (!strstr(p, ".virtio_mmio") || sscanf(p, "%llx.", &base) != 1)
			continue;
		m->virtio_console_base = base;
		snprintf(m->virtio_console_source, CG_TEXT,
			 "/sys/bus/virtio/devices/%.40s is a console on %.80s",
			 e->d_name, p);
		break;
	}
	closedir(d);
}

/* The include directory next to the binary (tools/bulkhead, tools/build-*). */
static void default_include(char *buf, size_t len)
{
	static const char *const rel[] = { "/../include", "/../../include" };
	char exe[PATH_MAX - 64], probe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t i;

	snprintf(buf, len, "/usr/include");
	if (n <= 0)
		return;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	for (i = 0; i < 2; i++) {
		snprintf(probe, sizeof(probe), "%s%s/bulkhead/cell-config.h", exe, rel[i]);
		if (!access(probe, R_OK)) {
			snprintf(probe, sizeof(probe), "%s%s", exe, rel[i]);
			if (!realpath(probe, buf))
				snprintf(buf, len, "%s", probe);
			return;
		}
	}
}

static int create_run(int argc, char **argv)
{
	static struct cg_machine machine;
	static struct cg_options opts;
	static char include[PATH_MAX];
	const char *dtb = NULL, *val;
	struct cg_machine *m = &machine;
	struct cg_options *o = &opts;
	size_t size;
	void *fdt;
	char *end;
	int i;

	o->hv_size = DEFAULT_HV_SIZE;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage:\n");
			bh_print_command_usage(&bh_cmd_config_create, 0);
			return BH_EXIT_OK;
		}
		if (i + 1 == argc)
			return bh_usage_error(&bh_cmd_config_create,
					      "config create: %s needs a value",
					      argv[i]);
		val = argv[++i];
		if (!strcmp(argv[i - 1], "--root-dtb")) {
			dtb = val;
		} else if (!strcmp(argv[i - 1], "--cell")) {
			if (parse_cell(val, o))
				return BH_EXIT_USAGE;
		} else if (!strcmp(argv[i - 1], "--hv-size")) {
			if (parse_size(val, &o->hv_size) || o->hv_size < (1 << 20) ||
			    (o->hv_size & 0xfff))
				return bh_usage_error(&bh_cmd_config_create,
						      "config create: --hv-size %s: "
						      "a page multiple of at least 1M", val);
		} else if (!strcmp(argv[i - 1], "--reserved")) {
			end = strchr(val, ',');
			if (!end)
				return bh_usage_error(&bh_cmd_config_create,
						      "config create: --reserved BASE,SIZE");
			*end = '\0';
			if (parse_size(val, &o->reserved.base) ||
			    parse_size(end + 1, &o->reserved.size) ||
			    ((o->reserved.base | o->reserved.size) & 0xfff))
				return bh_usage_error(&bh_cmd_config_create,
						      "config create: --reserved BASE,SIZE: "
						      "page multiples");
			o->have_reserved = 1;
		} else if (!strcmp(argv[i - 1], "--irqs")) {
			o->num_irqs = (uint32_t)strtoul(val, &end, 0);
			if (*end || !o->num_irqs)
				return bh_usage_error(&bh_cmd_config_create,
						      "config create: --irqs N");
		} else if (!strcmp(argv[i - 1], "--name")) {
			if (!*val || strlen(val) > 31)
				return bh_usage_error(&bh_cmd_config_create,
						      "config create: --name: 1 to 31 characters");
			o->root_name = val;
		} else if (!strcmp(argv[i - 1], "--include")) {
			o->include_dir = val;
		} else {
			return bh_usage_error(&bh_cmd_config_create,
					      "config create: unknown option \"%s\"",
					      argv[i - 1]);
		}
	}
	if (i + 1 != argc)
		return bh_usage_error(&bh_cmd_config_create,
				      "config create: give one OUTDIR after the options");
	o->outdir = argv[i];
	if (!o->include_dir) {
		default_include(include, sizeof(include));
		o->include_dir = include;
	}

	fdt = read_file(dtb ? dtb : "/sys/firmware/fdt", &size);
	if (!fdt) {
		bh_error("%s: cannot read: %s%s", dtb ? dtb : "/sys/firmware/fdt",
			 strerror(errno), dtb ? "" : " (run as root, or give "
			 "--root-dtb FILE)");
		return BH_EXIT_FAIL;
	}
	if (cg_read_fdt(m, fdt, size, dtb ? dtb : "/sys/firmware/fdt"))
		return BH_EXIT_FAIL;
	if (!dtb) {
		read_iomem(m);
		read_present_cpus(m);
		if (m->arch == BULKHEAD_ARCH_ARM64 && m->gic_version == 3)
			read_gic_lines(m);
		read_virtio_console(m);
	}
	if (o->num_irqs) {
		m->num_irqs = o->num_irqs;
		snprintf(m->num_irqs_source, CG_TEXT, "--irqs %u", o->num_irqs);
	}
	if (o->have_reserved) {
		m->have_reserved = 1;
		m->reserved = o->reserved;
		snprintf(m->reserved_source, CG_TEXT, "--reserved 0x%llx,0x%llx",
			 (unsigned long long)o->reserved.base,
			 (unsigned long long)o->reserved.size);
	}
	if (!m->have_reserved) {
		cg_suggest_reservation(m, o);
		return BH_EXIT_FAIL;
	}
	if (m->reserved.size < o->hv_size + 0x1000 ||
	    ((m->reserved.base | m->reserved.size) & 0xfff)) {
		bh_error("%s (0x%llx, 0x%llx): too small for the hypervisor's "
			 "0x%llx bytes (--hv-size) and cells, or not page-aligned",
			 m->reserved_source, (unsigned long long)m->reserved.base,
			 (unsigned long long)m->reserved.size,
			 (unsigned long long)o->hv_size);
		return BH_EXIT_FAIL;
	}
	if (cg_plan_cells(m, o) || cg_write(m, o))
		return BH_EXIT_FAIL;
	return BH_EXIT_OK;
}
