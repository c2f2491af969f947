// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A small printf for the hypervisor console. The hypervisor collects a
 * cell's output per line, so a whole printk() call is serialized across
 * CPUs; interrupts are masked meanwhile so a handler that prints cannot
 * spin on a lock its own CPU holds.
 */
#include <inmate/console.h>
#include <inmate/printk.h>
#include <inmate/types.h>
#include <asm/processor.h>

enum length { LEN_INT, LEN_LONG, LEN_LONG_LONG, LEN_SIZE };

struct spec {
	unsigned int width;
	bool zero_pad;
	bool left;
	enum length length;
};

/* cpu_index() + 1 of the CPU printing, 0 when nobody is. */
static u32 printk_owner;

static void put_repeat(char c, unsigned int count)
{
	while (count--)
		console_putc(c);
}

static void put_string(const char *s, const struct spec *spec)
{
	unsigned int len = 0, pad;

	if (!s)
		s = "(null)";
	while (s[len])
		len++;
	pad = spec->width > len ? spec->width - len : 0;
	if (!spec->left)
		put_repeat(' ', pad);
	while (*s)
		console_putc(*s++);
	if (spec->left)
		put_repeat(' ', pad);
}

static void put_number(u64 val, unsigned int base, bool upper, bool negative,
		       const struct spec *spec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	unsigned int len = 0, pad;

	do {
		buf[len++] = digits[val % base];
		val /= base;
	} while (val);
	pad = spec->width > len + negative ? spec->width - len - negative : 0;

	if (!spec->left && !spec->zero_pad)
		put_repeat(' ', pad);
	if (negative)
		console_putc('-');
	if (!spec->left && spec->zero_pad)
		put_repeat('0', pad);
	while (len)
		console_putc(buf[--len]);
	if (spec->left)
		put_repeat(' ', pad);
}

static s64 fetch_signed(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_LONG:
	case LEN_SIZE:
		return va_arg(*ap, long);
	case LEN_LONG_LONG:
		return va_arg(*ap, long long);
	default:
		return va_arg(*ap, int);
	}
}

static u64 fetch_unsigned(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_LONG:
	case LEN_SIZE:
		return va_arg(*ap, unsigned long);
	case LEN_LONG_LONG:
		return va_arg(*ap, unsigned long long);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static const char *parse_spec(const char *fmt, struct spec *spec)
{
	spec->width = 0;
	spec->zero_pad = false;
	spec->left = false;
	spec->length = LEN_INT;

	for (;; fmt++) {
		if (*fmt == '0')
			spec->zero_pad = true;
		else if (*fmt == '-')
			spec->left = true;
		else
			break;
	}
	while (*fmt >= '0' && *fmt <= '9')
		spec->width = spec->width * 10 + (*fmt++ - '0');
	if (*fmt == 'z') {
		spec->length = LEN_SIZE;
		fmt++;
	} else if (*fmt == 'l') {
		spec->length = LEN_LONG;
		if (*++fmt == 'l') {
			spec->length = LEN_LONG_LONG;
			fmt++;
		}
	}
	return fmt;
}

static void put_signed(s64 val, const struct spec *spec)
{
	/* Negate as unsigned: -INT64_MIN does not exist as s64. */
	if (val < 0)
		put_number(-(u64)val, 10, false, true, spec);
	else
		put_number(val, 10, false, false, spec);
}

static void put_conversion(char conv, va_list *ap, const struct spec *spec)
{
	switch (conv) {
	case 'd':
	case 'i':
		put_signed(fetch_signed(ap, spec->length), spec);
		break;
	case 'u':
		put_number(fetch_unsigned(ap, spec->length), 10, false, false,
			   spec);
		break;
	case 'x':
	case 'X':
		put_number(fetch_unsigned(ap, spec->length), 16, conv == 'X',
			   false, spec);
		break;
	case 'p':
		console_putc('0');
		console_putc('x');
		put_number((uintptr_t)va_arg(*ap, void *), 16, false, false,
			   spec);
		break;
	case 'c':
		console_putc(va_arg(*ap, int));
		break;
	case 's':
		put_string(va_arg(*ap, const char *), spec);
		break;
	case '%':
		console_putc('%');
		break;
	default:
		/* Show what was not understood rather than drop it. */
		console_putc('%');
		console_putc(conv);
	}
}

static void format(const char *fmt, va_list *ap)
{
	struct spec spec;

	while (*fmt) {
		if (*fmt != '%') {
			console_putc(*fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &spec);
		if (!*fmt)
			break;
		put_conversion(*fmt++, ap, &spec);
	}
}

/*
 * Returns false when this CPU already prints: a fault inside printk()
 * reports itself rather than deadlocking.
 */
static bool printk_lock(void)
{
	u32 me = cpu_index() + 1, expected = 0;

	if (__atomic_load_n(&printk_owner, __ATOMIC_RELAXED) == me)
		return false;
	while (!__atomic_compare_exchange_n(&printk_owner, &expected, me, false,
					    __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		expected = 0;
		cpu_relax();
	}
	return true;
}

void vprintk(const char *fmt, va_list ap)
{
	unsigned long flags = irq_save();
	bool locked = printk_lock();
	va_list args;

	/* A copy, so the helpers can advance it through a pointer. */
	va_copy(args, ap);
	format(fmt, &args);
	va_end(args);

	if (locked)
		__atomic_store_n(&printk_owner, 0, __ATOMIC_RELEASE);
	irq_restore(flags);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
