// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * mkbad: write malformed configs for the system tests.
 *
 * usage: mkbad SYSTEM.cell CELL.cell OUTDIR
 *
 * Derives malformed blobs from a valid system config and a valid cell config
 * and writes them to OUTDIR with OUTDIR/manifest, one line per blob:
 *
 *   <file> <kind> <expected text>
 *
 * kind "system": "bulkhead config check <file>" must fail with the text;
 * kind "cell": "bulkhead config check SYSTEM.cell <file>" must. The text is
 * part of the "<field>: <reason>" after "bulkhead: <file>: ". Every blob is
 * run through the validator here first, so the manifest is known to be right
 * for this build and a mismatch in the VM points at the target build.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <bulkhead/config-check.h>

#include "mkbad-gen.h"

struct out {
	const char *dir;
	FILE *manifest;
	struct cfg_blob sys;
	int count;
};

static int load(const char *path, struct cfg_blob *b)
{
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "mkbad: %s: %s\n", path, strerror(errno));
		return -1;
	}
	b->size = fread(b->w, 1, sizeof(b->w), f);
	if (ferror(f) || !feof(f)) {
		fprintf(stderr, "mkbad: %s: read error or larger than %zu bytes\n",
			path, sizeof(b->w));
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static int write_case(struct bad_case *c, void *ctx)
{
	struct out *o = ctx;
	const char *why = bad_verify(c, &o->sys);
	char path[4096];
	FILE *f;

	if (why) {
		fprintf(stderr, "mkbad: %s: %s\n", c->name, why);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s.cell", o->dir, c->name);
	f = fopen(path, "wb");
	if (!f || fwrite(c->blob.w, 1, c->blob.size, f) != c->blob.size ||
	    fclose(f)) {
		fprintf(stderr, "mkbad: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(o->manifest, "%s.cell %s %s\n", c->name,
		c->system ? "system" : "cell", c->expect);
	o->count++;
	return 0;
}

/* The inputs must be valid, or the expected messages would be wrong. */
static int check_inputs(const char *sys_path, struct cfg_blob *sys,
			const char *cell_path, struct cfg_blob *cell)
{
	struct bulkhead_config_error err;
	char msg[320];

	if (bulkhead_check_system(sys->w, sys->size, &err)) {
		bulkhead_config_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "mkbad: %s: not a valid system config: %s\n",
			sys_path, msg);
		return -1;
	}
	if (bulkhead_check_cell(cell->w, cell->size, blob_sys(sys), &err)) {
		bulkhead_config_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "mkbad: %s: not a valid cell config: %s\n",
			cell_path, msg);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct cfg_blob cell;
	static struct cfg_model sys_model, cell_model;
	static struct out o;
	char path[4096];

	if (argc != 4) {
		fprintf(stderr, "usage: mkbad SYSTEM.cell CELL.cell OUTDIR\n");
		return 2;
	}
	if (load(argv[1], &o.sys) || load(argv[2], &cell) ||
	    check_inputs(argv[1], &o.sys, argv[2], &cell))
		return 1;
	model_from_blob(&sys_model, o.sys.w, o.sys.size);
	model_from_blob(&cell_model, cell.w, cell.size);
	o.sys.system = 1;
	if (mkdir(argv[3], 0755) && errno != EEXIST) {
		fprintf(stderr, "mkbad: %s: %s\n", argv[3], strerror(errno));
		return 1;
	}
	o.dir = argv[3];
	snprintf(path, sizeof(path), "%s/manifest", argv[3]);
	o.manifest = fopen(path, "w");
	if (!o.manifest) {
		fprintf(stderr, "mkbad: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (bad_generate(&sys_model, &cell_model, write_case, &o)) {
		fclose(o.manifest);
		return 1;
	}
	if (fclose(o.manifest)) {
		fprintf(stderr, "mkbad: %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("mkbad: wrote %d malformed configs and %s\n", o.count, path);
	return 0;
}
