/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * fuzz-cell on arm64: PSCI through smc, the GIC (GICv3: distributor,
 * redistributor frames, ICC_SGI1R_EL1 and the virtual CPU interface's
 * system registers; GICv2: distributor with GICD_SGIR, the virtual CPU
 * interface at GICC) and the PL011 the hypervisor emulates for a cell's
 * console. Included by demos/common/fuzz-cell.c after its helpers.
 *
 * What each class must give (anything else is UNEXPECTED):
 * - PSCI: VERSION 0x10001; CPU_ON and AFFINITY_INFO of a CPU outside the
 *   cell DENIED (-3), of the cell's own: 0 or ALREADY_ON (-4) / 0 or 1;
 *   MIGRATE_INFO_TYPE 2; FEATURES 0 for the functions there are, else
 *   NOT_SUPPORTED (-1); every other function NOT_SUPPORTED.
 * - GIC registers: fields of interrupts the cell does not own, and of the
 *   hypervisor's SGI 15 and PPI 25, read 0, whatever was written; an SPI
 *   the cell owns is routed (GICD_IROUTER) or targeted (GICD_ITARGETSR) at
 *   CPUs of the cell only. Other CPUs' redistributor frames are read only
 *   at GICR_CTLR, IIDR, TYPER and PIDR2 here (anything else fails the
 *   cell: a fatal operation).
 * - ICC_SGI1R_EL1: any value; SGIs reach the cell's CPUs only (the
 *   hypervisor reports the rest).
 * - Loads that extend the sign do so from the width loaded.
 */
#ifndef _DEMOS_FUZZ_ARCH_H
#define _DEMOS_FUZZ_ARCH_H

/* The PL011 the hypervisor emulates: data, flags (TXFE | RXFE). */
#define ARCH_UART_DATA		0x00
#define ARCH_UART_STATUS	0x18
#define ARCH_UART_STATUS_IDLE	0x90

#define ARCH_START_OK		"0 or -4 (ALREADY_ON)"
#define ARCH_STATE_ON		PSCI_AFFINITY_ON
#define ARCH_STATE_OFF		PSCI_AFFINITY_OFF

#define PSCI_CPU_SUSPEND	0xc4000001
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a
#define PSCI_VERSION_1_1	0x10001

/* The hypervisor's own per-CPU interrupts, hidden from cells. */
#define HYP_SGI			15
#define HYP_PPI			25
#define GIC_NUM_IRQS		288	/* the test machine's (qemu-virt-system.h) */
#define GICD_WINDOW		0x10000
#define GICV2_DIST_SIZE		0x1000
#define GICR_FRAME		0x20000
#define GICR_MAX_FRAMES		8
#define GICC_WINDOW		0x2000
#define GICD_SETSPI_NSR		0x0040
#define GICD_CLRSPI_NSR		0x0048
#define GICD_SPENDSGIR		0x0f20
#define GICD_IROUTER_BASE	0x6000
#define GICD_IROUTER_END	0x7fe0

/* From the library (lib/arm64/entry.S, mmu.c). */
extern char secondary_entry[];
extern u64 mmu_l1_table[];

/* A CPU started here switches itself off: no stack, no memory. */
asm(".pushsection .text.fuzz_off_stub, \"ax\"\n"
    ".global fuzz_off_stub\n"
    "fuzz_off_stub:\n"
    "	ldr	x0, =0x84000002\n"	/* PSCI_CPU_OFF */
    "	smc	#0\n"
    "1:	wfe\n"
    "	b	1b\n"
    "	.ltorg\n"
    ".popsection");
extern char fuzz_off_stub[];

static struct {
	unsigned int gic;		/* 3 or 2 */
	u64 dist, redist, gicc;
	unsigned int num_frames;
	/* Whether redistributor frame n belongs to a CPU of the cell. */
	bool frame_own[GICR_MAX_FRAMES];
} arm;

/*
 * One load of size bytes, in one of the forms the hypervisor must decode:
 * zero- or sign-extending into a W or an X register, or into the zero
 * register (then false: nothing to look at). *val is the access's bytes.
 */
