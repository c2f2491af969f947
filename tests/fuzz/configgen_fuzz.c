// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target of `bulkhead config create --root-dtb FILE`
 * (tools/cmd-config-create.c, config-gen.c, config-gen-write.c): a random
 * device tree in, the machine model, the cells' plan and the C sources out,
 * as create_run() does it.
 *
 * Input: an options byte, two device index bytes, then the tree:
 *
 *   options bits 0-1  how many cells: "inmate:cpus=1,mem=1M,dev=A",
 *                     "linux:cpus=1,mem=128M,dev=virtio-console",
 *                     "inmate:cpus=1,mem=16M,dev=B,name=io" in that order;
 *                     A and B the paths or names of the model's devices
 *                     the index bytes pick
 *           bit 2     --reserved: the top 256 MiB of the first RAM bank
 *           bits 3-4  --hv-size 16M, 1M, 64M or 8M
 *           bit 5     --irqs 256
 *
 * The tree is copied into an allocation of exactly its size. Invariants:
 * the model's arrays and strings stay inside their bounds, its devices are
 * page-rounded windows in address order; a plan gives each cell CPUs the
 * root has (the root keeps one), the cells' RAM lies in the reservation
 * below the hypervisor and apart, and each device goes to one cell at
 * most. The sources are written to a directory in /dev/shm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#include "fuzz.h"

/* The command itself, for parse_cell(), as `config create --cell` parses. */
#include "../../tools/cmd-config-create.c"

static char outdir[64];

/* The sources written, when the fuzzer ends. */
static void remove_outdir(void)
{
	DIR *d = opendir(outdir);
	struct dirent *e;
	char path[400];

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", outdir, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(outdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(outdir, sizeof(outdir), "/dev/shm/bulkhead-configgen-fuzz.%d",
		 (int)getpid());
	if (mkdir(outdir, 0700) && errno != EEXIST)
		snprintf(outdir, sizeof(outdir), "/tmp/bulkhead-configgen-fuzz.%d",
			 (int)getpid());
	atexit(remove_outdir);
	/* cg_write() says what it wrote on stdout. */
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

static void check_model(const struct cg_machine *m)
{
	int i;

	FZ_CHECK(m->num_devs >= 0 && m->num_devs <= CG_MAX_DEVS, "%d devices", m->num_devs);
	FZ_CHECK(m->num_ram >= 0 && m->num_ram <= CG_MAX_RAM, "%d RAM banks", m->num_ram);
	FZ_CHECK(m->num_skipped >= 0 && m->num_skipped <= CG_MAX_SKIPPED,
		 "%d skipped nodes", m->num_skipped);
	FZ_CHECK(m->cpu_set, "a model without CPUs");
	FZ_CHECK(m->arch == BULKHEAD_ARCH_ARM64 || m->arch == BULKHEAD_ARCH_RISCV64,
		 "architecture %u", m->arch);
	FZ_CHECK(strnlen(m->model, sizeof(m->model)) < sizeof(m->model) &&
		 strnlen(m->irqchip_path, CG_TEXT) < CG_TEXT &&
		 strnlen(m->console_path, CG_TEXT) < CG_TEXT &&
		 strnlen(m->console_note, CG_TEXT) < CG_TEXT &&
		 strnlen(m->cpu_source, CG_TEXT) < CG_TEXT &&
		 strnlen(m->ram_source, CG_TEXT) < CG_TEXT,
		 "a string of the model is not terminated");
	for (i = 0; i < m->num_skipped; i++)
		FZ_CHECK(strnlen(m->skipped[i], CG_SKIP_TEXT) < CG_SKIP_TEXT,
			 "skipped[%d] is not terminated", i);
	for (i = 0; i < m->num_devs; i++) {
		const struct cg_dev *d = &m->devs[i];

		FZ_CHECK(strnlen(d->path, CG_TEXT) < CG_TEXT &&
			 strnlen(d->compat, sizeof(d->compat)) < sizeof(d->compat),
			 "device %d: a string is not terminated", i);
		FZ_CHECK(d->num_irqs >= 0 && d->num_irqs <= CG_MAX_DEV_IRQS,
			 "%s: %d interrupts", d->path, d->num_irqs);
		FZ_CHECK(!(d->base & 0xfff) && !(d->size & 0xfff),
			 "%s: window 0x%llx+0x%llx is not page-rounded", d->path,
			 (unsigned long long)d->base, (unsigned long long)d->size);
		FZ_CHECK(d->owner == -1, "%s: owned before any plan", d->path);
		FZ_CHECK(!i || m->devs[i - 1].base <= d->base,
			 "devices out of address order at %s", d->path);
	}
}

