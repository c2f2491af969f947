/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_DUMP_H
#define _ARCH_DUMP_H

#include <bulkhead/cpu-dump.h>
#include <core/types.h>

/* Adds a named register to a CPU dump (arch/arm64/dump.c). */
void arch_dump_item(struct bulkhead_cpu_dump *dump, const char *name, u64 value);

#endif
