// SPDX-License-Identifier: GPL-2.0
/*
 * exitcount: a QEMU TCG plugin (QEMU 7.2, plugin API version 1) that counts
 * the instructions bulkhead executes for each exit of a guest, per vCPU,
 * and sorts the exits by reason. Built by ci/qemu-plugin, driven by
 * ci/bench-exits, which writes the map file it reads.
 *
 * The API of QEMU 7.2 shows a plugin instruction addresses, instruction
 * bytes and the addresses of memory accesses, never register values. So:
 *
 * - The hypervisor's code runs identity mapped (EL2 / HS mode), at its load
 *   base plus its link offset: an instruction inside the hypervisor's code
 *   range whose bytes are those of the image is the hypervisor's. Anything
 *   else is a guest's (or firmware's, below).
 * - An exit starts on a vCPU when it executes a hypervisor instruction
 *   after a guest instruction, and ends at the next guest instruction. Its
 *   cost is the number of hypervisor instructions in between.
 * - Firmware (the "fw" range: OpenSBI on riscv64) called by the hypervisor
 *   neither ends nor starts an exit; its instructions are counted apart.
 * - Entries always begin a new exit. "Vector" entries are where a trap
 *   from a guest enters the hypervisor: an exit still open there ends
 *   (the guest trapped again before it executed an instruction, e.g. an
 *   interrupt pending at the return). "Restart" entries are where a CPU
 *   starts from reset (arch_entry, arch_secondary_entry): an exit still
 *   open there never returned to its guest (the CPU was switched off or
 *   parked) and is recorded with "/noreturn" appended to its reason. One
 *   still open when QEMU ends is recorded with "/unfinished".
 * - The reason of an exit is the name of the marker with the highest
 *   priority the exit executed (the first one on ties); markers are address
 *   ranges of functions or source lines. Without a marker: the first
 *   statistics counter the hypervisor incremented during the exit (a store
 *   into its shared exits[cpu][reason] array), as "stat:REASON"; else the
 *   name of the entry it started at, as "entry:NAME"; else "other".
 *
 * Arguments: map=FILE (required), out=FILE (JSON summary, written at exit;
 * default exitcount.json), trace=FILE (optional: one line per exit).
 *
 * Map file, one item per line, numbers in C notation, '#' comments:
 *   hv LO HI                       hypervisor code [LO, HI)
 *   fw LO HI                       firmware code (riscv64), may repeat
 *   image BASE PATH                the loaded image: byte n is at BASE + n
 *   stats ADDR CPUS NAME...        u64 exits[CPUS][number of NAMEs] at ADDR
 *   entry NAME restart|vector ADDR
 *   mark NAME PRIO LO HI           a marker range (may repeat for a NAME)
 *   func NAME LO HI                a function, for the per-function profile
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define NAME_LEN	64
#define MAX_REASONS	16
#define GRANULE		2	/* smallest instruction: riscv64 C extension */
#define TOP_MODES	6

struct named {
	char name[NAME_LEN];
	int prio;		/* markers */
	bool restart;		/* entries */
	uint64_t addr;		/* entries */
};

/* What is known about one hypervisor instruction address. */
struct site {
	int16_t mark;
	int16_t func;
	int16_t entry;
	uint64_t addr;
};

struct vcpu {
	bool in_exit;
	int entry, mark, prio, stat_first;
	unsigned int stat_n;
	uint64_t insns, fw;
	uint32_t *prof;		/* per function, this exit */
} __attribute__((aligned(64)));

struct label {
	char name[NAME_LEN + 16];
	uint32_t *insns, *fw;
	size_t n, cap;
	uint64_t multi;
	uint64_t stat_first[MAX_REASONS + 1];
	uint64_t *by_vcpu;
	uint64_t *prof;
};