static void check_plan(const struct cg_machine *m, const struct cg_options *o)
{
	uint64_t taken = 0, hv_base = cg_hv_base(m, o);
	int i, j;

	for (i = 0; i < o->num_cells; i++) {
		const struct cg_cell *c = &o->cells[i];

		FZ_CHECK(__builtin_popcountll(c->cpu_set) == (int)c->cpus,
			 "cell %s: %u CPUs asked, set 0x%llx", c->name, c->cpus,
			 (unsigned long long)c->cpu_set);
		FZ_CHECK(!(c->cpu_set & ~m->cpu_set) && !(c->cpu_set & taken),
			 "cell %s: CPUs 0x%llx not the root's, or taken", c->name,
			 (unsigned long long)c->cpu_set);
		taken |= c->cpu_set;
		FZ_CHECK(c->ram_base >= m->reserved.base && c->mem <= hv_base &&
			 c->ram_base <= hv_base - c->mem,
			 "cell %s: RAM 0x%llx+0x%llx outside the cell pool", c->name,
			 (unsigned long long)c->ram_base, (unsigned long long)c->mem);
		for (j = 0; j < i; j++)
			FZ_CHECK(c->ram_base >= o->cells[j].ram_base + o->cells[j].mem,
				 "cells %s and %s share RAM", o->cells[j].name, c->name);
	}
	FZ_CHECK(m->cpu_set & ~taken, "the root cell keeps no CPU");
	for (i = 0; i < m->num_devs; i++)
		FZ_CHECK(m->devs[i].owner >= -1 && m->devs[i].owner < o->num_cells,
			 "%s: owner %d", m->devs[i].path, m->devs[i].owner);
}

/* A device of the model by index: its path, or its node name. */
static void dev_name(const struct cg_machine *m, uint8_t index, char *buf, size_t len)
{
	const char *path, *slash;

	if (!m->num_devs) {
		snprintf(buf, len, "none");
		return;
	}
	path = m->devs[index % m->num_devs].path;
	slash = strrchr(path, '/');
	snprintf(buf, len, "%s", index & 0x80 && slash ? slash + 1 : path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint64_t hv_sizes[] = { 16 << 20, 1 << 20, 64 << 20, 8 << 20 };
	static struct cg_machine m;
	static struct cg_options o;
	struct fz f = { data, size };
	uint8_t opts = fz_u8(&f), a = fz_u8(&f), b = fz_u8(&f);
	char spec[3][CG_TEXT + 64], name[CG_TEXT];
	void *fdt = fz_dup(f.p, f.n);
	int i, j;

	memset(&m, 0, sizeof(m));
	memset(&o, 0, sizeof(o));
	o.outdir = outdir;
	o.include_dir = "/usr/include";
	o.hv_size = hv_sizes[(opts >> 3) & 3];
	if (cg_read_fdt(&m, fdt, f.n, "fuzz.dtb"))
		goto out;
	check_model(&m);
	if (opts & 0x20) {
		m.num_irqs = o.num_irqs = 256;
		snprintf(m.num_irqs_source, CG_TEXT, "--irqs %u", o.num_irqs);
	}
	if ((opts & 0x04) && m.num_ram && m.ram[0].size >= (256 << 20)) {
		m.have_reserved = 1;
		m.reserved.base = (m.ram[0].base + m.ram[0].size - (256 << 20)) & ~0xfffULL;
		m.reserved.size = 256 << 20;
		snprintf(m.reserved_source, CG_TEXT, "--reserved");
	}
	if (!m.have_reserved) {
		cg_suggest_reservation(&m, &o);
		goto out;
	}
	if (m.reserved.size < o.hv_size + 0x1000 ||
	    ((m.reserved.base | m.reserved.size) & 0xfff))
		goto out;
	dev_name(&m, a, name, sizeof(name));
	snprintf(spec[0], sizeof(spec[0]), "inmate:cpus=1,mem=1M,dev=%s", name);
	snprintf(spec[1], sizeof(spec[1]), "linux:cpus=1,mem=128M,dev=virtio-console");
	dev_name(&m, b, name, sizeof(name));
	snprintf(spec[2], sizeof(spec[2]), "inmate:cpus=1,mem=16M,dev=%s,name=io", name);
	for (i = 0; i < (opts & 3); i++)
		if (parse_cell(spec[i], &o))
			break;
	if (!cg_plan_cells(&m, &o)) {
		check_plan(&m, &o);
		cg_write(&m, &o);
	}
out:
	/* parse_cell() strdup()s the dev= values, in a failed --cell too. */
	for (i = 0; i < CG_MAX_CELLS; i++)
		for (j = 0; j < o.cells[i].num_devs; j++)
			free((void *)o.cells[i].devs[j]);
	free(fdt);
	return 0;
}
