// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Reads hstatus, a hypervisor CSR. From VS mode that is a virtual
 * instruction fault, which only the hypervisor sees: it must stop the
 * cell, so "done" is never printed. (A plain illegal instruction would be
 * the inmate's own trap, reported by the library.)
 */
#include <inmate.h>

/* By number: the baseline -march has no H extension to name it. */
#define CSR_HSTATUS	"0x600"

int main(void)
{
	unsigned long val;

	printk("hostile-trap: trying csrr hstatus (virtual instruction in VS mode)\n");
	asm volatile("csrr %0, " CSR_HSTATUS : "=r" (val) : : "memory");
	printk("hostile-trap: csrr hstatus returned 0x%lx\n", val);
	printk("hostile-trap: done\n");
	return 0;
}
