// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: fuzzes the hypervisor's hypercalls from root Linux (issue 16,
 * tests/system/40-fuzz-root.sh, Documentation/testing.md "Fuzzing").
 *
 *   insmod hcfuzz.ko seed=N count=N [batch=N] [threads=N] victim=ID
 *        attacker=ID system=FILE firmware=FILE victim_config=FILE
 *        attacker_config=FILE [images=FILE,FILE...] [channel=PHYS]
 *        [verbose=0|1|2] [avoid=PHYS:SIZE,...]
 *
 *   insmod hcfuzz.ko probe=CODE:ARG1:ARG2[,CODE:ARG1:ARG2...]
 *
 * probe= issues just those hypercalls, in order, and prints each result
 * ("hcfuzz: probe CODE(ARG1, ARG2) = RESULT"): the regression checks of
 * 40-fuzz-root.sh replay single calls with it. An argument "cfg" is the
 * address of the config attacker_config= names, "cfgsize" its size.
 *
 * One kernel thread per online root CPU (at most `threads`) issues
 * hypercalls with the instruction and registers the driver uses (hvc
 * #BULKHEAD_HVC_IMM / ecall to BULKHEAD_SBI_EXT), random codes (every
 * defined one, unknown ones, codes with high bits set) and arguments drawn
 * from random, boundary and aliasing values: 0, ~0, ids and CPU numbers
 * just out of range or with bits above 32, and addresses in every class
 * the hypervisor must tell apart (see struct range_class below):
 * its own memory and the shared region, the victim cell's and the attacker
 * cell's memory, root's devices, nothing at all, root memory that Linux
 * does not use, and this module's own buffers, page-unaligned and
 * straddling their ends. Valid lifecycle operations on the attacker cell
 * are interleaved: destroy, create (from its config), load an image and
 * start, shutdown, and creates from mutated configs.
 *
 * What it never does, and why (each would be root legitimately breaking
 * itself, not the hypervisor failing):
 * - destroy, shut down or make loadable the victim cell by its exact id
 *   (ids that only alias it, as id + 2^32, are used: the hypervisor must
 *   refuse them); start, state, dumps of its CPUs are allowed;
 * - hand the hypervisor an address of Linux's own RAM that it would write
 *   (CPU_DUMP's buffer, the virtio channel), except this module's own
 *   buffers, whose every byte it checks afterwards; the config of
 *   CELL_CREATE is only read, so there any root RAM goes;
 * - issue other hvc immediates, SBI extensions, PSCI: root's own calls;
 * - DISABLE while no cell exists: the victim exists all along, so DISABLE
 *   (any arguments) must be refused with -EBUSY;
 * - create a cell from a mutated config unless the attacker exists then
 *   (under the lock that keeps every lifecycle call out): its CPU, the only
 *   CPU root Linux has offline, is taken, so no mutant can succeed, and one
 *   that would gets reported; a mutant on a free CPU could take memory
 *   root Linux uses;
 * - write an image into the attacker's memory except between its own
 *   successful SET_LOADABLE and the next lifecycle call, under that lock.
 *
 * After every batch the state is normalized (the attacker destroyed and
 * created again from its config with the same id, extra cells destroyed,
 * the driver's virtio channel registered again) and the invariants are
 * checked: the hypervisor answers (a dump of this CPU into our buffer),
 * the victim is running with no failed CPU and its CPU keeps leaving for
 * the hypervisor to print (exit count grows: it makes progress), the page
 * pool is back to its figure after the first normalization, the CPUs
 * under the hypervisor are the same, the guard pages (root RAM we filled
 * with a pattern) are unchanged. Every call that must fail (an address the
 * hypervisor must not touch, an id that names no cell, an unknown code) is
 * checked as it returns, as is every byte of our dump buffers.
 *
 * Each thread's stream of calls depends only on the seed and the thread
 * number, not on results, so `seed=` reproduces a run (with threads=1
 * exactly; with more, the interleaving is up to the machine). Executions
 * go to the kernel log at KERN_DEBUG (verbose=1, the default; dmesg shows
 * them, the console does not), a summary per batch at KERN_INFO; the last
 * 24 calls of each thread are printed when a check fails. insmod fails
 * (EIO) when a check failed, else succeeds; rmmod it afterwards.
 */
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include <bulkhead/cpu-dump.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/hypervisor.h>

static ulong seed = 1;
module_param(seed, ulong, 0444);
static uint count = 2000;
module_param(count, uint, 0444);
static uint batch = 250;
module_param(batch, uint, 0444);
static uint threads = 2;
module_param(threads, uint, 0444);
static uint victim;
module_param(victim, uint, 0444);
static uint attacker;
module_param(attacker, uint, 0444);
static char *system = "/etc/bulkhead/qemu-virt.cell";
module_param(system, charp, 0444);
static char *firmware;
module_param(firmware, charp, 0444);
static char *victim_config;
module_param(victim_config, charp, 0444);
static char *attacker_config;
module_param(attacker_config, charp, 0444);
static char *images;
module_param(images, charp, 0444);
static ulong channel;
module_param(channel, ulong, 0444);
static int verbose = 1;
module_param(verbose, int, 0444);
static char *avoid;
module_param(avoid, charp, 0444);
static char *probe;
module_param(probe, charp, 0444);

#define MAX_THREADS	8
#define MAX_RANGES	32
#define MAX_IMAGES	8
#define HISTORY		24
#define DUMP_PAGES_ORDER 2
#define DUMP_BUF_SIZE	(PAGE_SIZE << DUMP_PAGES_ORDER)
#define GUARD_PAGES	64
#define NUM_CODES	13	/* BULKHEAD_HC_DISABLE .. BULKHEAD_HC_VIRTIO_ONLINE */
#define MAX_CELL_ID	8	/* the hypervisor's MAX_CELLS */

static const char *const code_names[NUM_CODES] = {
	"DISABLE", "DEBUG_PUTC", "CELL_CREATE", "CELL_SET_LOADABLE",
	"CELL_START", "CELL_DESTROY", "CELL_GET_STATE", "CELL_SHUTDOWN",
	"CELL_FAILED_CPUS", "CPU_DUMP", "VIRTIO_CHANNEL", "VIRTIO_INJECT",
	"VIRTIO_ONLINE",
};

/* The classes of addresses the hypervisor must tell apart. */
enum range_class {
	C_OWN,		/* this module's buffers: writable, checked byte by byte */
	C_LINUX,	/* Linux's RAM: only for calls that read */
	C_RESERVED,	/* root memory Linux does not use, in no cell */
	C_VICTIM,	/* the victim cell's memory: always refused */
	C_ATTACKER,	/* the attacker's: refused while it exists */
	C_HV,		/* the hypervisor's memory (and its shared region) */
	C_IO,		/* root's device regions */
	C_NOTHING,	/* no memory of root at all */
	C_NUM
};

struct span {
	u64 start, size;
};

static struct {
	struct span root_ram[MAX_RANGES];	/* non-IO root regions */
	unsigned int n_root_ram;
	struct span root_io[MAX_RANGES];
	unsigned int n_root_io;
	struct span victim_mem[MAX_RANGES];
	unsigned int n_victim_mem;
	struct span att_mem[MAX_RANGES];
	unsigned int n_att_mem;
	struct span avoid[MAX_RANGES];
	unsigned int n_avoid;
	u64 victim_cpus, att_cpus, system_cpus;
	u64 hv_start, hv_size, shared_phys, shared_size;
	u64 att_load_phys, att_load_size;	/* its LOADABLE region at 0 */
	void *att_cfg, *vic_cfg;
	size_t att_size, vic_size;
	void *images[MAX_IMAGES];
	size_t image_size[MAX_IMAGES];
	unsigned int n_images;
	const struct bulkhead_shared *shared;
	struct page *chan_page;		/* our own candidate channel page */
	void *guard[GUARD_PAGES];
	/* While held for writing, no thread makes a lifecycle call. */
	struct rw_semaphore life_lock;
	/* Around calls that pass or name the channel, and what it is now. */
	struct mutex chan_lock;
	u64 chan_cur;
	u64 pool_with_attacker, pool_without_attacker, pool_without_first;
	u64 cpus_enabled;
	u64 victim_exits, victim_checked_ns;
	atomic_t failures;
	atomic64_t executions;
	atomic_t extra_ids;		/* bitmap of cells we did not mean to create */
	atomic_t calls[NUM_CODES + 1], succeeded[NUM_CODES + 1];	/* per code */
	atomic_t stop;
} g;

struct exec_rec {
	u64 index, code, a1, a2;
	long ret;
	const char *what;
};

struct worker {
	unsigned int id;
	unsigned int cpu;		/* the hypervisor's number (hart id on riscv64) */
	unsigned int linux_cpu;
	u64 rng;
	u64 index;			/* executions of this thread so far */
	unsigned int todo;
	struct task_struct *task;
	struct completion done;
	u8 *dump;			/* DUMP_BUF_SIZE, page aligned */
	u8 fill;
	struct exec_rec hist[HISTORY];
	u64 hist_n;
};

static struct worker workers[MAX_THREADS];
static unsigned int n_workers;

/* ---- hypercalls, as the driver issues them (driver/arch-*.c) ---- */

static long hypercall(u64 code, u64 a1, u64 a2, u64 junk)
{
#if defined(CONFIG_ARM64)
	register u64 x0 asm("x0") = code;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	/* Registers the ABI does not use carry garbage. */
	register u64 x3 asm("x3") = junk;
	register u64 x4 asm("x4") = ~junk;
	register u64 x5 asm("x5") = junk * 3;

	asm volatile("hvc #" __stringify(BULKHEAD_HVC_IMM)
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3), "+r" (x4),
		       "+r" (x5) : : "memory");
	return (long)x0;
#elif defined(CONFIG_RISCV)
	register unsigned long a0r asm("a0") = code;
	register unsigned long a1r asm("a1") = a1;
	register unsigned long a2r asm("a2") = a2;
	register unsigned long a3r asm("a3") = junk;
	register unsigned long a4r asm("a4") = ~junk;
	register unsigned long a5r asm("a5") = junk * 3;
	register unsigned long a6r asm("a6") = junk >> 7;	/* SBI function id */
	register unsigned long a7r asm("a7") = BULKHEAD_SBI_EXT;

	/* driver/riscv-entry.S: a0-a7 and t0-t6 do not survive. */
	asm volatile("ecall"
		     : "+r" (a0r), "+r" (a1r), "+r" (a2r), "+r" (a3r), "+r" (a4r),
		       "+r" (a5r), "+r" (a6r), "+r" (a7r)
		     : : "memory", "t0", "t1", "t2", "t3", "t4", "t5", "t6");
	return (long)a0r;
#else
#error "hcfuzz: arm64 or riscv64 only"
#endif
}

/* ---- random numbers: a stream per thread, from the seed alone ---- */

static u64 splitmix(u64 *s)
{
	u64 z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static u64 below(u64 *s, u64 n)
{
	return n ? splitmix(s) % n : 0;
}

/* ---- what we know of the machine ---- */

static bool overlaps(u64 a, u64 size, u64 start, u64 rsize)
{
	/* [a, a + size) and [start, start + rsize), without wrapping. */
	if (!size || !rsize)
		return false;
	if (a >= start)
		return a - start < rsize;
	return start - a < size;
}

static bool inside(u64 a, u64 size, u64 start, u64 rsize)
{
	return a >= start && size <= rsize && a - start <= rsize - size;
}

static bool overlaps_any(u64 a, u64 size, const struct span *r, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (overlaps(a, size, r[i].start, r[i].size))
			return true;
	return false;
}

static bool in_one(u64 a, u64 size, const struct span *r, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (inside(a, size, r[i].start, r[i].size))
			return true;
	return false;
}

static bool is_linux_ram(u64 a, u64 size)
{
	if (a + size < a)
		return true;	/* wraps: treat as Linux's, never write there */
	return region_intersects(a, size, IORESOURCE_SYSTEM_RAM,
				 IORES_DESC_NONE) != REGION_DISJOINT;
}

static u64 dump_phys(struct worker *w)
{
	return virt_to_phys(w->dump);
}

static bool own_buffer(struct worker *w, u64 a, u64 size)
{
	return inside(a, size, dump_phys(w), DUMP_BUF_SIZE) ||
	       inside(a, size, page_to_phys(g.chan_page), PAGE_SIZE);
}

/*
 * What the hypervisor must do with [a, a + size) as a root buffer:
 * 1 it must refuse it, 0 it may take it, -1 we must not pass it to a
 * call that writes (Linux's RAM that is not ours) or to any call (a range
 * we were told to avoid: avoid=, for defects known and not fixed yet).
 */
static int must_refuse(struct worker *w, u64 a, u64 size, bool writes)
{
	if (!size || a + size < a)
		return 1;
	if (overlaps_any(a, size, g.victim_mem, g.n_victim_mem) ||
	    overlaps(a, size, g.hv_start, g.hv_size) ||
	    overlaps_any(a, size, g.root_io, g.n_root_io) ||
	    !in_one(a, size, g.root_ram, g.n_root_ram))
		return 1;
	if (overlaps_any(a, size, g.avoid, g.n_avoid))
		return -1;
	if (writes && !own_buffer(w, a, size) && is_linux_ram(a, size))
		return -1;
	return 0;
}

/* The hypervisor's number of a Linux CPU, as the driver computes it. */
static unsigned int hv_cpu_id(unsigned int cpu)
{
#ifdef CONFIG_RISCV
	struct device_node *np = of_get_cpu_node(cpu, NULL);
	const __be32 *reg;
	unsigned int id = BULKHEAD_MAX_CPUS;
	int len;

	if (!np)
		return id;
	reg = of_get_property(np, "reg", &len);
	if (reg && len >= 4)
		id = of_read_number(reg, len / 4);
	of_node_put(np);
	return id;
#else
	return cpu;
#endif
}

/* ---- reading files the test gives us ---- */

static void *read_file(const char *path, size_t max, size_t *size)
{
	struct file *f;
	loff_t pos = 0;
	void *buf;
	ssize_t n;

	if (!path || !*path)
		return NULL;
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f)) {
		pr_err("hcfuzz: cannot open %s: %ld\n", path, PTR_ERR(f));
		return NULL;
	}
	buf = kvmalloc(max, GFP_KERNEL);
	if (buf) {
		n = kernel_read(f, buf, max, &pos);
		if (n <= 0) {
			kvfree(buf);
			buf = NULL;
		} else {
			*size = n;
		}
	}
	filp_close(f, NULL);
	return buf;
}

