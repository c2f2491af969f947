// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * fuzz-cell: everything a cell can reach of the hypervisor, fed random
 * input from a seed (issue 16, the cell side): bulkhead hypercalls of
 * every code, PSCI (arm64) or SBI (riscv64) calls of every function with
 * random arguments and targets inside and outside the cell, loads and
 * stores of every width to the emulated interrupt controller (GIC
 * distributor and redistributors, or PLIC) and console UART, the system
 * registers that trap (ICC_SGI1R_EL1) or wfi, the comm region, and the
 * cell's second CPU switched on and off under the others' feet. It touches
 * no memory outside its own RAM but through those windows.
 *
 * Command line (bulkhead cell load NAME fuzz-cell.bin -s "..." -a 0x100):
 *
 *   seed=N      the random sequence (default 1); CPU 0's operations depend
 *               on it alone, the second CPU's on it and the interleaving
 *   count=N     operations of CPU 0 (default 10000; 0: until shut down)
 *   irq=N       an interrupt line the cell owns (arm64 SPI, riscv64 PLIC
 *               source; 0: none), whose registers it may use
 *   uart=ADDR   the console UART the cell config names (0: none)
 *   classes=M   bit mask of the operation classes below (default all)
 *   fatal=1     after count operations, one operation that must fail the
 *               cell (chosen by the seed) instead of the end
 *   fatal_op=N  the same with fatal operation N of fuzz-arch.h
 *   end=off     after count operations, power the cell off (SYSTEM_OFF,
 *               SRST, the last CPU off: chosen by the seed)
 *   regress=N   instead of fuzzing, the fixed sequence of regression N
 *               (8: both CPUs off at once, here; the others
 *               arch_regress() in fuzz-arch.h), then halt
 *   progress=N  a progress line every N operations of CPU 0 (default 1000)
 *   trace=1     every device access on the console before it is made (slow:
 *               to find the access that brings down a machine)
 *
 * Every result the hypervisor must give for certain is checked: a miss is
 * printed as "fuzz-cell: UNEXPECTED: ..." (a refusal that was not, a
 * register field of an interrupt the cell does not own that reads other
 * than 0, ...) and counted in the last lines. Before an operation that
 * ends the cell, the inmate prints what the hypervisor must say. See
 * Documentation/inmates.md for the lines and the classes.
 */
#include <inmate.h>

enum fuzz_class {
	FUZZ_HYPERCALL,		/* bulkhead hypercalls */
	FUZZ_FIRMWARE,		/* PSCI / SBI */
	FUZZ_IRQCHIP,		/* GIC distributor / PLIC sources */
	FUZZ_IRQCHIP_CPU,	/* GIC redistributors, CPU interface / PLIC contexts */
	FUZZ_SYSREG,		/* ICC_SGI1R_EL1 and the virtual CPU interface / wfi */
	FUZZ_CONSOLE,		/* the emulated console UART */
	FUZZ_COMM,		/* the comm region */
	FUZZ_CPUS,		/* the second CPU on and off */
	FUZZ_CLASSES
};

static const char *const class_names[FUZZ_CLASSES] = {
	"hypercall", "firmware", "irqchip", "irqchip-cpu", "sysreg",
	"console", "comm", "cpus",
};

/* Relative weights; a class the machine lacks gets 0 from the arch. */
static unsigned int class_weight[FUZZ_CLASSES] = {
	[FUZZ_HYPERCALL] = 10,
	[FUZZ_FIRMWARE] = 20,
	[FUZZ_IRQCHIP] = 30,
	[FUZZ_IRQCHIP_CPU] = 15,
	[FUZZ_SYSREG] = 8,
	[FUZZ_CONSOLE] = 6,
	[FUZZ_COMM] = 2,
	[FUZZ_CPUS] = 3,
};

/* One per CPU of the cell that fuzzes (the boot CPU and one more). */
struct fuzz {
	u64 rng;
	unsigned int cpu;
	u64 op;
	u64 per_class[FUZZ_CLASSES];
};

static struct {
	u64 seed, count, progress;
	u32 classes, irq;
	u64 uart;
	bool fatal, end_off, trace;
	u64 fatal_op;
	unsigned int regress;
	unsigned int num_cpus, comm_num_cpus;
	u64 cpu_ids[2];
} cfg;

static struct fuzz fuzz_cpu[2];
static u64 unexpected;
static u64 irqs_taken[2];

