// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Test config: valid on its own, but it uses the memory of the inmate
 * cell, which only the hypervisor can see at create time.
 */
#define CELL_NAME	"overlap"
#define CELL_CPUS	0x4
#define CELL_RAM	INMATE_RAM_BASE
#include "one-cell.h"
