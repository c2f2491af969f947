// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead console [-f]: print the hypervisor console kept by the driver;
 * with -f, keep printing new output until interrupted.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bulkhead.h"

static int console_run(int argc, char **argv);

static const struct bh_usage console_usage[] = {
	{ "console [-f]",
	  "print the hypervisor console; -f follows it like tail -f" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_console = {
	.name = "console",
	.usage = console_usage,
	.run = console_run,
};

static int console_run(int argc, char **argv)
{
	const struct timespec pause = { 0, 100 * 1000 * 1000 };
	int follow = 0, fd;
	char buf[4096];
	ssize_t len;

	if (argc == 2 && !strcmp(argv[1], "-f"))
		follow = 1;
	else if (argc != 1)
		return bh_usage_error(&bh_cmd_console, "console: unexpected argument \"%s\"", argv[1]);
	fd = bh_open_driver();
	if (fd < 0)
		return BH_EXIT_FAIL;
	for (;;) {
		len = read(fd, buf, sizeof(buf));
		if (len > 0) {
			fwrite(buf, 1, len, stdout);
			continue;
		}
		if (len < 0 && errno != EINTR) {
			bh_error("console: %s", strerror(errno));
			close(fd);
			return BH_EXIT_FAIL;
		}
		if (!follow)
			break;
		fflush(stdout);
		nanosleep(&pause, NULL);
	}
	close(fd);
	return BH_EXIT_OK;
}
