// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-ioctl: the driver's interface from root user space, fuzzed (issue
 * 16; tests/system/40-fuzz-root.sh, Documentation/testing.md "Fuzzing").
 *
 *   fuzz-ioctl random -s SEED -n COUNT -v VICTIM -c CELL.cell [-i IMAGE] [-e SYSTEM.cell]
 *   fuzz-ioctl race   -s SEED -n ROUNDS -v VICTIM -c CELL.cell -i IMAGE
 *   fuzz-ioctl alias  -v VICTIM -t CELL_ID
 *
 * random: COUNT requests on /dev/bulkhead and /dev/bulkhead-virtio: every
 * valid request number with buffers that are NULL, unmapped, PROT_NONE,
 * read-only, misaligned, cut short by the end of a mapping, or hold random
 * or plausible contents (the cell config CELL with broken sizes, load
 * requests with random image lists, ids that alias the victim's by bits
 * above 32); request numbers of ours with random direction, size and
 * number; random request numbers (not the generic ones the VFS answers
 * itself, FIFREEZE and friends, which are no test of the driver); reads of
 * the console at random positions; mmap of the virtio file at random
 * offsets. It never names the victim (cell id VICTIM) itself in a request
 * that stops a cell (shutdown, destroy, load): root may do that. After every
 * request the victim must still be running (sysfs), DISABLE must have
 * failed (the victim exists), and requests with a buffer the driver cannot
 * read must have failed.
 *
 * race: ROUNDS rounds of one thread creating the cell CELL, loading IMAGE
 * and starting it while another shuts down and destroys whatever cell that
 * thread created last; the victim must keep running, and every error must
 * be one a lost race explains (ENOENT, EBUSY, EEXIST).
 *
 * -x leaves out the ids with bits above 32 in requests that stop a cell
 * (the driver took them for the cell their low bits name; 40-fuzz-root
 * runs with -x only while `alias` finds that defect).
 *
 * alias: shutdown and destroy by the id CELL_ID with bits above 32 set
 * must fail and leave cell CELL_ID as it was.
 *
 * random and race end with every cell but the victim destroyed and print one line,
 * "fuzz-ioctl: ... N requests ... F failures", and exit 1 if F > 0. The
 * seed reproduces the sequence of requests (in race mode, the threads'
 * interleaving is the machine's).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/cpu-dump.h>
#include <bulkhead/ioctl.h>

#define HISTORY		16

static uint64_t rng;
static unsigned int victim;
static long page;
static int failures;
static unsigned long requests;
static const char *cell_path, *image_path, *system_path;
static void *cell_cfg, *image, *system_cfg;
static size_t cell_size, image_size, system_size;
static int errnos[200];
/* -x: ids with bits above 32 only for requests that do not stop a cell. */
static bool no_alias_stops;

/* The last requests, printed with a failure. */
static struct {
	unsigned long index;
	char text[160];
} history[HISTORY];
static unsigned long hist_n;

static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t below(uint64_t n)
{
	return n ? next(&rng) % n : 0;
}

static void note(const char *fmt, ...)
{
	va_list ap;

	history[hist_n % HISTORY].index = requests;
	va_start(ap, fmt);
	vsnprintf(history[hist_n % HISTORY].text, sizeof(history[0].text), fmt, ap);
	va_end(ap);
	hist_n++;
}

static void fail(const char *fmt, ...)
{
	unsigned long i = hist_n > HISTORY ? hist_n - HISTORY : 0;
	va_list ap;

	printf("fuzz-ioctl: FAILED at request %lu: ", requests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\nfuzz-ioctl: the last requests:\n");
	for (; i < hist_n; i++)
		printf("fuzz-ioctl:   #%lu %s\n", history[i % HISTORY].index,
		       history[i % HISTORY].text);
	fflush(stdout);
	failures++;
}

static void *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n + 1);
	if (!buf || fread(buf, 1, n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	*size = n;
	return buf;
}

static bool victim_running(void)
{
	char path[80], state[32] = "";
	int fd, n;

	snprintf(path, sizeof(path), "/sys/devices/bulkhead/cells/%u/state", victim);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	n = read(fd, state, sizeof(state) - 1);
	close(fd);
	return n > 0 && !strncmp(state, "running", 7) && state[7] == '\n';
}

/* Destroys every cell but the victim; returns how many there were. */
static int destroy_others(int fd)
{
	DIR *d = opendir("/sys/devices/bulkhead/cells");
	struct dirent *e;
	unsigned long id;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char *end;

		id = strtoul(e->d_name, &end, 10);
		if (*end || !id || id == victim)
			continue;
		if (ioctl(fd, BULKHEAD_CELL_DESTROY, id))
			fail("cleanup: destroying cell %lu: %s", id, strerror(errno));
		n++;
	}
	closedir(d);
	return n;
}

/* ---- buffers of every kind ---- */

static char *rw;		/* two pages, read-write */
static char *none;		/* a PROT_NONE page right after rw */
static char *ro;		/* a read-only page */

static void setup_buffers(void)
{
	rw = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (rw == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	none = rw + 2 * page;
	ro = rw + 3 * page;
	mprotect(none, page, PROT_NONE);
	memset(ro, 0x5a, page);
	mprotect(ro, page, PROT_READ);
}

/*
 * An address no mapping can ever cover (an unmapped page of ours could be
 * mapped again by a later mmap): below mmap_min_addr, or kernel space.
 */
static char *unmapped(void)
{
	if (below(2))
		return (char *)(uintptr_t)(0x100 + below(0xe00));
	return (char *)(uintptr_t)(0xfffffff000000000ULL + below(page));
}

enum ptr_kind { P_NULL, P_GONE, P_NONE, P_RO, P_CUT, P_MISALIGNED, P_GOOD, P_NUM };
static const char *const ptr_names[P_NUM] = {
	"NULL", "unmapped", "PROT_NONE", "read-only", "cut short", "misaligned", "valid",
};

/*
 * A pointer of a random kind to a struct of size bytes, filled from src
 * (or randomly); *kind says which. Valid kinds come up half the time.
 */
static void *gen_ptr(size_t size, const void *src, enum ptr_kind *kind)
{
	char *p;
	size_t i;

	*kind = below(2) ? P_GOOD : (enum ptr_kind)below(P_NUM);
	switch (*kind) {
	case P_NULL: return NULL;
	case P_GONE: return unmapped();
	case P_NONE: return none + below(page);
	case P_RO: return ro;
	case P_CUT:
		/* All but its last bytes mapped. */
		p = none - size + 1 + below(size > 1 ? size - 1 : 1);
		if (p < rw)
			p = rw;
		break;
	case P_MISALIGNED:
		p = rw + 1 + below(7);
		break;
	default:
		p = rw;
	}
	for (i = 0; p + i < none && i < size; i++)
		p[i] = src ? ((const char *)src)[i] : (char)next(&rng);
	return p;
}

static bool readable(enum ptr_kind kind)
{
	return kind == P_RO || kind == P_MISALIGNED || kind == P_GOOD;
}

static uint64_t gen_id(void)
{
	switch (below(10)) {
	case 0: return 0;
	case 1: case 2: case 3: return victim + 1 + below(2);	/* where the cell comes */
	case 4: return 1 + below(9);
	case 5: return (1ULL << 32) | victim;			/* aliases of the victim */
	case 6: return (next(&rng) << 32) | victim;
	case 7: return ~0ULL;
	case 8: return 0xffffffffULL;
	default: return next(&rng);
	}
}

static uint64_t gen_size(size_t real)
{
	switch (below(10)) {
	case 0: return 0;
	case 1: return real - 1;
	case 2: return real + 1;
	case 3: return BULKHEAD_CONFIG_MAX_SIZE + 1;
	case 4: return ~0ULL;
	case 5: return (1ULL << 32) | real;
	case 6: return next(&rng);
	default: return real;
	}
}

/* A user pointer for an image source or config: valid, or not. */
static uint64_t gen_user(const void *good)
{
	switch (below(6)) {
	case 0: return 0;
	case 1: return (uintptr_t)unmapped();
	case 2: return (uintptr_t)none;
	case 3: return next(&rng);
	default: return (uintptr_t)good;
	}
}

/* ---- random mode ---- */

static int fd, vfd = -1;
static void *vmap;
static size_t vmap_size;

static void count_errno(long ret)
{
	int e = ret < 0 ? errno : 0;

	errnos[e < 200 && e >= 0 ? e : 199]++;
}

static void check_victim(void)
{
	if (!victim_running())
		fail("the victim (cell %u) is no longer running", victim);
}

static void req_config(unsigned long cmd, const char *name, const void *cfg, size_t size)
{
	struct bulkhead_config_arg arg = {
		.address = gen_user(cfg), .size = gen_size(size),
	};
	enum ptr_kind kind;
	void *p;
	long ret;

	if (below(4) == 0 && arg.address == (uintptr_t)cfg) {
		/* Cut the config short at the end of the mapping. */
		size_t n = arg.size < size ? arg.size : size;

		memcpy(none - n, cfg, n);
		arg.address = (uintptr_t)(none - n);
		arg.size = n + below(3);
	}
	p = gen_ptr(sizeof(arg), &arg, &kind);
	note("%s(%s: address %#llx size %#llx)", name, ptr_names[kind],
	     (unsigned long long)arg.address, (unsigned long long)arg.size);
	ret = ioctl(fd, cmd, p);
	count_errno(ret);
	if (ret >= 0 && !readable(kind))
		fail("%s with a %s argument succeeded (%ld)", name, ptr_names[kind], ret);
	if (cmd == BULKHEAD_ENABLE && ret >= 0)
		fail("ENABLE succeeded while enabled");
}

static void req_load(void)
{
	struct bulkhead_image imgs[BULKHEAD_MAX_IMAGES + 4];
	struct bulkhead_cell_load load;
	enum ptr_kind kind;
	unsigned int i, n = below(4) ? below(3) : below(BULKHEAD_MAX_IMAGES + 4);
	uint64_t id = gen_id();
	void *p;
	long ret;

	if ((uint32_t)id == victim)
		id = victim + 1;	/* load stops the cell: never the victim */
	for (i = 0; i < n; i++) {
		imgs[i].source_address = gen_user(image);
		imgs[i].size = below(3) ? image_size : gen_size(image_size);
		imgs[i].target_address = below(3) ? 0 : next(&rng) >> below(64);
		imgs[i].reserved = below(4) ? 0 : next(&rng);
	}
	load.id = id;
	load.num_images = below(5) ? n : (uint32_t)next(&rng);
	load.images_address = below(5) ? (uintptr_t)imgs : gen_user(imgs);
	p = gen_ptr(sizeof(load), &load, &kind);
	note("CELL_LOAD(%s: id %u, %u images at %#llx)", ptr_names[kind], load.id,
	     load.num_images, (unsigned long long)load.images_address);
	ret = ioctl(fd, BULKHEAD_CELL_LOAD, p);
	count_errno(ret);
	if (ret >= 0 && !readable(kind))
		fail("CELL_LOAD with a %s argument succeeded", ptr_names[kind]);
}

static void req_simple(unsigned long cmd, const char *name, bool stops)
{
	uint64_t id = gen_id();
	long ret;

	/* Root may stop the victim; its exact id is left out (aliases are not). */
	if (stops && id == victim)
		id = victim + 1;
	if (stops && no_alias_stops && id >> 32)
		id = victim + 1;
	note("%s(%#llx)", name, (unsigned long long)id);
	ret = ioctl(fd, cmd, (unsigned long)id);
	count_errno(ret);
	if (ret >= 0 && stops && (uint32_t)id == victim)
		fail("%s(%#llx) succeeded: the driver took it for the victim's id %u",
		     name, (unsigned long long)id, victim);
}

static void req_dump(void)
{
	struct bulkhead_cpu_dump_arg arg;
	enum ptr_kind kind, dkind;
	void *p;
	long ret;

	arg.cpu = below(3) ? below(5) : (uint32_t)next(&rng);
	arg.reserved = below(4) ? 0 : next(&rng);
	arg.dump_address = (uintptr_t)gen_ptr(sizeof(struct bulkhead_cpu_dump), NULL, &dkind);
	if (dkind == P_GOOD)
		arg.dump_address = (uintptr_t)(none - sizeof(struct bulkhead_cpu_dump) +
					       (below(2) ? 0 : 64));	/* may run into none */
	p = gen_ptr(sizeof(arg), &arg, &kind);
	note("CPU_DUMP(%s: cpu %u, dump at %#llx)", ptr_names[kind], arg.cpu,
	     (unsigned long long)arg.dump_address);
	ret = ioctl(fd, BULKHEAD_CPU_DUMP, p);
	count_errno(ret);
	if (ret >= 0 && !readable(kind))
		fail("CPU_DUMP with a %s argument succeeded", ptr_names[kind]);
}

static void req_hw_check(void)
{
	enum ptr_kind kind;
	void *p = gen_ptr(sizeof(struct bulkhead_hw_check), NULL, &kind);
	long ret;

	if (kind == P_GOOD)
		p = malloc(sizeof(struct bulkhead_hw_check));
	note("HW_CHECK(%s)", ptr_names[kind]);
	ret = ioctl(fd, BULKHEAD_HW_CHECK, p);
	count_errno(ret);
	if (ret >= 0 && kind != P_GOOD && kind != P_MISALIGNED)
		fail("HW_CHECK into a %s buffer succeeded", ptr_names[kind]);
	if (kind == P_GOOD)
		free(p);
}

static void req_virtio(void)
{
	struct bulkhead_virtio_attach arg = { 0 };
	enum ptr_kind kind;
	struct pollfd pfd;
	uint64_t v;
	void *p;
	long ret;

	if (vfd < 0 || below(20) == 0) {
		if (vmap)
			munmap(vmap, vmap_size);
		vmap = NULL;
		if (vfd >= 0)
			close(vfd);
		vfd = open("/dev/bulkhead-virtio", O_RDWR | (below(2) ? O_NONBLOCK : 0));
		note("open /dev/bulkhead-virtio = %d", vfd);
		if (vfd < 0)
			return;
	}
	switch (below(6)) {
	case 0: case 1:
		arg.cell_id = below(2) ? victim + 1 : (uint32_t)gen_id();
		p = gen_ptr(sizeof(arg), &arg, &kind);
		if (kind == P_GOOD)
			p = &arg;
		note("VIRTIO_ATTACH(%s: cell %u)", ptr_names[kind], arg.cell_id);
		ret = ioctl(vfd, BULKHEAD_VIRTIO_ATTACH, p);
		count_errno(ret);
		if (ret >= 0 && arg.cell_id == victim)
			fail("VIRTIO_ATTACH to the victim, which has no virtio device, succeeded");
		break;
	case 2:
		v = below(2) ? below(3) : next(&rng);
		note("VIRTIO_INJECT(%#llx)", (unsigned long long)v);
		count_errno(ioctl(vfd, BULKHEAD_VIRTIO_INJECT, (unsigned long)v));
		break;
	case 3:
		v = below(2) ? below(3) : next(&rng);
		note("VIRTIO_ONLINE(%#llx)", (unsigned long long)v);
		count_errno(ioctl(vfd, BULKHEAD_VIRTIO_ONLINE, (unsigned long)v));
		break;
	case 4:
		/* Mapped, never touched: the pages may go away with the cell. */
		if (vmap)
			munmap(vmap, vmap_size);
		vmap_size = page * (1 + below(4)) * (below(4) ? 1 : 64);
		v = page * below(4);
		vmap = mmap(NULL, vmap_size, PROT_READ | PROT_WRITE,
			    below(5) ? MAP_SHARED : MAP_PRIVATE, vfd, v);
		note("mmap(virtio, %#zx bytes at offset %#llx) = %p", vmap_size,
		     (unsigned long long)v, vmap);
		if (vmap == MAP_FAILED)
			vmap = NULL;
		count_errno(vmap ? 0 : -1);
		break;
	default:
		pfd.fd = vfd;
		pfd.events = POLLIN;
		note("poll + nonblocking read of virtio");
		if (poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN) &&
		    (fcntl(vfd, F_GETFL) & O_NONBLOCK))
			count_errno(read(vfd, &v, below(2) ? 8 : 1 + below(16)));
	}
}

static void req_random_cmd(void)
{
	unsigned long cmd;
	enum ptr_kind kind;
	void *p;
	long ret;
	unsigned int type;

	if (below(2)) {
		/* Ours, with random direction, size and number. */
		cmd = _IOC(below(4), BULKHEAD_IOCTL_MAGIC, below(2) ? below(16) : below(256),
			   below(2) ? below(64) : below(1 << 14));
	} else {
		cmd = (uint32_t)next(&rng);
		type = (cmd >> 8) & 0xff;
		/* The VFS answers these itself (FIFREEZE, FIONBIO, FIBMAP...). */
		if (type == 0 || type == 'T' || type == 'f' || type == 'X' ||
		    type == 0x94 || type == 0x15)
			cmd ^= 0x4200;
	}
	p = gen_ptr(64, NULL, &kind);
	note("ioctl(%s, %#lx, %s)", below(2) ? "bulkhead" : "virtio", cmd, ptr_names[kind]);
	ret = ioctl(below(2) || vfd < 0 ? fd : vfd, cmd, p);
	count_errno(ret);
	if (ret >= 0 && cmd != BULKHEAD_DISABLE && cmd != BULKHEAD_HW_CHECK &&
	    _IOC_TYPE(cmd) == BULKHEAD_IOCTL_MAGIC && _IOC_NR(cmd) > 11)
		fail("unknown request %#lx succeeded", cmd);
}

static void req_read(void)
{
	char buf[512];
	off_t pos = below(2) ? (off_t)below(1 << 20) : (off_t)(next(&rng) >> 2);
	int whence = below(3) == 0 ? SEEK_END : SEEK_SET;
	long ret;

	note("lseek(%lld, %d) + read", (long long)pos, whence);
	lseek(fd, pos, whence);
	ret = read(fd, buf, below(2) ? sizeof(buf) : below(sizeof(buf)));
	count_errno(ret);
}

static void one_request(void)
{
	long ret;

	switch (below(20)) {
	case 0:
		req_config(BULKHEAD_ENABLE, "ENABLE", system_cfg ?: cell_cfg,
			   system_cfg ? system_size : cell_size);
		break;
	case 1:
		note("DISABLE");
		ret = ioctl(fd, BULKHEAD_DISABLE, next(&rng));
		count_errno(ret);
		if (ret >= 0)
			fail("DISABLE succeeded while the victim exists");
		break;
	case 2: case 3: case 4:
		req_config(BULKHEAD_CELL_CREATE, "CELL_CREATE", cell_cfg, cell_size);
		break;
	case 5: case 6:
		req_load();
		break;
	case 7: case 8:
		req_simple(BULKHEAD_CELL_START, "CELL_START", false);
		break;
	case 9:
		req_simple(BULKHEAD_CELL_SHUTDOWN, "CELL_SHUTDOWN", true);
		break;
	case 10: case 11:
		req_simple(BULKHEAD_CELL_DESTROY, "CELL_DESTROY", true);
		break;
	case 12:
		req_dump();
		break;
	case 13:
		req_hw_check();
		break;
	case 14: case 15:
		req_virtio();
		break;
	case 16: case 17:
		req_random_cmd();
		break;
	default:
		req_read();
	}
}

static int run_random(unsigned long count)
{
	unsigned long i;

	setup_buffers();
	fd = open("/dev/bulkhead", O_RDWR);
	if (fd < 0) {
		perror("/dev/bulkhead");
		return 2;
	}
	for (i = 0; i < count && !failures; i++) {
		requests = i;
		one_request();
		check_victim();
	}
	requests = i;
	if (vmap)
		munmap(vmap, vmap_size);
	if (vfd >= 0)
		close(vfd);
	destroy_others(fd);
	close(fd);
	return 0;
}

/* ---- race mode ---- */

static volatile unsigned int last_id;
static volatile int racing;
static unsigned long race_ops[2], race_ok[2];

static bool race_errno_ok(int e)
{
	return e == ENOENT || e == EBUSY || e == EEXIST;
}

/*
 * Creates, loads and starts the cell, again as soon as the destroyer got
 * it: ROUNDS times, or until it tried 40 times as often.
 */
static void *creator(void *arg)
{
	unsigned long rounds = (uintptr_t)arg, r = 0, tries = 0;
	struct bulkhead_config_arg cfg = { (uintptr_t)cell_cfg, cell_size };
	struct bulkhead_image img = { (uintptr_t)image, image_size, 0, 0 };
	struct bulkhead_cell_load load = { 0, 1, (uintptr_t)&img };
	long id;

	while (r < rounds && tries++ < 40 * rounds && !failures) {
		id = ioctl(fd, BULKHEAD_CELL_CREATE, &cfg);
		race_ops[0]++;
		if (id < 0) {
			if (!race_errno_ok(errno))
				fail("race round %lu: create: %s", r, strerror(errno));
			usleep(1000);
			continue;
		}
		r++;
		last_id = id;
		load.id = id;
		race_ok[0]++;
		if (ioctl(fd, BULKHEAD_CELL_LOAD, &load) && !race_errno_ok(errno))
			fail("race round %lu: load cell %ld: %s", r, id, strerror(errno));
		if (ioctl(fd, BULKHEAD_CELL_START, (unsigned long)id) && !race_errno_ok(errno))
			fail("race round %lu: start cell %ld: %s", r, id, strerror(errno));
		race_ops[0] += 2;
		if (!victim_running())
			fail("race round %lu: the victim is no longer running", r);
	}
	racing = 0;
	return NULL;
}

/* Shuts down or destroys the cell the creator made last, at random moments. */
static void *destroyer(void *arg)
{
	uint64_t s = (uintptr_t)arg;
	unsigned int id;
	long ret;

	while (racing && !failures) {
		id = last_id;
		if (!id || id == victim) {
			usleep(200);
			continue;
		}
		usleep(next(&s) % 4000);
		ret = ioctl(fd, next(&s) % 4 ? BULKHEAD_CELL_DESTROY : BULKHEAD_CELL_SHUTDOWN,
			    (unsigned long)id);
		race_ops[1]++;
		if (!ret)
			race_ok[1]++;
		else if (!race_errno_ok(errno))
			fail("race: destroying/shutting down cell %u: %s", id, strerror(errno));
	}
	return NULL;
}

static int run_race(unsigned long rounds, uint64_t seed)
{
	pthread_t a, b;

	fd = open("/dev/bulkhead", O_RDWR);
	if (fd < 0) {
		perror("/dev/bulkhead");
		return 2;
	}
	racing = 1;
	pthread_create(&b, NULL, destroyer, (void *)(uintptr_t)(seed * 2654435761u + 1));
	pthread_create(&a, NULL, creator, (void *)(uintptr_t)rounds);
	pthread_join(a, NULL);
	racing = 0;
	pthread_join(b, NULL);
	requests = race_ops[0] + race_ops[1];
	destroy_others(fd);
	if (!victim_running())
		fail("after the race, the victim is no longer running");
	printf("fuzz-ioctl: race: %lu creates/loads/starts (%lu cells created), %lu destroys/shutdowns (%lu succeeded)\n",
	       race_ops[0], race_ok[0], race_ops[1], race_ok[1]);
	close(fd);
	return 0;
}

/* ---- alias mode: ids with bits above 32 must name no cell ---- */

static unsigned int target;

static int cell_state(unsigned int id, char *state, size_t size)
{
	char path[80];
	int fd, n;

	snprintf(path, sizeof(path), "/sys/devices/bulkhead/cells/%u/state", id);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, state, size - 1);
	close(fd);
	state[n > 0 ? n : 0] = 0;
	return 0;
}

