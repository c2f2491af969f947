// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead cell virtio: root's backend of a cell's virtio devices.
 * bulkhead cell console: the user's end of the cell's virtio console.
 *
 * The backend attaches to the cell through /dev/bulkhead-virtio
 * (include/bulkhead/ioctl.h), maps the channel and the cell's virtio pool,
 * brings its devices online and then waits in poll() for: requests (the
 * device file turns readable), console clients on the UNIX socket
 * /run/bulkhead/NAME.console and their input, room to send them output,
 * and the cell's end (POLLHUP on the device file), when it exits. Each
 * wake-up answers every pending request of the cell (virtio-channel.c) and
 * raises the interrupt of each device that asked for one.
 *
 * The devices' transport state is kept in /run/bulkhead/NAME.state
 * (virtio-mmio.h): a backend started again while the cell runs restores it
 * and serves what the cell's drivers posted meanwhile. The file goes when
 * the cell does; a backend killed or stopped by a signal leaves it.
 *
 * All console output enters a history ring of BH_HISTORY_SIZE bytes; a
 * client reads from its own position in it, so a new client first gets the
 * recent history and a slow client never slows the cell down (it loses the
 * oldest output instead, and is told so). A client may start with a 4-byte
 * hello ("\0BHh": with history, "\0BHn": without); `cell console` sends it,
 * other clients (socat) get the history after BH_HELLO_MS.
 */
#define _GNU_SOURCE		/* accept4 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>
#include <bulkhead/virtio.h>

#include "bulkhead.h"
#include "virtio-channel.h"
#include "virtio-blk.h"
#include "virtio-console.h"
#include "virtio-net.h"

static int virtio_run(int argc, char **argv);
static int console_run(int argc, char **argv);

static const struct bh_usage virtio_usage[] = {
	{ "cell virtio NAME|ID [--daemon] [--disk FILE[,ro]]... [--tap IFNAME]...",
	  "serve the cell's virtio devices until the cell is destroyed (cell linux\n"
	  "      starts it); the console is the socket " BH_RUN_DIR "/NAME.console;\n"
	  "      --disk: the file behind the next block device (,ro: read-only);\n"
	  "      --tap: the TAP interface behind the next network device (made if\n"
	  "      missing; bring it up in root: ip link set IFNAME up);\n"
	  "      --daemon: in the background, logging to " BH_RUN_DIR "/NAME.log" },
	{ NULL, NULL },
};

