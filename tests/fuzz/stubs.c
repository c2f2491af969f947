// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * What the tools' code needs from main.c, which the fuzz targets do not
 * link: util.c's usage errors print the command's usage.
 */
#include "../../tools/bulkhead.h"

void bh_print_command_usage(const struct bh_command *cmd, int to_stderr)
{
	(void)cmd;
	(void)to_stderr;
}