static bool cell_valid(const struct bulkhead_cell_desc *d, size_t size)
{
	return size >= sizeof(*d) &&
	       !memcmp(d->signature, BULKHEAD_CELL_SIGNATURE, BULKHEAD_SIGNATURE_LEN) &&
	       d->num_memory_regions <= MAX_RANGES &&
	       sizeof(*d) + bulkhead_cell_arrays_size(d) <= size;
}

static void cell_ranges(const struct bulkhead_cell_desc *d, struct span *r,
			unsigned int *n)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(d);
	unsigned int i;

	*n = 0;
	for (i = 0; i < d->num_memory_regions; i++, mem++) {
		if (mem->flags & BULKHEAD_MEM_COMM_REGION)
			continue;
		r[*n].start = mem->phys_start;
		r[(*n)++].size = mem->size;
	}
}

static int load_machine(void)
{
	const struct bulkhead_system *sys;
	const struct bulkhead_memory *mem;
	const struct bulkhead_image_header *hdr;
	size_t size;
	unsigned int i;
	char *list, *p, *name;
	int err = -EINVAL;

	sys = read_file(system, 65536, &size);
	if (!sys || size < sizeof(*sys) ||
	    memcmp(sys->signature, BULKHEAD_SYSTEM_SIGNATURE, BULKHEAD_SIGNATURE_LEN)) {
		pr_err("hcfuzz: system=%s is not a system config\n", system);
		goto out;
	}
	g.hv_start = sys->hypervisor_memory.phys_start;
	g.hv_size = sys->hypervisor_memory.size;
	g.system_cpus = sys->root_cell.cpu_set;
	mem = bulkhead_cell_memory(&sys->root_cell);
	for (i = 0; i < sys->root_cell.num_memory_regions && i < MAX_RANGES; i++, mem++) {
		/* Root's cell addresses are its physical ones on these machines. */
		if (mem->flags & BULKHEAD_MEM_IO) {
			g.root_io[g.n_root_io].start = mem->virt_start;
			g.root_io[g.n_root_io++].size = mem->size;
		} else if ((mem->flags & (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE)) ==
			   (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE)) {
			g.root_ram[g.n_root_ram].start = mem->virt_start;
			g.root_ram[g.n_root_ram++].size = mem->size;
		}
	}
	kvfree(sys);

	hdr = read_file(firmware, PAGE_SIZE, &size);
	if (!hdr || size < sizeof(*hdr)) {
		pr_err("hcfuzz: firmware=%s: no image header\n", firmware);
		kvfree(hdr);
		goto out;
	}
	g.shared_phys = g.hv_start + hdr->shared_offset;
	g.shared_size = hdr->shared_size;
	kvfree(hdr);

	g.vic_cfg = read_file(victim_config, 65536, &g.vic_size);
	g.att_cfg = read_file(attacker_config, 65536, &g.att_size);
	if (!g.vic_cfg || !cell_valid(g.vic_cfg, g.vic_size) ||
	    !g.att_cfg || !cell_valid(g.att_cfg, g.att_size)) {
		pr_err("hcfuzz: victim_config= and attacker_config= must be cell configs\n");
		goto out;
	}
	cell_ranges(g.vic_cfg, g.victim_mem, &g.n_victim_mem);
	cell_ranges(g.att_cfg, g.att_mem, &g.n_att_mem);
	g.victim_cpus = ((struct bulkhead_cell_desc *)g.vic_cfg)->cpu_set;
	g.att_cpus = ((struct bulkhead_cell_desc *)g.att_cfg)->cpu_set;
	mem = bulkhead_cell_memory(g.att_cfg);
	for (i = 0; i < ((struct bulkhead_cell_desc *)g.att_cfg)->num_memory_regions; i++, mem++)
		if ((mem->flags & BULKHEAD_MEM_LOADABLE) && mem->virt_start == 0) {
			g.att_load_phys = mem->phys_start;
			g.att_load_size = mem->size;
		}

	if (images) {
		list = kstrdup(images, GFP_KERNEL);
		p = list;
		while (list && (name = strsep(&p, ",")) && g.n_images < MAX_IMAGES) {
			g.images[g.n_images] = read_file(name, g.att_load_size ?: 1,
							 &g.image_size[g.n_images]);
			if (g.images[g.n_images])
				g.n_images++;
		}
		kfree(list);
	}
	if (avoid) {
		list = kstrdup(avoid, GFP_KERNEL);
		p = list;
		while (list && (name = strsep(&p, ",")) && g.n_avoid < MAX_RANGES) {
			char *colon = strchr(name, ':');

			if (!colon)
				continue;
			*colon = 0;
			if (!kstrtou64(name, 0, &g.avoid[g.n_avoid].start) &&
			    !kstrtou64(colon + 1, 0, &g.avoid[g.n_avoid].size))
				g.n_avoid++;
		}
		kfree(list);
	}
	err = 0;
out:
	return err;
}

