// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead: the command line tool of the bulkhead hypervisor.
 *
 * main() only dispatches: every command is a struct bh_command in its own
 * file, listed in commands[] below. The usage text is generated from that
 * table, so it never advertises a command that does not exist.
 */
#include <stdio.h>
#include <string.h>

#include "bulkhead.h"
#include "config-gen.h"

#ifndef BULKHEAD_VERSION
#define BULKHEAD_VERSION "0.1-dev"
#endif

static const struct bh_command *const commands[] = {
	&bh_cmd_enable,
	&bh_cmd_disable,
	&bh_cmd_console,
	&bh_cmd_cell,
	&bh_cmd_cell_linux,
	&bh_cmd_cell_virtio,
	&bh_cmd_cell_console,
	&bh_cmd_config,
	&bh_cmd_config_create,
	&bh_cmd_hardware,
};

#define BH_NUM_COMMANDS (sizeof(commands) / sizeof(commands[0]))

void bh_print_command_usage(const struct bh_command *cmd, int to_stderr)
{
	FILE *out = to_stderr ? stderr : stdout;
	const struct bh_usage *u;

	for (u = cmd->usage; u->synopsis; u++)
		fprintf(out, "  bulkhead %s\n      %s\n", u->synopsis, u->summary);
}

static void usage(int to_stderr)
{
	FILE *out = to_stderr ? stderr : stdout;
	size_t i;

	fprintf(out, "usage: bulkhead COMMAND [ARGUMENTS...]\n\ncommands:\n");
	for (i = 0; i < BH_NUM_COMMANDS; i++)
		bh_print_command_usage(commands[i], to_stderr);
	fprintf(out,
		"  bulkhead help [COMMAND]\n"
		"      show this help, or the help of one command\n"
		"  bulkhead --version\n"
		"      show the version of bulkhead and of its config format\n"
		"\nexit status: 0 success, 1 failure (e.g. invalid config), 2 usage error\n");
}

/*
 * A command's name may be two words, as "cell linux": a subcommand that
 * lives in a file of its own. Two-word names are tried first, so they win
 * over their first word's command. *words says how many arguments matched.
 */
static const struct bh_command *find_command(int argc, char **argv, int *words)
{
	const char *name, *space;
	size_t i;

	for (i = 0; i < BH_NUM_COMMANDS; i++) {
		name = commands[i]->name;
		space = strchr(name, ' ');
		if (space && argc > 2 && !strcmp(space + 1, argv[2]) &&
		    strlen(argv[1]) == (size_t)(space - name) &&
		    !strncmp(name, argv[1], space - name)) {
			*words = 2;
			return commands[i];
		}
	}
	*words = 1;
	for (i = 0; i < BH_NUM_COMMANDS; i++)
		if (!strcmp(commands[i]->name, argv[1]))
			return commands[i];
	return NULL;
}

static int help(int argc, char **argv)
{
	const struct bh_command *cmd;
	size_t i;
	int words;

	if (argc < 2) {
		usage(0);
		return BH_EXIT_OK;
	}
	cmd = find_command(argc, argv, &words);
	if (!cmd) {
		bh_error("help: unknown command \"%s\"", argv[1]);
		usage(1);
		return BH_EXIT_USAGE;
	}
	printf("usage:\n");
	bh_print_command_usage(cmd, 0);
	/* "help cell" shows "cell linux" too. */
	for (i = 0; words == 1 && i < BH_NUM_COMMANDS; i++)
		if (!strncmp(commands[i]->name, cmd->name, strlen(cmd->name)) &&
		    commands[i]->name[strlen(cmd->name)] == ' ')
			bh_print_command_usage(commands[i], 0);
	return BH_EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct bh_command *cmd;
	int words;

	if (argc < 2) {
		usage(1);
		return BH_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return help(1, argv + 1);
	if (!strcmp(argv[1], "help"))
		return help(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--version")) {
		printf("bulkhead %s (config revision %d)\n", BULKHEAD_VERSION,
		       BULKHEAD_CONFIG_REVISION);
		return BH_EXIT_OK;
	}
	cmd = find_command(argc, argv, &words);
	if (!cmd) {
		bh_error("unknown command \"%s\"", argv[1]);
		usage(1);
		return BH_EXIT_USAGE;
	}
	return cmd->run(argc - words, argv + words);
}
