// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: valid on its own, but it takes CPU 0, the root cell's last
 * one once other cells hold CPUs 1-3.
 */
#define CELL_NAME	"last-cpu"
#define CELL_CPUS	0x1
#define CELL_RAM	(INMATE_RAM_BASE + 0x200000)
#include "one-cell.h"