static struct {
	uint64_t hv_lo, hv_hi;
	uint64_t fw_lo[8], fw_hi[8];
	unsigned int num_fw;
	uint64_t base;
	unsigned char *image;
	size_t image_size;
	uint64_t stats, stats_end;
	unsigned int stats_cpus, num_reasons;
	char reasons[MAX_REASONS][NAME_LEN];
	struct named *marks, *entries, *funcs;
	int num_marks, num_entries, num_funcs;
	struct site *sites;
	size_t num_sites;
	struct vcpu *vcpus;
	int num_vcpus;
	struct label *labels;
	int num_labels;
	pthread_mutex_t lock;
	const char *out, *trace_path;
	FILE *trace;
	/* Totals, for the report's sanity section. */
	uint64_t counter[MAX_REASONS];
	uint64_t mismatched, hv_insns, exits, noreturn;
	char error[256];
} g = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, "exitcount: out of memory\n");
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p) {
		fprintf(stderr, "exitcount: out of memory\n");
		exit(1);
	}
	return p;
}

static struct site *site_at(uint64_t addr)
{
	if (addr < g.hv_lo || addr >= g.hv_hi || (addr - g.hv_lo) % GRANULE)
		return NULL;
	return &g.sites[(addr - g.hv_lo) / GRANULE];
}

static bool in_fw(uint64_t addr)
{
	unsigned int n;

	for (n = 0; n < g.num_fw; n++)
		if (addr >= g.fw_lo[n] && addr < g.fw_hi[n])
			return true;
	return false;
}

/* ---- exits ---- */

static struct label *label_get(const char *name)
{
	struct label *l;
	int n;

	for (n = 0; n < g.num_labels; n++)
		if (!strcmp(g.labels[n].name, name))
			return &g.labels[n];
	g.labels = xrealloc(g.labels, (g.num_labels + 1) * sizeof(*g.labels));
	l = &g.labels[g.num_labels++];
	memset(l, 0, sizeof(*l));
	snprintf(l->name, sizeof(l->name), "%s", name);
	l->by_vcpu = xcalloc(g.num_vcpus, sizeof(*l->by_vcpu));
	l->prof = xcalloc(g.num_funcs + 1, sizeof(*l->prof));
	return l;
}

enum end { END_RETURNED, END_NORETURN, END_UNFINISHED };

static void exit_name(const struct vcpu *c, enum end how, char *buf, size_t len)
{
	static const char *const suffix[] = { "", "/noreturn", "/unfinished" };
	char base[NAME_LEN + 8];

	if (c->entry >= 0 && g.entries[c->entry].restart)
		snprintf(base, sizeof(base), "%s", g.entries[c->entry].name);
	else if (c->mark >= 0)
		snprintf(base, sizeof(base), "%s", g.marks[c->mark].name);
	else if (c->stat_first > 0)
		snprintf(base, sizeof(base), "stat:%s", g.reasons[c->stat_first]);
	else if (c->entry >= 0)
		snprintf(base, sizeof(base), "entry:%s", g.entries[c->entry].name);
	else
		snprintf(base, sizeof(base), "other");
	snprintf(buf, len, "%s%s", base, suffix[how]);
}

static void close_exit(unsigned int vcpu, struct vcpu *c, enum end how)
{
	char name[NAME_LEN + 16];
	struct label *l;
	int f;

	exit_name(c, how, name, sizeof(name));
	pthread_mutex_lock(&g.lock);
	l = label_get(name);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->insns = xrealloc(l->insns, l->cap * sizeof(*l->insns));
		l->fw = xrealloc(l->fw, l->cap * sizeof(*l->fw));
	}
	l->insns[l->n] = c->insns > UINT32_MAX ? UINT32_MAX : c->insns;
	l->fw[l->n] = c->fw > UINT32_MAX ? UINT32_MAX : c->fw;
	l->n++;
	if (c->stat_n > 1)
		l->multi++;
	l->stat_first[c->stat_first > 0 ? c->stat_first : 0]++;
	if (vcpu < (unsigned int)g.num_vcpus)
		l->by_vcpu[vcpu]++;
	for (f = 0; f <= g.num_funcs; f++) {
		l->prof[f] += c->prof[f];
		c->prof[f] = 0;
	}
	g.exits++;
	if (how == END_NORETURN)
		g.noreturn++;
	if (g.trace)
		fprintf(g.trace, "%u %s %" PRIu64 " %" PRIu64 " %u\n", vcpu, name,
			c->insns, c->fw, c->stat_n);
	pthread_mutex_unlock(&g.lock);
	c->in_exit = false;
}

