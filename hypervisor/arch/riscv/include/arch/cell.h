/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_CELL_H
#define _ARCH_CELL_H

#include <core/types.h>

struct arch_cell {
	u16 vmid;
};

#endif
