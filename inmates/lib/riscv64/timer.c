// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/comm.h>
#include <inmate/timer.h>
#include <asm/csr.h>
#include <asm/irq.h>
#include <asm/sbi.h>

/* QEMU virt's timebase: the last resort if the comm region says nothing. */
#define FALLBACK_FREQUENCY	10000000ULL

u64 timer_ticks(void)
{
	return csr_read(time);
}

/* RISC-V has no CSR for it: the hypervisor copies the device tree's. */
u64 timer_frequency(void)
{
	u64 freq = comm_region()->timer_frequency;

	return freq ? freq : FALLBACK_FREQUENCY;
}

unsigned int timer_irq(void)
{
	return IRQ_TIMER;
}

void timer_arm(u64 stime)
{
	sbi_set_timer(stime);
}

/* A count never reached; set_timer also withdraws a pending interrupt. */
void timer_stop(void)
{
	sbi_set_timer(~0ULL);
}
