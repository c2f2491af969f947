// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * mkseeds BUILD: the seeds of the host fuzz targets that need the
 * project's own code (seeds.py writes the others), into BUILD/seed-TARGET:
 *
 *   dt_fuzz      with -d: each QEMU tree of BUILD/dtbs as the root and the
 *                cell tree `cell linux -w` writes from it as the base
 *   virtio_fuzz  programs that do what Linux's virtio_mmio, virtio_console,
 *                virtio_blk and virtio_net do: probe, queues, requests,
 *                transmit and receive (vdrive.h)
 *   state_fuzz   state files recorded while such a program ran, each with
 *                the pool as it was, the restart and what the driver posted
 *                meanwhile
 *   hwfacts_fuzz a hypervisor image header of each architecture
 *   cli_fuzz     a CPU dump as the driver returns it
 */
#include <dirent.h>
#include <endian.h>
#include <fcntl.h>
#include <unistd.h>

#include <bulkhead/cpu-dump.h>
#include <bulkhead/hypervisor.h>

#include "../../tools/linux-dt.h"
#include "fuzz.h"
#include "shipped.h"
#include "vdrive.h"

static const char *build;

static void write_seed(const char *target, const char *name, const void *data,
		       size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/seed-%s/%s", build, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "mkseeds: cannot write %s\n", path);
		exit(1);
	}
}

static void *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *data;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		return NULL;
	data = malloc(n ? n : 1);
	if (!data || fread(data, 1, n, f) != (size_t)n) {
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	*len = n;
	return data;
}

/* ---- programs (vdrive.h) ---- */

struct prog {
	uint8_t b[65536];
	size_t n;
};

static void b8(struct prog *p, uint8_t v)
{
	if (p->n == sizeof(p->b))
		abort();
	p->b[p->n++] = v;
}

static void b16(struct prog *p, uint16_t v)
{
	b8(p, v);
	b8(p, v >> 8);
}

static void b32(struct prog *p, uint32_t v)
{
	b16(p, v);
	b16(p, v >> 16);
}

static void op(struct prog *p, unsigned int dev, unsigned int code)
{
	b8(p, dev << 4 | code);
}

static void pool(struct prog *p, uint16_t off, const void *data, uint8_t len)
{
	const uint8_t *d = data;

	op(p, 0, VD_POOL);
	b16(p, off);
	b8(p, len);
	while (len--)
		b8(p, *d++);
}

/* size: log2 of the queue size */
static void queue(struct prog *p, unsigned int dev, uint8_t index, uint8_t size,
		  uint16_t off)
{
	op(p, dev, VD_QUEUE);
	b8(p, index);
	b8(p, size);
	b16(p, off);
}

struct seg {
	uint16_t off, len;
	int writable;
};

static void chain(struct prog *p, unsigned int dev, uint8_t q, const struct seg *s,
		  unsigned int n)
{
	unsigned int i;

	op(p, dev, VD_CHAIN);
	b8(p, q);
	b8(p, n - 1);
	for (i = 0; i < n; i++) {
		b16(p, s[i].off);
		b16(p, s[i].len);
		b8(p, s[i].writable);
	}
}

static void notify(struct prog *p, unsigned int dev, uint8_t q)
{
	op(p, dev, VD_NOTIFY);
	b8(p, q);
}

/* A read of the magic value through the channel, as the cell's first access. */
static void channel_read(struct prog *p, unsigned int dev)
{
	op(p, 0, VD_ACCESS);
	b8(p, 3);		/* CPU */
	b8(p, 0);		/* the cell */
	b8(p, dev);
	b8(p, 2);		/* 4 bytes */
	b8(p, 0);		/* read */
	b16(p, VIRTIO_MMIO_MAGIC_VALUE);
	b32(p, 0);
}

/* Pool layout: the rings low, the buffers from 0x8000. */
static void console(struct prog *p, int pending)
{
	static const char out[] = "hello from the cell\n";
	struct seg tx = { 0x8000, sizeof(out) - 1, 0 }, rx = { 0x9000, 4096, 1 };

	channel_read(p, 0);
	op(p, 0, VD_PROBE);
	b8(p, 0);
	queue(p, 0, 0, 6, 0x0000);
	queue(p, 0, 1, 6, 0x1000);
	op(p, 0, VD_DRIVER_OK);
	chain(p, 0, 0, &rx, 1);
	notify(p, 0, 0);
	pool(p, 0x8000, out, sizeof(out) - 1);
	chain(p, 0, 1, &tx, 1);
	if (pending)
		return;
	notify(p, 0, 1);
	op(p, 0, VD_INPUT);
	b8(p, 3);
	b8(p, 'l');
	b8(p, 's');
	b8(p, '\n');
	op(p, 0, VD_IRQ);
}