/* ---- the log of executions ---- */

static const char *code_name(u64 code)
{
	return code < NUM_CODES ? code_names[code] : "unknown";
}

static void record(struct worker *w, const char *what, u64 code, u64 a1,
		   u64 a2, long ret)
{
	struct exec_rec *r = &w->hist[w->hist_n++ % HISTORY];

	r->index = w->index;
	r->what = what;
	r->code = code;
	r->a1 = a1;
	r->a2 = a2;
	r->ret = ret;
	if (verbose >= 2)
		pr_info("hcfuzz: t%u #%llu %s %s(%#llx, %#llx) = %ld\n", w->id,
			w->index, what, code_name(code), a1, a2, ret);
	else if (verbose == 1)
		printk(KERN_DEBUG "hcfuzz: t%u #%llu %s %s(%#llx, %#llx) = %ld\n",
		       w->id, w->index, what, code_name(code), a1, a2, ret);
}

static void print_history(struct worker *w)
{
	u64 i = w->hist_n > HISTORY ? w->hist_n - HISTORY : 0;

	pr_info("hcfuzz: thread %u (CPU %u), its last %llu calls:\n", w->id,
		w->cpu, w->hist_n - i);
	for (; i < w->hist_n; i++) {
		struct exec_rec *r = &w->hist[i % HISTORY];

		pr_info("hcfuzz:   t%u #%llu %s %s(%#llx, %#llx) = %ld\n", w->id,
			r->index, r->what, code_name(r->code), r->a1, r->a2, r->ret);
	}
}

static void fail(struct worker *w, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (w)
		pr_err("hcfuzz: FAILED (seed %lu, thread %u, execution %llu): %pV\n",
		       seed, w->id, w->index, &vaf);
	else
		pr_err("hcfuzz: FAILED (seed %lu, after batch): %pV\n", seed, &vaf);
	va_end(args);
	atomic_inc(&g.failures);
}

