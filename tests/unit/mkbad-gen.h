/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Malformed configs derived from a valid system config and a valid cell
 * config, each with the text its rejection must contain. Used by mkbad
 * (which writes them out for the system tests) and by the unit tests.
 */
#ifndef _TESTS_UNIT_MKBAD_GEN_H
#define _TESTS_UNIT_MKBAD_GEN_H

#include "cfg-model.h"

struct bad_case {
	const char *name;
	int system;		/* 1: checked as system config, 0: as cell */
	struct cfg_blob blob;
	char expect[192];	/* substring of "<field>: <reason>" */
};

/* Called once per case; a non-zero return stops the generation. */
typedef int (*bad_emit_fn)(struct bad_case *c, void *ctx);

/* sys and cell must be valid together. Returns the first non-zero emit. */
int bad_generate(const struct cfg_model *sys, const struct cfg_model *cell,
		 bad_emit_fn emit, void *ctx);

/*
 * Checks that the validator rejects the case with a message containing
 * c->expect. Returns NULL if so, else a description in a static buffer.
 */
const char *bad_verify(struct bad_case *c, struct cfg_blob *sys);

#endif /* _TESTS_UNIT_MKBAD_GEN_H */
