/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * fuzz-cell on riscv64: SBI calls of every extension (HSM, IPI and remote
 * fences naming harts in and outside the cell, legacy calls; SRST only at
 * the end), the PLIC the hypervisor traps, the NS16550 it emulates for a
 * cell's console, and wfi (which traps on QEMU with Sstc). Included by
 * demos/common/fuzz-cell.c after its helpers.
 *
 * What each class must give (anything else is UNEXPECTED):
 * - SBI: BASE answers (probe: 1 for BASE, TIME, IPI, RFENCE, HSM, SRST
 *   and bulkhead's extension, 0 for the rest); TIME 0; a hart mask naming
 *   a hart outside the cell INVALID_PARAM (-3), else 0; HSM of a hart
 *   outside the cell -3, of the cell's own: 0 or ALREADY_AVAILABLE (-6),
 *   status started or stopped; remote fences beyond SFENCE_VMA_ASID, HSM
 *   functions beyond HART_GET_STATUS, PMU, DBCN, getchar, the legacy IPI
 *   and fence calls and unknown extensions NOT_SUPPORTED (-2).
 * - PLIC (32-bit accesses only here): priority, pending and enable bits of
 *   sources the cell does not own read 0; a claim gives 0 or the owned
 *   source. Anything else (another hart's context, another width, an
 *   enable or completion of a source not owned) fails the cell: fatal.
 * - Loads that extend the sign do so from the width loaded.
 */
#ifndef _DEMOS_FUZZ_ARCH_H
#define _DEMOS_FUZZ_ARCH_H

/* NS16550 (reg-shift 0) as the hypervisor emulates it: THR, LSR. */
#define ARCH_UART_DATA		0
#define ARCH_UART_STATUS	5
#define ARCH_UART_STATUS_IDLE	0x60

#define ARCH_START_OK		"0 or -6 (ALREADY_AVAILABLE)"
#define ARCH_STATE_ON		SBI_HSM_STARTED
#define ARCH_STATE_OFF		SBI_HSM_STOPPED

#define SBI_EXT_LEGACY_SET_TIMER	0x00
#define SBI_EXT_LEGACY_GETCHAR		0x02
#define SBI_EXT_LEGACY_SHUTDOWN		0x08
#define SBI_EXT_PMU			0x504d55
#define SBI_EXT_DBCN			0x4442434e
#define SBI_HSM_HART_SUSPEND		3
#define PLIC_NUM_SOURCES		96	/* the test machine's */
#define PLIC_WINDOW			0x600000
#define PLIC_PENDING			0x1000
#define PLIC_ENABLE_BASE		0x2000
#define PLIC_CONTEXT_BASE		0x200000

/* From the library (lib/riscv64/entry.S). */
extern char secondary_entry[];

/* A hart started here stops again: no stack, no memory. */
asm(".pushsection .text.fuzz_off_stub, \"ax\"\n"
    ".global fuzz_off_stub\n"
    "fuzz_off_stub:\n"
    "	li	a7, 0x48534d\n"		/* HSM */
    "	li	a6, 1\n"		/* HART_STOP */
    "	ecall\n"
    "1:	wfi\n"
    "	j	1b\n"
    ".popsection");
extern char fuzz_off_stub[];

/* Loads as the hypervisor must decode them: 32-bit, compressed, to x0. */
#define LOAD(insn, v, addr) \
	asm volatile(".option push\n.option norvc\n" insn " %0, 0(%1)\n.option pop" \
		     : "=r" (v) : "r" (addr) : "memory")
#define LOAD_ZERO(insn, addr) \
	asm volatile(".option push\n.option norvc\n" insn " zero, 0(%0)\n.option pop" \
		     : : "r" (addr) : "memory")

static u64 load_compressed(u64 addr, bool wide)
{
	register u64 a asm("a1") = addr;
	register u64 v asm("a0");

	if (wide)
		asm volatile("c.ld a0, 0(a1)" : "=r" (v) : "r" (a) : "memory");
	else
		asm volatile("c.lw a0, 0(a1)" : "=r" (v) : "r" (a) : "memory");
	return v;
}

static bool arch_read(struct fuzz *f, u64 addr, unsigned int size, u64 *val)
{
	if (cfg.trace)
		printk("fuzz-cell: trace: CPU %u op %llu: %u-byte read of 0x%llx\n",
		       f->cpu, f->op, size, addr);
	unsigned int form = below(f, 4);
	bool sign = false;
	u64 v = 0, want;

	switch (size * 4 + form) {
	case 4:
		LOAD("lbu", v, addr);
		break;
	case 5:
	case 6:
		LOAD("lb", v, addr);
		sign = true;
		break;
	case 8:
		LOAD("lhu", v, addr);
		break;
	case 9:
	case 10:
		LOAD("lh", v, addr);
		sign = true;
		break;
	case 16:
		LOAD("lwu", v, addr);
		break;
	case 17:
		LOAD("lw", v, addr);
		sign = true;
		break;
	case 18:
		v = load_compressed(addr, false);
		sign = true;
		break;
	case 32:
	case 33:
		LOAD("ld", v, addr);
		break;
	case 34:
		v = load_compressed(addr, true);
		break;
	case 7:
		LOAD_ZERO("lb", addr);
		return false;
	case 11:
		LOAD_ZERO("lh", addr);
		return false;
	case 19:
		LOAD_ZERO("lw", addr);
		return false;
	default:
		LOAD_ZERO("ld", addr);
		return false;
	}
	want = sign ? sext(v, size * 8) : v & size_mask(size);
	if (v != want)
		report_unexpected(f, "load extension", addr, size, sign, v,
				  "the loaded bytes extended as the instruction says");
	*val = v & size_mask(size);
	return true;
}

static void store_compressed(u64 addr, u64 val, bool wide)
{
	register u64 a asm("a1") = addr;
	register u64 v asm("a0") = val;

	if (wide)
		asm volatile("c.sd a0, 0(a1)" : : "r" (v), "r" (a) : "memory");
	else
		asm volatile("c.sw a0, 0(a1)" : : "r" (v), "r" (a) : "memory");
}

#define STORE(insn, v, addr) \
	asm volatile(".option push\n.option norvc\n" insn " %z0, 0(%1)\n.option pop" \
		     : : "rJ" (v), "r" (addr) : "memory")

static void arch_write(struct fuzz *f, u64 addr, unsigned int size, u64 val)
{
	bool compressed = chance(f, 300);

	/* %z: a 0 goes out of x0, the case the hypervisor reads as 0. */
	if (chance(f, 50))
		val = 0;
	if (cfg.trace)
		printk("fuzz-cell: trace: CPU %u op %llu: %u-byte write of 0x%llx to 0x%llx\n",
		       f->cpu, f->op, size, val & size_mask(size), addr);
	switch (size) {
	case 1:
		STORE("sb", val, addr);
		break;
	case 2:
		STORE("sh", val, addr);
		break;
	case 4:
		if (compressed)
			store_compressed(addr, val, false);
		else
			STORE("sw", val, addr);
		break;
	default:
		if (compressed)
			store_compressed(addr, val, true);
		else
			STORE("sd", val, addr);
	}
}

/* Every argument register an SBI call has, a0..a5, a6 and a7. */
static struct sbiret sbi6(u64 ext, u64 fid, u64 a0, u64 a1, u64 a2, u64 a3,
			  u64 a4, u64 a5)
{
	register u64 r0 asm("a0") = a0;
	register u64 r1 asm("a1") = a1;
	register u64 r2 asm("a2") = a2;
	register u64 r3 asm("a3") = a3;
	register u64 r4 asm("a4") = a4;
	register u64 r5 asm("a5") = a5;
	register u64 r6 asm("a6") = fid;
	register u64 r7 asm("a7") = ext;

	asm volatile("ecall"
		     : "+r" (r0), "+r" (r1), "+r" (r2), "+r" (r3), "+r" (r4),
		       "+r" (r5), "+r" (r6), "+r" (r7) : : "memory");
	return (struct sbiret){ .error = r0, .value = r1 };
}

static long arch_start_raw(u64 id, unsigned long entry, u64 context)
{
	fence();
	return sbi_hart_start(id, entry, context);
}

static bool arch_start_result_ok(long ret)
{
	return ret == SBI_SUCCESS || ret == SBI_ERR_ALREADY_AVAILABLE;
}

static long arch_cpu_state(u64 id)
{
	struct sbiret ret = sbi_hart_get_status(id);

	return ret.error ? ret.error : ret.value;
}

static void __noreturn arch_cpu_off(void)
{
	irq_disable();
	sbi_hart_stop();
	say("fuzz-cell: UNEXPECTED: CPU %u: HART_STOP returned\n", cpu_index());
	cpu_park();
	for (;;)
		;
}

static void arch_quiet_irq(unsigned int irq)
{
	/* The timer stays pending until the next set_timer. */
	if (irq == IRQ_TIMER)
		timer_stop();
}

static bool arch_has_class(unsigned int cls)
{
	(void)cls;
	return true;
}

static void arch_cpu_init(void)
{
	irq_unmask(IRQ_SOFTWARE);
	irq_unmask(IRQ_TIMER);
}

static struct {
	u64 plic;
	u64 harts;	/* the cell's harts, as a mask */
} rv;

static void arch_init(void)
{
	unsigned int n;

	rv.plic = plic_base();
	for (n = 0; n < cfg.comm_num_cpus && n < BULKHEAD_COMM_MAX_CPUS; n++)
		if (comm_region()->cpu_ids[n] < 64)
			rv.harts |= 1ULL << comm_region()->cpu_ids[n];
}

/* The S-mode context of one of the cell's harts. */
static unsigned int own_context(struct fuzz *f)
{
	return PLIC_S_CONTEXT(cfg.cpu_ids[below(f, cfg.num_cpus)]);
}

/* Bits of enable/pending word w that are the cell's. */
static u32 owned_bits(unsigned int word)
{
	if (!cfg.irq || cfg.irq / 32 != word || cfg.irq >= PLIC_NUM_SOURCES)
		return 0;
	return 1U << (cfg.irq % 32);
}

static unsigned int pick_source(struct fuzz *f)
{
	return cfg.irq && chance(f, 400) ? cfg.irq : below(f, 1024);
}

/* The PLIC: sources, pending bits, the cell's contexts' enables. */
static void op_plic(struct fuzz *f)
{
	unsigned int word, src;
	u64 offset, val;
	bool read = chance(f, 500);

	switch (below(f, 3)) {
	case 0:
		src = pick_source(f);
		offset = 4 * src;
		if (read) {
			if (arch_read(f, rv.plic + offset, 4, &val) &&
			    src != cfg.irq && val)
				report_unexpected(f, "PLIC priority read",
						  rv.plic + offset, src, 0, val,
						  "0 (a source the cell does not own)");
		} else {
			arch_write(f, rv.plic + offset, 4, value(f));
		}
		return;
	case 1:
		word = chance(f, 500) ? pick_source(f) / 32 : below(f, 1024);
		offset = PLIC_PENDING + 4 * word;
		if (read) {
			if (arch_read(f, rv.plic + offset, 4, &val))
				check_hidden(f, "PLIC pending read", rv.plic + offset,
					     4, val, owned_bits(word));
		} else {
			arch_write(f, rv.plic + offset, 4, value(f));
		}
		return;
	default:
		word = chance(f, 500) ? pick_source(f) / 32 : below(f, 32);
		offset = PLIC_ENABLE_BASE + 0x80 * own_context(f) + 4 * word;
		if (read) {
			if (arch_read(f, rv.plic + offset, 4, &val))
				check_hidden(f, "PLIC enable read", rv.plic + offset,
					     4, val, owned_bits(word));
		} else {
			arch_write(f, rv.plic + offset, 4, value(f) & owned_bits(word));
		}
	}
}

/* The cell's harts' contexts: threshold, claim and completion. */
static void op_plic_context(struct fuzz *f)
{
	u64 ctx = PLIC_CONTEXT_BASE + 0x1000 * own_context(f), val;

	switch (below(f, 4)) {
	case 0:
		arch_write(f, rv.plic + ctx, 4, value(f));
		arch_write(f, rv.plic + ctx, 4, 0);
		break;
	case 1:
		arch_read(f, rv.plic + ctx, 4, &val);
		break;
	case 2:
		if (arch_read(f, rv.plic + ctx + 4, 4, &val) && val &&
		    val != cfg.irq)
			report_unexpected(f, "PLIC claim", rv.plic + ctx + 4, 0, 0,
					  val, "0 or the owned source");
		break;
	default:
		/* Completing the owned source, claimed or not. */
		if (cfg.irq)
			STORE("sw", (u64)cfg.irq, rv.plic + ctx + 4);
	}
}

/* wfi with the timer armed shortly (it traps on QEMU with Sstc); counters. */
static void op_sysreg(struct fuzz *f)
{
	u64 t0, t1;

	if (chance(f, 700)) {
		/*
		 * Masked: a deadline passed before the wfi must still wake it
		 * (pending, not handled and stopped by the handler first).
		 */
		irq_disable();
		timer_arm(timer_ticks() + 1 + below(f, 1000));
		wfi();
		timer_stop();
		irq_enable();
		return;
	}
	t0 = csr_read(time);
	(void)csr_read(cycle);
	(void)csr_read(instret);
	t1 = csr_read(time);
	if (t1 < t0)
		report_unexpected(f, "time CSR", t0, t1, 0, 0, "not going back");
}

/* A hart id to aim SBI at: the cell's own, root's, the victim's, none. */
static u64 sbi_hart(struct fuzz *f)
{
	switch (below(f, 5)) {
	case 0:
	case 1:
		return cfg.cpu_ids[below(f, cfg.num_cpus)];
	case 2:
		return below(f, 4);
	case 3:
		return below(f, 70);
	default:
		return value(f);
	}
}

/* A hart mask and base, often naming harts outside the cell. */
static void sbi_mask(struct fuzz *f, u64 *mask, u64 *base)
{
	switch (below(f, 5)) {
	case 0:
		*base = ~0ULL;
		*mask = value(f);
		return;
	case 1:
		*base = 0;
		*mask = rv.harts;
		return;
	case 2:
		*base = below(f, 4);
		*mask = rv.harts >> *base;
		if (!*mask)
			*mask = 1;
		return;
	case 3:
		*base = below(f, 4);
		*mask = 1ULL << below(f, 4);
		return;
	default:
		*base = value(f);
		*mask = value(f);
	}
}

/* What the hypervisor must answer to a hart mask: -3 if it names others. */
static bool mask_foreign(u64 mask, u64 base)
{
	if (base == ~0ULL)
		return false;
	return base >= 64 ? mask != 0 : (mask & ~(rv.harts >> base)) != 0;
}

static bool sbi_extension_available(u64 ext)
{
	switch (ext) {
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case BULKHEAD_SBI_EXT:
		return true;
	}
	return false;
}

static void check_mask_result(struct fuzz *f, const char *what, u64 mask,
			      u64 base, long ret)
{
	if (mask_foreign(mask, base)) {
		if (ret != SBI_ERR_INVALID_PARAM)
			report_unexpected(f, what, mask, base, 0, ret,
					  "-3 (a hart outside the cell)");
	} else if (ret && !(mask == 0 && ret == SBI_ERR_INVALID_PARAM)) {
		report_unexpected(f, what, mask, base, 0, ret, "0");
	}
}

static void op_sbi(struct fuzz *f)
{
	u64 a[6], fid, mask, base, hart, ext;
	struct sbiret ret;
	unsigned int n;
	bool own;

	for (n = 0; n < 6; n++)
		a[n] = value(f);
	switch (below(f, 10)) {
	case 0:		/* BASE */
		fid = chance(f, 800) ? below(f, 8) : value(f);
		if (fid == 3 && chance(f, 500))
			a[0] = (u64[]){ SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI,
					SBI_EXT_RFENCE, SBI_EXT_HSM, SBI_EXT_SRST,
					SBI_EXT_PMU, SBI_EXT_DBCN,
					BULKHEAD_SBI_EXT }[below(f, 9)];
		ret = sbi6(SBI_EXT_BASE, fid, a[0], a[1], a[2], a[3], a[4], a[5]);
		if (fid == 3) {
			if (ret.error || ret.value != sbi_extension_available(a[0]))
				report_unexpected(f, "SBI probe_extension", a[0], 0, 0,
						  ret.error ? ret.error : ret.value,
						  sbi_extension_available(a[0]) ? "1" : "0");
		} else if (fid <= 6 ? ret.error != 0 : ret.error != SBI_ERR_NOT_SUPPORTED) {
			report_unexpected(f, "SBI BASE", fid, a[0], 0, ret.error,
					  fid <= 6 ? "0" : "-2 (NOT_SUPPORTED)");
		}
		return;
	case 1:		/* TIME, and its legacy call */
		a[0] = chance(f, 500) ? timer_ticks() + below(f, 100000) : a[0];
		ret = sbi6(chance(f, 200) ? SBI_EXT_LEGACY_SET_TIMER : SBI_EXT_TIME,
			   chance(f, 800) ? 0 : value(f), a[0], a[1], a[2], a[3],
			   a[4], a[5]);
		if (ret.error)
			report_unexpected(f, "SBI set_timer", a[0], 0, 0, ret.error, "0");
		return;
	case 2:		/* IPI */
		sbi_mask(f, &mask, &base);
		ret = sbi6(SBI_EXT_IPI, chance(f, 900) ? 0 : value(f), mask, base,
			   a[2], a[3], a[4], a[5]);
		check_mask_result(f, "SBI send_ipi", mask, base, ret.error);
		return;
	case 3:		/* RFENCE */
		sbi_mask(f, &mask, &base);
		fid = chance(f, 800) ? below(f, 3) : chance(f, 500) ? below(f, 8) : value(f);
		ret = sbi6(SBI_EXT_RFENCE, fid, mask, base, a[2], a[3], a[4], a[5]);
		if (fid > 2) {
			if (ret.error != SBI_ERR_NOT_SUPPORTED)
				report_unexpected(f, "SBI remote fence", fid, mask, base,
						  ret.error, "-2 (NOT_SUPPORTED)");
		} else {
			check_mask_result(f, "SBI remote fence", mask, base, ret.error);
		}
		return;
	case 4:
	case 5:		/* HSM start */
		hart = sbi_hart(f);
		own = hart < 64 && (rv.harts & (1ULL << hart));
		if (own) {
			a[1] = chance(f, 500) ? (u64)fuzz_off_stub : (u64)secondary_entry;
			if (a[1] == (u64)secondary_entry)
				a[2] = 1;
		}
		fence();
		ret = sbi6(SBI_EXT_HSM, SBI_HSM_HART_START, hart, a[1], a[2], a[3],
			   a[4], a[5]);
		if (own ? !arch_start_result_ok(ret.error) :
			  ret.error != SBI_ERR_INVALID_PARAM)
			report_unexpected(f, "SBI HART_START", hart, a[1], a[2],
					  ret.error, own ? ARCH_START_OK : "-3");
		return;
	case 6:		/* HSM status, suspend, the rest */
		hart = sbi_hart(f);
		own = hart < 64 && (rv.harts & (1ULL << hart));
		fid = chance(f, 700) ? SBI_HSM_HART_GET_STATUS :
		      chance(f, 500) ? SBI_HSM_HART_SUSPEND : 4 + below(f, 1000);
		ret = sbi6(SBI_EXT_HSM, fid, hart, a[1], a[2], a[3], a[4], a[5]);
		if (fid != SBI_HSM_HART_GET_STATUS) {
			if (ret.error != SBI_ERR_NOT_SUPPORTED)
				report_unexpected(f, "SBI HSM function", fid, hart, 0,
						  ret.error, "-2 (NOT_SUPPORTED)");
		} else if (own ? ret.error || (ret.value != SBI_HSM_STARTED &&
					       ret.value != SBI_HSM_STOPPED) :
				 ret.error != SBI_ERR_INVALID_PARAM) {
			report_unexpected(f, "SBI HART_GET_STATUS", hart, 0, 0,
					  ret.error ? ret.error : ret.value,
					  own ? "started or stopped" : "-3");
		}
		return;
	case 7:		/* legacy calls but shutdown */
		ext = below(f, 8);
		if (ext == SBI_EXT_LEGACY_SET_TIMER)
			a[0] = timer_ticks() + below(f, 100000);
		if (ext == SBI_EXT_LEGACY_PUTCHAR) {
			/* A character a log can hold, then a newline. */
			a[0] = (a[0] & ~0xffULL) | (u8)printable(f);
			spin_lock(&out_lock);
			ret = sbi6(ext, value(f), a[0], a[1], a[2], a[3], a[4], a[5]);
			console_putc('\n');
			spin_unlock(&out_lock);
		} else {
			ret = sbi6(ext, value(f), a[0], a[1], a[2], a[3], a[4], a[5]);
		}
		if (ext <= SBI_EXT_LEGACY_PUTCHAR ? ret.error != 0 :
		    ret.error != SBI_ERR_NOT_SUPPORTED)
			report_unexpected(f, "SBI legacy call", ext, a[0], 0,
					  ret.error, ext <= 1 ? "0" : "-2");
		return;
	default:	/* PMU, DBCN, any other extension */
		switch (below(f, 4)) {
		case 0:
			ext = SBI_EXT_PMU;
			break;
		case 1:
			ext = SBI_EXT_DBCN;
			break;
		case 2:
			ext = 0x08000000 + below(f, 0x1000000);
			break;
		default:
			ext = value(f);
		}
		if (ext <= SBI_EXT_LEGACY_SHUTDOWN ||
		    (sbi_extension_available(ext) && ext != BULKHEAD_SBI_EXT))
			return;
		if (ext == BULKHEAD_SBI_EXT)
			a[0] = BULKHEAD_HC_DISABLE;
		ret = sbi6(ext, value(f), a[0], a[1], a[2], a[3], a[4], a[5]);
		if (ext == BULKHEAD_SBI_EXT ? ret.error != -1 :
		    ret.error != SBI_ERR_NOT_SUPPORTED)
			report_unexpected(f, "SBI extension", ext, 0, 0, ret.error,
					  ext == BULKHEAD_SBI_EXT ? "-1" : "-2");
	}
}

static void arch_op(struct fuzz *f, unsigned int cls)
{
	switch (cls) {
	case FUZZ_FIRMWARE:
		op_sbi(f);
		break;
	case FUZZ_IRQCHIP:
		op_plic(f);
		break;
	case FUZZ_IRQCHIP_CPU:
		op_plic_context(f);
		break;
	case FUZZ_SYSREG:
		op_sysreg(f);
		break;
	}
}

#define FATAL_OPS	9

/*
 * Operations the hypervisor must answer by stopping the cell, each said
 * before it is done: "fuzz-cell: fatal operation N: WHAT; the hypervisor
 * must say: TEXT", TEXT being part of the hypervisor's console line.
 * False if it is not the calling CPU that the hypervisor stops.
 */
static bool arch_fatal(struct fuzz *f)
{
	u64 ctx = PLIC_CONTEXT_BASE + 0x1000 * PLIC_S_CONTEXT(cfg.cpu_ids[0]);
	u64 enable = PLIC_ENABLE_BASE + 0x80 * PLIC_S_CONTEXT(cfg.cpu_ids[0]);
	unsigned int n = cfg.fatal_op < FATAL_OPS ? cfg.fatal_op :
			 below(f, FATAL_OPS);
	u64 x;
	long ret;

	if (n == 8 && cfg.num_cpus < 2)
		n = 0;
	switch (n) {
	case 0:
		say("fuzz-cell: fatal operation 0: csrr hstatus; the hypervisor must say: virtual instruction\n");
		asm volatile("csrr %0, 0x600" : "=r" (x) : : "memory");
		break;
	case 1:
		say("fuzz-cell: fatal operation 1: csrr hpmcounter3 (not delegated by hcounteren); the hypervisor must say: virtual instruction\n");
		asm volatile("csrr %0, 0xc03" : "=r" (x) : : "memory");
		break;
	case 2:
		say("fuzz-cell: fatal operation 2: 8-byte PLIC read; the hypervisor must say: denied 8-byte read of 0x%llx\n",
		       rv.plic + 8);
		LOAD("ld", x, rv.plic + 8);
		break;
	case 3:
		say("fuzz-cell: fatal operation 3: threshold of hart 0's S context (root's); the hypervisor must say: denied 4-byte write of 0x%llx\n",
		       rv.plic + PLIC_CONTEXT_BASE + 0x1000);
		STORE("sw", 7ULL, rv.plic + PLIC_CONTEXT_BASE + 0x1000);
		break;
	case 4:
		say("fuzz-cell: fatal operation 4: enable source 10 (root's UART) in the cell's context; the hypervisor must say: denied 4-byte write of 0x%llx\n",
		       rv.plic + enable);
		STORE("sw", 1ULL << 10, rv.plic + enable);
		break;
	case 5:
		say("fuzz-cell: fatal operation 5: complete source 10 (root's UART) in the cell's context; the hypervisor must say: denied 4-byte write of 0x%llx\n",
		       rv.plic + ctx + 4);
		STORE("sw", 10ULL, rv.plic + ctx + 4);
		break;
	case 6:
		say("fuzz-cell: fatal operation 6: amoswap.w on a PLIC priority; the hypervisor must say: cannot emulate the access\n");
		asm volatile("amoswap.w %0, %1, (%2)" : "=r" (x)
			     : "r" (1), "r" (rv.plic + 4 * 10) : "memory");
		break;
	case 7:
		say("fuzz-cell: fatal operation 7: misaligned 4-byte PLIC read; the hypervisor must say: denied 4-byte read of 0x%llx\n",
		       rv.plic + 2);
		LOAD("lw", x, rv.plic + 2);
		break;
	default:
		say("fuzz-cell: fatal operation 8: HART_START of the second hart at 0x40000000, outside the cell; the hypervisor must say: executed at 0x40000000, which it does not own\n");
		ret = arch_start_raw(cfg.cpu_ids[1], 0x40000000, 0);
		say("fuzz-cell: HART_START returned %ld\n", ret);
		delay_ns(100 * NS_PER_MS);
		/* The second CPU failed; this one runs on in a failed cell. */
		return false;
	}
	(void)x;
	return true;
}

/* The end: the whole cell powers off, one way or another. */
static void arch_system_off(struct fuzz *f)
{
	static const char *const ways[] = {
		"SBI system reset (shutdown)", "SBI system reset (cold reboot)",
		"SBI system reset (warm reboot)", "legacy SBI shutdown",
		"HART_STOP of the last hart",
	};
	unsigned int way = below(f, ARRAY_SIZE(ways));

	say("fuzz-cell: powering off: %s; the hypervisor must say: powered off\n",
	       ways[way]);
	if (way < 3)
		sbi6(SBI_EXT_SRST, 0, way, value(f), 0, 0, 0, 0);
	else if (way == 3)
		sbi6(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0, 0, 0, 0);
	else
		sbi_hart_stop();
}

/* Regressions (regress=N): none of the PLIC's so far. */
static bool arch_regress(unsigned int n)
{
	(void)n;
	return false;
}

#endif