/* What the boot CPU asks of the second one. */
enum worker_request { WORKER_RUN, WORKER_STOP, WORKER_OFF };
static volatile enum worker_request worker_request;
static volatile bool worker_running;

#define MAX_REPORTS	20

/*
 * The cell's console is one line buffer in the hypervisor for all its
 * CPUs: the fuzzer's own lines and the characters it prints as fuzz
 * (DEBUG_PUTC, the UART's data register, each followed by a newline)
 * take turns, so that no line of one is cut by the other.
 */
static spinlock_t out_lock = SPINLOCK_INIT;
#define say(...) do {					\
	spin_lock(&out_lock);				\
	printk(__VA_ARGS__);				\
	spin_unlock(&out_lock);				\
} while (0)

/* xorshift64*: small, fast, and good enough to pick operations. */
static u64 rnd(struct fuzz *f)
{
	u64 x = f->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	f->rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static u64 below(struct fuzz *f, u64 n)
{
	return n ? rnd(f) % n : 0;
}

static bool chance(struct fuzz *f, unsigned int permille)
{
	return below(f, 1000) < permille;
}

/* A value worth trying: a boundary, a small number, one bit, or noise. */
static u64 value(struct fuzz *f)
{
	static const u64 edges[] = {
		0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0xfff,
		0x1000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
		0x7fffffffffffffffULL, 0x8000000000000000ULL, ~0ULL, ~0ULL - 1,
		0xdeadbeef, 0x40000000, 0x80000000ULL << 4,
	};

	switch (below(f, 4)) {
	case 0:
		return edges[below(f, ARRAY_SIZE(edges))];
	case 1:
		return below(f, 64);
	case 2:
		return 1ULL << below(f, 64);
	default:
		return rnd(f);
	}
}

static char printable(struct fuzz *f)
{
	return ' ' + 1 + below(f, 0x7e - ' ');
}

/* CPU id (MPIDR affinity / hart id) of the cell's CPU n, n < num_cpus. */
static u64 cell_cpu_id(unsigned int n)
{
	return cfg.cpu_ids[n];
}

static __attribute__((unused)) bool is_cell_cpu(u64 id)
{
	unsigned int n;

	for (n = 0; n < cfg.num_cpus; n++)
		if (cfg.cpu_ids[n] == id)
			return true;
	return false;
}

static void report_unexpected(struct fuzz *f, const char *what, u64 a0,
			      u64 a1, u64 a2, long got, const char *want)
{
	u64 n = __atomic_add_fetch(&unexpected, 1, __ATOMIC_RELAXED);

	if (n <= MAX_REPORTS)
		say("fuzz-cell: UNEXPECTED: CPU %u op %llu: %s(0x%llx, 0x%llx, 0x%llx) gave %ld (0x%lx), expected %s\n",
		       f->cpu, f->op, what, a0, a1, a2, got, (unsigned long)got,
		       want);
}

/* A read of register fields the cell must not see: they must be 0. */
static void check_hidden(struct fuzz *f, const char *what, u64 address,
			 unsigned int size, u64 val, u64 visible)
{
	u64 all = size < 8 ? (1ULL << (size * 8)) - 1 : ~0ULL;

	if (val & all & ~visible)
		report_unexpected(f, what, address, size, visible, val,
				  "0 outside the third argument (fields of interrupts the cell does not own)");
}

/*
 * Hypercalls: every code defined and undefined, with high bits, with any
 * arguments. A cell may only print (DEBUG_PUTC, with DEBUG_CONSOLE);
 * everything else is refused with -EPERM (-1).
 */
static void op_hypercall(struct fuzz *f)
{
	u64 code, arg1 = value(f), arg2 = value(f);
	long ret, want = -1;

	switch (below(f, 4)) {
	case 0:
	case 1:
		code = below(f, 16);
		break;
	case 2:
		code = below(f, 16) | (1ULL << (32 + below(f, 32)));
		break;
	default:
		code = value(f);
	}
	if (code == BULKHEAD_HC_DEBUG_PUTC) {
		/* Only characters a log can hold, then a newline. */
		arg1 = (arg1 & ~0xffULL) | (u8)printable(f);
		want = 0;
		spin_lock(&out_lock);
		ret = bulkhead_hypercall(code, arg1, arg2);
		console_putc('\n');
		spin_unlock(&out_lock);
	} else {
		ret = bulkhead_hypercall(code, arg1, arg2);
	}
	if (ret != want)
		report_unexpected(f, "hypercall", code, arg1, arg2, ret,
				  want ? "-1 (-EPERM)" : "0");
}

/*
 * The comm region: the cell's own page, which the hypervisor reads too
 * (cell_state, reply_from_cell). Random states, put back at once; the
 * platform facts the hypervisor wrote must not change under the cell.
 */
static void op_comm(struct fuzz *f)
{
	struct bulkhead_comm_region *comm = comm_region();
	static const u32 states[] = {
		BULKHEAD_CELL_STATE_RUNNING, BULKHEAD_CELL_STATE_RUNNING_LOCKED,
		BULKHEAD_CELL_STATE_SHUT_DOWN, BULKHEAD_CELL_STATE_FAILED,
	};
	u32 state = chance(f, 500) ? states[below(f, 4)] : (u32)value(f);

	__atomic_store_n(&comm->cell_state, state, __ATOMIC_RELEASE);
	__atomic_store_n(&comm->cell_state, BULKHEAD_CELL_STATE_RUNNING,
			 __ATOMIC_RELEASE);
	if (comm->num_cpus != cfg.comm_num_cpus ||
	    comm->cpu_ids[0] != cfg.cpu_ids[0])
		report_unexpected(f, "comm num_cpus, cpu_ids[0]", 0, 0, 0,
				  comm->num_cpus, "as at the start");
	if (!comm_region_valid())
		report_unexpected(f, "comm signature", 0, 0, 0, 0,
				  "BHCOMMRG");
}

/* The bytes of a size-byte access. */
static __attribute__((unused)) u64 size_mask(unsigned int size)
{
	return size < 8 ? (1ULL << (size * 8)) - 1 : ~0ULL;
}

/* The low bits of v, sign-extended to 64: what a sign-extending load gives. */
static __attribute__((unused)) u64 sext(u64 v, unsigned int bits)
{
	u64 sign = 1ULL << (bits - 1);

	v &= (sign << 1) - 1;
	return (v ^ sign) - sign;
}

#include "fuzz-arch.h"

/*
 * The emulated console: reads give "transmitter empty" at the status
 * register and 0 elsewhere; data writes print (printable characters, a
 * newline after the operation), every other write is ignored. Any width,
 * any offset in the page.
 */
static void op_console(struct fuzz *f)
{
	unsigned int size = 1U << below(f, 4);
	u64 offset = below(f, 0x1000 / size) * size, val, want;
	unsigned int n;

	if (chance(f, 500)) {
		if (!arch_read(f, cfg.uart + offset, size, &val))
			return;
		want = offset == ARCH_UART_STATUS ? ARCH_UART_STATUS_IDLE : 0;
		if (val != want)
			report_unexpected(f, "console read", cfg.uart + offset,
					  size, 0, val, offset == ARCH_UART_STATUS ?
					  "transmitter empty, nothing received" : "0");
		return;
	}
	if (offset != ARCH_UART_DATA) {
		arch_write(f, cfg.uart + offset, size, value(f));
		return;
	}
	spin_lock(&out_lock);
	for (n = below(f, 16) + 1; n; n--)
		arch_write(f, cfg.uart, size, (value(f) & ~0xffULL) | (u8)printable(f));
	arch_write(f, cfg.uart, size, '\n');
	spin_unlock(&out_lock);
}

static void worker(unsigned int index);

/*
 * The second CPU: started properly (it fuzzes too), started at a stub
 * that switches it off again, or asked about. It switches itself off
 * now and then, so starts find it on and off.
 */
static void op_cpus(struct fuzz *f)
{
	u64 id = cell_cpu_id(1);
	long ret;

	switch (below(f, 4)) {
	case 0:
	case 1:
		ret = smp_start_cpu(1, id, worker);
		if (!arch_start_result_ok(ret))
			report_unexpected(f, "start CPU 1", id, 0, 1, ret,
					  ARCH_START_OK);
		break;
	case 2:
		ret = arch_start_raw(id, (unsigned long)fuzz_off_stub, value(f));
		if (!arch_start_result_ok(ret))
			report_unexpected(f, "start CPU 1 at off stub", id,
					  (unsigned long)fuzz_off_stub, 0, ret,
					  ARCH_START_OK);
		break;
	default:
		ret = arch_cpu_state(id);
		if (ret != ARCH_STATE_ON && ret != ARCH_STATE_OFF)
			report_unexpected(f, "state of CPU 1", id, 0, 0, ret,
					  "on or off");
	}
}

static void one_op(struct fuzz *f)
{
	unsigned int total = 0, pick, cls;

	for (cls = 0; cls < FUZZ_CLASSES; cls++)
		total += class_weight[cls];
	pick = below(f, total);
	for (cls = 0; pick >= class_weight[cls]; cls++)
		pick -= class_weight[cls];
	/* The second CPU's own fate is the boot CPU's business. */
	if (cls == FUZZ_CPUS && f->cpu != 0)
		cls = FUZZ_FIRMWARE;
	f->per_class[cls]++;
	switch (cls) {
	case FUZZ_HYPERCALL:
		op_hypercall(f);
		break;
	case FUZZ_CONSOLE:
		op_console(f);
		break;
	case FUZZ_COMM:
		op_comm(f);
		break;
	case FUZZ_CPUS:
		op_cpus(f);
		break;
	default:
		arch_op(f, cls);
	}
	f->op++;
}

static void fuzz_irq(unsigned int irq)
{
	unsigned int cpu = cpu_index();

	if (cpu < 2)
		irqs_taken[cpu]++;
	arch_quiet_irq(irq);
}

static void seed_cpu(struct fuzz *f, unsigned int cpu)
{
	/* splitmix64 of the seed: nearby seeds give unrelated sequences. */
	u64 z = cfg.seed + (cpu + 1) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	f->rng = z ? z : 1;
	f->cpu = cpu;
}

/* The second CPU, each time it is started properly. */
static void worker(unsigned int index)
{
	struct fuzz *f = &fuzz_cpu[1];

	(void)index;
	worker_running = true;
	arch_cpu_init();
	irq_enable();
	while (worker_request == WORKER_RUN) {
		one_op(f);
		/* Now and then it goes off by itself; CPU 0 restarts it. */
		if (chance(f, 2)) {
			worker_running = false;
			arch_cpu_off();
		}
	}
	if (worker_request == WORKER_OFF) {
		worker_running = false;
		arch_cpu_off();
	}
	irq_disable();
	worker_running = false;
}

static u64 ms_since(u64 start)
{
	return ticks_to_ns(timer_ticks() - start) / NS_PER_MS;
}

/* Stops the second CPU's fuzzing (off: switched off); false if it hangs on. */
static bool worker_stop(enum worker_request how)
{
	u64 start = timer_ticks();

	worker_request = how;
	while (worker_running)
		if (ms_since(start) > 500)
			return false;
	if (how != WORKER_OFF)
		return true;
	while (arch_cpu_state(cell_cpu_id(1)) != ARCH_STATE_OFF)
		if (ms_since(start) > 500)
			return false;
	return true;
}

/*
 * Regression 8 (both arches): both CPUs switch themselves off at the same
 * moment. Each saw the other still running, so neither was the last: the
 * cell, with no CPU left, stayed "running" instead of powered off
 * (tests/system/41-fuzz-cell.sh checks what the hypervisor says).
 */
static volatile bool off_now, partner_ready;

static void off_partner(unsigned int index)
{
	(void)index;
	arch_cpu_init();
	partner_ready = true;
	while (!off_now)
		cpu_relax();
	arch_cpu_off();
}

static void regress_both_off(void)
{
	u64 start = timer_ticks();

	if (cfg.num_cpus < 2 || smp_start_cpu(1, cell_cpu_id(1), off_partner)) {
		say("fuzz-cell: regression 8: CPU 1 does not start\n");
		return;
	}
	while (!partner_ready) {
		if (ms_since(start) > 1000) {
			say("fuzz-cell: regression 8: CPU 1 does not come up\n");
			return;
		}
	}
	say("fuzz-cell: regression 8: both CPUs switch themselves off at once\n");
	off_now = true;
	arch_cpu_off();
}

static void parse_cmdline(void)
{
	struct bulkhead_comm_region *comm = comm_region();
	unsigned int n;

	cfg.seed = cmdline_u64("seed", 1);
	cfg.count = cmdline_u64("count", 10000);
	cfg.progress = cmdline_u64("progress", 1000);
	cfg.classes = cmdline_u64("classes", (1U << FUZZ_CLASSES) - 1);
	cfg.irq = cmdline_u64("irq", 0);
	cfg.uart = cmdline_u64("uart", 0);
	cfg.fatal = cmdline_u64("fatal", 0);
	cfg.fatal_op = cmdline_u64("fatal_op", ~0ULL);
	if (cfg.fatal_op != ~0ULL)
		cfg.fatal = true;
	cfg.regress = cmdline_u64("regress", 0);
	cfg.trace = cmdline_u64("trace", 0);
	cfg.end_off = cmdline_has("end=off");
	cfg.comm_num_cpus = comm->num_cpus;
	cfg.num_cpus = comm->num_cpus < 2 ? comm->num_cpus : 2;
	for (n = 0; n < cfg.num_cpus; n++)
		cfg.cpu_ids[n] = comm->cpu_ids[n];
	if (!cfg.progress)
		cfg.progress = ~0ULL;
}

static void print_summary(u64 start)
{
	struct fuzz *f0 = &fuzz_cpu[0], *f1 = &fuzz_cpu[1];
	u64 ms = ms_since(start), total = f0->op + f1->op;
	unsigned int c;

	say("fuzz-cell: done: %llu operations (CPU 0 %llu, CPU 1 %llu) in %llu ms, %llu per second, seed %llu\n",
	       total, f0->op, f1->op, ms, ms ? total * 1000 / ms : 0, cfg.seed);
	for (c = 0; c < FUZZ_CLASSES; c++)
		say("fuzz-cell: class %s: %llu operations\n", class_names[c],
		       f0->per_class[c] + f1->per_class[c]);
	say("fuzz-cell: %llu interrupts taken, %llu unexpected results\n",
	       irqs_taken[0] + irqs_taken[1], unexpected);
}

int main(void)
{
	struct fuzz *f = &fuzz_cpu[0];
	u64 start;
	unsigned int c;

	parse_cmdline();
	seed_cpu(&fuzz_cpu[0], 0);
	seed_cpu(&fuzz_cpu[1], 1);
	arch_init();
	for (c = 0; c < FUZZ_CLASSES; c++)
		if (!(cfg.classes & (1U << c)) || !arch_has_class(c) ||
		    (c == FUZZ_CONSOLE && !cfg.uart) ||
		    (c == FUZZ_CPUS && cfg.num_cpus < 2))
			class_weight[c] = 0;
	say("fuzz-cell: seed %llu, count %llu, classes 0x%x, irq %u, uart 0x%llx, fatal %u, end %s, %u CPU(s)\n",
	       cfg.seed, cfg.count, cfg.classes, cfg.irq, cfg.uart,
	       cfg.fatal, cfg.end_off ? "off" : "halt", cfg.num_cpus);
	irq_set_handler(fuzz_irq);
	arch_cpu_init();
	irq_enable();
	if (cfg.regress == 8)
		regress_both_off();
	if (cfg.regress) {
		if (!arch_regress(cfg.regress))
			say("fuzz-cell: regression %u: not on this machine\n",
			    cfg.regress);
		else
			say("fuzz-cell: regression %u: done, %llu unexpected results\n",
			    cfg.regress, unexpected);
		return 0;
	}
	if (cfg.num_cpus > 1)
		smp_start_cpu(1, cell_cpu_id(1), worker);

	start = timer_ticks();
	while (!cfg.count || f->op < cfg.count) {
		if (comm_shutdown_requested()) {
			say("fuzz-cell: shutdown requested after %llu operations, seed %llu\n",
			       f->op + fuzz_cpu[1].op, cfg.seed);
			comm_reply_shutdown(true);
			for (;;)
				cpu_relax();
		}
		one_op(f);
		if (f->op % cfg.progress == 0)
			say("fuzz-cell: %llu operations, seed %llu\n",
			       f->op + fuzz_cpu[1].op, cfg.seed);
	}
	irq_disable();
	if (cfg.num_cpus > 1 &&
	    !worker_stop(cfg.fatal || cfg.end_off ? WORKER_OFF : WORKER_STOP))
		say("fuzz-cell: CPU 1 does not stop fuzzing\n");
	print_summary(start);
	if (cfg.fatal) {
		if (arch_fatal(f))
			say("fuzz-cell: still running after the fatal operation\n");
	} else if (cfg.end_off) {
		arch_system_off(f);
		say("fuzz-cell: still running after powering off\n");
	}
	return 0;
}
