/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Shared declarations of the bulkhead CLI.
 *
 * Each command lives in its own cmd-*.c file and is listed in the table in
 * main.c, so adding one means adding a file and a table entry.
 */
#ifndef _TOOLS_BULKHEAD_H
#define _TOOLS_BULKHEAD_H

#include <stddef.h>

#include <bulkhead/config-check.h>

/* Exit status: scripts and the system tests tell these apart. */
#define BH_EXIT_OK		0
#define BH_EXIT_FAIL		1	/* the operation failed, e.g. invalid config */
#define BH_EXIT_USAGE		2	/* the command line is wrong */

struct bh_usage {
	const char *synopsis;	/* without the leading "bulkhead " */
	const char *summary;
};

struct bh_command {
	const char *name;
	const struct bh_usage *usage;	/* ends with an empty entry */
	/* argv[0] is the command name; returns a BH_EXIT_* status. */
	int (*run)(int argc, char **argv);
};

extern const struct bh_command bh_cmd_config;
extern const struct bh_command bh_cmd_enable;
extern const struct bh_command bh_cmd_disable;
extern const struct bh_command bh_cmd_console;
extern const struct bh_command bh_cmd_cell;
extern const struct bh_command bh_cmd_cell_linux;
extern const struct bh_command bh_cmd_cell_virtio;
extern const struct bh_command bh_cmd_cell_console;
extern const struct bh_command bh_cmd_hardware;

/* driver-call.c */
int bh_open_driver(void);
int bh_driver_ioctl(const char *what, unsigned long request, void *arg);
/* Closes fd; returns the driver's result or -1 after reporting the error. */
int bh_driver_request(int fd, const char *what, unsigned long request,
		      unsigned long arg);

/*
 * cmd-cell.c: a cell by id or name ("root" is 0); -1 after a message.
 */
int bh_cell_resolve(const char *what);

/* cmd-virtio.c: where virtio backends keep their socket, pid and log. */
#define BH_RUN_DIR		"/run/bulkhead"

/* cpu-dump.c: print the hypervisor's view of one CPU. */
int bh_cpu_dump(unsigned int cpu);

/* main.c */
void bh_print_command_usage(const struct bh_command *cmd, int to_stderr);

/* util.c */
void bh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int bh_usage_error(const struct bh_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void bh_config_error(const char *path, const struct bulkhead_config_error *err);
const char *bh_size_unit(unsigned long long size, char *buf, size_t len);
const char *bh_cpus(unsigned long long mask, char *buf, size_t len);

/* config-file.c */
struct bh_config_file {
	const char *path;
	void *data;		/* malloc'ed, so aligned for the structures */
	size_t size;
};

int bh_config_load(const char *path, struct bh_config_file *file);
void bh_config_free(struct bh_config_file *file);
int bh_config_is_system(const struct bh_config_file *file);

/* config-show.c */
int bh_config_show(const struct bh_config_file *file);

#endif /* _TOOLS_BULKHEAD_H */