static bool arch_read(struct fuzz *f, u64 addr, unsigned int size, u64 *val)
{
	if (cfg.trace)
		printk("fuzz-cell: trace: CPU %u op %llu: %u-byte read of 0x%llx\n",
		       f->cpu, f->op, size, addr);
	unsigned int form = below(f, 4);
	u64 v = 0, want;
	bool sign = false, w = false;

	switch (size * 4 + form) {
	case 4:
		asm volatile("ldrb %w0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		break;
	case 5:
		asm volatile("ldrsb %w0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		sign = w = true;
		break;
	case 6:
		asm volatile("ldrsb %x0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		sign = true;
		break;
	case 8:
		asm volatile("ldrh %w0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		break;
	case 9:
		asm volatile("ldrsh %w0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		sign = w = true;
		break;
	case 10:
		asm volatile("ldrsh %x0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		sign = true;
		break;
	case 16:
	case 18:
		asm volatile("ldr %w0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		break;
	case 17:
		asm volatile("ldrsw %x0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		sign = true;
		break;
	case 32:
	case 33:
	case 34:
		asm volatile("ldr %x0, [%1]" : "=r" (v) : "r" (addr) : "memory");
		break;
	case 7:
		asm volatile("ldrb wzr, [%0]" : : "r" (addr) : "memory");
		return false;
	case 11:
		asm volatile("ldrh wzr, [%0]" : : "r" (addr) : "memory");
		return false;
	case 19:
		asm volatile("ldr wzr, [%0]" : : "r" (addr) : "memory");
		return false;
	default:
		asm volatile("ldr xzr, [%0]" : : "r" (addr) : "memory");
		return false;
	}
	want = sign ? sext(v, size * 8) : v & size_mask(size);
	if (w)
		want &= 0xffffffff;
	if (v != want)
		report_unexpected(f, "load extension", addr, size, sign, v,
				  "the loaded bytes extended as the instruction says");
	*val = v & size_mask(size);
	return true;
}

/* One store of size bytes; a 0 often from the zero register. */
static void arch_write(struct fuzz *f, u64 addr, unsigned int size, u64 val)
{
	bool zr = !val && chance(f, 500);

	if (cfg.trace)
		printk("fuzz-cell: trace: CPU %u op %llu: %u-byte write of 0x%llx to 0x%llx\n",
		       f->cpu, f->op, size, val & size_mask(size), addr);

	switch (size) {
	case 1:
		if (zr)
			asm volatile("strb wzr, [%0]" : : "r" (addr) : "memory");
		else
			asm volatile("strb %w0, [%1]" : : "r" (val), "r" (addr) : "memory");
		break;
	case 2:
		if (zr)
			asm volatile("strh wzr, [%0]" : : "r" (addr) : "memory");
		else
			asm volatile("strh %w0, [%1]" : : "r" (val), "r" (addr) : "memory");
		break;
	case 4:
		if (zr)
			asm volatile("str wzr, [%0]" : : "r" (addr) : "memory");
		else
			asm volatile("str %w0, [%1]" : : "r" (val), "r" (addr) : "memory");
		break;
	default:
		if (zr)
			asm volatile("str xzr, [%0]" : : "r" (addr) : "memory");
		else
			asm volatile("str %x0, [%1]" : : "r" (val), "r" (addr) : "memory");
	}
}

static long smc(u64 fn, u64 a1, u64 a2, u64 a3, unsigned int imm)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	/* The immediate is the caller's business, not PSCI's: any will do. */
	if (imm == 1)
		asm volatile("smc #1"
			     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3) : :
			     "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			     "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	else if (imm == 2)
		asm volatile("smc #0xffff"
			     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3) : :
			     "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			     "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	else
		asm volatile("smc #0"
			     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3) : :
			     "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			     "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

static long arch_start_raw(u64 id, unsigned long entry, u64 context)
{
	dsb(ish);
	return psci_cpu_on(id, entry, context);
}

static bool arch_start_result_ok(long ret)
{
	return ret == PSCI_SUCCESS || ret == PSCI_ALREADY_ON;
}

static long arch_cpu_state(u64 id)
{
	return psci_affinity_info(id);
}

static void __noreturn arch_cpu_off(void)
{
	irq_disable();
	psci_cpu_off();
	say("fuzz-cell: UNEXPECTED: CPU %u: CPU_OFF returned\n", cpu_index());
	cpu_park();
	for (;;)
		;
}

static void arch_quiet_irq(unsigned int irq)
{
	/* An SGI is gone once taken; a PPI or SPI might fire on and on. */
	if (irq >= GIC_FIRST_PPI && irq < GIC_SPURIOUS_MIN)
		gic_disable_irq(irq);
}

static bool arch_has_class(unsigned int cls)
{
	/* GICv2 has no system register CPU interface. */
	return cls != FUZZ_SYSREG || arm.gic == 3;
}

static void arch_cpu_init(void)
{
	gic_init();
}

static void arch_init(void)
{
	unsigned int n;
	u64 typer;

	arm.gic = gic_version();
	arm.dist = gic_dist_base();
	if (arm.gic == 2) {
		arm.gicc = comm_region()->irqchip_cpu_base;
		return;
	}
	arm.redist = comm_region()->irqchip_cpu_base;
	/* Frames as the hypervisor's window has them, up to the last. */
	for (n = 0; n < GICR_MAX_FRAMES; n++) {
		typer = mmio_read64(arm.redist + n * GICR_FRAME + GICR_TYPER);
		arm.frame_own[n] = is_cell_cpu(((typer >> 56) << 32) |
					       ((typer >> 32) & 0xffffff));
		arm.num_frames = n + 1;
		if (typer & GICR_TYPER_LAST)
			break;
	}
}

/* Which interrupt fields of a per-interrupt register the cell may see. */
static bool field_visible(unsigned int irq, bool private_frame)
{
	if (irq < 32)
		return (private_frame || arm.gic == 2) && irq != HYP_SGI &&
		       irq != HYP_PPI;
	return !private_frame && irq < GIC_NUM_IRQS && cfg.irq && irq == cfg.irq;
}

/*
 * The bits of a read of offset (size bytes) in a block of per-interrupt
 * registers, the distributor's or a redistributor's SGI frame, that may be
 * non-zero; 0 bits_per_irq: not such a register.
 */
static unsigned int register_bits(u64 offset, u64 *base)
{
	static const struct { u64 start, end; unsigned int bits; } map[] = {
		{ 0x0080, 0x0100, 1 },	/* IGROUPR */
		{ 0x0100, 0x0400, 1 },	/* IS/ICENABLER, IS/ICPENDR, IS/ICACTIVER */
		{ 0x0400, 0x0800, 8 },	/* IPRIORITYR */
		{ 0x0800, 0x0c00, 8 },	/* ITARGETSR */
		{ 0x0c00, 0x0d00, 2 },	/* ICFGR */
		{ 0x0d00, 0x0d80, 1 },	/* IGRPMODR */
		{ 0x0e00, 0x0f00, 2 },	/* NSACR */
		{ 0x0f10, 0x0f20, 8 },	/* CPENDSGIR */
		{ 0x0f20, 0x0f30, 8 },	/* SPENDSGIR */
	};
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(map); n++)
		if (offset >= map[n].start && offset < map[n].end) {
			*base = map[n].bits == 1 ? offset & ~0x7fULL : map[n].start;
			return map[n].bits;
		}
	return 0;
}

static u64 visible_mask(u64 offset, unsigned int size, bool private_frame)
{
	unsigned int bits, n, count;
	u64 base, mask = 0;

	bits = register_bits(offset, &base);
	if (!bits)
		return ~0ULL;
	count = size * 8 / bits;
	for (n = 0; n < (count ? count : 1); n++)
		if (field_visible((offset - base) * 8 / bits + n, private_frame))
			mask |= (bits == 64 ? ~0ULL : (1ULL << bits) - 1) << (n * bits);
	return mask;
}

/* An offset in [start, end) aligned to size, often at the owned line's. */
static u64 pick_offset(struct fuzz *f, u64 start, u64 end, unsigned int size,
		       unsigned int bits)
{
	u64 off;

	if (bits && cfg.irq && chance(f, 400))
		off = start + cfg.irq * bits / 8;
	else if (bits && chance(f, 200))
		off = start + below(f, 32) * bits / 8;	/* SGIs and PPIs */
	else
		off = start + below(f, end - start);
	off &= ~(u64)(size - 1);
	return off < start ? start : off;
}

static unsigned int pick_size(struct fuzz *f)
{
	return 1U << below(f, 4);
}

static u64 write_value(struct fuzz *f, unsigned int bits)
{
	if (bits && cfg.irq && chance(f, 300))
		return bits == 1 ? 1ULL << (cfg.irq % 32) :
		       value(f) << (8 * (cfg.irq % 4));
	return value(f);
}

/* The routing of the owned SPI names a CPU of the cell, nothing else. */
static void check_route(struct fuzz *f, u64 addr, u64 route)
{
	if (!is_cell_cpu(route))
		report_unexpected(f, "GICD_IROUTER of the owned SPI", addr, 8,
				  cfg.irq, route, "the MPIDR of a CPU of the cell");
}

static void check_targets(struct fuzz *f, u64 addr, u64 val, unsigned int size,
			  u64 offset)
{
	unsigned int n, irq;
	u32 allowed = 0;

	for (n = 0; n < cfg.num_cpus; n++)
		allowed |= gic_cpu_mask(cfg.cpu_ids[n]);
	for (n = 0; n < size; n++) {
		irq = offset - GICD_ITARGETSR(0) + n;
		if (irq != cfg.irq)
			continue;
		if ((val >> (8 * n)) & 0xff & ~allowed)
			report_unexpected(f, "GICD_ITARGETSR of the owned SPI",
					  addr, size, allowed, val,
					  "targets among the cell's CPU interfaces");
	}
}

/* The distributor: every register, any width, the filter checked. */
static void op_gicd(struct fuzz *f)
{
	unsigned int size = pick_size(f), bits = 0, kind = below(f, 8);
	u64 base, offset, end = GICD_WINDOW;
	u64 addr, val;

	switch (kind) {
	case 0:
	case 1:
	case 2:
	case 3:
		offset = pick_offset(f, 0x80, 0xf30, size, 0);
		bits = register_bits(offset, &base);
		if (bits)
			offset = pick_offset(f, base, base + (bits == 1 ? 0x80 : 0x400),
					     size, bits);
		break;
	case 4:
		offset = below(f, 2) ? below(f, 0x80) :
			 (arm.gic == 2 ? 0xfd0 + below(f, 0x30) : 0xffd0 + below(f, 0x30));
		break;
	case 5:
		if (arm.gic == 2) {
			offset = GICD_SGIR + below(f, 0x30);
			break;
		}
		if (chance(f, 300)) {
			offset = below(f, 2) ? GICD_SETSPI_NSR : GICD_CLRSPI_NSR;
			break;
		}
		offset = GICD_IROUTER_BASE + 8 * (cfg.irq && chance(f, 600) ?
						  cfg.irq : below(f, 1024));
		if (offset >= GICD_IROUTER_END)
			offset = GICD_IROUTER_BASE + 8 * cfg.irq;
		offset += below(f, 8);
		break;
	default:
		offset = below(f, end);
	}
	offset &= ~(u64)(size - 1);
	if (offset >= end)
		offset = below(f, GICV2_DIST_SIZE) & ~(u64)(size - 1);
	addr = arm.dist + offset;
	bits = register_bits(offset, &base);

	if (chance(f, 500)) {
		if (!arch_read(f, addr, size, &val))
			return;
		if (bits)
			check_hidden(f, "GICD read", addr, size, val,
				     visible_mask(offset, size, false));
		if (arm.gic == 3 && offset >= GICD_IROUTER_BASE &&
		    offset < GICD_IROUTER_END) {
			unsigned int irq = (offset - GICD_IROUTER_BASE) / 8;

			if (irq != cfg.irq || !cfg.irq || irq < 32)
				check_hidden(f, "GICD_IROUTER read", addr, size,
					     val, 0);
			else if (size == 8 && !(offset & 7))
				check_route(f, addr, val);
		}
		if (arm.gic == 2 && offset >= GICD_ITARGETSR(8) &&
		    offset < GICD_ITARGETSR(0x100))
			check_targets(f, addr, val, size, offset);
		if (arm.gic == 2 && offset == GICD_SGIR && val)
			report_unexpected(f, "GICD_SGIR read", addr, size, 0,
					  val, "0");
		return;
	}
	arch_write(f, addr, size, write_value(f, bits));
}

/* Whether redistributor frame n's register at in_frame may be read. */
static bool foreign_frame_readable(u64 in_frame, unsigned int size)
{
	switch (in_frame) {
	case 0x0:	/* GICR_CTLR */
	case 0x8:	/* GICR_TYPER */
		return size == 4 || size == 8;
	case 0x4:	/* GICR_IIDR */
	case 0xc:	/* GICR_TYPER, upper half */
	case 0xffe8:	/* GICR_PIDR2 */
		return size == 4;
	}
	return false;
}

/* GICv3: the redistributor frames, the cell's and the others'. */
static void op_gicr(struct fuzz *f)
{
	static const u64 readable[] = { 0x0, 0x4, 0x8, 0xc, 0xffe8 };
	unsigned int frame = below(f, arm.num_frames), size = pick_size(f);
	u64 frame_base = arm.redist + frame * GICR_FRAME, in_frame, addr, val;
	unsigned int bits = 0;
	u64 base;

	if (!arm.frame_own[frame]) {
		in_frame = readable[below(f, ARRAY_SIZE(readable))];
		size = (in_frame & 7) || in_frame == 0xffe8 || chance(f, 500) ? 4 : 8;
		if (foreign_frame_readable(in_frame, size))
			arch_read(f, frame_base + in_frame, size, &val);
		return;
	}
	if (chance(f, 600)) {
		/* The SGI and PPI registers in the SGI_base frame. */
		in_frame = GICR_SGI_BASE + pick_offset(f, 0x80, 0xe00, size, 0);
		bits = register_bits(in_frame - GICR_SGI_BASE, &base);
		if (bits)
			in_frame = GICR_SGI_BASE +
				   pick_offset(f, base, base + (bits == 1 ? 4 : 32),
					       size, bits);
	} else {
		in_frame = below(f, GICR_FRAME) & ~(u64)(size - 1);
	}
	addr = frame_base + in_frame;
	if (chance(f, 500)) {
		if (!arch_read(f, addr, size, &val))
			return;
		if (in_frame >= GICR_SGI_BASE && in_frame < GICR_SGI_BASE + 0x1000 &&
		    register_bits(in_frame - GICR_SGI_BASE, &base))
			check_hidden(f, "GICR read", addr, size, val,
				     visible_mask(in_frame - GICR_SGI_BASE, size,
						  true));
		return;
	}
	arch_write(f, addr, size, value(f));
}

/* GICv2: the virtual CPU interface, not trapped: the hardware's own. */
static void op_gicv(struct fuzz *f)
{
	u64 addr = arm.gicc + (below(f, GICC_WINDOW) & ~3ULL), val;

	if (chance(f, 600))
		arch_read(f, addr, 4, &val);
	else
		arch_write(f, addr, 4, value(f));
}

/* ICC_SGI1R_EL1 with targets in and outside the cell; the CPU interface. */
static void op_sysreg(struct fuzz *f)
{
	u64 val, mpidr;
	unsigned int n;

	if (chance(f, 700)) {
		if (chance(f, 300)) {
			val = value(f);
		} else {
			mpidr = cfg.cpu_ids[below(f, cfg.num_cpus)];
			val = ICC_SGI1R_INTID(below(f, 16)) |
			      ICC_SGI1R_AFF1((mpidr >> 8) & 0xff) |
			      ICC_SGI1R_AFF2((mpidr >> 16) & 0xff) |
			      ICC_SGI1R_AFF3((mpidr >> 32) & 0xff) |
			      ICC_SGI1R_RS((mpidr & 0xff) / 16);
			for (n = 0; n < cfg.num_cpus; n++)
				if (chance(f, 700))
					val |= 1ULL << (cfg.cpu_ids[n] & 15);
			if (chance(f, 100))
				val |= ICC_SGI1R_IRM;
			if (chance(f, 200))
				val |= 1ULL << below(f, 16);
		}
		write_sysreg(val, icc_sgi1r_el1);
		isb();
		return;
	}
	/* The virtual interface: no exit, but the list registers' other side. */
	switch (below(f, 6)) {
	case 0:
		write_sysreg(value(f), icc_pmr_el1);
		isb();
		write_sysreg(0xff, icc_pmr_el1);
		break;
	case 1:
		val = read_sysreg(icc_iar1_el1) & 0xffffff;
		if (val < GIC_SPURIOUS_MIN)
			write_sysreg(val, icc_eoir1_el1);
		break;
	case 2:
		write_sysreg(below(f, 1024), icc_eoir1_el1);
		break;
	case 3:
		/*
		 * BPR's bits above 2 are RES0. QEMU 7.2 does not mask them:
		 * 8 written makes VBPR1 0, which it asserts against (and
		 * aborts) when it next compares priorities.
		 */
		write_sysreg(value(f) & 7, icc_bpr1_el1);
		write_sysreg(0, icc_bpr1_el1);
		break;
	case 4:
		(void)read_sysreg(icc_hppir1_el1);
		(void)read_sysreg(icc_rpr_el1);
		break;
	default:
		write_sysreg(below(f, 2), icc_igrpen1_el1);
		write_sysreg(1, icc_igrpen1_el1);
	}
	isb();
}

/* A CPU id to aim PSCI at: the cell's own, root's, the victim's, none. */
static u64 psci_target(struct fuzz *f)
{
	switch (below(f, 6)) {
	case 0:
		return cfg.cpu_ids[below(f, cfg.num_cpus)];
	case 1:
		return below(f, 4);		/* CPUs 0-3 of the test machine */
	case 2:
		return below(f, 4) | (value(f) & ~MPIDR_AFF_MASK);
	default:
		return value(f);
	}
}

static bool psci_function_exists(u64 fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_CPU_ON:
	case PSCI_CPU_OFF:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return true;
	}
	return false;
}

static void op_psci(struct fuzz *f)
{
	unsigned int imm = chance(f, 100) ? 1 + below(f, 2) : 0;
	u64 fn, a1 = value(f), a2 = value(f), a3 = value(f), target;
	bool own;
	long ret;

	switch (below(f, 8)) {
	case 0:
		fn = PSCI_VERSION;
		ret = smc(fn, a1, a2, a3, imm);
		if (ret != PSCI_VERSION_1_1)
			report_unexpected(f, "PSCI_VERSION", a1, a2, a3, ret, "0x10001");
		return;
	case 1:
	case 2:
		target = psci_target(f);
		own = is_cell_cpu(target & MPIDR_AFF_MASK);
		if (own) {
			/* Somewhere the CPU survives: fuzzing, or off again. */
			a2 = chance(f, 500) ? (u64)fuzz_off_stub :
					      (u64)secondary_entry;
			if (a2 == (u64)secondary_entry)
				a3 = 1;
		}
		dsb(ish);
		ret = smc(PSCI_CPU_ON, target, a2, a3, imm);
		if (own ? !arch_start_result_ok(ret) : ret != PSCI_DENIED)
			report_unexpected(f, "PSCI CPU_ON", target, a2, a3, ret,
					  own ? ARCH_START_OK : "-3 (DENIED)");
		return;
	case 3:
		target = psci_target(f);
		own = is_cell_cpu(target & MPIDR_AFF_MASK);
		ret = smc(PSCI_AFFINITY_INFO, target, a2, a3, imm);
		if (own ? ret != ARCH_STATE_ON && ret != ARCH_STATE_OFF :
			  ret != PSCI_DENIED)
			report_unexpected(f, "PSCI AFFINITY_INFO", target, a2, a3,
					  ret, own ? "0 or 1" : "-3 (DENIED)");
		return;
	case 4:
		fn = chance(f, 500) ? 0x84000000 + below(f, 0x20) :
		     chance(f, 500) ? 0xc4000000 + below(f, 0x20) : value(f);
		ret = smc(PSCI_FEATURES, fn, a2, a3, imm);
		if (ret != (psci_function_exists(fn) ? 0 : PSCI_NOT_SUPPORTED))
			report_unexpected(f, "PSCI FEATURES", fn, a2, a3, ret,
					  psci_function_exists(fn) ? "0" : "-1");
		return;
	case 5:
		ret = smc(PSCI_MIGRATE_INFO_TYPE, a1, a2, a3, imm);
		if (ret != 2)
			report_unexpected(f, "PSCI MIGRATE_INFO_TYPE", a1, a2, a3,
					  ret, "2 (no trusted OS)");
		return;
	default:
		/* Any other function: not supported, whatever the arguments. */
		switch (below(f, 4)) {
		case 0:
			fn = 0x84000000 + below(f, 0x20);
			break;
		case 1:
			fn = 0xc4000000 + below(f, 0x20);
			break;
		case 2:
			fn = 0x80000000 + below(f, 3) + (chance(f, 300) ? 0x8000 : 0);
			break;
		default:
			fn = value(f);
		}
		if (psci_function_exists(fn))
			return;
		ret = smc(fn, a1, a2, a3, imm);
		if (ret != PSCI_NOT_SUPPORTED)
			report_unexpected(f, "PSCI function", fn, a1, a2, ret,
					  "-1 (NOT_SUPPORTED)");
	}
}

static void arch_op(struct fuzz *f, unsigned int cls)
{
	switch (cls) {
	case FUZZ_FIRMWARE:
		op_psci(f);
		break;
	case FUZZ_IRQCHIP:
		op_gicd(f);
		break;
	case FUZZ_IRQCHIP_CPU:
		if (arm.gic == 3)
			op_gicr(f);
		else
			op_gicv(f);
		break;
	case FUZZ_SYSREG:
		op_sysreg(f);
		break;
	}
}

/*
 * An alias of the GIC's 2 MiB at 0x3fe00000, mapped as normal memory, so
 * that loads and stores there may be unaligned (a Device mapping faults
 * at EL1 first). The stage-2 fault still reaches the hypervisor.
 */
#define ALIAS_VA		0x3fe00000UL
static void map_normal_alias(u64 target)
{
	u64 *l2 = (u64 *)(mmu_l1_table[0] & 0xfffffffff000ULL);

	/* Block, AttrIndx 1 (normal), inner shareable, AF, never executable. */
	l2[ALIAS_VA >> 21] = (target & ~0x1fffffULL) | 1 | (1 << 2) |
			     (3 << 8) | (1 << 10) | (1ULL << 53) | (1ULL << 54);
	asm volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
}

/* The first redistributor frame of a CPU outside the cell (GICv3). */
static u64 foreign_frame(void)
{
	unsigned int n;

	for (n = 0; n < arm.num_frames; n++)
		if (!arm.frame_own[n])
			return arm.redist + n * GICR_FRAME;
	return arm.redist;
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
	u64 x = 0, y = 0, addr;
	unsigned int n;
	long ret;

	for (;;) {
		n = cfg.fatal_op < FATAL_OPS ? cfg.fatal_op : below(f, FATAL_OPS);
		if ((n >= 1 && n <= 4) && arm.gic != 3)
			continue;
		if (n == 8 && cfg.num_cpus < 2)
			continue;
		break;
	}
	switch (n) {
	case 0:
		say("fuzz-cell: fatal operation 0: hvc #1, not bulkhead's immediate; the hypervisor must say: unknown hypervisor call\n");
		asm volatile("hvc #1" : : : "x0", "x1", "x2", "x3", "memory");
		break;
	case 1:
		say("fuzz-cell: fatal operation 1: write ICC_SGI0R_EL1 (group 0 SGI); the hypervisor must say: access to a trapped system register\n");
		write_sysreg(1ULL << 24 | 1, s3_0_c12_c11_7);
		break;
	case 2:
		say("fuzz-cell: fatal operation 2: write ICC_ASGI1R_EL1 (alias SGI); the hypervisor must say: access to a trapped system register\n");
		write_sysreg(1ULL << 24 | 1, s3_0_c12_c11_6);
		break;
	case 3:
		addr = foreign_frame() + GICR_ISENABLER0;
		say("fuzz-cell: fatal operation 3: read GICR_ISENABLER0 of a CPU outside the cell; the hypervisor must say: denied read of 0x%llx\n",
		       addr);
		(void)mmio_read32(addr);
		break;
	case 4:
		addr = foreign_frame();
		say("fuzz-cell: fatal operation 4: write GICR_CTLR of a CPU outside the cell; the hypervisor must say: denied write of 0x%llx\n",
		       addr);
		mmio_write32(addr, 0);
		break;
	case 5:
		addr = arm.dist + GICD_ISENABLER(1) + 1;
		say("fuzz-cell: fatal operation 5: unaligned 4-byte read of GICD_ISENABLER1 + 1 through a normal mapping; the hypervisor must say: unaligned 4-byte read of 0x%llx\n",
		       addr);
		map_normal_alias(arm.dist);
		asm volatile("ldr %w0, [%1]" : "=r" (x)
			     : "r" (ALIAS_VA + (addr & 0x1fffff)) : "memory");
		break;
	case 6:
		say("fuzz-cell: fatal operation 6: load pair from GICD_CTLR (no syndrome to emulate it by); the hypervisor must say: accessed 0x%llx, which it does not own\n",
		       arm.dist);
		asm volatile("ldp %w0, %w1, [%2]" : "=r" (x), "=r" (y)
			     : "r" (arm.dist) : "memory");
		break;
	case 7:
		say("fuzz-cell: fatal operation 7: load with writeback from GICD_TYPER (no syndrome); the hypervisor must say: accessed 0x%llx, which it does not own\n",
		       arm.dist + 4);
		x = arm.dist + 4;
		asm volatile("ldr %w0, [%1], #4" : "=r" (y), "+r" (x) : : "memory");
		break;
	default:
		say("fuzz-cell: fatal operation 8: CPU_ON of CPU 1 at 0x40000000, root's RAM; the hypervisor must say: executed at 0x40000000, which it does not own\n");
		ret = arch_start_raw(cfg.cpu_ids[1], 0x40000000, 0);
		say("fuzz-cell: CPU_ON of CPU 1 returned %ld\n", ret);
		delay_ns(100 * NS_PER_MS);
		/* The second CPU failed; this one runs on in a failed cell. */
		return false;
	}
	(void)x;
	(void)y;
	return true;
}

/* The end: the whole cell powers off, one way or another. */
static void arch_system_off(struct fuzz *f)
{
	static const char *const ways[] = {
		"PSCI SYSTEM_OFF", "PSCI SYSTEM_RESET", "PSCI CPU_OFF of the last CPU",
	};
	unsigned int way = below(f, ARRAY_SIZE(ways));

	say("fuzz-cell: powering off: %s; the hypervisor must say: powered off\n",
	       ways[way]);
	if (way == 0)
		smc(PSCI_SYSTEM_OFF, value(f), value(f), value(f), 0);
	else if (way == 1)
		smc(PSCI_SYSTEM_RESET, value(f), value(f), value(f), 0);
	else
		psci_cpu_off();
}

/*
 * Regressions (regress=N): the fixed sequence behind each defect fuzzing
 * found in the GIC emulation, checked here as far as the cell sees it;
 * tests/system/41-fuzz-cell.sh checks the rest (root's side). Returns
 * false if there is no regression N on this GIC.
 */
#define GICR_ISPENDR0_OFF	(GICR_SGI_BASE + 0x0200)
#define GICD_ISPENDR0		0x0200

static void regress_expect(const char *what, u64 addr, u64 got, bool good,
			   const char *want)
{
	if (!good)
		report_unexpected(&fuzz_cpu[0], what, addr, 0, 0, got, want);
}

static bool route_is_own(u64 route)
{
	return !(route & (1ULL << 31)) && is_cell_cpu(route & 0xff00ffffffULL);
}

/* 1: half of GICD_IROUTER written alone names a CPU of root's. */
static bool regress_irouter(void)
{
	u64 reg = arm.dist + GICD_IROUTER_BASE + cfg.irq * 8, got;

	if (arm.gic != 3 || !cfg.irq)
		return false;
	mmio_write32(reg, 0);			/* Aff0..2 of CPU 0, root's */
	got = mmio_read64(reg);
	regress_expect("IROUTER low half := CPU 0", reg, got, route_is_own(got),
		       "a CPU of the cell");
	mmio_write32(reg + 4, 0xff);		/* Aff3 0xff: no CPU */
	got = mmio_read64(reg);
	regress_expect("IROUTER high half := Aff3 0xff", reg + 4, got,
		       route_is_own(got), "a CPU of the cell");
	mmio_write64(reg, 0);
	got = mmio_read64(reg);
	regress_expect("IROUTER := CPU 0", reg, got, route_is_own(got),
		       "a CPU of the cell");
	return true;
}

/* 2: GICv2 distributor offsets past its 4 KiB of registers. */
static bool regress_gicv2_high(void)
{
	u64 off, got;

	if (arm.gic != 2)
		return false;
	for (off = GICV2_DIST_SIZE; off < GICD_WINDOW; off += 0x7fc) {
		mmio_write32(arm.dist + off, 0xffffffff);
		got = mmio_read32(arm.dist + off);
		regress_expect("GICv2 distributor past 4 KiB", arm.dist + off,
			       got, !got, "0");
	}
	return true;
}

/* 3: interrupts of the cell's moved into the group the hypervisor ignores. */
static bool regress_groups(void)
{
	u64 spi = arm.dist + GICD_IGROUPR(cfg.irq / 32);
	u64 own = arm.gic == 3 ? gic_redist_base() + GICR_IGROUPR0 :
				 arm.dist + GICD_IGROUPR(0);
	u32 before, after;

	before = mmio_read32(spi);
	mmio_write32(spi, before ^ (1U << (cfg.irq % 32)));
	after = mmio_read32(spi);
	regress_expect("IGROUPR of the cell's SPI flipped", spi, after,
		       after == before, "unchanged");
	before = mmio_read32(own);
	mmio_write32(own, ~before);
	after = mmio_read32(own);
	regress_expect("IGROUPR0 of the own SGIs and PPIs flipped", own, after,
		       after == before, "unchanged");
	/* The line pending at the highest priority: it must still be taken. */
	gic_enable_irq(cfg.irq);
	mmio_write8(arm.dist + GICD_IPRIORITYR(0) + cfg.irq, 0);
	mmio_write32(arm.dist + GICD_ISPENDR0 + cfg.irq / 32 * 4,
		     1U << (cfg.irq % 32));
	delay_ns(10 * NS_PER_MS);
	regress_expect("SPI pending at priority 0 taken", cfg.irq,
		       irqs_taken[0], irqs_taken[0] > 0, "at least 1");
	return true;
}

/*
 * 4: SGIs left pending at the cell's CPU, disabled so that the cell does
 * not take them: the CPU's next owner, root, must not get them either.
 * GICv2 first: a GICD_SPENDSGIR write of 0 must make nothing pending.
 */
static bool regress_pending_sgi(void)
{
	u64 mpidr = cpu_mpidr();
	unsigned int n;

	irq_disable();
	if (arm.gic == 2) {
		for (n = 0; n < 16; n++)
			mmio_write8(arm.dist + GICD_SPENDSGIR + n, 0);
		/* SGI 12 from CPU interface 0, SGIs 13-15 by a byte of 0. */
		mmio_write32(arm.dist + GICD_SPENDSGIR + 12, 1);
		irq_enable();
		delay_ns(10 * NS_PER_MS);
		irq_disable();
		mmio_write32(arm.dist + GICD_ICENABLER(0), 0x7fff);
		for (n = 0; n < 15; n++)
			mmio_write8(arm.dist + GICD_SPENDSGIR + n, 0xff);
		mmio_write32(arm.dist + GICD_SGIR, GICD_SGIR_SELF | 2);
	} else {
		u64 rd = gic_redist_base();

		mmio_write32(rd + GICR_ICENABLER0, 0x7fff);
		mmio_write32(rd + GICR_ISPENDR0_OFF, 0x7fff);
		write_sysreg(ICC_SGI1R_AFF3((mpidr >> 32) & 0xff) |
			     ICC_SGI1R_AFF2((mpidr >> 16) & 0xff) |
			     ICC_SGI1R_AFF1((mpidr >> 8) & 0xff) |
			     ICC_SGI1R_INTID(2) |
			     ICC_SGI1R_RS((mpidr & 0xff) / 16) |
			     (1ULL << (mpidr & 0xf)), s3_0_c12_c11_5);
		isb();
	}
	say("fuzz-cell: regression 4: SGIs 0-14 left pending and disabled at MPIDR 0x%llx\n",
	    mpidr);
	return true;
}

/* 5: many SGIs to a CPU of root's: refused, and not each one reported. */
static bool regress_sgi_flood(void)
{
	unsigned int n;

	for (n = 0; n < 1000; n++) {
		if (arm.gic == 2)
			mmio_write32(arm.dist + GICD_SGIR,
				     GICD_SGIR_TARGETS(gic_cpu_mask(0)) | 1);
		else
			write_sysreg(ICC_SGI1R_INTID(1) | 1, s3_0_c12_c11_5);
		isb();
	}
	return true;
}

/*
 * 6 (GICv2): the PPIs' trigger modes and pending state, which QEMU 7.2
 * keeps for all CPUs at once: every PPI made edge-triggered and cleared
 * pending (and set pending) from here took root's timer interrupt.
 */
#define GICD_ICFGR1		0x0c04
#define GICD_ICPENDR0		0x0280

static bool regress_ppi_config(void)
{
	u32 before, after;
	unsigned int n;

	if (arm.gic != 2)
		return false;
	before = mmio_read32(arm.dist + GICD_ICFGR1);
	/* Long enough for root's timer to fire meanwhile (a second or so). */
	for (n = 0; n < 20000; n++) {
		mmio_write32(arm.dist + GICD_ICFGR1, 0xaaaaaaaa);
		mmio_write32(arm.dist + GICD_ICPENDR0, 0xffff0000);
		mmio_write32(arm.dist + GICD_ISPENDR0, 0xffff0000);
		mmio_write32(arm.dist + GICD_ICPENDR0, 0xffff0000);
	}
	after = mmio_read32(arm.dist + GICD_ICFGR1);
	regress_expect("GICD_ICFGR1 (PPIs) made edge-triggered", GICD_ICFGR1,
		       after, after == before, "unchanged");
	return true;
}

/*
 * 7: the cell's SPI and its CPU's SGIs and PPIs left active, as a cell
 * destroyed in its handler or writing GICD_ISACTIVER leaves them: the
 * next owner never got the SPI again (regression 3, run after this one,
 * found its SPI pending at priority 0 and not taken).
 */
#define GICD_ISACTIVER(n)	(0x0300 + 4 * (n))
#define GICR_ISACTIVER0		(GICR_SGI_BASE + 0x0300)

static bool regress_active(void)
{
	u64 spi = arm.dist + GICD_ISACTIVER(cfg.irq / 32);
	u64 own = arm.gic == 2 ? arm.dist + GICD_ISACTIVER(0) :
				 gic_redist_base() + GICR_ISACTIVER0;

	if (!cfg.irq)
		return false;
	irq_disable();
	mmio_write32(spi, 1U << (cfg.irq % 32));
	mmio_write32(own, 0xffffffff);
	say("fuzz-cell: regression 7: SPI %u active 0x%x, own SGIs and PPIs active 0x%x\n",
	    cfg.irq, mmio_read32(spi), mmio_read32(own));
	return true;
}

static bool arch_regress(unsigned int n)
{
	switch (n) {
	case 1:
		return regress_irouter();
	case 2:
		return regress_gicv2_high();
	case 3:
		return regress_groups();
	case 4:
		return regress_pending_sgi();
	case 5:
		return regress_sgi_flood();
	case 6:
		return regress_ppi_config();
	case 7:
		return regress_active();
	}
	return false;
}

#endif
