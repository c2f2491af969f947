/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A minimal test harness: TEST(name) { ... } registers a test; a failed
 * expectation records why and the test goes on, so one run shows every
 * broken expectation of a test in its detail.
 */
#ifndef _TESTS_UNIT_TEST_H
#define _TESTS_UNIT_TEST_H

#include <bulkhead/config-check.h>

#include "cfg-model.h"

typedef void (*test_fn)(void);

void test_register(const char *name, test_fn fn);
void test_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* For tests found at run time (the shipped configs). */
void test_report(const char *name, const char *failure);
/* test-shipped.c: returns -1 if dir holds no system config at all. */
int run_shipped(const char *dir);

#define TEST(fn)							\
	static void fn(void);						\
	__attribute__((constructor)) static void register_##fn(void)	\
	{								\
		test_register(#fn, fn);					\
	}								\
	static void fn(void)

/*
 * Expectations. field NULL means "accepted"; otherwise the check must fail
 * with exactly that field and a reason containing the given text.
 */
void expect_result(int ret, const struct bulkhead_config_error *err,
		   const char *field, const char *reason);
void expect_system_blob(struct cfg_blob *b, const char *field,
			const char *reason);
void expect_cell_blob(struct cfg_blob *cell, struct cfg_blob *sys,
		      const char *field, const char *reason);
void expect_system(const struct cfg_model *m, const char *field,
		   const char *reason);
/* Checks m against the reference system of its architecture. */
void expect_cell(const struct cfg_model *m, const char *field,
		 const char *reason);
/* Checks m against the system sys (which must be valid). */
void expect_cell_on(const struct cfg_model *sys, const struct cfg_model *m,
		    const char *field, const char *reason);

/* A test that changes one thing in a reference config and expects field. */
#define SYSTEM_CASE(name, arch, field, reason, ...)			\
	TEST(name)							\
	{								\
		struct cfg_model m;					\
		model_system(&m, arch);					\
		__VA_ARGS__;						\
		expect_system(&m, field, reason);			\
	}

#define CELL_CASE(name, arch, field, reason, ...)			\
	TEST(name)							\
	{								\
		struct cfg_model m;					\
		model_cell(&m, arch, 0);				\
		__VA_ARGS__;						\
		expect_cell(&m, field, reason);				\
	}

/* The same on the arm64 reference system with a GICv2. */
#define GICV2_SYSTEM_CASE(name, field, reason, ...)			\
	TEST(name)							\
	{								\
		struct cfg_model m;					\
		model_system_gicv2(&m);					\
		__VA_ARGS__;						\
		expect_system(&m, field, reason);			\
	}

#define GICV2_CELL_CASE(name, field, reason, ...)			\
	TEST(name)							\
	{								\
		static struct cfg_model m, sys;				\
		model_system_gicv2(&sys);				\
		model_cell(&m, BULKHEAD_ARCH_ARM64, 0);			\
		__VA_ARGS__;						\
		expect_cell_on(&sys, &m, field, reason);		\
	}

/* Same, but the change is made to the serialised blob b. */
#define SYSTEM_BLOB_CASE(name, arch, field, reason, ...)		\
	TEST(name)							\
	{								\
		static struct cfg_blob b;				\
		struct cfg_model m;					\
		model_system(&m, arch);					\
		model_to_blob(&m, &b);					\
		__VA_ARGS__;						\
		expect_system_blob(&b, field, reason);			\
	}

#define CELL_BLOB_CASE(name, arch, field, reason, ...)			\
	TEST(name)							\
	{								\
		static struct cfg_blob b, s;				\
		struct cfg_model m;					\
		model_system(&m, arch);					\
		model_to_blob(&m, &s);					\
		model_cell(&m, arch, 0);				\
		model_to_blob(&m, &b);					\
		__VA_ARGS__;						\
		expect_cell_blob(&b, &s, field, reason);		\
	}

#define ARM64	BULKHEAD_ARCH_ARM64
#define RISCV64	BULKHEAD_ARCH_RISCV64

#endif /* _TESTS_UNIT_TEST_H */