static long call(struct worker *w, const char *what, u64 code, u64 a1, u64 a2,
		 u64 junk)
{
	long ret = hypercall(code, a1, a2, junk);

	record(w, what, code, a1, a2, ret);
	atomic64_inc(&g.executions);
	atomic_inc(&g.calls[min_t(u64, code, NUM_CODES)]);
	if (ret >= 0)
		atomic_inc(&g.succeeded[min_t(u64, code, NUM_CODES)]);
	return ret;
}

/* ---- argument generators ---- */

static u64 gen_id(u64 *r)
{
	static const u64 alias = 1ULL << 32;

	switch (below(r, 14)) {
	case 0: return 0;
	case 1: case 2: case 3: return attacker;
	case 4: return victim;
	case 5: return 1 + below(r, MAX_CELL_ID + 2);
	case 6: return alias | victim;
	case 7: return alias | attacker;
	case 8: return (splitmix(r) << 32) | victim;	/* any high bits */
	case 9: return ~0ULL;
	case 10: return 0xffffffffULL;
	case 11: return (u64)-(long)victim;
	case 12: return 0x100 | victim;			/* not only 32 bits */
	default: return splitmix(r);
	}
}

static u64 gen_cpu(u64 *r, unsigned int self)
{
	switch (below(r, 12)) {
	case 0: return self;
	case 1: return __ffs64(g.victim_cpus);
	case 2: return __ffs64(g.att_cpus);
	case 3: case 4: return below(r, 4);
	case 5: return BULKHEAD_MAX_CPUS - 1;
	case 6: return BULKHEAD_MAX_CPUS;
	case 7: return BULKHEAD_MAX_CPUS + 1;
	case 8: return (1ULL << 32) | self;
	case 9: return ~0ULL;
	case 10: return 0x80000000ULL;
	default: return splitmix(r);
	}
}

static u64 gen_size(u64 *r)
{
	u64 real = g.att_size;

	switch (below(r, 14)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return sizeof(struct bulkhead_cell_desc) - 1;
	case 3: return sizeof(struct bulkhead_cell_desc);
	case 4: case 5: return real;
	case 6: return real - 1;
	case 7: return real + 1 + below(r, 64);
	case 8: return 65536;
	case 9: return 65537;
	case 10: return ~0ULL;
	case 11: return (1ULL << 32) | real;
	case 12: return PAGE_SIZE * below(r, 20);
	default: return splitmix(r);
	}
}

/* A spot in [start, start + size) or just around its ends. */
static u64 near_range(u64 *r, u64 start, u64 size, u64 len)
{
	u64 a;

	switch (below(r, 8)) {
	case 0: a = start; break;
	case 1: a = start - 1 - below(r, 16); break;	/* straddles the start */
	case 2: a = start + size - len; break;		/* ends at its end */
	case 3: a = start + size - len + 1 + below(r, len ?: 1); break; /* straddles it */
	case 4: a = start + size; break;
	case 5: a = start + (size >> 1) + below(r, 8); break;
	default: a = start + below(r, size ?: 1); break;
	}
	return a;
}

/* An address of class cls, for a buffer of len bytes. */
static u64 gen_in_class(struct worker *w, u64 *r, unsigned int cls, u64 len)
{
	unsigned int i;

	switch (cls) {
	case C_OWN:
		if (below(r, 5) == 0)
			return page_to_phys(g.chan_page) + (below(r, 3) ? 0 : below(r, PAGE_SIZE));
		return dump_phys(w) + below(r, DUMP_BUF_SIZE - len + 8);
	case C_LINUX:
		/* Kernel RAM: our buffers' neighbourhood, the kernel image. */
		if (below(r, 2))
			return dump_phys(w) + DUMP_BUF_SIZE + below(r, 1 << 20);
		return __pa_symbol(&g) + (below(r, 2) ? 0 : below(r, 1 << 20));
	case C_RESERVED:
		/* Root RAM above what Linux uses: scan for a reserved spot. */
		for (i = 0; i < 8; i++) {
			const struct span *rr = &g.root_ram[below(r, g.n_root_ram)];
			u64 a = rr->start + below(r, rr->size ?: 1);

			a &= ~7ULL;
			if (!is_linux_ram(a, len) &&
			    !overlaps_any(a, len, g.victim_mem, g.n_victim_mem) &&
			    !overlaps_any(a, len, g.att_mem, g.n_att_mem))
				return a;
		}
		return g.hv_start - len;	/* just below the hypervisor */
	case C_VICTIM:
		i = below(r, g.n_victim_mem);
		return near_range(r, g.victim_mem[i].start, g.victim_mem[i].size, len);
	case C_ATTACKER:
		i = below(r, g.n_att_mem);
		return near_range(r, g.att_mem[i].start, g.att_mem[i].size, len);
	case C_HV:
		if (below(r, 3) == 0)
			return near_range(r, g.shared_phys, g.shared_size, len);
		return near_range(r, g.hv_start, g.hv_size, len);
	case C_IO:
		if (!g.n_root_io)
			return 0;
		i = below(r, g.n_root_io);
		return near_range(r, g.root_io[i].start, g.root_io[i].size, len);
	default:
		switch (below(r, 8)) {
		case 0: return 0;
		case 1: return ~0ULL;
		case 2: return ~0ULL - len + 2;		/* wraps */
		case 3: return 1ULL << 39;
		case 4: return 1ULL << (40 + below(r, 24));
		case 5: return PAGE_SIZE * below(r, 16);
		case 6: i = below(r, g.n_root_ram);	/* beyond a region */
			return g.root_ram[i].start + g.root_ram[i].size + below(r, 1 << 20);
		default: return splitmix(r);
		}
	}
}

/*
 * An address argument for a buffer of len bytes the hypervisor reads
 * (writes = false) or writes, and whether it must refuse it. A write to
 * Linux's RAM that is not ours is redirected to our dump buffer.
 */
static u64 gen_addr(struct worker *w, u64 *r, u64 len, bool writes, int *refuse)
{
	unsigned int cls = below(r, C_NUM + 2);
	u64 a;

	if (cls >= C_NUM)
		cls = C_OWN;		/* the calls that can succeed, more often */
	a = gen_in_class(w, r, cls, len);
	if (below(r, 6) == 0)
		a += 1 + below(r, 7);	/* not even aligned */
	*refuse = must_refuse(w, a, len, writes);
	if (*refuse < 0) {
		a = dump_phys(w) + below(r, DUMP_BUF_SIZE - len);
		*refuse = 0;
	}
	return a;
}

/* ---- the checks of our own buffers ---- */

static void fill_dump(struct worker *w)
{
	w->fill = (u8)(w->index * 7 + 0x5a);
	memset(w->dump, w->fill, DUMP_BUF_SIZE);
}

