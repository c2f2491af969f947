/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The real-time clock rtc-irq (demos/common) drives on riscv64: QEMU
 * virt's goldfish RTC, nanoseconds, its alarm armed by the write of the
 * alarm's low half. Its interrupt is a PLIC source.
 */
#ifndef _DEMOS_DEMO_RTC_H
#define _DEMOS_DEMO_RTC_H

#include <inmate.h>

#define DEMO_RTC_NAME		"goldfish RTC"

#define GOLDFISH_TIME_LOW	0x00	/* read first: latches the high half */
#define GOLDFISH_TIME_HIGH	0x04
#define GOLDFISH_ALARM_LOW	0x08	/* written last: arms the alarm */
#define GOLDFISH_ALARM_HIGH	0x0c
#define GOLDFISH_IRQ_ENABLED	0x10
#define GOLDFISH_CLEAR_IRQ	0x1c

static inline int demo_rtc_init(void)
{
	return 0;
}

static inline unsigned int demo_rtc_irq(unsigned int line)
{
	return IRQ_PLIC(line);
}

static inline void demo_rtc_unmask(unsigned int line)
{
	irq_unmask(IRQ_PLIC(line));
}

static inline void demo_rtc_clear(unsigned long base)
{
	mmio_write32(base + GOLDFISH_CLEAR_IRQ, 1);
}

/* The alarm, 10 ms from now. */
static inline void demo_rtc_alarm(unsigned long base)
{
	u64 now = mmio_read32(base + GOLDFISH_TIME_LOW);

	now |= (u64)mmio_read32(base + GOLDFISH_TIME_HIGH) << 32;
	now += 10 * NS_PER_MS;
	demo_rtc_clear(base);
	mmio_write32(base + GOLDFISH_IRQ_ENABLED, 1);
	mmio_write32(base + GOLDFISH_ALARM_HIGH, now >> 32);
	mmio_write32(base + GOLDFISH_ALARM_LOW, (u32)now);
}

#endif
