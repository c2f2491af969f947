// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/comm.h>
#include <inmate/halt.h>
#include <asm/processor.h>

void cpu_park(void)
{
	irq_disable();
	for (;;)
		wfi();
}

void halt(void)
{
	irq_disable();
	/* One CPU answers, so replies cannot race each other. */
	if (cpu_index() != 0)
		cpu_park();
	while (comm_poll_shutdown(SHUTDOWN_APPROVE) != COMM_APPROVED)
		cpu_relax();
	cpu_park();
}
