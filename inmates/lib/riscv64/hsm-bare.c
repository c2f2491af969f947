// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * make BARE=1 only. OpenSBI (v1.1, QEMU 7.2's) leaves the harts it did not
 * boot in its HSM wait loop with their boot IPI still pending, so their
 * wfi never waits: they spin and take host CPU time from the hart that
 * runs the program, which a cell's machine does not (root Linux's idle
 * harts wait). Each of them is started into the library's parking loop
 * (secondary_entry with index 0: interrupts off, wfi forever).
 */
#include <asm/layout.h>
#include <asm/sbi.h>
#include "internal.h"

void bare_park_harts(unsigned long self)
{
	unsigned long hart;

	for (hart = 0; hart < INMATE_MAX_CPUS; hart++) {
		struct sbiret st = sbi_hart_get_status(hart);

		if (hart != self && !st.error && st.value == SBI_HSM_STOPPED)
			sbi_hart_start(hart, (unsigned long)secondary_entry, 0);
	}
}