static void open_exit(struct vcpu *c, const struct site *s)
{
	c->in_exit = true;
	c->entry = s->entry;
	c->mark = -1;
	c->prio = -1000000;
	c->stat_first = -1;
	c->stat_n = 0;
	c->insns = 0;
	c->fw = 0;
}

static void on_hv_insn(unsigned int vcpu, void *udata)
{
	const struct site *s = udata;
	struct vcpu *c = &g.vcpus[vcpu];

	if (s->entry >= 0) {
		/* A guest trapped again before it executed an instruction
		 * (an interrupt pending at the return, say), or a CPU started
		 * from reset: a new exit either way. */
		if (c->in_exit)
			close_exit(vcpu, c, g.entries[s->entry].restart ?
				   END_NORETURN : END_RETURNED);
		open_exit(c, s);
	} else if (!c->in_exit) {
		open_exit(c, s);
	}
	c->insns++;
	if (s->mark >= 0 && g.marks[s->mark].prio > c->prio) {
		c->mark = s->mark;
		c->prio = g.marks[s->mark].prio;
	}
	c->prof[s->func >= 0 ? s->func : g.num_funcs]++;
}

static void on_hv_store(unsigned int vcpu, qemu_plugin_meminfo_t info,
			uint64_t vaddr, void *udata)
{
	struct vcpu *c = &g.vcpus[vcpu];
	unsigned int reason;

	if (vaddr < g.stats || vaddr >= g.stats_end ||
	    !qemu_plugin_mem_is_store(info))
		return;
	reason = (vaddr - g.stats) / 8 % g.num_reasons;
	__atomic_fetch_add(&g.counter[reason], 1, __ATOMIC_RELAXED);
	if (!reason || !c->in_exit)
		return;
	if (c->stat_first < 0)
		c->stat_first = reason;
	c->stat_n++;
}

static void on_fw_insn(unsigned int vcpu, void *udata)
{
	struct vcpu *c = &g.vcpus[vcpu];

	if (c->in_exit)
		c->fw++;
}

static void on_guest_tb(unsigned int vcpu, void *udata)
{
	struct vcpu *c = &g.vcpus[vcpu];

	if (c->in_exit)
		close_exit(vcpu, c, END_RETURNED);
}

static bool image_matches(struct qemu_plugin_insn *insn, uint64_t addr)
{
	size_t size = qemu_plugin_insn_size(insn);
	uint64_t off = addr - g.base;

	if (!g.image)
		return true;
	if (addr < g.base || off + size > g.image_size)
		return false;
	return !memcmp(qemu_plugin_insn_data(insn), g.image + off, size);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n, count = qemu_plugin_tb_n_insns(tb);
	bool hv = false, fw = in_fw(qemu_plugin_tb_vaddr(tb));

	for (n = 0; n < count; n++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, n);
		uint64_t addr = qemu_plugin_insn_vaddr(insn);
		struct site *s = site_at(addr);

		if (s && !image_matches(insn, addr)) {
			__atomic_fetch_add(&g.mismatched, 1, __ATOMIC_RELAXED);
			s = NULL;
		}
		if (s) {
			hv = true;
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_hv_insn,
							       QEMU_PLUGIN_CB_NO_REGS, s);
			qemu_plugin_register_vcpu_mem_cb(insn, on_hv_store,
							 QEMU_PLUGIN_CB_NO_REGS,
							 QEMU_PLUGIN_MEM_W, NULL);
		} else if (fw && in_fw(addr)) {
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_fw_insn,
							       QEMU_PLUGIN_CB_NO_REGS, NULL);
		}
	}
	if (!hv && !fw)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_guest_tb,
						     QEMU_PLUGIN_CB_NO_REGS, NULL);
}