static void blk_request(struct prog *p, uint16_t hdr, uint32_t type, uint64_t sector,
			uint16_t data, uint16_t len, int to_device, int pending)
{
	uint8_t h[16] = { 0 };
	struct seg s[3] = {
		{ hdr, 16, 0 }, { data, len, !to_device }, { hdr + 0x100, 1, 1 },
	};

	type = htole32(type);
	sector = htole64(sector);
	memcpy(h, &type, 4);
	memcpy(h + 8, &sector, 8);
	pool(p, hdr, h, sizeof(h));
	if (len)
		chain(p, 1, 0, s, 3);
	else {
		s[1] = s[2];
		chain(p, 1, 0, s, 2);
	}
	if (!pending)
		notify(p, 1, 0);
}

static void block(struct prog *p, int pending)
{
	uint8_t data[200];

	memset(data, 'A', sizeof(data));
	op(p, 1, VD_PROBE);
	b8(p, 0);
	queue(p, 1, 0, 7, 0x2000);
	op(p, 1, VD_DRIVER_OK);
	pool(p, 0xb000, data, sizeof(data));
	blk_request(p, 0xa000, VIRTIO_BLK_T_OUT, 2, 0xb000, 512, 1, 0);
	blk_request(p, 0xa010, VIRTIO_BLK_T_IN, 2, 0xc000, 1024, 0, 0);
	blk_request(p, 0xa020, VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0, 0);
	blk_request(p, 0xa030, VIRTIO_BLK_T_GET_ID, 0, 0xc800, 20, 0, 0);
	blk_request(p, 0xa040, VIRTIO_BLK_T_IN, 63, 0xc000, 512, 0, pending);
	op(p, 1, VD_IRQ);
}

static void network(struct prog *p, int pending)
{
	struct seg rx = { 0xd000, 1530, 1 }, tx = { 0xe000, 12 + 60, 0 };
	uint8_t frame[12 + 60];
	unsigned int i;

	op(p, 2, VD_PROBE);
	b8(p, 0);
	queue(p, 2, 0, 7, 0x3000);
	queue(p, 2, 1, 7, 0x4000);
	op(p, 2, VD_DRIVER_OK);
	chain(p, 2, 0, &rx, 1);
	notify(p, 2, 0);
	memset(frame, 0, sizeof(frame));
	for (i = 12; i < sizeof(frame); i++)
		frame[i] = i;
	pool(p, 0xe000, frame, sizeof(frame));
	chain(p, 2, 1, &tx, 1);
	if (!pending)
		notify(p, 2, 1);
	op(p, 2, VD_FRAME);
	b16(p, sizeof(frame));
	for (i = 0; i < sizeof(frame); i++)
		b8(p, frame[i]);
	op(p, 2, VD_IRQ);
}

static void virtio_seeds(void)
{
	static struct prog p;
	uint8_t ro;

	for (ro = 0; ro < 2; ro++) {
		p.n = 0;
		b8(&p, ro);
		console(&p, 0);
		block(&p, 0);
		network(&p, 0);
		write_seed("virtio_fuzz", ro ? "all-ro" : "all", p.b, p.n);
	}
	p.n = 0;
	b8(&p, 0);
	console(&p, 0);
	write_seed("virtio_fuzz", "console", p.b, p.n);
	p.n = 0;
	b8(&p, 0);
	block(&p, 0);
	write_seed("virtio_fuzz", "block", p.b, p.n);
	p.n = 0;
	b8(&p, 0);
	network(&p, 0);
	write_seed("virtio_fuzz", "network", p.b, p.n);
	/* The device refuses a driver that would bypass the pool. */
	p.n = 0;
	b8(&p, 0);
	op(&p, 0, VD_PROBE);
	b8(&p, 1);
	queue(&p, 0, 0, 6, 0x0000);
	op(&p, 0, VD_DRIVER_OK);
	write_seed("virtio_fuzz", "no-access-platform", p.b, p.n);
}

/*
 * A state file recorded while a program ran (the devices' registers as it
 * left them, and chains it posted without a notify), then the seed: the
 * file, the pool as the program left it, VD_RESTORE, and what follows.
 */
static void state_seed(const char *name, void (*program)(struct prog *, int))
{
	static struct vdrive vd;
	static struct prog p, seed;
	static int ready;
	struct bh_vstate_file f;
	struct bh_vstate_ident id;
	char path[64];
	unsigned int i, off;
	uint8_t zero[255] = { 0 };

	if (!ready) {
		vd_init(&vd);
		ready = 1;
	}
	vd_reset(&vd, 0);
	snprintf(path, sizeof(path), "/tmp/bulkhead-mkseeds-state.%d", (int)getpid());
	unlink(path);
	vd_ident(&id);
	if (bh_vstate_open(&f, path, &id) != 0) {
		fprintf(stderr, "mkseeds: cannot make a state file in /tmp\n");
		exit(1);
	}
	for (i = 0; i < VD_DEVICES; i++)
		bh_vdev_keep_state(vd.devs[i], &f.s->dev[i], 0);
	p.n = 0;
	program(&p, 1);
	vd_run(&vd, p.b, p.n);

	seed.n = 0;
	b8(&seed, 1);
	for (i = 0; i < sizeof(*f.s); i++)
		b8(&seed, ((const uint8_t *)f.s)[i]);
	for (off = 0; off < VD_POOL_SIZE; off += sizeof(zero))
		if (memcmp(vd.pool + off, zero, sizeof(zero) < VD_POOL_SIZE - off ?
			   sizeof(zero) : VD_POOL_SIZE - off))
			pool(&seed, off, vd.pool + off, sizeof(zero) < VD_POOL_SIZE - off ?
			     sizeof(zero) : VD_POOL_SIZE - off);
	op(&seed, 0, VD_RESTORE);
	for (i = 0; i < VD_DEVICES; i++)
		op(&seed, i, VD_IRQ);
	notify(&seed, 0, 1);
	write_seed("state_fuzz", name, seed.b, seed.n);
	bh_vstate_close(&f, path, 1);
}

