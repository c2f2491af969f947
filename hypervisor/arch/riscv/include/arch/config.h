/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_CONFIG_H
#define _ARCH_CONFIG_H

#include <bulkhead/cell-config.h>

#define ARCH_BULKHEAD_ID	BULKHEAD_ARCH_RISCV64

#endif
