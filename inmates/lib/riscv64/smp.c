// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <asm/processor.h>
#include <asm/sbi.h>
#include "internal.h"

long arch_start_cpu(u64 hwid, unsigned long index)
{
	/* An ecall is no memory access: order the slot's store before it. */
	fence();
	return sbi_hart_start(hwid, (unsigned long)secondary_entry, index);
}