/* Our dump buffer after CPU_DUMP(cpu, a) returned ret. */
static void check_dump(struct worker *w, u64 cpu, u64 a, long ret)
{
	u64 base = dump_phys(w), len = sizeof(struct bulkhead_cpu_dump);
	u64 from = ~0ULL, to = 0, i;
	struct bulkhead_cpu_dump rec;

	for (i = 0; i < DUMP_BUF_SIZE; i++) {
		if (w->dump[i] == w->fill)
			continue;
		if (from == ~0ULL)
			from = i;
		to = i + 1;
	}
	if (ret || !inside(a, len, base, DUMP_BUF_SIZE)) {
		/* Refused, or written elsewhere (memory Linux does not use). */
		if (from != ~0ULL)
			fail(w, "CPU_DUMP(%#llx, %#llx) returned %ld but bytes %#llx-%#llx of the buffer at %#llx changed",
			     cpu, a, ret, from, to - 1, base);
		return;
	}
	if (from != ~0ULL && (base + from < a || base + to > a + len))
		fail(w, "CPU_DUMP(%#llx, %#llx) wrote bytes %#llx-%#llx of the buffer at %#llx, outside the record",
		     cpu, a, base + from, base + to - 1, base);
	memcpy(&rec, w->dump + (a - base), sizeof(rec));
	if (rec.cpu != cpu || rec.state > BULKHEAD_CPU_DUMP_SILENT ||
	    rec.num_items > BULKHEAD_CPU_DUMP_MAX_ITEMS)
		fail(w, "CPU_DUMP(%#llx, %#llx): a record of CPU %u, state %u, %u items",
		     cpu, a, rec.cpu, rec.state, rec.num_items);
}

/* ---- the executions ---- */

static bool victim_name(u64 id)
{
	return id == victim;
}

static bool cell_may_exist(u64 id)
{
	return id >= 1 && id <= MAX_CELL_ID;
}

static void note_created(struct worker *w, long id, const char *what)
{
	if (id <= 0)
		return;
	if (id != attacker)
		atomic_or(1 << id, &g.extra_ids);
	if (id > MAX_CELL_ID)
		fail(w, "%s: cell id %ld", what, id);
}

/* A random hypercall with random, boundary and aliasing arguments. */
static void random_call(struct worker *w, u64 *r)
{
	u64 code, a1 = 0, a2 = 0, junk = splitmix(r), pick = below(r, 100);
	u64 len = sizeof(struct bulkhead_cpu_dump);
	int refuse = 0;
	bool locked = false, chan;
	long ret;

	if (pick < 88)
		code = below(r, NUM_CODES);
	else if (pick < 92)
		code = NUM_CODES + below(r, 50);
	else if (pick < 95)
		code = (splitmix(r) << 32) | below(r, NUM_CODES);	/* aliases */
	else if (pick < 97)
		code = ~0ULL - below(r, 4);
	else
		code = splitmix(r);

	switch (code) {
	case BULKHEAD_HC_DISABLE:
		a1 = splitmix(r);
		a2 = splitmix(r);
		break;
	case BULKHEAD_HC_DEBUG_PUTC:
		/* Printable, or a newline: the console is the test's log. */
		a1 = (below(r, 3) ? splitmix(r) << 8 : 0) |
		     (below(r, 20) ? '!' + below(r, 94) : '\n');
		break;
	case BULKHEAD_HC_CELL_CREATE:
		a2 = gen_size(r);
		a1 = gen_addr(w, r, a2 > 65536 ? 1 : a2 ?: 1, false, &refuse);
		if (a2 < sizeof(struct bulkhead_cell_desc) || a2 > 65536)
			refuse = 1;
		break;
	case BULKHEAD_HC_CELL_SET_LOADABLE:
	case BULKHEAD_HC_CELL_DESTROY:
	case BULKHEAD_HC_CELL_SHUTDOWN:
		a1 = gen_id(r);
		if (victim_name(a1))
			a1 = attacker;
		a2 = splitmix(r);
		break;
	case BULKHEAD_HC_CELL_START:
	case BULKHEAD_HC_CELL_GET_STATE:
	case BULKHEAD_HC_CELL_FAILED_CPUS:
		a1 = gen_id(r);
		a2 = splitmix(r);
		break;
	case BULKHEAD_HC_CPU_DUMP:
		a1 = gen_cpu(r, w->cpu);
		a2 = gen_addr(w, r, len, true, &refuse);
		fill_dump(w);
		break;
	case BULKHEAD_HC_VIRTIO_CHANNEL:
		a1 = below(r, 4) ? gen_addr(w, r, PAGE_SIZE, true, &refuse) : 0;
		if (!a1)
			refuse = 0;	/* 0 gives the channel up */
		break;
	case BULKHEAD_HC_VIRTIO_INJECT:
	case BULKHEAD_HC_VIRTIO_ONLINE:
		a1 = gen_id(r);
		a2 = below(r, 3) ? below(r, 3) : splitmix(r);
		break;
	default:
		a1 = splitmix(r);
		a2 = splitmix(r);
	}

	if (code >= BULKHEAD_HC_CELL_CREATE && code <= BULKHEAD_HC_CELL_SHUTDOWN) {
		down_read(&g.life_lock);
		locked = true;
	}
	/*
	 * The channel page is the hypervisor's while it is the channel: no
	 * buffer of a call may lie in it (it would be mapped and unmapped).
	 */
	chan = code == BULKHEAD_HC_CELL_CREATE || code == BULKHEAD_HC_CPU_DUMP ||
	       code == BULKHEAD_HC_VIRTIO_CHANNEL;
	if (chan)
		mutex_lock(&g.chan_lock);
	if (g.chan_cur && code == BULKHEAD_HC_CELL_CREATE &&
	    a2 >= sizeof(struct bulkhead_cell_desc) && a2 <= 65536 &&
	    overlaps(a1, a2, g.chan_cur, PAGE_SIZE))
		refuse = 1;
	if (g.chan_cur && code == BULKHEAD_HC_CPU_DUMP &&
	    overlaps(a2, len, g.chan_cur, PAGE_SIZE))
		refuse = 1;
	ret = call(w, "random", code, a1, a2, junk);
	if (code == BULKHEAD_HC_VIRTIO_CHANNEL && ret == 0)
		g.chan_cur = a1;
	if (chan)
		mutex_unlock(&g.chan_lock);
	if (locked)
		up_read(&g.life_lock);

	/* What must have happened. */
	if (code >= NUM_CODES) {
		if (ret != -ENOSYS)
			fail(w, "unknown hypercall %#llx returned %ld, not -ENOSYS", code, ret);
		return;
	}
	if (refuse && ret >= 0)
		fail(w, "%s(%#llx, %#llx) succeeded (%ld) with an address the hypervisor must refuse",
		     code_name(code), a1, a2, ret);
	switch (code) {
	case BULKHEAD_HC_DISABLE:
		if (ret != -EBUSY)
			fail(w, "DISABLE while cells exist returned %ld, not -EBUSY", ret);
		break;
	case BULKHEAD_HC_DEBUG_PUTC:
		if (ret)
			fail(w, "DEBUG_PUTC from root returned %ld", ret);
		break;
	case BULKHEAD_HC_CELL_CREATE:
		note_created(w, ret, "CELL_CREATE");
		/* A random address may hit the attacker's config: fine. */
		if (ret > 0 && !(a1 == virt_to_phys(g.att_cfg) && a2 == g.att_size))
			fail(w, "CELL_CREATE(%#llx, %#llx) created cell %ld from no config we wrote",
			     a1, a2, ret);
		break;
	case BULKHEAD_HC_CELL_SET_LOADABLE:
	case BULKHEAD_HC_CELL_START:
	case BULKHEAD_HC_CELL_DESTROY:
	case BULKHEAD_HC_CELL_GET_STATE:
	case BULKHEAD_HC_CELL_SHUTDOWN:
	case BULKHEAD_HC_CELL_FAILED_CPUS:
		if (!cell_may_exist(a1) && ret != -ENOENT)
			fail(w, "%s(%#llx): no cell has that id, but it returned %ld",
			     code_name(code), a1, ret);
		if (a1 == victim && code == BULKHEAD_HC_CELL_START && ret != -EBUSY)
			fail(w, "CELL_START of the running victim returned %ld, not -EBUSY", ret);
		if (a1 == victim && code == BULKHEAD_HC_CELL_GET_STATE &&
		    ret != BULKHEAD_CELL_STATE_RUNNING)
			fail(w, "the victim's state is %ld, not running", ret);
		if (a1 == victim && code == BULKHEAD_HC_CELL_FAILED_CPUS && ret)
			fail(w, "the victim has failed CPUs: %#lx", ret);
		break;
	case BULKHEAD_HC_CPU_DUMP:
		if ((a1 >= BULKHEAD_MAX_CPUS || !(g.cpus_enabled & BIT_ULL(a1))) &&
		    ret != -EINVAL)
			fail(w, "CPU_DUMP of CPU %#llx, which is not under the hypervisor, returned %ld",
			     a1, ret);
		check_dump(w, a1, a2, ret);
		break;
	case BULKHEAD_HC_VIRTIO_CHANNEL:
		if (a1 && ret == 0 && (a1 & (PAGE_SIZE - 1)))
			fail(w, "VIRTIO_CHANNEL(%#llx): an unaligned channel was taken", a1);
		break;
	case BULKHEAD_HC_VIRTIO_INJECT:
	case BULKHEAD_HC_VIRTIO_ONLINE:
		/* Only the attacker has a virtio device, index 0. */
		if ((a1 != attacker || a2 != 0) && ret >= 0)
			fail(w, "%s(%#llx, %#llx): no such device, but it returned %ld",
			     code_name(code), a1, a2, ret);
		break;
	}
}

