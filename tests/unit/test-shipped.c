// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The shipped configs (the C files in configs/<arch>/, compiled to .cell files by the
 * Makefile into <dir>/<arch>/): every system config is valid, every cell is
 * valid against each system config of its architecture (arm64 has one per
 * GIC version) and disjoint from the others, and every mkbad case derived
 * from them is rejected with the predicted message.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "mkbad-gen.h"
#include "test.h"

#define MAX_CELLS 32
/* arm64 has one per GIC version; every cell runs on each. */
#define MAX_SYSTEMS 4

struct shipped {
	const char *arch;
	struct cfg_blob systems[MAX_SYSTEMS];
	char sys_names[MAX_SYSTEMS][256];
	int num_systems;
	struct cfg_blob cells[MAX_CELLS];
	char cell_names[MAX_CELLS][256];
	int num_cells;
	int sys;		/* the system the cells are checked against */
};

static int read_blob(const char *path, struct cfg_blob *b)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	b->size = fread(b->w, 1, sizeof(b->w), f);
	fclose(f);
	b->system = b->size >= 8 && !memcmp(b->w, BULKHEAD_SYSTEM_SIGNATURE, 8);
	return 0;
}

static void load_arch(const char *dir, struct shipped *s)
{
	char path[4096];
	struct dirent *e;
	struct cfg_blob *b;
	int n;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", dir, s->arch);
	d = opendir(path);
	while (d && (e = readdir(d))) {
		if (strlen(e->d_name) < 6 ||
		    strcmp(e->d_name + strlen(e->d_name) - 5, ".cell") ||
		    s->num_cells == MAX_CELLS)
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", dir, s->arch, e->d_name);
		b = &s->cells[s->num_cells];
		if (read_blob(path, b))
			continue;
		n = (int)strlen(e->d_name) - 5;
		if (b->system) {
			if (s->num_systems == MAX_SYSTEMS)
				continue;
			s->systems[s->num_systems] = *b;
			snprintf(s->sys_names[s->num_systems++], 256, "%.*s", n,
				 e->d_name);
			continue;
		}
		snprintf(s->cell_names[s->num_cells], 256, "%.*s", n, e->d_name);
		s->num_cells++;
	}
	if (d)
		closedir(d);
}

static struct cfg_blob *cur_sys(struct shipped *s)
{
	return &s->systems[s->sys];
}

/* file: a system config, or a cell config on the current system. */
static void report(const char *what, const struct shipped *s,
		   const char *file, int on_sys, int ret,
		   const struct bulkhead_config_error *err)
{
	char name[1024], msg[320];

	snprintf(name, sizeof(name), "shipped_%s_%s%s%s_%s", s->arch, file,
		 on_sys ? "_on_" : "", on_sys ? s->sys_names[s->sys] : "", what);
	if (ret)
		bulkhead_config_error_format(err, msg, sizeof(msg));
	test_report(name, ret ? msg : NULL);
}

/*
 * The inmate cells are meant to run together; the Linux cell runs next to
 * root alone (the machine has four CPUs), so it is left out of the pairs.
 */
static int runs_alone(const char *name)
{
	return strstr(name, "linux") != NULL;
}

static void check_pairs(struct shipped *s)
{
	struct bulkhead_config_error err;
	__u64 taken = 0;
	int i, j, ret;

	for (j = 0; j < s->num_cells; j++) {
		if (runs_alone(s->cell_names[j]))
			continue;
		for (i = 0; i < j; i++) {
			if (runs_alone(s->cell_names[i]))
				continue;
			ret = bulkhead_check_cells_disjoint(blob_desc(&s->cells[i]),
							    blob_desc(&s->cells[j]),
							    &err);
			report("disjoint", s, s->cell_names[j], 1, ret, &err);
		}
		taken |= blob_desc(&s->cells[j])->cpu_set;
	}
	ret = bulkhead_check_root_keeps_cpu(blob_sys(cur_sys(s)), taken, &err);
	report("root_keeps_cpu", s, "all", 1, ret, &err);
}

struct mkbad_ctx {
	struct shipped *s;
	const char *cell_name;
};

static int verify_case(struct bad_case *c, void *ctx)
{
	struct mkbad_ctx *m = ctx;
	char name[1024];

	snprintf(name, sizeof(name), "mkbad_%s_%s_on_%s_%s", m->s->arch,
		 m->cell_name, m->s->sys_names[m->s->sys], c->name);
	test_report(name, bad_verify(c, cur_sys(m->s)));
	return 0;
}

static void check_mkbad(struct shipped *s)
{
	static struct cfg_model sys, cell;
	struct mkbad_ctx ctx = { s, NULL };
	int i;

	model_from_blob(&sys, cur_sys(s)->w, cur_sys(s)->size);
	for (i = 0; i < s->num_cells; i++) {
		model_from_blob(&cell, s->cells[i].w, s->cells[i].size);
		ctx.cell_name = s->cell_names[i];
		bad_generate(&sys, &cell, verify_case, &ctx);
	}
}

/* The cells on the current system, together and broken by mkbad. */
static void check_cells(struct shipped *s)
{
	struct bulkhead_config_error err;
	int i, ret;

	for (i = 0; i < s->num_cells; i++) {
		ret = bulkhead_check_cell(s->cells[i].w, s->cells[i].size,
					  blob_sys(cur_sys(s)), &err);
		report("valid", s, s->cell_names[i], 1, ret, &err);
	}
	check_pairs(s);
	check_mkbad(s);
}

static int check_arch(const char *dir, const char *arch)
{
	static struct shipped s;
	struct bulkhead_config_error err;
	struct cfg_blob *b;
	int ret;

	memset(&s, 0, sizeof(s));
	s.arch = arch;
	load_arch(dir, &s);
	if (!s.num_systems)
		return -1;
	for (s.sys = 0; s.sys < s.num_systems; s.sys++) {
		b = cur_sys(&s);
		ret = bulkhead_check_system(b->w, b->size, &err);
		report("valid", &s, s.sys_names[s.sys], 0, ret, &err);
		if (!ret)
			check_cells(&s);
	}
	return 0;
}

int run_shipped(const char *dir)
{
	int found = 0;

	found |= !check_arch(dir, "arm64");
	found |= !check_arch(dir, "riscv64");
	return found ? 0 : -1;
}
