// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* bulkhead_config_error_format() and bulkhead_arch_name(). */
#include <string.h>

#include "test.h"

/* A rejection with a value: the revision of a cell. */
static void make_error(struct bulkhead_config_error *err)
{
	static struct cfg_blob b;
	struct cfg_model m;

	model_system(&m, BULKHEAD_ARCH_ARM64);
	m.sys.root_cell.reserved[1] = 0xabc;
	model_to_blob(&m, &b);
	bulkhead_check_system(b.w, b.size, err);
}

static void expect_string(const char *got, const char *want)
{
	if (strcmp(got, want))
		test_fail("expected \"%s\", got \"%s\"", want, got);
}

TEST(format_with_value)
{
	struct bulkhead_config_error err;
	char buf[256];
	int n;

	make_error(&err);
	n = bulkhead_config_error_format(&err, buf, sizeof(buf));
	expect_string(buf, "root_cell.reserved[1]: is reserved and must be 0 (0xabc)");
	if (n != (int)strlen(buf))
		test_fail("returned %d for a %zu-character string", n, strlen(buf));
}

TEST(format_without_value)
{
	struct bulkhead_config_error err;
	char buf[256];

	memset(&err, 0, sizeof(err));
	strcpy(err.where, "a.b");
	err.field = err.where;
	err.reason = "is wrong";
	bulkhead_config_error_format(&err, buf, sizeof(buf));
	expect_string(buf, "a.b: is wrong");
}

TEST(format_truncates)
{
	struct bulkhead_config_error err;
	char buf[16];
	int n;

	make_error(&err);
	memset(buf, 'x', sizeof(buf));
	n = bulkhead_config_error_format(&err, buf, 10);
	expect_string(buf, "root_cell");
	if (n != 9)
		test_fail("returned %d, expected 9", n);
	if (buf[10] != 'x')
		test_fail("wrote past the given length");
	n = bulkhead_config_error_format(&err, buf, 1);
	if (n != 0 || buf[0])
		test_fail("len 1 must give an empty string, got %d", n);
	buf[0] = 'y';
	n = bulkhead_config_error_format(&err, buf, 0);
	if (n != 0 || buf[0] != 'y')
		test_fail("len 0 must write nothing");
}

/* The structure may be copied: the text lives in it, not behind pointers. */
TEST(format_after_copy)
{
	struct bulkhead_config_error err, copy;
	char buf[256];

	make_error(&err);
	err.reason = "is reserved and must be 0";
	copy = err;
	memset(&err, 0, sizeof(err));
	bulkhead_config_error_format(&copy, buf, sizeof(buf));
	expect_string(buf, "root_cell.reserved[1]: is reserved and must be 0 (0xabc)");
}

TEST(format_dynamic_reason_after_copy)
{
	static struct cfg_blob b;
	struct bulkhead_config_error err, copy;
	struct cfg_model m;
	char buf[256];

	model_system(&m, BULKHEAD_ARCH_ARM64);
	m.sys.revision = 7;
	model_to_blob(&m, &b);
	bulkhead_check_system(b.w, b.size, &err);
	copy = err;
	memset(&err, 0, sizeof(err));
	bulkhead_config_error_format(&copy, buf, sizeof(buf));
	expect_string(buf, "revision: is revision 7, but this bulkhead reads revision 2: rebuild the config against this bulkhead");
}

TEST(arch_names)
{
	expect_string(bulkhead_arch_name(BULKHEAD_ARCH_ARM64), "arm64");
	expect_string(bulkhead_arch_name(BULKHEAD_ARCH_RISCV64), "riscv64");
	expect_string(bulkhead_arch_name(0), "unknown");
	expect_string(bulkhead_arch_name(0xffff), "unknown");
}

/* A field path into the third array, with its index and member. */
TEST(format_virtio_field)
{
	static struct cfg_blob b, s;
	struct bulkhead_config_error err;
	struct cfg_model m;
	char buf[256];

	model_system(&m, BULKHEAD_ARCH_RISCV64);
	model_to_blob(&m, &s);
	model_virtio_cell(&m, BULKHEAD_ARCH_RISCV64);
	model_add_virtio(&m, 0xa0001000, 31, BULKHEAD_VIRTIO_BLOCK);
	m.virtio[1].flags = 0x8000;
	model_to_blob(&m, &b);
	bulkhead_check_cell(b.w, b.size, blob_sys(&s), &err);
	bulkhead_config_error_format(&err, buf, sizeof(buf));
	expect_string(buf, "virtio_devices[1].flags: is reserved and must be 0 (0x8000)");
}
