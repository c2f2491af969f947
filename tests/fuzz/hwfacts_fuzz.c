// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target of `bulkhead hardware check`'s parsers (tools/hw-facts.c):
 * the input is read as each file the command reads: /proc/iomem and
 * modules.dep (as text, NUL-terminated as read_all() leaves them), the
 * device tree (when its header's size fits the input: hardware check
 * reads /sys/firmware/fdt, which the kernel fills whole), the hypervisor
 * image and a module file.
 *
 * Invariants: a range found in /proc/iomem overlaps the range asked about;
 * a reservation verdict OK or MAPPED names a reg entry holding the range's
 * first address, PARTIAL an address inside the range; the GIC's frames are
 * at most four; every string the parsers fill stays inside its buffer and
 * is terminated; an image the check accepts has a core at least as large
 * as the file; a release and a module path are what the text holds.
 */
#define _GNU_SOURCE		/* memmem */
#include <libfdt.h>

#include <bulkhead/config-check.h>
#include <bulkhead/hypervisor.h>

#include "../../tools/hw-facts.h"
#include "fuzz.h"
#include "shipped.h"

/* The hypervisor memory of the shipped configs, and ranges at the edges. */
static const struct {
	uint64_t start, size;
} ranges[] = {
	{ 0x7f000000, 16 << 20 }, { 0xbf000000, 16 << 20 }, { 0, 1 },
	{ 0xfffffffffffff000ULL, 0x2000 }, { 0x40000000, 0xc0000000 },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (bulkhead_check_system(fuzz_system, fuzz_system_size, NULL) ||
	    bulkhead_check_system(fuzz_system_gicv2, fuzz_system_gicv2_size, NULL))
		abort();
	return 0;
}

static int terminated(const char *s, size_t len)
{
	return memchr(s, 0, len) != NULL;
}

static void as_text(const uint8_t *data, size_t size)
{
	char *text = fz_str(data, size), path[64], small[8];
	uint64_t first, last, end;
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		first = last = 0x1234;
		ret = bh_iomem_ram(text, ranges[i].start, ranges[i].size, &first, &last);
		FZ_CHECK(ret >= -1 && ret <= 1, "bh_iomem_ram() returned %d", ret);
		end = ranges[i].start + ranges[i].size - 1;
		if (end < ranges[i].start)
			end = UINT64_MAX;
		FZ_CHECK(ret != 1 || (first <= end && last >= ranges[i].start),
			 "System RAM 0x%llx-0x%llx does not overlap 0x%llx-0x%llx",
			 (unsigned long long)first, (unsigned long long)last,
			 (unsigned long long)ranges[i].start, (unsigned long long)end);
	}
	if (!bh_modules_dep_path(text, "bulkhead", path, sizeof(path))) {
		FZ_CHECK(terminated(path, sizeof(path)) && strstr(text, path) &&
			 strstr(path, ".ko"), "modules.dep path \"%.64s\"", path);
	}
	if (!bh_modules_dep_path(text, "bulkhead", small, sizeof(small)))
		FZ_CHECK(terminated(small, sizeof(small)), "short path unterminated");
	free(text);
}

static void as_module(const uint8_t *data, size_t size)
{
	void *copy = fz_dup(data, size);
	char release[65], small[4];

	if (!bh_module_release(copy, size, release, sizeof(release)))
		FZ_CHECK(terminated(release, sizeof(release)) && *release &&
			 !strchr(release, ' ') && memmem(data, size, release, strlen(release)),
			 "vermagic release \"%.64s\"", release);
	if (!bh_module_release(copy, size, small, sizeof(small)))
		FZ_CHECK(terminated(small, sizeof(small)), "short release unterminated");
	free(copy);
}

static void as_image(const uint8_t *data, size_t size)
{
	static const struct bh_image_want wants[] = {
		{ BULKHEAD_ARCH_ARM64, BULKHEAD_IMAGE_REVISION, BULKHEAD_CONFIG_REVISION },
		{ BULKHEAD_ARCH_RISCV64, BULKHEAD_IMAGE_REVISION, BULKHEAD_CONFIG_REVISION },
	};
	void *copy = fz_dup(data, size);
	uint64_t core;
	char why[96];
	unsigned int i;

	for (i = 0; i < 2; i++) {
		why[0] = 0;
		if (!bh_image_check(copy, size, &wants[i], &core, why, sizeof(why))) {
			FZ_CHECK(core >= size, "core size %llu below the file's %zu",
				 (unsigned long long)core, size);
			bh_image_memory_need(core, size, 4096);
		} else {
			FZ_CHECK(terminated(why, sizeof(why)) && *why, "no reason given");
		}
	}
	free(copy);
}

static void check_resv(const struct bh_resv *r, uint64_t start, uint64_t size)
{
	uint64_t last = start + size - 1 < start ? UINT64_MAX : start + size - 1;
	uint64_t rlast = r->start + r->size - 1 < r->start ? UINT64_MAX :
			 r->start + r->size - 1;

	FZ_CHECK(terminated(r->path, sizeof(r->path)), "reservation path unterminated");
	if (r->verdict == BH_RESV_OK || r->verdict == BH_RESV_MAPPED ||
	    r->verdict == BH_RESV_PARTIAL)
		FZ_CHECK(r->size && r->start <= last && rlast >= start,
			 "verdict %d on 0x%llx+0x%llx, which does not overlap the range",
			 r->verdict, (unsigned long long)r->start,
			 (unsigned long long)r->size);
	if (r->verdict == BH_RESV_PARTIAL)
		FZ_CHECK(r->uncovered >= start && r->uncovered <= last,
			 "uncovered 0x%llx outside the range", (unsigned long long)r->uncovered);
}

static void as_fdt(const uint8_t *data, size_t size)
{
	const struct bulkhead_system *systems[2] = { fuzz_system, fuzz_system_gicv2 };
	void *fdt;
	struct bh_resv r;
	struct bh_gic gic;
	char why[128];
	unsigned int i;

	if (size < sizeof(struct fdt_header) || fdt_totalsize(data) > size)
		return;
	fdt = fz_dup(data, size);
	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		bh_fdt_reservation(fdt, ranges[i].start, ranges[i].size, &r);
		check_resv(&r, ranges[i].start, ranges[i].size);
	}
	bh_fdt_reserved_named(fdt, "bulkhead", &r);
	FZ_CHECK(terminated(r.path, sizeof(r.path)), "named reservation path unterminated");
	bh_fdt_gic(fdt, &gic);
	FZ_CHECK(terminated(gic.path, sizeof(gic.path)), "GIC path unterminated");
	FZ_CHECK(gic.frames >= -1 && gic.frames <= BH_GIC_FRAMES, "%d GIC frames",
		 gic.frames);
	if (gic.version)
		for (i = 0; i < 2; i++)
			if (bh_gic_config_mismatch(&gic, &systems[i]->irqchip, why,
						   sizeof(why)))
				FZ_CHECK(terminated(why, sizeof(why)), "mismatch unterminated");
	free(fdt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_text(data, size);
	as_module(data, size);
	as_image(data, size);
	as_fdt(data, size);
	return 0;
}
