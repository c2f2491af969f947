/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_DUMP_H
#define _CORE_DUMP_H

#include <bulkhead/cpu-dump.h>
#include <core/types.h>

/* Adds a named register to a CPU dump (the arch's arch_cpu_dump). */
void cpu_dump_item(struct bulkhead_cpu_dump *dump, const char *name, u64 value);

#endif
