// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Expectations on validator results, shared by all test files. */
#include <string.h>

#include "test.h"

void expect_result(int ret, const struct bulkhead_config_error *err,
		   const char *field, const char *reason)
{
	char msg[512];

	/* err is only defined after a rejection */
	if (!ret) {
		if (field)
			test_fail("expected rejection of %s, got OK", field);
		return;
	}
	bulkhead_config_error_format(err, msg, sizeof(msg));
	if (!field) {
		test_fail("expected OK, got %d: %s", ret, msg);
		return;
	}
	if (ret != -BULKHEAD_EINVAL)
		test_fail("returned %d, expected -BULKHEAD_EINVAL", ret);
	if (!err->field || strcmp(err->field, field))
		test_fail("expected field \"%s\", got \"%s\"", field, msg);
	if (reason && !strstr(msg, reason))
		test_fail("expected reason with \"%s\", got \"%s\"", reason, msg);
}

void expect_system_blob(struct cfg_blob *b, const char *field,
			const char *reason)
{
	struct bulkhead_config_error err;

	memset(&err, 0x5a, sizeof(err));
	expect_result(bulkhead_check_system(b->w, b->size, &err), &err, field,
		      reason);
}

void expect_cell_blob(struct cfg_blob *cell, struct cfg_blob *sys,
		      const char *field, const char *reason)
{
	struct bulkhead_config_error err;
	int ret;

	ret = bulkhead_check_system(sys->w, sys->size, &err);
	if (ret) {
		expect_result(ret, &err, NULL, NULL);
		return;
	}
	memset(&err, 0x5a, sizeof(err));
	expect_result(bulkhead_check_cell(cell->w, cell->size, blob_sys(sys),
					  &err),
		      &err, field, reason);
}

void expect_system(const struct cfg_model *m, const char *field,
		   const char *reason)
{
	static struct cfg_blob b;

	model_to_blob(m, &b);
	expect_system_blob(&b, field, reason);
}

void expect_cell_on(const struct cfg_model *sys, const struct cfg_model *m,
		    const char *field, const char *reason)
{
	static struct cfg_blob b, s;

	model_to_blob(sys, &s);
	model_to_blob(m, &b);
	expect_cell_blob(&b, &s, field, reason);
}

void expect_cell(const struct cfg_model *m, const char *field,
		 const char *reason)
{
	struct cfg_model sys;

	model_system(&sys, m->cell.architecture == BULKHEAD_ARCH_RISCV64 ?
			   BULKHEAD_ARCH_RISCV64 : BULKHEAD_ARCH_ARM64);
	expect_cell_on(&sys, m, field, reason);
}