static const struct bh_usage console_usage[] = {
	{ "cell console NAME|ID [--no-history] [--wait SECONDS]",
	  "connect to the cell's virtio console (hvc0), first showing its recent\n"
	  "      output unless --no-history; on a terminal Ctrl-] detaches; without\n"
	  "      one, copy stdin to the cell and its output to stdout, and end once\n"
	  "      stdin has ended and the cell was quiet for SECONDS (default 2)" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_cell_virtio = {
	.name = "cell virtio",
	.usage = virtio_usage,
	.run = virtio_run,
};

const struct bh_command bh_cmd_cell_console = {
	.name = "cell console",
	.usage = console_usage,
	.run = console_run,
};

#define VIRTIO_DEV		"/dev/bulkhead-virtio"
#define BH_HISTORY_SIZE		(64 * 1024)
#define BH_HELLO_MS		200
#define BH_DETACH_KEY		0x1d	/* Ctrl-] */

static const char hello_magic[3] = { 0, 'B', 'H' };

struct backend {
	const char *name;
	unsigned int cell_id;
	int devfd;
	struct bulkhead_virtio_channel *channel;
	size_t channel_size;
	uint8_t *pool;
	struct bulkhead_virtio_attach attach;
	struct bh_vdev *devs[BULKHEAD_MAX_VIRTIO_DEVICES];
	char dev_names[BULKHEAD_MAX_VIRTIO_DEVICES][64];
	struct bh_vcons *cons;		/* the console on the socket */
	/* Backing of block and network devices, in the order of the devices. */
	const char *disks[BULKHEAD_MAX_VIRTIO_DEVICES];
	const char *taps[BULKHEAD_MAX_VIRTIO_DEVICES];
	unsigned int num_disks, num_taps;
	struct bh_vnet *nets[BULKHEAD_MAX_VIRTIO_DEVICES];
	unsigned int num_nets;
	unsigned int cons_index;
	char sock_path[108], pid_path[108], state_path[108];
	struct bh_vstate_file state;
	int restored;			/* the devices were restored from it */
	int cell_gone;			/* serve() ended with the cell */
	int listen_fd;
	struct stat sock_stat;		/* our socket, not a successor's */

	/* Console output: the last BH_HISTORY_SIZE bytes of it. */
	uint8_t history[BH_HISTORY_SIZE];
	uint64_t total;			/* bytes of output so far */

	int client;			/* -1: none */
	int client_hello;		/* bytes of hello seen, -1 when done */
	uint64_t client_pos;		/* next output byte to send it */
	struct timespec client_since;
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* "2026-05-01 12:00:00 " before every line of the log. */
static void backend_log(const char *msg)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
	fprintf(stderr, "%s bulkhead: %s\n", stamp, msg);
	fflush(stderr);
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* The cell's name from sysfs; the id when it has none. */
static void cell_name(unsigned int id, char *buf, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/devices/bulkhead/cells/%u/name", id);
	buf[0] = 0;
	f = fopen(path, "r");
	if (f) {
		if (fgets(buf, len, f))
			buf[strcspn(buf, "\n")] = 0;
		fclose(f);
	}
	if (!buf[0])
		snprintf(buf, len, "%u", id);
}

static void drop_client(struct backend *b, const char *why)
{
	if (b->client < 0)
		return;
	if (why)
		bh_virtio_logf("console client detached: %s", why);
	close(b->client);
	b->client = -1;
}

/* Sends the client what it has not seen yet, as far as it takes it now. */
static void flush_client(struct backend *b)
{
	char note[128];
	uint64_t oldest = b->total > BH_HISTORY_SIZE ? b->total - BH_HISTORY_SIZE : 0;
	ssize_t n;

	if (b->client < 0 || b->client_hello >= 0)
		return;
	if (b->client_pos < oldest) {
		int len = snprintf(note, sizeof(note), "\r\n[bulkhead: %llu bytes of console "
				   "output lost: the client did not keep up]\r\n",
				   (unsigned long long)(oldest - b->client_pos));

		b->client_pos = oldest;
		/* Best effort: the note may not fit either. */
		if (send(b->client, note, len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 &&
		    errno != EAGAIN && errno != EWOULDBLOCK) {
			drop_client(b, strerror(errno));
			return;
		}
	}
	while (b->client_pos < b->total) {
		size_t at = b->client_pos % BH_HISTORY_SIZE;
		size_t len = BH_HISTORY_SIZE - at;

		if (len > b->total - b->client_pos)
			len = b->total - b->client_pos;
		n = send(b->client, b->history + at, len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		if (n < 0) {
			drop_client(b, strerror(errno));
			return;
		}
		b->client_pos += n;
	}
}

/* The console's sink: the history, then the client if there is one. */
static void console_output(void *ctx, const uint8_t *data, size_t len)
{
	struct backend *b = ctx;
	size_t n;

	while (len) {
		size_t at = b->total % BH_HISTORY_SIZE;

		n = BH_HISTORY_SIZE - at < len ? BH_HISTORY_SIZE - at : len;
		memcpy(b->history + at, data, n);
		b->total += n;
		data += n;
		len -= n;
	}
	flush_client(b);
}

static void client_start(struct backend *b, int with_history)
{
	uint64_t oldest = b->total > BH_HISTORY_SIZE ? b->total - BH_HISTORY_SIZE : 0;

	b->client_hello = -1;
	b->client_pos = with_history ? oldest : b->total;
	flush_client(b);
}

static void accept_client(struct backend *b)
{
	static const char kicked[] =
		"\r\n[bulkhead: another client attached to this console]\r\n";
	int fd = accept4(b->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

	if (fd < 0)
		return;
	if (b->client >= 0) {
		if (send(b->client, kicked, sizeof(kicked) - 1,
			 MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
			/* it is going anyway */
		}
		drop_client(b, "another client attached");
	}
	b->client = fd;
	b->client_hello = 0;
	clock_gettime(CLOCK_MONOTONIC, &b->client_since);
	bh_virtio_logf("console client attached");
}

static void read_client(struct backend *b)
{
	uint8_t buf[4096];
	size_t room = b->cons ? bh_vcons_input_room(b->cons) : sizeof(buf);
	ssize_t n, i = 0;

	if (room > sizeof(buf))
		room = sizeof(buf);
	/* The hello prefix we took may turn out to be input. */
	if (room <= sizeof(hello_magic))
		return;
	n = read(b->client, buf, room - sizeof(hello_magic));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		drop_client(b, n ? strerror(errno) : "it closed the connection");
		return;
	}
	while (b->client_hello >= 0 && i < n) {
		int h = b->client_hello;

		if (h < (int)sizeof(hello_magic) && buf[i] == (uint8_t)hello_magic[h]) {
			b->client_hello++;
			i++;
		} else if (h == sizeof(hello_magic) && (buf[i] == 'h' || buf[i] == 'n')) {
			client_start(b, buf[i++] == 'h');
		} else {
			/* Not our client: what looked like a hello is input. */
			client_start(b, 1);
			if (b->cons && h)
				bh_vcons_input(b->cons, hello_magic, h);
		}
	}
	if (b->cons && i < n)
		bh_vcons_input(b->cons, buf + i, n - i);
}

static void inject(struct backend *b)
{
	unsigned int i;

	for (i = 0; i < b->attach.num_devices; i++)
		if (b->devs[i] && bh_vdev_take_irq(b->devs[i]) &&
		    ioctl(b->devfd, BULKHEAD_VIRTIO_INJECT, i) < 0)
			bh_virtio_logf("%s: cannot raise its interrupt: %s",
				       b->dev_names[i], strerror(errno));
}

static int open_socket(struct backend *b)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		bh_error("cell virtio: socket: %s", strerror(errno));
		return -1;
	}
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", b->sock_path);
	/* Left behind by a backend that was killed: ATTACH said it is gone. */
	unlink(b->sock_path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, 4)) {
		bh_error("cell virtio: %s: %s", b->sock_path, strerror(errno));
		close(fd);
		return -1;
	}
	chmod(b->sock_path, 0600);
	stat(b->sock_path, &b->sock_stat);
	b->listen_fd = fd;
	return 0;
}

/*
 * Removes our socket and pid file, but not those of a backend that already
 * serves a new cell of the same name while we are ending.
 */
static void remove_files(struct backend *b)
{
	struct stat st;
	FILE *f;
	int pid = 0;

	if (!stat(b->sock_path, &st) && st.st_ino == b->sock_stat.st_ino &&
	    st.st_dev == b->sock_stat.st_dev)
		unlink(b->sock_path);
	f = fopen(b->pid_path, "r");
	if (f) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
		fclose(f);
		if (pid == getpid())
			unlink(b->pid_path);
	}
}

static void write_pid(const char *path, pid_t pid)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		bh_error("cell virtio: cannot write %s: %s", path, strerror(errno));
		return;
	}
	fprintf(f, "%d\n", (int)pid);
	fclose(f);
}

