// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead enable|disable: start the hypervisor under the running Linux,
 * which becomes the root cell, and stop it again.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <bulkhead/ioctl.h>

#include "bulkhead.h"

static int enable_run(int argc, char **argv);
static int disable_run(int argc, char **argv);

static const struct bh_usage enable_usage[] = {
	{ "enable [--no-check] SYSTEM.cell",
	  "start the hypervisor with this system config; --no-check leaves\n"
	  "      checking the config to the driver" },
	{ NULL, NULL },
};

static const struct bh_usage disable_usage[] = {
	{ "disable", "stop the hypervisor; Linux keeps running" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_enable = {
	.name = "enable",
	.usage = enable_usage,
	.run = enable_run,
};

const struct bh_command bh_cmd_disable = {
	.name = "disable",
	.usage = disable_usage,
	.run = disable_run,
};

static int enable_run(int argc, char **argv)
{
	struct bulkhead_config_error err;
	struct bulkhead_config_arg arg;
	struct bh_config_file file;
	int check = 1, status, i = 1;

	if (argc > 1 && !strcmp(argv[1], "--no-check")) {
		check = 0;
		i++;
	}
	if (argc != i + 1 || argv[i][0] == '-')
		return bh_usage_error(&bh_cmd_enable, "enable: expected one system config file");
	if (bh_config_load(argv[i], &file))
		return BH_EXIT_FAIL;
	if (check && bulkhead_check_system(file.data, file.size, &err)) {
		bh_config_error(file.path, &err);
		bh_config_free(&file);
		return BH_EXIT_FAIL;
	}
	arg.address = (uintptr_t)file.data;
	arg.size = file.size;
	status = bh_driver_ioctl("enable", BULKHEAD_ENABLE, &arg);
	bh_config_free(&file);
	if (status == BH_EXIT_OK)
		printf("bulkhead enabled\n");
	return status;
}

static int disable_run(int argc, char **argv)
{
	int status;

	if (argc != 1)
		return bh_usage_error(&bh_cmd_disable,
				      "disable: takes no arguments, got \"%s\"", argv[1]);
	status = bh_driver_ioctl("disable", BULKHEAD_DISABLE, NULL);
	if (status == BH_EXIT_OK)
		printf("bulkhead disabled\n");
	return status;
}
