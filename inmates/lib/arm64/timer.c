// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/comm.h>
#include <inmate/timer.h>
#include <asm/sysreg.h>

#define CNT_CTL_ENABLE		(1 << 0)

/* QEMU's counter frequency: the last resort if nobody tells us. */
#define FALLBACK_FREQUENCY	62500000ULL

u64 timer_ticks(void)
{
	/* Without it the read could be speculated ahead of earlier code. */
	isb();
	return read_sysreg(cntvct_el0);
}

u64 timer_frequency(void)
{
	u64 freq = read_sysreg(cntfrq_el0) & 0xffffffff;

	if (!freq)
		freq = comm_region()->timer_frequency;
	return freq ? freq : FALLBACK_FREQUENCY;
}

unsigned int timer_irq(enum arm_timer timer)
{
	return timer == TIMER_VIRT ? TIMER_VIRT_IRQ : TIMER_PHYS_IRQ;
}

void timer_arm(enum arm_timer timer, u64 cval)
{
	if (timer == TIMER_VIRT) {
		write_sysreg(cval, cntv_cval_el0);
		write_sysreg(CNT_CTL_ENABLE, cntv_ctl_el0);
	} else {
		write_sysreg(cval, cntp_cval_el0);
		write_sysreg(CNT_CTL_ENABLE, cntp_ctl_el0);
	}
	isb();
}

/* Disabling also withdraws a pending interrupt. */
void timer_stop(enum arm_timer timer)
{
	if (timer == TIMER_VIRT)
		write_sysreg(0, cntv_ctl_el0);
	else
		write_sysreg(0, cntp_ctl_el0);
	isb();
}