/* The attacker's memory mapped into root: copy an image to cell address 0. */
static void load_image(struct worker *w, u64 *r)
{
	unsigned int n = below(r, g.n_images);
	void *p;

	if (!g.n_images || !g.att_load_size)
		return;
	p = memremap(g.att_load_phys, g.image_size[n], MEMREMAP_WC);
	if (!p) {
		fail(w, "cannot map the attacker's loadable memory at %#llx", g.att_load_phys);
		return;
	}
	memcpy(p, g.images[n], g.image_size[n]);
	memunmap(p);
	record(w, "load", BULKHEAD_HC_CELL_SET_LOADABLE, attacker, n, 0);
}

/* A valid lifecycle operation on the attacker, or a mutated create. */
static void lifecycle(struct worker *w, u64 *r)
{
	u64 op = below(r, 9), junk = splitmix(r), pos, bit, bit_value;
	u64 r2 = splitmix(r);	/* everything below is drawn from here */
	long ret;
	u8 *mutant;

	switch (op) {
	case 0:
		down_read(&g.life_lock);
		call(w, "life", BULKHEAD_HC_CELL_DESTROY, attacker, 0, junk);
		up_read(&g.life_lock);
		break;
	case 1:
		down_read(&g.life_lock);
		ret = call(w, "life", BULKHEAD_HC_CELL_CREATE,
			   virt_to_phys(g.att_cfg), g.att_size, junk);
		up_read(&g.life_lock);
		if (ret > 0 && ret != attacker)
			fail(w, "the attacker came back as cell %ld, not %u", ret, attacker);
		note_created(w, ret, "create attacker");
		break;
	case 2: case 3:
		/* Load and start, as `bulkhead cell load` and `start` do. */
		down_write(&g.life_lock);
		ret = call(w, "life", BULKHEAD_HC_CELL_SET_LOADABLE, attacker, 0, junk);
		if (ret == 0) {
			load_image(w, &r2);
			if (below(&r2, 4))
				call(w, "life", BULKHEAD_HC_CELL_START, attacker, 0, junk);
		}
		up_write(&g.life_lock);
		break;
	case 4:
		down_read(&g.life_lock);
		call(w, "life", BULKHEAD_HC_CELL_SHUTDOWN, attacker, 0, junk);
		up_read(&g.life_lock);
		break;
	case 5:
		down_read(&g.life_lock);
		call(w, "life", BULKHEAD_HC_CELL_START, attacker, 0, junk);
		up_read(&g.life_lock);
		break;
	case 6:
		/* The victim's config: its name and resources are taken. */
		down_read(&g.life_lock);
		ret = call(w, "life", BULKHEAD_HC_CELL_CREATE,
			   virt_to_phys(g.vic_cfg), g.vic_size, junk);
		up_read(&g.life_lock);
		note_created(w, ret, "create victim twice");
		if (ret >= 0)
			fail(w, "a second cell from the victim's config: %ld", ret);
		break;
	default:
		/* A mutant of the attacker's config, while the attacker holds its CPU. */
		mutant = kmalloc(g.att_size + 64, GFP_KERNEL);
		if (!mutant)
			break;
		memcpy(mutant, g.att_cfg, g.att_size);
		for (bit = 0; bit < 1 + below(&r2, 4); bit++) {
			pos = below(&r2, g.att_size);
			switch (below(&r2, 4)) {
			case 0: mutant[pos] ^= 1 << below(&r2, 8); break;
			case 1: mutant[pos] = splitmix(&r2); break;
			case 2: mutant[pos] = below(&r2, 2) ? 0xff : 0; break;
			default: /* a field-sized boundary value */
				pos &= ~7ULL;
				bit_value = below(&r2, 2) ? ~0ULL : 1ULL << 32;
				if (pos + 8 <= g.att_size)
					memcpy(mutant + pos, &bit_value, 8);
			}
		}
		down_write(&g.life_lock);
		if (hypercall(BULKHEAD_HC_CELL_GET_STATE, attacker, 0, 0) >= 0) {
			ret = call(w, "mutant", BULKHEAD_HC_CELL_CREATE,
				   virt_to_phys(mutant), g.att_size, junk);
			note_created(w, ret, "mutant");
			if (ret > 0) {
				fail(w, "a mutated config made cell %ld next to the attacker", ret);
				call(w, "cleanup", BULKHEAD_HC_CELL_DESTROY, ret, 0, 0);
			}
		}
		up_write(&g.life_lock);
		kfree(mutant);
	}
}

/* One execution: its random numbers are drawn before anything happens. */
static void execute(struct worker *w)
{
	u64 r = splitmix(&w->rng), kind = below(&r, 100);

	if (kind < 80)
		random_call(w, &r);
	else
		lifecycle(w, &r);
	w->index++;
}