/*
 * What tells this cell apart from an earlier one with the same id: the
 * inode number of its sysfs directory. kernfs numbers its nodes from a
 * cyclic counter, so a cell created anew gets a new number (it has no
 * attribute with a creation count). 0 when there is no such directory;
 * `cell linux` also removes the state file of a cell it creates.
 */
static uint64_t cell_nonce(unsigned int id)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/devices/bulkhead/cells/%u", id);
	return stat(path, &st) ? 0 : (uint64_t)st.st_ino;
}

/* The state file: restores the devices from it, or starts a new one. */
static void open_state(struct backend *b)
{
	struct bulkhead_virtio_attach *a = &b->attach;
	struct bh_vstate_ident id;
	unsigned int i;
	int ret;

	memset(&id, 0, sizeof(id));
	id.cell_id = b->cell_id;
	id.cell_nonce = cell_nonce(b->cell_id);
	id.num_devices = a->num_devices;
	id.pool_address = a->pool_address;
	id.pool_size = a->pool_size;
	memcpy(id.devices, a->devices, a->num_devices * sizeof(a->devices[0]));
	ret = bh_vstate_open(&b->state, b->state_path, &id);
	if (ret < 0)
		return;
	b->restored = ret;
	for (i = 0; i < a->num_devices; i++)
		if (b->devs[i])
			bh_vdev_keep_state(b->devs[i], &b->state.s->dev[i], ret);
}

