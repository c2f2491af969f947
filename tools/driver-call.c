// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Talking to the driver. When a request fails, the driver has already said
 * why in the kernel log; we show those lines with the error, so the user
 * need not go looking in dmesg.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bulkhead.h"

int bh_open_driver(void)
{
	int fd = open("/dev/bulkhead", O_RDWR);

	if (fd < 0 && errno == ENOENT)
		bh_error("/dev/bulkhead is missing: load the driver first (modprobe bulkhead)");
	else if (fd < 0)
		bh_error("cannot open /dev/bulkhead: %s", strerror(errno));
	return fd;
}

/* Opens the kernel log positioned at its end, or returns -1. */
static int kmsg_open_at_end(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/* Prints the driver's lines the kernel logged since kmsg_open_at_end(). */
static void kmsg_show_driver_lines(int fd)
{
	char record[1024];
	ssize_t len;

	if (fd < 0)
		return;
	while ((len = read(fd, record, sizeof(record) - 1)) > 0 || (len < 0 && errno == EPIPE)) {
		char *text;

		if (len <= 0)
			continue;
		record[len] = 0;
		/* A record is "prio,seq,time,flags;message\n". */
		text = strchr(record, ';');
		if (text && !strncmp(text + 1, "bulkhead: ", 10))
			fprintf(stderr, "  driver: %s", text + 11);
	}
	close(fd);
}

/*
 * One request on an open /dev/bulkhead: returns the driver's non-negative
 * result, or -1 after printing the error with the driver's explanation.
 */
int bh_driver_request(int fd, const char *what, unsigned long request,
		      unsigned long arg)
{
	int kmsg = kmsg_open_at_end();
	int ret = ioctl(fd, request, arg);

	if (ret < 0) {
		bh_error("%s: %s", what, strerror(errno));
		kmsg_show_driver_lines(kmsg);
		close(fd);
		return -1;
	}
	if (kmsg >= 0)
		close(kmsg);
	close(fd);
	return ret;
}

int bh_driver_ioctl(const char *what, unsigned long request, void *arg)
{
	int fd = bh_open_driver();

	if (fd < 0)
		return BH_EXIT_FAIL;
	return bh_driver_request(fd, what, request, (unsigned long)arg) < 0 ?
		BH_EXIT_FAIL : BH_EXIT_OK;
}
