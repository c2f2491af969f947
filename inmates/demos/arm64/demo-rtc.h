/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The real-time clock rtc-irq (demos/common) drives on arm64: QEMU virt's
 * PL031, whose alarm is a match of its seconds counter. Its interrupt is
 * an SPI, numbered as the GIC numbers it.
 */
#ifndef _DEMOS_DEMO_RTC_H
#define _DEMOS_DEMO_RTC_H

#include <inmate.h>

#define DEMO_RTC_NAME		"PL031"

#define PL031_DR		0x00	/* seconds */
#define PL031_MR		0x04	/* match: the alarm */
#define PL031_IMSC		0x10	/* interrupt mask set/clear */
#define PL031_ICR		0x1c	/* interrupt clear */

static inline int demo_rtc_init(void)
{
	return gic_init();
}

/* The interrupt as the handler sees it, for line LINE of the config. */
static inline unsigned int demo_rtc_irq(unsigned int line)
{
	return line;
}

static inline void demo_rtc_unmask(unsigned int line)
{
	gic_enable_irq(line);
}

/* Its interrupt output low: a level line, as on the real chip. */
static inline void demo_rtc_clear(unsigned long base)
{
	mmio_write32(base + PL031_ICR, 1);
}

/* The alarm, within the next second (the counter's resolution). */
static inline void demo_rtc_alarm(unsigned long base)
{
	demo_rtc_clear(base);
	mmio_write32(base + PL031_IMSC, 1);
	mmio_write32(base + PL031_MR, mmio_read32(base + PL031_DR) + 1);
}

#endif
