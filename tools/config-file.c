// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Reading a .cell file into memory.
 *
 * The whole file is read into a malloc'ed buffer, which is aligned for the
 * config structures; the validator then works on it in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulkhead.h"

/*
 * Far above the largest valid config (header, 64 regions, 1024 interrupts:
 * under 9 KiB), so size errors come from the validator, and low enough that
 * pointing the CLI at a disk image fails fast.
 */
#define BH_CONFIG_MAX_FILE	(1024 * 1024)

static int bh_read_all(int fd, struct bh_config_file *file)
{
	size_t cap = 16384;
	char *buf = malloc(cap), *bigger;
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	file->size = 0;
	for (;;) {
		if (file->size == cap) {
			if (cap > BH_CONFIG_MAX_FILE) {
				free(buf);
				return -EFBIG;
			}
			bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				return -ENOMEM;
			}
			buf = bigger;
			cap *= 2;
		}
		n = read(fd, buf + file->size, cap - file->size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = -errno;
			free(buf);
			return n;
		}
		if (n == 0)
			break;
		file->size += n;
	}
	file->data = buf;
	return 0;
}

int bh_config_load(const char *path, struct bh_config_file *file)
{
	int fd, ret;

	file->path = path;
	file->data = NULL;
	file->size = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		bh_error("%s: cannot open: %s", path, strerror(-ret));
		return ret;
	}
	ret = bh_read_all(fd, file);
	close(fd);
	if (ret == -EFBIG)
		bh_error("%s: is larger than %d bytes: not a bulkhead config",
			 path, BH_CONFIG_MAX_FILE);
	else if (ret)
		bh_error("%s: cannot read: %s", path, strerror(-ret));
	return ret;
}

void bh_config_free(struct bh_config_file *file)
{
	free(file->data);
	file->data = NULL;
	file->size = 0;
}

int bh_config_is_system(const struct bh_config_file *file)
{
	return file->size >= BULKHEAD_SIGNATURE_LEN &&
	       !memcmp(file->data, BULKHEAD_SYSTEM_SIGNATURE,
		       BULKHEAD_SIGNATURE_LEN);
}