static void all(struct prog *p, int pending)
{
	console(p, pending);
	block(p, pending);
	network(p, pending);
}

/* ---- cell trees for -d ---- */

static const struct {
	const void *const *data;
	const char *prefix;
	uint8_t flags;
} cells[] = {
	{ &fuzz_arm64_linux, "arm64", 0 },
	{ &fuzz_arm64_linux_virtio, "arm64", 1 },
	{ &fuzz_riscv64_linux, "riscv64", 2 },
	{ &fuzz_riscv64_linux_virtio, "riscv64", 3 },
};

static void dt_seeds(void)
{
	char dir[512], name[600];
	struct dirent *e;
	unsigned int i;
	size_t root_size, out_size;
	void *root, *out;
	uint8_t *seed;
	uint32_t len;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/dtbs", build);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (strlen(e->d_name) < 5)
			continue;
		snprintf(name, sizeof(name), "%s/%s", dir, e->d_name);
		root = read_whole(name, &root_size);
		for (i = 0; root && i < sizeof(cells) / sizeof(cells[0]); i++) {
			struct bh_linux_dt_args a = {
				.cell = *cells[i].data, .root = root,
				.root_size = root_size, .root_path = e->d_name,
			};

			if (strncmp(e->d_name, cells[i].prefix, strlen(cells[i].prefix)) ||
			    bh_linux_dt_build(&a, &out, &out_size))
				continue;
			seed = malloc(5 + root_size + out_size);
			if (!seed)
				abort();
			seed[0] = cells[i].flags | 0x08;
			len = htole32(root_size);
			memcpy(seed + 1, &len, 4);
			memcpy(seed + 5, root, root_size);
			memcpy(seed + 5 + root_size, out, out_size);
			snprintf(name, sizeof(name), "%.*s-cell%u-d",
				 (int)strlen(e->d_name) - 4, e->d_name, i);
			write_seed("dt_fuzz", name, seed, 5 + root_size + out_size);
			free(seed);
			free(out);
		}
		free(root);
	}
	closedir(d);
}

/* ---- hypervisor image headers, a CPU dump ---- */

static void misc_seeds(void)
{
	struct bulkhead_image_header h;
	struct bulkhead_cpu_dump dump;
	uint8_t buf[1 + sizeof(dump)];
	unsigned int arch, i;

	for (arch = BULKHEAD_ARCH_ARM64; arch <= BULKHEAD_ARCH_RISCV64; arch++) {
		memset(&h, 0, sizeof(h));
		memcpy(h.signature, BULKHEAD_IMAGE_SIGNATURE, sizeof(h.signature));
		h.revision = BULKHEAD_IMAGE_REVISION;
		h.architecture = arch;
		h.config_revision = BULKHEAD_CONFIG_REVISION;
		h.core_size = 0x60000;
		h.entry = 0x1000;
		h.shared_offset = 0x40000;
		h.shared_size = 0x2000;
		h.max_cpus = 64;
		write_seed("hwfacts_fuzz", arch == BULKHEAD_ARCH_ARM64 ?
			   "image-arm64" : "image-riscv64", &h, sizeof(h));
	}
	memset(&dump, 0, sizeof(dump));
	dump.cpu = 2;
	dump.state = BULKHEAD_CPU_DUMP_RUNNING;
	dump.flags = BULKHEAD_CPU_DUMP_IRQS_MASKED;
	dump.cell_id = 1;
	dump.pc = 0x70080000;
	dump.privilege = 1;
	dump.num_pending = 2;
	dump.pending[0] = 27;
	dump.pending[1] = 201;
	dump.num_waiting = 20;
	dump.num_items = 5;
	for (i = 0; i < 5; i++) {
		snprintf(dump.items[i].name, sizeof(dump.items[i].name), "x%u", i);
		dump.items[i].value = 0x1000 * i;
	}
	buf[0] = 7;
	memcpy(buf + 1, &dump, sizeof(dump));
	write_seed("cli_fuzz", "7-dump", buf, sizeof(buf));
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds BUILD\n");
		return 2;
	}
	build = argv[1];
	/* bh_error()s of trees a cell does not fit are no news here. */
	if (!freopen("/dev/null", "w", stderr))
		return 1;
	virtio_seeds();
	state_seed("console", console);
	state_seed("all", all);
	dt_seeds();
	misc_seeds();
	return 0;
}
