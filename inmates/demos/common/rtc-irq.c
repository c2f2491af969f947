// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A device's interrupt line handed from one owner to the next. rtc-irq
 * takes the interrupt of the machine's real-time clock (demo-rtc.h) a few
 * times, ending each; with hold=1 it then takes one more and stays in the
 * handler without ending it, as a cell destroyed in its handler leaves the
 * line. Whoever owns the line next (another rtc-irq, root Linux) must get
 * it all the same (tests/system/29-irq-handover.sh).
 *
 * Command line: rtc=ADDRESS irq=LINE [count=N] [hold=1]
 *   rtc     the clock's registers (arm64 PL031, riscv64 goldfish RTC)
 *   irq     its interrupt line: GIC interrupt id, PLIC source
 *   count   alarms to take and end first (3)
 */
#include <inmate.h>
#include "demo-rtc.h"

#define ALARM_WAIT_NS	(3 * NS_PER_SEC)

static unsigned long rtc;
static unsigned int line;
static volatile unsigned int taken;
static bool hold;

static void on_irq(unsigned int irq)
{
	if (irq != demo_rtc_irq(line))
		return;
	taken++;
	if (hold) {
		printk("rtc-irq: interrupt %u taken and held: its handler never returns\n",
		       line);
		halt();
	}
	demo_rtc_clear(rtc);
}

/* One alarm, and its interrupt taken: false if none came in time. */
static bool alarm_taken(void)
{
	unsigned int before = taken;
	u64 start = timer_ticks();

	demo_rtc_alarm(rtc);
	while (taken == before)
		if (ticks_to_ns(timer_ticks() - start) > ALARM_WAIT_NS)
			return false;
		else
			cpu_relax();
	return true;
}

int main(void)
{
	unsigned int count, n;

	rtc = cmdline_u64("rtc", 0);
	line = cmdline_u64("irq", 0);
	count = cmdline_u64("count", 3);
	if (!rtc || !line) {
		printk("rtc-irq: rtc=ADDRESS and irq=LINE wanted on the command line\n");
		return 0;
	}
	if (demo_rtc_init())
		return 0;
	printk("rtc-irq: " DEMO_RTC_NAME " at 0x%lx, interrupt %u\n", rtc, line);
	irq_set_handler(on_irq);
	demo_rtc_unmask(line);
	irq_enable();
	for (n = 1; n <= count; n++) {
		if (!alarm_taken()) {
			printk("rtc-irq: alarm %u: no interrupt within %llu s\n",
			       n, ALARM_WAIT_NS / NS_PER_SEC);
			return 0;
		}
	}
	printk("rtc-irq: %u interrupts taken\n", count);
	if (cmdline_u64("hold", 0)) {
		hold = true;
		if (!alarm_taken())
			printk("rtc-irq: alarm to hold: no interrupt within %llu s\n",
			       ALARM_WAIT_NS / NS_PER_SEC);
	}
	return 0;
}
