// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Message helpers of the CLI: every error starts with "bulkhead: " so it is
 * clear which program complains when the CLI runs inside scripts.
 */
#include <stdarg.h>
#include <stdio.h>

#include "bulkhead.h"

void bh_error(const char *fmt, ...)
{
	va_list ap;

	fputs("bulkhead: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Says what is wrong with the command line, then how to use the command. */
int bh_usage_error(const struct bh_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("bulkhead: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nusage:\n", stderr);
	bh_print_command_usage(cmd, 1);
	return BH_EXIT_USAGE;
}

void bh_config_error(const char *path, const struct bulkhead_config_error *err)
{
	char msg[512];

	bulkhead_config_error_format(err, msg, sizeof(msg));
	bh_error("%s: %s", path, msg);
}

/* "16 MiB" for sizes that are a whole number of a binary unit. */
const char *bh_size_unit(unsigned long long size, char *buf, size_t len)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
	unsigned int u = 0;

	while (u + 1 < sizeof(units) / sizeof(units[0]) && size &&
	       !(size & 1023)) {
		size >>= 10;
		u++;
	}
	snprintf(buf, len, "%llu %s", size, units[u]);
	return buf;
}

/* "0-3,8": the form Linux uses in /sys/devices/system/cpu/online. */
const char *bh_cpus(unsigned long long mask, char *buf, size_t len)
{
	size_t pos = 0;
	unsigned int cpu = 0, first;

	buf[0] = '\0';
	while (cpu < 64) {
		if (!(mask & (1ULL << cpu))) {
			cpu++;
			continue;
		}
		first = cpu;
		while (cpu < 63 && (mask & (1ULL << (cpu + 1))))
			cpu++;
		if (pos < len)
			pos += snprintf(buf + pos, len - pos,
					cpu == first ? "%s%u" : "%s%u-%u",
					pos ? "," : "", first, cpu);
		cpu++;
	}
	if (!mask)
		snprintf(buf, len, "none");
	return buf;
}