/* ---- the summary ---- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

struct mode {
	uint32_t value;
	size_t count;
};

/* The most frequent values of a sorted array, most frequent first. */
static int top_modes(const uint32_t *v, size_t n, struct mode *top)
{
	int used = 0, k;
	size_t i = 0;

	while (i < n) {
		size_t j = i;

		while (j < n && v[j] == v[i])
			j++;
		for (k = used; k > 0 && top[k - 1].count < j - i; k--)
			if (k < TOP_MODES)
				top[k] = top[k - 1];
		if (k < TOP_MODES) {
			top[k].value = v[i];
			top[k].count = j - i;
			if (used < TOP_MODES)
				used++;
		}
		i = j;
	}
	return used;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, f);
	}
	fputc('"', f);
}

static void write_label(FILE *f, struct label *l)
{
	struct mode top[TOP_MODES];
	uint64_t total = 0, fw_total = 0;
	size_t i;
	int n, k;

	for (i = 0; i < l->n; i++) {
		total += l->insns[i];
		fw_total += l->fw[i];
	}
	qsort(l->insns, l->n, sizeof(*l->insns), cmp_u32);
	qsort(l->fw, l->n, sizeof(*l->fw), cmp_u32);
	fprintf(f, "{\"exits\": %zu, \"insns_total\": %" PRIu64
		", \"insns_min\": %u, \"insns_median\": %u, \"insns_max\": %u"
		", \"fw_insns_total\": %" PRIu64 ", \"fw_insns_median\": %u"
		", \"multi\": %" PRIu64 ", \"modes\": [",
		l->n, total, l->insns[0], l->insns[(l->n - 1) / 2],
		l->insns[l->n - 1], fw_total, l->fw[(l->n - 1) / 2], l->multi);
	n = top_modes(l->insns, l->n, top);
	for (k = 0; k < n; k++)
		fprintf(f, "%s[%u, %zu]", k ? ", " : "", top[k].value, top[k].count);
	fprintf(f, "], \"first_stat\": {");
	for (k = 0, n = 0; k < (int)g.num_reasons; k++) {
		if (!l->stat_first[k])
			continue;
		fprintf(f, "%s", n++ ? ", " : "");
		json_str(f, k ? g.reasons[k] : "none");
		fprintf(f, ": %" PRIu64, l->stat_first[k]);
	}
	fprintf(f, "}, \"by_vcpu\": [");
	for (k = 0; k < g.num_vcpus; k++)
		fprintf(f, "%s%" PRIu64, k ? ", " : "", l->by_vcpu[k]);
	fprintf(f, "], \"profile\": {");
	for (k = 0, n = 0; k <= g.num_funcs; k++) {
		if (!l->prof[k])
			continue;
		fprintf(f, "%s", n++ ? ", " : "");
		json_str(f, k < g.num_funcs ? g.funcs[k].name : "?");
		fprintf(f, ": %" PRIu64, l->prof[k]);
	}
	fprintf(f, "}}");
}

static void write_summary(qemu_plugin_id_t id, void *udata)
{
	FILE *f;
	int n;

	/* Exits still open: CPUs parked in the hypervisor, or the machine
	 * powered off from inside an exit. */
	for (n = 0; n < g.num_vcpus; n++)
		if (g.vcpus[n].in_exit)
			close_exit(n, &g.vcpus[n], END_UNFINISHED);
	f = fopen(g.out, "w");
	if (!f) {
		fprintf(stderr, "exitcount: %s: %s\n", g.out, strerror(errno));
		return;
	}
	fprintf(f, "{\"meta\": {\"vcpus\": %d, \"exits\": %" PRIu64
		", \"noreturn\": %" PRIu64 ", \"mismatched_insns\": %" PRIu64
		", \"hv_lo\": %" PRIu64 ", \"hv_hi\": %" PRIu64 "},\n",
		g.num_vcpus, g.exits, g.noreturn, g.mismatched, g.hv_lo, g.hv_hi);
	fprintf(f, " \"counters\": {");
	for (n = 0; n < (int)g.num_reasons; n++) {
		fprintf(f, "%s", n ? ", " : "");
		json_str(f, g.reasons[n]);
		fprintf(f, ": %" PRIu64, g.counter[n]);
	}
	fprintf(f, "},\n \"labels\": {");
	for (n = 0; n < g.num_labels; n++) {
		fprintf(f, "%s\n  ", n ? "," : "");
		json_str(f, g.labels[n].name);
		fprintf(f, ": ");
		write_label(f, &g.labels[n]);
	}
	fprintf(f, "\n }}\n");
	fclose(f);
	if (g.trace)
		fclose(g.trace);
}