static int run_alias(void)
{
	static const unsigned long cmds[] = { BULKHEAD_CELL_SHUTDOWN, BULKHEAD_CELL_DESTROY };
	static const char *const names[] = { "CELL_SHUTDOWN", "CELL_DESTROY" };
	static const uint64_t high[] = { 1ULL << 32, 0xffffffff00000000ULL };
	char before[32], after[32];
	unsigned int c, h;
	uint64_t id;
	long ret;

	fd = open("/dev/bulkhead", O_RDWR);
	if (fd < 0 || cell_state(target, before, sizeof(before))) {
		fprintf(stderr, "fuzz-ioctl: /dev/bulkhead and cell %u needed\n", target);
		return 2;
	}
	for (c = 0; c < 2; c++)
		for (h = 0; h < 2; h++) {
			id = high[h] | target;
			ret = ioctl(fd, cmds[c], (unsigned long)id);
			requests++;
			if (cell_state(target, after, sizeof(after)))
				strcpy(after, "gone\n");
			if (ret >= 0 || strcmp(before, after))
				fail("%s(%#llx) returned %ld and cell %u went from %.*s to %.*s: the id's low 32 bits named it",
				     names[c], (unsigned long long)id, ret, target,
				     (int)strlen(before) - 1, before, (int)strlen(after) - 1, after);
			else
				printf("fuzz-ioctl: %s(%#llx): %s, cell %u still %s",
				       names[c], (unsigned long long)id, strerror(errno), target, after);
			if (failures)
				return 1;
		}
	close(fd);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz-ioctl random|race -s SEED -n COUNT -v VICTIM -c CELL.cell [-i IMAGE] [-e SYSTEM.cell] [-x]\n"
		"       fuzz-ioctl alias -v VICTIM -t CELL_ID\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long count = 1000;
	uint64_t seed = 1;
	struct timespec t0, t1;
	const char *mode;
	int opt, i, ret;

	if (argc < 2)
		usage();
	mode = argv[1];
	optind = 2;
	while ((opt = getopt(argc, argv, "s:n:v:c:i:e:t:x")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 'v': victim = strtoul(optarg, NULL, 0); break;
		case 'c': cell_path = optarg; break;
		case 'i': image_path = optarg; break;
		case 'e': system_path = optarg; break;
		case 't': target = strtoul(optarg, NULL, 0); break;
		case 'x': no_alias_stops = true; break;
		default: usage();
		}
	}
	if (!strcmp(mode, "alias") && victim && target)
		return run_alias();
	if (!victim || !cell_path)
		usage();
	page = sysconf(_SC_PAGESIZE);
	rng = seed;
	cell_cfg = read_all(cell_path, &cell_size);
	if (image_path)
		image = read_all(image_path, &image_size);
	else
		image = calloc(1, image_size = 64);
	if (system_path)
		system_cfg = read_all(system_path, &system_size);
	if (!victim_running()) {
		fprintf(stderr, "fuzz-ioctl: cell %u (the victim) must be running\n", victim);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!strcmp(mode, "random"))
		ret = run_random(count);
	else if (!strcmp(mode, "race"))
		ret = run_race(count, seed);
	else
		usage();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ret)
		return ret;
	printf("fuzz-ioctl: %s seed %llu: %lu requests in %ld ms: %d failures%s\n",
	       mode, (unsigned long long)seed, requests,
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000),
	       failures, failures ? " (reproduce with this seed)" : "");
	if (!strcmp(mode, "random")) {
		printf("fuzz-ioctl: results:");
		for (i = 0; i < 200; i++)
			if (errnos[i])
				printf(" %s %d,", i ? strerrorname_np(i) ?: "?" : "ok", errnos[i]);
		printf("\n");
	}
	return failures ? 1 : 0;
}
