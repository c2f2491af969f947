// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Runs every registered test, then the shipped-config tests, and prints one
 * line per test and the totals; the exit status says whether all passed.
 *
 * usage: unit-tests [SHIPPED-CONFIG-DIR]
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

#define MAX_TESTS 512

static struct {
	const char *name;
	test_fn fn;
} tests[MAX_TESTS];
static int num_tests, passed, failed;
static char failure[1024];

void test_register(const char *name, test_fn fn)
{
	if (num_tests == MAX_TESTS) {
		fprintf(stderr, "too many tests: raise MAX_TESTS\n");
		exit(2);
	}
	tests[num_tests].name = name;
	tests[num_tests].fn = fn;
	num_tests++;
}

/* Keeps the first failure of a test: later ones are usually follow-ups. */
void test_fail(const char *fmt, ...)
{
	va_list ap;

	if (failure[0])
		return;
	va_start(ap, fmt);
	vsnprintf(failure, sizeof(failure), fmt, ap);
	va_end(ap);
}

void test_report(const char *name, const char *why)
{
	if (why && why[0]) {
		printf("FAIL %s: %s\n", name, why);
		failed++;
	} else {
		printf("PASS %s\n", name);
		passed++;
	}
}

int main(int argc, char **argv)
{
	int i;

	for (i = 0; i < num_tests; i++) {
		failure[0] = '\0';
		tests[i].fn();
		test_report(tests[i].name, failure);
	}
	if (argc > 1 && run_shipped(argv[1]))
		test_report("shipped_configs_found", "no .cell files found");
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