/* ---- the map file ---- */

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s)
		return false;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && end != s && !*end;
}

static int add_named(struct named **list, int *num, const char *name)
{
	int n;

	for (n = 0; n < *num; n++)
		if (!strcmp((*list)[n].name, name))
			return n;
	if (*num >= INT16_MAX)
		return -1;
	*list = xrealloc(*list, (*num + 1) * sizeof(**list));
	memset(&(*list)[*num], 0, sizeof(**list));
	snprintf((*list)[*num].name, NAME_LEN, "%s", name);
	return (*num)++;
}

static bool load_image(const char *path)
{
	FILE *f = fopen(path, "rb");
	long size;

	if (!f)
		return false;
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return false;
	}
	g.image = xcalloc(size, 1);
	g.image_size = fread(g.image, 1, size, f);
	fclose(f);
	return g.image_size == (size_t)size;
}

/* Ranges come after the hv line; a later range wins where they overlap. */
static void set_range(uint64_t lo, uint64_t hi, int kind, int index)
{
	uint64_t a;

	for (a = lo < g.hv_lo ? g.hv_lo : lo; a < hi && a < g.hv_hi; a += GRANULE) {
		struct site *s = site_at(a);

		if (!s)
			continue;
		if (kind == 'm') {
			if (s->mark < 0 || g.marks[index].prio >= g.marks[s->mark].prio)
				s->mark = index;
		} else {
			s->func = index;
		}
	}
}