static int worker_fn(void *data)
{
	struct worker *w = data;
	unsigned int i;

	for (i = 0; i < w->todo && !atomic_read(&g.stop); i++) {
		execute(w);
		if (atomic_read(&g.failures))
			atomic_set(&g.stop, 1);
		cond_resched();
	}
	complete(&w->done);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* ---- normalizing and checking between batches ---- */

static long hc(const char *what, u64 code, u64 a1, u64 a2)
{
	long ret = hypercall(code, a1, a2, 0);

	if (verbose)
		printk(KERN_DEBUG "hcfuzz: normalize %s %s(%#llx, %#llx) = %ld\n",
		       what, code_name(code), a1, a2, ret);
	return ret;
}

/* Back to: the victim, the attacker fresh from its config, the driver's channel. */
static int normalize(void)
{
	unsigned int id, extra = atomic_xchg(&g.extra_ids, 0);
	long ret;

	for (id = 1; id <= MAX_CELL_ID; id++) {
		if (id == victim)
			continue;
		if (id != attacker && hc("probe", BULKHEAD_HC_CELL_GET_STATE, id, 0) >= 0) {
			if (!(extra & (1 << id)))
				fail(NULL, "cell %u exists, but no create returned it", id);
			hc("extra", BULKHEAD_HC_CELL_DESTROY, id, 0);
		}
	}
	ret = hc("attacker", BULKHEAD_HC_CELL_DESTROY, attacker, 0);
	if (ret && ret != -ENOENT)
		fail(NULL, "destroying the attacker (cell %u): %ld", attacker, ret);
	ret = hc("channel", BULKHEAD_HC_VIRTIO_CHANNEL, 0, 0);
	if (ret)
		fail(NULL, "giving up the virtio channel with no virtio cell: %ld", ret);
	else
		g.chan_cur = 0;
	g.pool_without_attacker = READ_ONCE(g.shared->pool_used);
	if (channel) {
		ret = hc("channel", BULKHEAD_HC_VIRTIO_CHANNEL, channel, 0);
		if (ret)
			fail(NULL, "registering the driver's virtio channel %#lx again: %ld",
			     channel, ret);
		else
			g.chan_cur = channel;
	}
	ret = hc("attacker", BULKHEAD_HC_CELL_CREATE, virt_to_phys(g.att_cfg), g.att_size);
	if (ret != attacker) {
		fail(NULL, "creating the attacker again gave %ld, not id %u", ret, attacker);
		return -EIO;
	}
	return 0;
}

static u64 guard_pattern(unsigned int page, unsigned int word)
{
	return (seed ^ 0x6a09e667f3bcc908ULL) * (page + 1) + word * 0x9e3779b97f4a7c15ULL;
}

static void fill_guards(void)
{
	unsigned int p, i;

	for (p = 0; p < GUARD_PAGES; p++)
		for (i = 0; i < PAGE_SIZE / 8; i++)
			((u64 *)g.guard[p])[i] = guard_pattern(p, i);
}

/* The victim prints a line every 100 ms: each character is a hypercall. */
static u64 victim_progress(void)
{
	unsigned int cpu = __ffs64(g.victim_cpus);

	return READ_ONCE(g.shared->exits[cpu][BULKHEAD_EXIT_HYPERCALL]);
}

static void check_invariants(unsigned int b, struct worker *w0)
{
	struct bulkhead_cpu_dump *rec = (void *)w0->dump;
	unsigned int p, i;
	u64 exits;
	long ret;

	ret = hypercall(BULKHEAD_HC_CELL_GET_STATE, victim, 0, 0);
	if (ret != BULKHEAD_CELL_STATE_RUNNING)
		fail(NULL, "batch %u: the victim (cell %u) is in state %ld, not running",
		     b, victim, ret);
	ret = hypercall(BULKHEAD_HC_CELL_FAILED_CPUS, victim, 0, 0);
	if (ret)
		fail(NULL, "batch %u: the victim's failed CPUs: %ld", b, ret);
	/* Given time for a line or two (its 100 ms between lines). */
	if (ktime_get_ns() - g.victim_checked_ns > 300 * NSEC_PER_MSEC) {
		exits = victim_progress();
		if (exits == g.victim_exits)
			fail(NULL, "batch %u: the victim's CPU made no hypercall (printed nothing) for %llu ms",
			     b, (ktime_get_ns() - g.victim_checked_ns) / NSEC_PER_MSEC);
		g.victim_exits = exits;
		g.victim_checked_ns = ktime_get_ns();
	}

	/* The hypervisor answers: this CPU's dump, into our buffer. */
	memset(w0->dump, 0xa5, DUMP_BUF_SIZE);
	p = get_cpu();
	i = hv_cpu_id(p);
	ret = hypercall(BULKHEAD_HC_CPU_DUMP, i, dump_phys(w0), 0);
	put_cpu();
	if (ret || rec->cpu != i || rec->state != BULKHEAD_CPU_DUMP_RUNNING ||
	    !(rec->flags & BULKHEAD_CPU_DUMP_CALLER))
		fail(NULL, "batch %u: CPU_DUMP of the calling CPU %u: %ld, cpu %u state %u flags %#x",
		     b, i, ret, rec->cpu, rec->state, rec->flags);

	if (READ_ONCE(g.shared->pool_used) != g.pool_with_attacker)
		fail(NULL, "batch %u: page pool %llu pages used, %llu before",
		     b, READ_ONCE(g.shared->pool_used), g.pool_with_attacker);
	if (g.pool_without_attacker != g.pool_without_first)
		fail(NULL, "batch %u: page pool without the attacker %llu pages used, %llu before",
		     b, g.pool_without_attacker, g.pool_without_first);
	if (READ_ONCE(g.shared->cpus_enabled) != g.cpus_enabled)
		fail(NULL, "batch %u: CPUs under the hypervisor %#llx, %#llx before",
		     b, READ_ONCE(g.shared->cpus_enabled), g.cpus_enabled);
	for (p = 0; p < GUARD_PAGES; p++)
		for (i = 0; i < PAGE_SIZE / 8; i++)
			if (((u64 *)g.guard[p])[i] != guard_pattern(p, i)) {
				fail(NULL, "batch %u: guard page %u (phys %#llx) changed at offset %#x",
				     b, p, (u64)virt_to_phys(g.guard[p]), i * 8);
				break;
			}
}

/* ---- the run ---- */

static void free_all(bool channel_free)
{
	unsigned int i;

	for (i = 0; i < n_workers; i++)
		if (workers[i].dump)
			free_pages((unsigned long)workers[i].dump, DUMP_PAGES_ORDER);
	for (i = 0; i < GUARD_PAGES; i++)
		if (g.guard[i])
			free_page((unsigned long)g.guard[i]);
	/* The hypervisor may still hold it if giving it up failed: then it stays. */
	if (g.chan_page && channel_free)
		__free_page(g.chan_page);
	for (i = 0; i < g.n_images; i++)
		kvfree(g.images[i]);
	kvfree(g.att_cfg);
	kvfree(g.vic_cfg);
	if (g.shared)
		memunmap((void *)g.shared);
}

static int run_batch(unsigned int b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n_workers; i++) {
		struct worker *w = &workers[i];

		w->todo = n / n_workers + (i < n % n_workers);
		init_completion(&w->done);
		w->task = kthread_create(worker_fn, w, "hcfuzz/%u", i);
		if (IS_ERR(w->task)) {
			w->task = NULL;
			w->todo = 0;
			complete(&w->done);
			continue;
		}
		kthread_bind(w->task, w->linux_cpu);
		wake_up_process(w->task);
	}
	for (i = 0; i < n_workers; i++) {
		/* Killable, so that the hung-task detector leaves us alone. */
		while (wait_for_completion_killable_timeout(&workers[i].done, HZ) == 0)
			;
		if (workers[i].task)
			kthread_stop(workers[i].task);
	}
	return 0;
}