/* Attach, map, create the device models; messages for the user. */
/* Block device i backed by the disk-th --disk FILE[,ro]. */
static int setup_disk(struct backend *b, unsigned int i, const struct bh_vmem *mem,
		      unsigned int disk)
{
	char path[256], err[256];
	struct bh_vblk *blk;
	size_t len;
	int fd, ro = 0;

	if (disk >= b->num_disks) {
		bh_virtio_logf("%s: block device without a file (give --disk FILE): "
			       "not served", b->dev_names[i]);
		return 0;
	}
	snprintf(path, sizeof(path), "%s", b->disks[disk]);
	len = strlen(path);
	if (len > 3 && !strcmp(path + len - 3, ",ro")) {
		path[len - 3] = 0;
		ro = 1;
	}
	fd = open(path, (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (fd < 0) {
		bh_error("cell virtio: %s: cannot open the disk %s: %s",
			 b->dev_names[i], path, strerror(errno));
		return -1;
	}
	blk = calloc(1, sizeof(*blk));
	if (!blk || bh_vblk_init(blk, b->dev_names[i], mem, fd, ro, b->cell_id, i,
				 err, sizeof(err))) {
		bh_error("cell virtio: %s: %s", b->dev_names[i],
			 blk ? err : "out of memory");
		free(blk);
		close(fd);
		return -1;
	}
	bh_virtio_logf("%s: block device on %s%s", b->dev_names[i], path,
		       ro ? " (read-only)" : "");
	b->devs[i] = &blk->dev;
	return 0;
}

/* Network device i on the tap-th --tap IFNAME. */
static int setup_tap(struct backend *b, unsigned int i, const struct bh_vmem *mem,
		     unsigned int tap)
{
	struct bh_vnet *net;
	char err[256];
	int fd;

	if (tap >= b->num_taps) {
		bh_virtio_logf("%s: network device without an interface (give --tap "
			       "IFNAME): not served", b->dev_names[i]);
		return 0;
	}
	fd = bh_vnet_open_tap(b->taps[tap], err, sizeof(err));
	if (fd < 0) {
		bh_error("cell virtio: %s: %s", b->dev_names[i], err);
		return -1;
	}
	net = calloc(1, sizeof(*net));
	if (!net) {
		bh_error("cell virtio: out of memory");
		close(fd);
		return -1;
	}
	bh_vnet_init(net, b->dev_names[i], mem, fd, b->cell_id, i);
	bh_virtio_logf("%s: network device on TAP %s", b->dev_names[i], b->taps[tap]);
	b->devs[i] = &net->dev;
	b->nets[b->num_nets++] = net;
	return 0;
}

static int setup(struct backend *b)
{
	struct bulkhead_virtio_attach *a = &b->attach;
	long page = sysconf(_SC_PAGESIZE);
	unsigned int i, disk = 0, tap = 0;
	struct bh_vmem mem;

	b->devfd = open(VIRTIO_DEV, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (b->devfd < 0) {
		bh_error("cell virtio: cannot open %s: %s%s", VIRTIO_DEV, strerror(errno),
			 errno == ENOENT ? " (load a driver with virtio support: "
			 "modprobe bulkhead)" : "");
		return -1;
	}
	memset(a, 0, sizeof(*a));
	a->cell_id = b->cell_id;
	if (ioctl(b->devfd, BULKHEAD_VIRTIO_ATTACH, a) < 0) {
		bh_error("cell virtio: cannot attach to cell \"%s\": %s%s", b->name,
			 strerror(errno), errno == EBUSY ?
			 " (another backend serves it; see " BH_RUN_DIR "/*.pid)" : "");
		return -1;
	}
	if (!a->num_devices || a->num_devices > BULKHEAD_MAX_VIRTIO_DEVICES) {
		bh_error("cell virtio: cell \"%s\" has no virtio devices", b->name);
		return -1;
	}
	b->channel_size = page;
	b->channel = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, b->devfd, 0);
	if (b->channel == MAP_FAILED) {
		bh_error("cell virtio: cannot map the virtio channel: %s", strerror(errno));
		return -1;
	}
	b->pool = mmap(NULL, a->pool_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       b->devfd, page);
	if (b->pool == MAP_FAILED) {
		bh_error("cell virtio: cannot map the virtio pool (%llu bytes): %s",
			 (unsigned long long)a->pool_size, strerror(errno));
		return -1;
	}
	mem.base = b->pool;
	mem.gpa = a->pool_address;
	mem.size = a->pool_size;
	for (i = 0; i < a->num_devices; i++) {
		const struct bulkhead_virtio_device *d = &a->devices[i];

		snprintf(b->dev_names[i], sizeof(b->dev_names[i]), "cell %s virtio%u at 0x%llx",
			 b->name, i, (unsigned long long)d->address);
		if (d->type == BULKHEAD_VIRTIO_BLOCK) {
			if (setup_disk(b, i, &mem, disk++))
				return -1;
			continue;
		}
		if (d->type == BULKHEAD_VIRTIO_NET) {
			if (setup_tap(b, i, &mem, tap++))
				return -1;
			continue;
		}
		if (d->type != BULKHEAD_VIRTIO_CONSOLE) {
			bh_virtio_logf("%s: type %u is not a device this backend serves: "
				       "the cell's driver will not find it",
				       b->dev_names[i], d->type);
			continue;
		}
		if (b->cons) {
			bh_virtio_logf("%s: a second console is not served: only the first "
				       "(virtio%u) has a socket", b->dev_names[i], b->cons_index);
			continue;
		}
		b->cons = malloc(sizeof(*b->cons));
		if (!b->cons) {
			bh_error("cell virtio: out of memory");
			return -1;
		}
		bh_vcons_init(b->cons, b->dev_names[i], &mem, console_output, b);
		b->cons_index = i;
		b->devs[i] = &b->cons->dev;
	}
	open_state(b);
	return 0;
}

static int remap_after_fork(struct backend *b)
{
	long page = sysconf(_SC_PAGESIZE);

	if (mmap(b->channel, b->channel_size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, b->devfd, 0) == MAP_FAILED ||
	    mmap(b->pool, b->attach.pool_size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, b->devfd, page) == MAP_FAILED) {
		bh_virtio_logf("cannot map the channel and pool again after fork: %s",
			       strerror(errno));
		return -1;
	}
	return 0;
}

static int online(struct backend *b)
{
	unsigned int i;

	for (i = 0; i < b->attach.num_devices; i++) {
		if (!b->devs[i])
			continue;
		if (ioctl(b->devfd, BULKHEAD_VIRTIO_ONLINE, i) < 0) {
			bh_error("cell virtio: %s: cannot bring it online: %s",
				 b->dev_names[i], strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Returns when the cell is gone or a signal asks us to stop. */
static int serve(struct backend *b)
{
	struct pollfd pfd[3 + BULKHEAD_MAX_VIRTIO_DEVICES];
	unsigned int k;
	uint64_t count;
	int timeout, n;

	for (;;) {
		/* Before sleeping: requests that came before poll() are served. */
		bh_virtio_channel_serve(b->channel, b->cell_id, b->devs,
					b->attach.num_devices);
		inject(b);
		if (stop_signal) {
			bh_virtio_logf("stopped by signal %d; the cell's devices time out "
				       "until a backend attaches again, which takes up "
				       "their state from %s", (int)stop_signal,
				       b->state_path);
			return BH_EXIT_OK;
		}
		pfd[0] = (struct pollfd){ .fd = b->devfd, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = b->listen_fd, .events = POLLIN };
		pfd[2] = (struct pollfd){ .fd = b->client, .events = 0 };
		timeout = -1;
		if (b->client >= 0) {
			if (!b->cons || bh_vcons_input_room(b->cons) > sizeof(hello_magic))
				pfd[2].events |= POLLIN;
			if (b->client_hello < 0 && b->client_pos < b->total)
				pfd[2].events |= POLLOUT;
			if (b->client_hello >= 0) {
				timeout = BH_HELLO_MS - ms_since(&b->client_since);
				if (timeout < 0)
					timeout = 0;
			}
		}
		/* A TAP only while its device has receive buffers (fd -1: not even POLLERR). */
		for (k = 0; k < b->num_nets; k++)
			pfd[3 + k] = (struct pollfd){
				.fd = bh_vnet_want_read(b->nets[k]) ? b->nets[k]->fd : -1,
				.events = POLLIN };
		n = poll(pfd, 3 + b->num_nets, timeout);
		if (n < 0 && errno != EINTR) {
			bh_virtio_logf("poll: %s", strerror(errno));
			return BH_EXIT_FAIL;
		}
		if (n < 0)
			continue;
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			bh_virtio_logf("cell \"%s\" is gone: the backend ends", b->name);
			b->cell_gone = 1;
			return BH_EXIT_OK;
		}
		if ((pfd[0].revents & POLLIN) &&
		    read(b->devfd, &count, sizeof(count)) < 0 && errno != EAGAIN)
			bh_virtio_logf("%s: read: %s", VIRTIO_DEV, strerror(errno));
		if (b->client >= 0) {
			if (pfd[2].revents & (POLLIN | POLLHUP | POLLERR))
				read_client(b);
			if (b->client >= 0 && b->client_hello >= 0 &&
			    ms_since(&b->client_since) >= BH_HELLO_MS)
				client_start(b, 1);
			if (b->client >= 0 && (pfd[2].revents & POLLOUT))
				flush_client(b);
		}
		for (k = 0; k < b->num_nets; k++)
			if (pfd[3 + k].revents & (POLLIN | POLLERR | POLLHUP))
				bh_vnet_tap_readable(b->nets[k]);
		/* After the old client's events, which a new one must not get. */
		if (pfd[1].revents & POLLIN)
			accept_client(b);
	}
}

static int virtio_run(int argc, char **argv)
{
	static struct backend b;
	char name[BULKHEAD_CELL_NAME_LEN + 16], log_path[108];
	struct sigaction sa;
	int daemon = 0, i, id, ret, logfd = -1;
	const char *cell = NULL;
	pid_t pid;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--daemon")) {
			daemon = 1;
		} else if (!strcmp(argv[i], "--disk") || !strcmp(argv[i], "--tap")) {
			int is_disk = argv[i][2] == 'd';
			unsigned int *count = is_disk ? &b.num_disks : &b.num_taps;

			if (i + 1 >= argc || *count >= BULKHEAD_MAX_VIRTIO_DEVICES)
				return bh_usage_error(&bh_cmd_cell_virtio,
						      "cell virtio: %s needs a value (at most %d)",
						      argv[i], BULKHEAD_MAX_VIRTIO_DEVICES);
			(is_disk ? b.disks : b.taps)[(*count)++] = argv[++i];
		} else if (argv[i][0] == '-' || cell) {
			return bh_usage_error(&bh_cmd_cell_virtio,
					      "cell virtio: unexpected \"%s\"", argv[i]);
		} else {
			cell = argv[i];
		}
	}
	if (!cell)
		return bh_usage_error(&bh_cmd_cell_virtio, "cell virtio: expected a cell name or id");
	id = bh_cell_resolve(cell);
	if (id < 0)
		return BH_EXIT_FAIL;
	if (id == 0) {
		bh_error("cell virtio: the root cell has no virtio devices");
		return BH_EXIT_FAIL;
	}
	cell_name(id, name, sizeof(name));
	b.name = name;
	b.cell_id = id;
	b.client = -1;
	b.listen_fd = -1;
	bh_virtio_log = backend_log;
	if (mkdir(BH_RUN_DIR, 0755) && errno != EEXIST) {
		bh_error("cell virtio: cannot create %s: %s", BH_RUN_DIR, strerror(errno));
		return BH_EXIT_FAIL;
	}
	snprintf(b.sock_path, sizeof(b.sock_path), BH_RUN_DIR "/%s.console", name);
	snprintf(b.pid_path, sizeof(b.pid_path), BH_RUN_DIR "/%s.pid", name);
	snprintf(log_path, sizeof(log_path), BH_RUN_DIR "/%s.log", name);
	snprintf(b.state_path, sizeof(b.state_path), BH_RUN_DIR "/%s.state", name);
	if (setup(&b) || open_socket(&b))
		return BH_EXIT_FAIL;
	if (daemon) {
		logfd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (logfd < 0) {
			bh_error("cell virtio: cannot open %s: %s", log_path, strerror(errno));
			goto fail;
		}
	}
	if (online(&b))
		goto fail;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (daemon) {
		fflush(NULL);
		pid = fork();
		if (pid < 0) {
			bh_error("cell virtio: fork: %s", strerror(errno));
			goto fail;
		}
		if (pid > 0) {
			/* The pid file exists when the caller goes on. */
			write_pid(b.pid_path, pid);
			_exit(BH_EXIT_OK);
		}
		setsid();
		/*
		 * The driver does not let a child inherit the channel and the
		 * pool (a fork could race with the cell's destroy): map them
		 * again, at the addresses the device models already use.
		 */
		if (remap_after_fork(&b))
			_exit(BH_EXIT_FAIL);
		i = open("/dev/null", O_RDONLY);
		if (i >= 0) {
			dup2(i, STDIN_FILENO);
			close(i);
		}
		dup2(logfd, STDOUT_FILENO);
		dup2(logfd, STDERR_FILENO);
		close(logfd);
	} else {
		write_pid(b.pid_path, getpid());
	}
	bh_virtio_logf("serving cell \"%s\" (id %u): %u virtio device(s), pool "
		       "0x%llx-0x%llx; console socket %s", name, b.cell_id,
		       b.attach.num_devices, (unsigned long long)b.attach.pool_address,
		       (unsigned long long)(b.attach.pool_address + b.attach.pool_size - 1),
		       b.sock_path);
	if (b.restored) {
		/* Buffers the cell posted while no backend ran (a pending transmit). */
		bh_virtio_logf("reconnected to the devices' state in %s", b.state_path);
		for (i = 0; i < (int)b.attach.num_devices; i++)
			if (b.devs[i])
				bh_vdev_resume(b.devs[i]);
	}
	ret = serve(&b);
	drop_client(&b, NULL);
	remove_files(&b);
	/* Kept after a signal: a new backend of the running cell reconnects. */
	bh_vstate_close(&b.state, b.state_path, b.cell_gone);
	close(b.devfd);
	free(b.cons);
	return ret;
fail:
	/* The state stays true for the cell: a later backend may use it. */
	bh_vstate_close(&b.state, b.state_path, 0);
	remove_files(&b);
	if (logfd >= 0)
		close(logfd);
	return BH_EXIT_FAIL;
}

/* The console client. */

static struct termios saved_tty;
static int tty_raw;

static void restore_tty(void)
{
	if (tty_raw) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
		tty_raw = 0;
	}
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static int connect_console(const char *name)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		bh_error("cell console: socket: %s", strerror(errno));
		return -1;
	}
	snprintf(addr.sun_path, sizeof(addr.sun_path), BH_RUN_DIR "/%s.console", name);
	if (!connect(fd, (struct sockaddr *)&addr, sizeof(addr)))
		return fd;
	if (errno == ENOENT || errno == ECONNREFUSED)
		bh_error("cell console: no virtio backend serves cell \"%s\" (%s: %s): "
			 "start one with \"bulkhead cell virtio %s --daemon\" (cell linux "
			 "starts it for a cell with virtio devices)", name, addr.sun_path,
			 strerror(errno), name);
	else
		bh_error("cell console: %s: %s", addr.sun_path, strerror(errno));
	close(fd);
	return -1;
}

static int console_run(int argc, char **argv)
{
	char name[BULKHEAD_CELL_NAME_LEN + 16], buf[4096], hello[4], *end;
	int history = 1, tty, stdin_open = 1, i, id, fd, n, ret = BH_EXIT_OK;
	const char *cell = NULL;
	struct timespec quiet_since = { 0, 0 };
	double wait = 2;
	struct sigaction sa;
	struct termios raw;
	struct pollfd pfd[2];

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-history")) {
			history = 0;
		} else if (!strcmp(argv[i], "--wait")) {
			if (i + 1 == argc)
				return bh_usage_error(&bh_cmd_cell_console,
						      "cell console: --wait needs seconds");
			wait = strtod(argv[++i], &end);
			if (*end || end == argv[i] || wait < 0)
				return bh_usage_error(&bh_cmd_cell_console,
						      "cell console: \"%s\" is not a number "
						      "of seconds", argv[i]);
		} else if (argv[i][0] == '-' || cell) {
			return bh_usage_error(&bh_cmd_cell_console,
					      "cell console: unexpected \"%s\"", argv[i]);
		} else {
			cell = argv[i];
		}
	}
	if (!cell)
		return bh_usage_error(&bh_cmd_cell_console,
				      "cell console: expected a cell name or id");
	id = bh_cell_resolve(cell);
	if (id < 0)
		return BH_EXIT_FAIL;
	if (id == 0) {
		bh_error("cell console: the root cell has no virtio console; "
			 "\"bulkhead console\" shows the hypervisor's");
		return BH_EXIT_FAIL;
	}
	cell_name(id, name, sizeof(name));
	fd = connect_console(name);
	if (fd < 0)
		return BH_EXIT_FAIL;
	memcpy(hello, hello_magic, sizeof(hello_magic));
	hello[3] = history ? 'h' : 'n';
	signal(SIGPIPE, SIG_IGN);
	if (write_all(fd, hello, sizeof(hello))) {
		bh_error("cell console: %s", strerror(errno));
		close(fd);
		return BH_EXIT_FAIL;
	}
	tty = isatty(STDIN_FILENO);
	if (tty && !tcgetattr(STDIN_FILENO, &saved_tty)) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		raw = saved_tty;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
		tty_raw = 1;
		atexit(restore_tty);
		fprintf(stderr, "[connected to the console of cell \"%s\"; Ctrl-] detaches]\r\n",
			name);
	}
	for (;;) {
		int timeout = -1;

		if (!stdin_open) {
			timeout = wait * 1000 - ms_since(&quiet_since);
			if (timeout <= 0)
				break;
		}
		pfd[0] = (struct pollfd){ .fd = stdin_open ? STDIN_FILENO : -1,
					  .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = fd, .events = POLLIN };
		n = poll(pfd, 2, timeout);
		if (stop_signal)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			bh_error("cell console: poll: %s", strerror(errno));
			ret = BH_EXIT_FAIL;
			break;
		}
		if (pfd[1].revents) {
			n = read(fd, buf, sizeof(buf));
			if (n <= 0) {
				restore_tty();
				fprintf(stderr, "\n[the backend of cell \"%s\" closed the console: "
					"the cell was destroyed, the backend stopped or another "
					"client attached]\n", name);
				break;
			}
			if (write_all(STDOUT_FILENO, buf, n)) {
				ret = BH_EXIT_FAIL;
				break;
			}
			clock_gettime(CLOCK_MONOTONIC, &quiet_since);
		}
		if (pfd[0].revents) {
			char *key;

			n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				if (tty)
					break;
				stdin_open = 0;
				clock_gettime(CLOCK_MONOTONIC, &quiet_since);
				continue;
			}
			key = tty_raw ? memchr(buf, BH_DETACH_KEY, n) : NULL;
			if (write_all(fd, buf, key ? key - buf : n)) {
				bh_error("cell console: %s", strerror(errno));
				ret = BH_EXIT_FAIL;
				break;
			}
			if (key) {
				restore_tty();
				fprintf(stderr, "\n[detached from the console of cell \"%s\"]\n",
					name);
				break;
			}
		}
	}
	restore_tty();
	close(fd);
	return ret;
}