static bool load_map(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	unsigned int lineno = 0;

#define FAIL(...) do { \
		snprintf(g.error, sizeof(g.error), __VA_ARGS__); \
		if (f) \
			fclose(f); \
		return false; \
	} while (0)

	if (!f)
		FAIL("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char *tok[72], *save = NULL, *p;
		int nt = 0;
		uint64_t a, b;

		lineno++;
		if ((p = strchr(line, '#')))
			*p = 0;
		for (p = strtok_r(line, " \t\r\n", &save); p && nt < 72;
		     p = strtok_r(NULL, " \t\r\n", &save))
			tok[nt++] = p;
		if (!nt)
			continue;
		if (!strcmp(tok[0], "hv") && nt == 3 && parse_u64(tok[1], &a) &&
		    parse_u64(tok[2], &b) && a < b && !g.sites) {
			size_t n;

			g.hv_lo = a & ~(uint64_t)(GRANULE - 1);
			g.hv_hi = b;
			g.num_sites = (g.hv_hi - g.hv_lo + GRANULE - 1) / GRANULE;
			g.sites = xcalloc(g.num_sites, sizeof(*g.sites));
			for (n = 0; n < g.num_sites; n++) {
				g.sites[n].mark = g.sites[n].func = g.sites[n].entry = -1;
				g.sites[n].addr = g.hv_lo + n * GRANULE;
			}
		} else if (!strcmp(tok[0], "fw") && nt == 3 && parse_u64(tok[1], &a) &&
			   parse_u64(tok[2], &b) && g.num_fw < 8) {
			g.fw_lo[g.num_fw] = a;
			g.fw_hi[g.num_fw++] = b;
		} else if (!strcmp(tok[0], "image") && nt == 3 && parse_u64(tok[1], &a)) {
			g.base = a;
			if (!load_image(tok[2]))
				FAIL("%s: cannot read %s", path, tok[2]);
		} else if (!strcmp(tok[0], "stats") && nt >= 5 && parse_u64(tok[1], &a) &&
			   parse_u64(tok[2], &b) && nt - 3 <= MAX_REASONS && b > 0) {
			int n;

			g.stats = a;
			g.stats_cpus = b;
			g.num_reasons = nt - 3;
			for (n = 0; n < (int)g.num_reasons; n++)
				snprintf(g.reasons[n], NAME_LEN, "%s", tok[3 + n]);
			g.stats_end = a + 8ULL * g.stats_cpus * g.num_reasons;
		} else if (!g.sites) {
			FAIL("%s:%u: the hv line must come first", path, lineno);
		} else if (!strcmp(tok[0], "entry") && nt == 4 && parse_u64(tok[3], &a) &&
			   site_at(a)) {
			int e = add_named(&g.entries, &g.num_entries, tok[1]);

			if (e < 0)
				FAIL("%s:%u: too many entries", path, lineno);
			g.entries[e].restart = !strcmp(tok[2], "restart");
			g.entries[e].addr = a;
			site_at(a)->entry = e;
		} else if (!strcmp(tok[0], "mark") && nt == 5 && parse_u64(tok[3], &a) &&
			   parse_u64(tok[4], &b)) {
			int m = add_named(&g.marks, &g.num_marks, tok[1]);

			if (m < 0)
				FAIL("%s:%u: too many markers", path, lineno);
			g.marks[m].prio = atoi(tok[2]);
			set_range(a, b, 'm', m);
		} else if (!strcmp(tok[0], "func") && nt == 4 && parse_u64(tok[2], &a) &&
			   parse_u64(tok[3], &b)) {
			int n = add_named(&g.funcs, &g.num_funcs, tok[1]);

			if (n < 0)
				FAIL("%s:%u: too many functions", path, lineno);
			set_range(a, b, 'f', n);
		} else {
			FAIL("%s:%u: cannot parse this line", path, lineno);
		}
	}
	fclose(f);
	f = NULL;
	if (!g.sites)
		FAIL("%s: no hv line", path);
	if (!g.num_reasons) {
		g.num_reasons = 1;
		snprintf(g.reasons[0], NAME_LEN, "total");
	}
	return true;
#undef FAIL
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	const char *map = NULL;
	int n;

	g.out = "exitcount.json";
	for (n = 0; n < argc; n++) {
		if (!strncmp(argv[n], "map=", 4))
			map = argv[n] + 4;
		else if (!strncmp(argv[n], "out=", 4))
			g.out = argv[n] + 4;
		else if (!strncmp(argv[n], "trace=", 6))
			g.trace_path = argv[n] + 6;
		else {
			fprintf(stderr, "exitcount: unknown argument %s (map=FILE out=FILE trace=FILE)\n",
				argv[n]);
			return -1;
		}
	}
	if (!info->system_emulation) {
		fprintf(stderr, "exitcount: needs system emulation\n");
		return -1;
	}
	if (!map) {
		fprintf(stderr, "exitcount: map=FILE missing\n");
		return -1;
	}
	if (!load_map(map)) {
		fprintf(stderr, "exitcount: %s\n", g.error);
		return -1;
	}
	g.num_vcpus = info->system.max_vcpus > 0 ? info->system.max_vcpus : 1;
	g.vcpus = xcalloc(g.num_vcpus, sizeof(*g.vcpus));
	for (n = 0; n < g.num_vcpus; n++)
		g.vcpus[n].prof = xcalloc(g.num_funcs + 1, sizeof(uint32_t));
	if (g.trace_path && !(g.trace = fopen(g.trace_path, "w"))) {
		fprintf(stderr, "exitcount: %s: %s\n", g.trace_path, strerror(errno));
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, write_summary, NULL);
	return 0;
}
