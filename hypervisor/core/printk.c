// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor console: every line goes to the debug UART named in the
 * system config and into the ring in the shared region, from which root
 * Linux reads it (`bulkhead console`).
 */
#include <stdarg.h>
#include <core/printk.h>
#include <core/shared.h>
#include <core/spinlock.h>
#include <core/uart.h>

static spinlock_t console_lock;
static const struct uart_driver *uart;
static u64 uart_base;

void console_init(const struct bulkhead_console *desc)
{
	uart = uart_driver_for(desc->type);
	uart_base = desc->address;
	if (uart && uart->init)
		uart->init(uart_base);
}

static void console_putc_locked(char c)
{
	u64 n = shared_region.console.written;

	shared_region.console.buffer[n % BULKHEAD_CONSOLE_BUFFER_SIZE] = c;
	/* The reader checks 'written' after copying: publish bytes first. */
	__atomic_store_n(&shared_region.console.written, n + 1, __ATOMIC_RELEASE);
	if (uart) {
		if (c == '\n')
			uart->putc(uart_base, '\r');
		uart->putc(uart_base, c);
	}
}

struct out {
	char *buf;
	size_t len, pos;
};

static void out_char(struct out *o, char c)
{
	if (o->pos + 1 < o->len)
		o->buf[o->pos++] = c;
}

static void out_number(struct out *o, u64 value, unsigned int base,
		       bool negative, int width, char pad)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[value % base];
		value /= base;
	} while (value);
	if (negative)
		digits[n++] = '-';
	while (width-- > n)
		out_char(o, pad);
	while (n--)
		out_char(o, digits[n]);
}

static void format(struct out *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int longs = 0, width = 0;
		char pad = ' ';
		u64 v;

		if (*fmt != '%') {
			out_char(o, *fmt);
			continue;
		}
		fmt++;
		/* Left alignment is not needed: accept the flag, pad left. */
		if (*fmt == '-')
			fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
			if (longs)
				v = va_arg(ap, long long);
			else
				v = va_arg(ap, int);
			out_number(o, (s64)v < 0 ? -v : v, 10, (s64)v < 0,
				   width, pad);
			break;
		case 'u':
		case 'x':
			v = longs ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			out_number(o, v, *fmt == 'x' ? 16 : 10, false, width, pad);
			break;
		case 'p':
			out_char(o, '0');
			out_char(o, 'x');
			out_number(o, (u64)va_arg(ap, void *), 16, false, 0, ' ');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			for (s = s ? s : "(null)"; *s; s++)
				out_char(o, *s);
			break;
		}
		case 'c':
			out_char(o, (char)va_arg(ap, int));
			break;
		default:
			out_char(o, '%');
			out_char(o, *fmt);
			if (!*fmt)
				fmt--;
		}
	}
	o->buf[o->pos] = 0;
}

void printk(const char *fmt, ...)
{
	char buf[256];
	struct out o = { buf, sizeof(buf), 0 };
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	format(&o, fmt, ap);
	va_end(ap);

	spin_lock(&console_lock);
	for (i = 0; i < o.pos; i++)
		console_putc_locked(buf[i]);
	spin_unlock(&console_lock);
}

/* x<first>..x<first+count-1>, two to a line, for reports of a failed CPU. */
void printk_regs(const u64 *x, unsigned int first, unsigned int count)
{
	unsigned int n;

	for (n = 0; n + 1 < count; n += 2)
		printk("  x%-2u %016llx  x%-2u %016llx\n", first + n, x[n],
		       first + n + 1, x[n + 1]);
	if (n < count)
		printk("  x%-2u %016llx\n", first + n, x[n]);
}