static int run_probes(void)
{
	size_t cfg_size_rd = 0;
	char *list = kstrdup(probe, GFP_KERNEL), *p = list, *item;
	void *cfg = read_file(attacker_config, 65536, &cfg_size_rd);
	u64 v[3], cfg_size = cfg_size_rd;
	long ret;

	while (list && (item = strsep(&p, ","))) {
		char *f = item, *field;
		unsigned int n = 0;

		while (n < 3 && (field = strsep(&f, ":"))) {
			/* The attacker's config (attacker_config=), for CELL_CREATE. */
			if (!strcmp(field, "cfg") && cfg)
				v[n++] = virt_to_phys(cfg);
			else if (!strcmp(field, "cfgsize") && cfg)
				v[n++] = cfg_size;
			else if (kstrtou64(field, 0, &v[n++]))
				n = 4;
		}
		if (n != 3) {
			pr_err("hcfuzz: probe \"%s\": CODE:ARG1:ARG2 expected\n", item);
			kfree(list);
			kvfree(cfg);
			return -EINVAL;
		}
		ret = hypercall(v[0], v[1], v[2], 0);
		pr_info("hcfuzz: probe %s(%#llx, %#llx) = %ld\n", code_name(v[0]),
			v[1], v[2], ret);
	}
	kfree(list);
	kvfree(cfg);
	return list ? 0 : -ENOMEM;
}

static int __init hcfuzz_init(void)
{
	u64 start = ktime_get_ns(), before, done = 0;
	unsigned int i, b, cpu;
	bool channel_ok = true;
	long ret;

	if (probe)
		return run_probes();
	init_rwsem(&g.life_lock);
	mutex_init(&g.chan_lock);
	if (!victim || !attacker || victim == attacker || load_machine()) {
		pr_err("hcfuzz: needs victim=, attacker= (two cell ids), system=, firmware=, victim_config=, attacker_config=\n");
		free_all(true);
		return -EINVAL;
	}
	g.shared = memremap(g.shared_phys, PAGE_ALIGN(sizeof(struct bulkhead_shared)),
			    MEMREMAP_WC);
	g.chan_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	for (i = 0; i < GUARD_PAGES; i++)
		g.guard[i] = (void *)__get_free_page(GFP_KERNEL);
	n_workers = 0;
	for_each_online_cpu(cpu) {
		struct worker *w = &workers[n_workers];

		if (n_workers >= min_t(unsigned int, threads ?: 1, MAX_THREADS))
			break;
		w->id = n_workers;
		w->linux_cpu = cpu;
		w->cpu = hv_cpu_id(cpu);
		w->rng = seed ^ ((u64)(n_workers + 1) * 0xd1b54a32d192ed03ULL);
		w->dump = (u8 *)__get_free_pages(GFP_KERNEL, DUMP_PAGES_ORDER);
		w->hist_n = 0;
		w->index = 0;
		n_workers++;
	}
	for (i = 0; i < GUARD_PAGES && g.guard[i]; i++)
		;
	if (!g.shared || !g.chan_page || i < GUARD_PAGES || !workers[0].dump) {
		pr_err("hcfuzz: out of memory\n");
		free_all(true);
		return -ENOMEM;
	}
	for (i = 0; i < n_workers; i++)
		if (!workers[i].dump) {
			free_all(true);
			return -ENOMEM;
		}
	g.cpus_enabled = READ_ONCE(g.shared->cpus_enabled);
	ret = hypercall(BULKHEAD_HC_CELL_GET_STATE, victim, 0, 0);
	if (ret != BULKHEAD_CELL_STATE_RUNNING ||
	    hypercall(BULKHEAD_HC_CELL_GET_STATE, attacker, 0, 0) < 0) {
		pr_err("hcfuzz: the victim (cell %u) must run (state %ld) and the attacker (cell %u) exist\n",
		       victim, ret, attacker);
		free_all(true);
		return -EINVAL;
	}
	fill_guards();
	atomic_set(&g.failures, 0);
	atomic_set(&g.stop, 0);
	if (normalize()) {
		free_all(false);
		return -EIO;
	}
	g.pool_without_first = g.pool_without_attacker;
	g.pool_with_attacker = READ_ONCE(g.shared->pool_used);
	g.victim_exits = victim_progress();
	g.victim_checked_ns = ktime_get_ns();
	pr_info("hcfuzz: seed %lu: %u executions in batches of %u on %u threads; victim cell %u (CPUs %#llx), attacker cell %u (CPUs %#llx), %u images; pool %llu pages used (%llu without the attacker); hypervisor %#llx+%#llx, shared region %#llx, channel %#lx\n",
		seed, count, batch, n_workers, victim, g.victim_cpus, attacker,
		g.att_cpus, g.n_images, g.pool_with_attacker, g.pool_without_first,
		g.hv_start, g.hv_size, g.shared_phys, channel);

	for (b = 0; done < count && !atomic_read(&g.failures); b++) {
		unsigned int n = min_t(u64, batch ?: 1, count - done);

		before = atomic64_read(&g.executions);
		run_batch(b, n);
		done += n;
		if (normalize())
			channel_ok = false;
		check_invariants(b, &workers[0]);
		pr_info("hcfuzz: batch %u: %llu hypercalls, %llu executions so far, %d failures, %llu ms\n",
			b, atomic64_read(&g.executions) - before, done,
			atomic_read(&g.failures), (ktime_get_ns() - start) / NSEC_PER_MSEC);
	}
	if (atomic_read(&g.failures))
		for (i = 0; i < n_workers; i++)
			print_history(&workers[i]);
	pr_info("hcfuzz: calls (succeeded):");
	for (i = 0; i <= NUM_CODES; i++)
		pr_cont(" %s %d (%d)", i < NUM_CODES ? code_names[i] : "unknown",
			atomic_read(&g.calls[i]), atomic_read(&g.succeeded[i]));
	pr_cont("\n");
	pr_info("hcfuzz: seed %lu: %llu executions, %llu hypercalls in %llu ms on %u threads: %d failures%s\n",
		seed, done, atomic64_read(&g.executions),
		(ktime_get_ns() - start) / NSEC_PER_MSEC, n_workers,
		atomic_read(&g.failures),
		atomic_read(&g.failures) ? " (reproduce with this seed)" : "");
	ret = atomic_read(&g.failures) ? -EIO : 0;
	free_all(channel_ok);
	return ret;
}

static void __exit hcfuzz_exit(void)
{
}

module_init(hcfuzz_init);
module_exit(hcfuzz_exit);
MODULE_DESCRIPTION("bulkhead test: fuzz the hypercalls from root");
MODULE_LICENSE("GPL");
