/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Memory a cell vouches for: its own code and constants, which nothing may
 * write once it runs, and a guard area of its RAM filled with a pattern.
 * Root cannot read a cell's memory (isolation), so a victim cell checks
 * both now and then and says so: that is how the fuzzing tests learn that
 * nothing outside the cell wrote to it (tests/system/40-fuzz-root.sh,
 * 41-fuzz-cell.sh).
 */
#ifndef _INMATE_GUARD_H
#define _INMATE_GUARD_H

/* Fill the guard area and note the image's checksum; once, at the start. */
void guard_init(void);
/* "intact", or "CHANGED" if a guard word or the image changed since. */
const char *guard_state(void);

#endif
