// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * What `cell linux` decides without a machine: the Image header and the
 * placement in the cell's RAM (tools/linux-image.c), the boot stubs, and
 * the riscv64 device tree (tools/linux-dt*.c) made from a root tree shaped
 * like QEMU virt's after OpenSBI: four harts, devices in /soc, the PLIC's
 * contexts in interrupts-extended.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "../../tools/bulkhead.h"
#include "../../tools/linux-dt.h"
#include "../../tools/linux-image.h"
#include "test.h"

/* util.c's usage errors print the command's usage; no command here. */
void bh_print_command_usage(const struct bh_command *cmd, int to_stderr)
{
	(void)cmd;
	(void)to_stderr;
}

/* What the code under test says on stderr, kept for the expectations. */
static char said[1024];
static FILE *said_file;
static int saved_stderr = -1;

static void listen(void)
{
	fflush(stderr);
	said_file = tmpfile();
	saved_stderr = dup(2);
	dup2(fileno(said_file), 2);
}

static const char *heard(void)
{
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	rewind(said_file);
	n = fread(said, 1, sizeof(said) - 1, said_file);
	said[n] = '\0';
	fclose(said_file);
	return said;
}

static void expect_said(const char *what)
{
	const char *text = heard();

	if (!strstr(text, what))
		test_fail("expected \"%s\" on stderr, got \"%s\"", what, text);
}

/* ---- Image header and placement ---- */

#define MIB		0x100000ULL

static void put64(unsigned char *p, unsigned long long v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = v >> (8 * i);
}

/* A 4 KiB "Image" with the header fields of either architecture. */
static unsigned char *image(unsigned int arch, unsigned long long text_offset,
			    unsigned long long image_size)
{
	static unsigned char buf[4096];

	memset(buf, 0, sizeof(buf));
	put64(buf + 8, text_offset);
	put64(buf + 16, image_size);
	if (arch == ARM64)
		memcpy(buf + 56, "ARM\x64", 4);
	else
		memcpy(buf + 48, "RISCV\0\0\0RSC\x05", 12);
	return buf;
}

static const struct bulkhead_memory rv_ram = {
	.phys_start = 0xb0000000, .virt_start = 0xb0000000, .size = 128 * MIB,
};
static const struct bulkhead_memory arm_ram = {
	.phys_start = 0x70000000, .virt_start = 0x70000000, .size = 128 * MIB,
};

static int layout(struct bh_linux_layout *l, unsigned int arch,
		  const unsigned char *img, size_t size, unsigned long long entry,
		  unsigned long long initrd)
{
	const struct bulkhead_memory *ram = arch == ARM64 ? &arm_ram : &rv_ram;

	if (bh_linux_layout_init(l, "test.cell", arch) ||
	    bh_linux_parse_image(l, "Image", img, size))
		return -1;
	return bh_linux_place(l, entry, ram, initrd);
}

static void expect_addr(unsigned int n, const char *what,
			unsigned long long got, unsigned long long want)
{
	if (got != want)
		test_fail("case %u: %s at 0x%llx, expected 0x%llx", n, what, got, want);
}

/*
 * riscv64's text_offset (2 MiB) counts from the RAM's start (head.S), so
 * the kernel goes 2 MiB above it, or to the boundary above a higher stub;
 * arm64's counts from the 2 MiB boundary above the stub.
 */
TEST(linux_placement)
{
	static const struct {
		unsigned int arch;
		unsigned long long text_offset, image_size, entry, initrd;
		unsigned long long stub_end, kernel, kernel_end, dtb, initrd_at;
	} cases[] = {
		{ RISCV64, 0x200000, 0x427000, 0xb0000000, 957440,
		  0xb0000020, 0xb0200000, 0xb0627000, 0xb7e00000, 0xb7d16000 },
		{ RISCV64, 0x200000, 0x427000, 0xb0300000, 0,
		  0xb0300020, 0xb0400000, 0xb0827000, 0xb7e00000, 0 },
		{ ARM64, 0x80000, 0x550000, 0x70000000, 0,
		  0x70000028, 0x70280000, 0x707d0000, 0x77e00000, 0 },
	};
	struct bh_linux_layout l;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (layout(&l, cases[i].arch, image(cases[i].arch, cases[i].text_offset,
						    cases[i].image_size),
			   4096, cases[i].entry, cases[i].initrd)) {
			test_fail("case %u refused", i);
			continue;
		}
		expect_addr(i, "stub end", l.stub + l.stub_size, cases[i].stub_end);
		expect_addr(i, "kernel", l.kernel, cases[i].kernel);
		expect_addr(i, "kernel end", l.kernel_end, cases[i].kernel_end);
		expect_addr(i, "device tree", l.dtb, cases[i].dtb);
		expect_addr(i, "initrd", l.initrd, cases[i].initrd_at);
	}
}

/* The deprecated "RISCV" magic alone still names a riscv64 Image. */
TEST(linux_riscv_old_magic)
{
	struct bh_linux_layout l;
	unsigned char *img = image(RISCV64, 0x200000, 0x427000);

	memset(img + 56, 0, 4);
	if (layout(&l, RISCV64, img, 4096, 0xb0000000, 0))
		test_fail("refused");
}

TEST(linux_image_refused)
{
	static const struct {
		unsigned int arch, cut;
		unsigned long long entry, text_offset, image_size;
		const char *said;
	} cases[] = {
		{ RISCV64, 56, 0xb0000000, 0x200000, 0x427000,
		  "not a Linux Image for riscv64 (no \"RSC\\x05\" at offset 56 or \"RISCV\" at offset 48)" },
		{ ARM64, 56, 0x70000000, 0, 0x550000, "not a Linux Image for arm64" },
		{ RISCV64, 0, 0xb0000000, 0x200000, 0, "image_size is 0" },
		{ ARM64, 0, 0x70000000, 0x200000, 0x550000, "implausible header" },
		{ RISCV64, 0, 0xb0000004, 0x200000, 0x427000, "is not 8-byte aligned" },
		{ RISCV64, 0, 0xb0000000, 0x200000, 0x7e00000, "does not fit" },
		{ RISCV64, 0, 0xb0000000, 0x200000, -0x100000ULL, "does not fit" },
		{ RISCV64, 0, 0xb0000000, -0xb0000000ULL, 0x427000, "does not fit" },
		{ ARM64, 0, 0x70000000, 0x100000, -0x100000ULL, "does not fit" },
	};
	struct bh_linux_layout l;
	unsigned char *img;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		img = image(cases[i].arch, cases[i].text_offset, cases[i].image_size);
		if (cases[i].cut)
			memset(img + cases[i].cut - 8, 0, 12);
		listen();
		if (!layout(&l, cases[i].arch, img, 4096, cases[i].entry, 0)) {
			heard();
			test_fail("case %u accepted", i);
			continue;
		}
		expect_said(cases[i].said);
	}
}

TEST(linux_big_endian_refused)
{
	struct bh_linux_layout l;
	unsigned char *img = image(RISCV64, 0x200000, 0x427000);

	img[24] = 1;
	listen();
	if (!layout(&l, RISCV64, img, 4096, 0xb0000000, 0))
		test_fail("accepted");
	expect_said("big-endian");
}

static uint32_t word(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* auipc t0,0; ld a1,16(t0); ld t0,24(t0); jr t0; .quad DTB, KERNEL */
TEST(linux_riscv_stub)
{
	static const uint32_t code[] = { 0x00000297, 0x0102b583, 0x0182b283, 0x00028067 };
	unsigned char buf[BH_LINUX_STUB_MAX];
	struct bh_linux_layout l;
	unsigned int i;

	if (layout(&l, RISCV64, image(RISCV64, 0x200000, 0x427000), 4096,
		   0xb0000000, 0)) {
		test_fail("refused");
		return;
	}
	if (bh_linux_stub(&l, buf) != 32)
		test_fail("stub of %zu bytes, expected 32", bh_linux_stub(&l, buf));
	for (i = 0; i < 4; i++)
		if (word(buf + 4 * i) != code[i])
			test_fail("word %u is 0x%08x, expected 0x%08x", i,
				  word(buf + 4 * i), code[i]);
	if (word(buf + 16) != 0xb7e00000 || word(buf + 20) ||
	    word(buf + 24) != 0xb0200000 || word(buf + 28))
		test_fail("literals 0x%x%08x 0x%x%08x", word(buf + 20), word(buf + 16),
			  word(buf + 28), word(buf + 24));
}

/* ---- the riscv64 device tree ---- */

/* The root tree's variations, for the refusals. */
enum { ROOT_OK, ROOT_NO_PLIC, ROOT_PLIC_BAD_PARENT };

#define PLIC_PHANDLE	0x09
#define INTC_PHANDLE(h)	(0x20 + (h))

static void cpu_node(void *fdt, unsigned int hart)
{
	char name[16];

	snprintf(name, sizeof(name), "cpu@%u", hart);
	fdt_begin_node(fdt, name);
	fdt_property_u32(fdt, "phandle", 0x10 + hart);
	fdt_property_string(fdt, "device_type", "cpu");
	fdt_property_u32(fdt, "reg", hart);
	fdt_property_string(fdt, "compatible", "riscv");
	fdt_property_string(fdt, "riscv,isa", "rv64imafdch_zicsr_sstc");
	fdt_begin_node(fdt, "interrupt-controller");
	fdt_property_u32(fdt, "#interrupt-cells", 1);
	fdt_property(fdt, "interrupt-controller", NULL, 0);
	fdt_property_string(fdt, "compatible", "riscv,cpu-intc");
	fdt_property_u32(fdt, "phandle", INTC_PHANDLE(hart));
	fdt_end_node(fdt);
	fdt_end_node(fdt);
}

static void reg_prop(void *fdt, uint64_t addr, uint64_t size)
{
	fdt32_t reg[4] = {
		cpu_to_fdt32(addr >> 32), cpu_to_fdt32(addr),
		cpu_to_fdt32(size >> 32), cpu_to_fdt32(size),
	};

	fdt_property(fdt, "reg", reg, sizeof(reg));
}

static void device(void *fdt, const char *name, uint64_t addr, uint32_t irq)
{
	fdt_begin_node(fdt, name);
	fdt_property_u32(fdt, "interrupts", irq);
	fdt_property_u32(fdt, "interrupt-parent", PLIC_PHANDLE);
	reg_prop(fdt, addr, 0x1000);
	fdt_property_string(fdt, "compatible", "virtio,mmio");
	fdt_end_node(fdt);
}

/* Per hart <intc 11> (M mode, as OpenSBI leaves it: -1) and <intc 9>. */
static void plic(void *fdt, int variant)
{
	fdt32_t ext[16];
	unsigned int h;

	for (h = 0; h < 4; h++) {
		ext[4 * h] = ext[4 * h + 2] = cpu_to_fdt32(INTC_PHANDLE(h));
		ext[4 * h + 1] = cpu_to_fdt32(0xffffffff);
		ext[4 * h + 3] = cpu_to_fdt32(9);
	}
	if (variant == ROOT_PLIC_BAD_PARENT)
		ext[2] = cpu_to_fdt32(0x10);	/* cpu@0 itself */
	fdt_begin_node(fdt, "plic@c000000");
	fdt_property_u32(fdt, "phandle", PLIC_PHANDLE);
	fdt_property_u32(fdt, "riscv,ndev", 96);
	reg_prop(fdt, 0xc000000, 0x600000);
	fdt_property(fdt, "interrupts-extended", ext, sizeof(ext));
	fdt_property(fdt, "interrupt-controller", NULL, 0);
	fdt_property(fdt, "compatible", "sifive,plic-1.0.0\0riscv,plic0", 30);
	fdt_property_u32(fdt, "#interrupt-cells", 1);
	fdt_end_node(fdt);
}

static void *riscv_root(int variant)
{
	static unsigned char buf[16384];
	void *fdt = buf;
	unsigned int h;

	fdt_create(fdt, sizeof(buf));
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_property_string(fdt, "compatible", "riscv-virtio");
	fdt_begin_node(fdt, "chosen");
	fdt_property_string(fdt, "bootargs", "console=ttyS0");
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "cpus");
	fdt_property_u32(fdt, "#address-cells", 1);
	fdt_property_u32(fdt, "#size-cells", 0);
	fdt_property_u32(fdt, "timebase-frequency", 10000000);
	for (h = 0; h < 4; h++)
		cpu_node(fdt, h);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "soc");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_property_string(fdt, "compatible", "simple-bus");
	fdt_property(fdt, "ranges", NULL, 0);
	device(fdt, "serial@10000000", 0x10000000, 10);
	device(fdt, "virtio_mmio@10008000", 0x10008000, 8);
	device(fdt, "virtio_mmio@10007000", 0x10007000, 7);
	if (variant != ROOT_NO_PLIC)
		plic(fdt, variant);
	fdt_begin_node(fdt, "clint@2000000");
	reg_prop(fdt, 0x2000000, 0x10000);
	fdt_property_string(fdt, "compatible", "sifive,clint0");
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	if (fdt_finish(fdt))
		test_fail("cannot build the root tree");
	return fdt;
}

/* configs/riscv64/qemu-virt-linux.c, or another set of harts. */
static const struct bulkhead_cell_desc *riscv_cell(unsigned long long cpu_set)
{
	static struct {
		struct bulkhead_cell_desc cell;
		struct bulkhead_memory memory[2];
		__u32 irqs[2];
	} c;

	memset(&c, 0, sizeof(c));
	c.cell.architecture = RISCV64;
	c.cell.cpu_set = cpu_set;
	c.cell.num_memory_regions = 2;
	c.cell.num_irqs = 1;
	c.cell.entry = 0xb0000000;
	c.cell.console.address = 0x10000000;
	c.cell.console.size = 0x1000;
	c.cell.console.type = BULKHEAD_CONSOLE_NS16550;
	c.memory[0] = rv_ram;
	c.memory[0].flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_LOADABLE;
	c.memory[1].phys_start = c.memory[1].virt_start = 0x10008000;
	c.memory[1].size = 0x1000;
	c.memory[1].flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IO;
	c.irqs[0] = 8;
	return &c.cell;
}

static void *cell_tree(const struct bulkhead_cell_desc *cell, const void *root,
		       FILE *report)
{
	struct bh_linux_dt_args a = {
		.cell = cell,
		.root = root,
		.root_size = fdt_totalsize(root),
		.root_path = "root.dtb",
		.cmdline = "bulkhead.test=poweroff",
		.initrd_start = 0xb7d16000,
		.initrd_end = 0xb7dffc00,
		.report = report,
	};
	void *fdt;
	size_t size;

	return bh_linux_dt_build(&a, &fdt, &size) ? NULL : fdt;
}

static int has_node(const void *fdt, const char *path)
{
	return fdt_path_offset(fdt, path) >= 0;
}

TEST(linux_riscv_tree_nodes)
{
	static const char *const present[] = {
		"/cpus/cpu@2/interrupt-controller", "/cpus/cpu@3", "/memory@b0000000",
		"/soc/plic@c000000", "/soc/virtio_mmio@10008000", "/chosen",
	};
	static const char *const absent[] = {
		"/cpus/cpu@0", "/cpus/cpu@1", "/soc/clint@2000000",
		"/soc/serial@10000000", "/soc/virtio_mmio@10007000",
	};
	const char *args;
	const fdt32_t *tb;
	void *fdt = cell_tree(riscv_cell(0xc), riscv_root(ROOT_OK), NULL);
	unsigned int i;

	if (!fdt) {
		test_fail("no tree");
		return;
	}
	for (i = 0; i < sizeof(present) / sizeof(present[0]); i++)
		if (!has_node(fdt, present[i]))
			test_fail("%s missing", present[i]);
	for (i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		if (has_node(fdt, absent[i]))
			test_fail("%s present", absent[i]);
	args = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", NULL);
	if (!args || strcmp(args, "console=hvc0 earlycon=uart8250,mmio,0x10000000 "
			    "panic=-1 cma=8M initramfs_async=0 bulkhead.test=poweroff"))
		test_fail("bootargs \"%s\"", args ? args : "(none)");
	tb = fdt_getprop(fdt, fdt_path_offset(fdt, "/cpus"), "timebase-frequency", NULL);
	if (!tb || fdt32_to_cpu(*tb) != 10000000)
		test_fail("/cpus lost its timebase-frequency");
	free(fdt);
}

/*
 * Linux numbers PLIC contexts by their index in interrupts-extended: all
 * eight stay, other harts' point at the cell's own cpu-intc with -1.
 */
TEST(linux_riscv_plic_contexts)
{
	static const uint32_t want[16] = {
		INTC_PHANDLE(2), 0xffffffff, INTC_PHANDLE(2), 0xffffffff,
		INTC_PHANDLE(2), 0xffffffff, INTC_PHANDLE(2), 0xffffffff,
		INTC_PHANDLE(2), 0xffffffff, INTC_PHANDLE(2), 9,
		INTC_PHANDLE(3), 0xffffffff, INTC_PHANDLE(3), 9,
	};
	void *fdt = cell_tree(riscv_cell(0xc), riscv_root(ROOT_OK), NULL);
	const fdt32_t *ext;
	int len, i;

	if (!fdt) {
		test_fail("no tree");
		return;
	}
	ext = fdt_getprop(fdt, fdt_path_offset(fdt, "/soc/plic@c000000"),
			  "interrupts-extended", &len);
	if (!ext || len != sizeof(want)) {
		test_fail("interrupts-extended of %d bytes", ext ? len : -1);
	} else {
		for (i = 0; i < 16; i++)
			if (fdt32_to_cpu(ext[i]) != want[i])
				test_fail("cell %d is 0x%x, expected 0x%x", i,
					  fdt32_to_cpu(ext[i]), want[i]);
	}
	free(fdt);
}

TEST(linux_riscv_tree_report)
{
	char *text = NULL;
	size_t size = 0;
	FILE *report = open_memstream(&text, &size);
	void *fdt = cell_tree(riscv_cell(0xc), riscv_root(ROOT_OK), report);

	fclose(report);
	if (!fdt)
		test_fail("no tree");
	else if (!strstr(text, "device tree: virtio_mmio@10008000 passed to the "
			 "cell (interrupt 8)\ndevice tree: plic@c000000 passed to the "
			 "cell (contexts of harts 2-3; 4 of 8 contexts masked)\n"
			 "device tree: harts 2 = cpu@2, 3 = cpu@3\n"))
		test_fail("report:\n%s", text);
	free(fdt);
	free(text);
}

TEST(linux_riscv_tree_refused)
{
	static const struct {
		int variant;
		unsigned long long cpu_set;
		const char *said;
	} cases[] = {
		{ ROOT_NO_PLIC, 0xc, "has no \"sifive,plic-1.0.0\" or \"riscv,plic0\" "
		  "interrupt controller: Linux cells on riscv64 need a PLIC" },
		{ ROOT_PLIC_BAD_PARENT, 0xc, "context 1 has the interrupt parent 0x10, "
		  "which is not a hart's riscv,cpu-intc" },
		{ ROOT_OK, 0x30, "has no cpu node with reg 4, so no hart 4" },
	};
	unsigned int i;
	void *fdt;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		listen();
		fdt = cell_tree(riscv_cell(cases[i].cpu_set), riscv_root(cases[i].variant),
				NULL);
		if (fdt) {
			heard();
			free(fdt);
			test_fail("case %u accepted", i);
			continue;
		}
		expect_said(cases[i].said);
	}
}

/* ---- virtio devices served by root: the pool and the transports ---- */

#define GIC_PHANDLE	0x05

/*
 * QEMU virt arm64's essentials: four CPUs, the GIC (gic-version=3, or 2
 * with virtualization=on: GICD, GICC, GICH, GICV and a v2m frame), the
 * timer with its PPIs (under a GICv2 wired to the four CPUs), or none: 0.
 */
static void *arm64_gic_root(int gic)
{
	/* <type number flags>, as QEMU writes them; flags 0xf04 for GICv2. */
	static const uint32_t timer_ppis[4] = { 13, 14, 11, 10 };
	static unsigned char buf[8192];
	fdt32_t ppis[12], reg[16];
	void *fdt = buf;
	char name[16];
	unsigned int n;

	fdt_create(fdt, sizeof(buf));
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_property_u32(fdt, "interrupt-parent", GIC_PHANDLE);
	fdt_property_string(fdt, "compatible", "linux,dummy-virt");
	fdt_begin_node(fdt, "cpus");
	fdt_property_u32(fdt, "#address-cells", 1);
	fdt_property_u32(fdt, "#size-cells", 0);
	for (n = 0; n < 4; n++) {
		snprintf(name, sizeof(name), "cpu@%u", n);
		fdt_begin_node(fdt, name);
		fdt_property_string(fdt, "device_type", "cpu");
		fdt_property_u32(fdt, "reg", n);
		fdt_end_node(fdt);
	}
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "intc@8000000");
	fdt_property_u32(fdt, "phandle", GIC_PHANDLE);
	if (gic == 2) {
		for (n = 0; n < 4; n++) {
			reg[4 * n] = reg[4 * n + 2] = cpu_to_fdt32(0);
			reg[4 * n + 3] = cpu_to_fdt32(0x10000);
		}
		reg[1] = cpu_to_fdt32(0x8000000);
		reg[5] = cpu_to_fdt32(0x8010000);
		reg[9] = cpu_to_fdt32(0x8030000);
		reg[13] = cpu_to_fdt32(0x8040000);
		fdt_property(fdt, "reg", reg, sizeof(reg));
		ppis[0] = cpu_to_fdt32(1);
		ppis[1] = cpu_to_fdt32(9);
		ppis[2] = cpu_to_fdt32(0xf04);
		fdt_property(fdt, "interrupts", ppis, 12);
		fdt_property_string(fdt, "compatible", "arm,cortex-a15-gic");
		fdt_property(fdt, "ranges", NULL, 0);
		fdt_property_u32(fdt, "#size-cells", 2);
		fdt_property_u32(fdt, "#address-cells", 2);
	} else if (gic == 3) {
		reg_prop(fdt, 0x8000000, 0x10000);
		fdt_property_string(fdt, "compatible", "arm,gic-v3");
	}
	fdt_property(fdt, "interrupt-controller", NULL, 0);
	fdt_property_u32(fdt, "#interrupt-cells", 3);
	if (gic == 2) {
		fdt_begin_node(fdt, "v2m@8020000");
		fdt_property_u32(fdt, "phandle", GIC_PHANDLE + 1);
		reg_prop(fdt, 0x8020000, 0x1000);
		fdt_property(fdt, "msi-controller", NULL, 0);
		fdt_property_string(fdt, "compatible", "arm,gic-v2m-frame");
		fdt_end_node(fdt);
	}
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "timer");
	for (n = 0; n < 4; n++) {
		ppis[3 * n] = cpu_to_fdt32(1);
		ppis[3 * n + 1] = cpu_to_fdt32(timer_ppis[n]);
		ppis[3 * n + 2] = cpu_to_fdt32(gic == 2 ? 0xf04 : 4);
	}
	fdt_property(fdt, "interrupts", ppis, sizeof(ppis));
	fdt_property_string(fdt, "compatible", "arm,armv8-timer");
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	if (fdt_finish(fdt))
		test_fail("cannot build the root tree");
	return fdt;
}

static void *arm64_root(void)
{
	return arm64_gic_root(3);
}

/*
 * configs/ARCH/qemu-virt-linux-virtio.c, with a second device (a block
 * device) to see the order and the shared pool.
 */
static const struct bulkhead_cell_desc *virtio_cell(unsigned int arch)
{
	static struct {
		struct bulkhead_cell_desc cell;
		struct bulkhead_memory memory[2];
		__u32 irqs[2];
		struct bulkhead_virtio_device virtio[2];
	} c;
	int rv = arch == RISCV64;

	memset(&c, 0, sizeof(c));
	c.cell.architecture = arch;
	c.cell.cpu_set = 0xc;
	c.cell.num_memory_regions = 2;
	c.cell.num_irqs = 2;
	c.cell.num_virtio_devices = 2;
	c.memory[0] = rv ? rv_ram : arm_ram;
	c.memory[0].flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
			    BULKHEAD_MEM_EXECUTE | BULKHEAD_MEM_LOADABLE;
	c.cell.entry = c.memory[0].virt_start;
	c.memory[1].phys_start = c.memory[1].virt_start = rv ? 0xb8000000 : 0x78000000;
	c.memory[1].size = 4 * MIB;
	c.memory[1].flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
			    BULKHEAD_MEM_ROOTSHARED | BULKHEAD_MEM_VIRTIO_POOL;
	c.irqs[0] = c.virtio[0].irq = rv ? 41 : 201;
	c.irqs[1] = c.virtio[1].irq = rv ? 42 : 202;
	c.virtio[0].address = rv ? 0x10200000 : 0x0b000000;
	c.virtio[0].type = BULKHEAD_VIRTIO_CONSOLE;
	c.virtio[1].address = c.virtio[0].address + 0x1000;
	c.virtio[1].type = BULKHEAD_VIRTIO_BLOCK;
	return &c.cell;
}

static void expect_cells(const void *fdt, int node, const char *prop,
			 const uint32_t *want, int n)
{
	const fdt32_t *p;
	int len, i;

	p = fdt_getprop(fdt, node, prop, &len);
	if (!p || len != n * 4) {
		test_fail("%s: %s of %d bytes, expected %d", fdt_get_name(fdt, node, NULL),
			  prop, p ? len : -1, n * 4);
		return;
	}
	for (i = 0; i < n; i++)
		if (fdt32_to_cpu(p[i]) != want[i])
			test_fail("%s: %s cell %d is 0x%x, expected 0x%x",
				  fdt_get_name(fdt, node, NULL), prop, i,
				  fdt32_to_cpu(p[i]), want[i]);
}

static int node_or_fail(const void *fdt, const char *path)
{
	int node = fdt_path_offset(fdt, path);

	if (node < 0)
		test_fail("%s missing", path);
	return node;
}

/* The pool: a restricted-dma-pool Linux keeps in its linear map. */
static uint32_t expect_pool(const void *fdt, uint64_t base)
{
	const uint32_t reg[4] = { base >> 32, (uint32_t)base, 0, 4 * MIB };
	char path[64];
	int node;

	snprintf(path, sizeof(path), "/memory@%llx", (unsigned long long)base);
	node = node_or_fail(fdt, path);
	if (node >= 0)
		expect_cells(fdt, node, "reg", reg, 4);
	snprintf(path, sizeof(path), "/reserved-memory/virtio-pool@%llx",
		 (unsigned long long)base);
	node = node_or_fail(fdt, path);
	if (node < 0)
		return 0;
	if (fdt_node_check_compatible(fdt, node, "restricted-dma-pool"))
		test_fail("the pool is not a restricted-dma-pool");
	expect_cells(fdt, node, "reg", reg, 4);
	if (fdt_getprop(fdt, node, "no-map", NULL) ||
	    fdt_getprop(fdt, node, "reusable", NULL))
		test_fail("the pool is no-map or reusable: swiotlb refuses it");
	if (!fdt_get_phandle(fdt, node))
		test_fail("the pool has no phandle");
	return fdt_get_phandle(fdt, node);
}

static void expect_transport(const void *fdt, uint64_t addr, uint32_t pool,
			     uint32_t irq_parent, const uint32_t *irq, int irq_cells)
{
	const uint32_t reg[4] = { addr >> 32, (uint32_t)addr, 0, 0x200 };
	char path[64];
	int node;

	snprintf(path, sizeof(path), "/virtio_mmio@%llx", (unsigned long long)addr);
	node = node_or_fail(fdt, path);
	if (node < 0)
		return;
	if (fdt_node_check_compatible(fdt, node, "virtio,mmio"))
		test_fail("%s is not virtio,mmio", path);
	expect_cells(fdt, node, "reg", reg, 4);
	expect_cells(fdt, node, "memory-region", &pool, 1);
	expect_cells(fdt, node, "interrupt-parent", &irq_parent, 1);
	expect_cells(fdt, node, "interrupts", irq, irq_cells);
	if (!fdt_getprop(fdt, node, "dma-coherent", NULL))
		test_fail("%s is not dma-coherent", path);
}

/* GIC: <SPI, INTID - 32, edge rising>. */
TEST(linux_virtio_arm64_tree)
{
	static const uint32_t irq0[3] = { 0, 201 - 32, 1 }, irq1[3] = { 0, 202 - 32, 1 };
	void *fdt = cell_tree(virtio_cell(ARM64), arm64_root(), NULL);
	uint32_t pool;

	if (!fdt) {
		test_fail("no tree");
		return;
	}
	pool = expect_pool(fdt, 0x78000000);
	expect_transport(fdt, 0x0b000000, pool, GIC_PHANDLE, irq0, 3);
	expect_transport(fdt, 0x0b001000, pool, GIC_PHANDLE, irq1, 3);
	if (pool == GIC_PHANDLE)
		test_fail("the pool took the GIC's phandle");
	free(fdt);
}

/* PLIC: <source>, the interrupt parent the cell's PLIC. */
TEST(linux_virtio_riscv_tree)
{
	static const uint32_t irq0 = 41, irq1 = 42;
	void *fdt = cell_tree(virtio_cell(RISCV64), riscv_root(ROOT_OK), NULL);
	uint32_t pool;
	const char *args;

	if (!fdt) {
		test_fail("no tree");
		return;
	}
	pool = expect_pool(fdt, 0xb8000000);
	expect_transport(fdt, 0x10200000, pool, PLIC_PHANDLE, &irq0, 1);
	expect_transport(fdt, 0x10201000, pool, PLIC_PHANDLE, &irq1, 1);
	if (pool == PLIC_PHANDLE || (pool >= INTC_PHANDLE(0) && pool <= INTC_PHANDLE(3)))
		test_fail("the pool's phandle 0x%x is taken", pool);
	if (has_node(fdt, "/soc/virtio_mmio@10008000"))
		test_fail("the machine's transport was passed through");
	/* The pool is no RAM for CMA to take a share of. */
	args = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", NULL);
	if (!args || !strstr(args, " cma=8M "))
		test_fail("bootargs \"%s\"", args ? args : "(none)");
	free(fdt);
}

TEST(linux_virtio_report)
{
	char *text = NULL;
	size_t size = 0;
	FILE *report = open_memstream(&text, &size);
	void *fdt = cell_tree(virtio_cell(ARM64), arm64_root(), report);

	fclose(report);
	if (!fdt)
		test_fail("no tree");
	else if (!strstr(text, "device tree: virtio_mmio@b000000: virtio console served "
			 "by root (interrupt 201, DMA through the pool at 0x78000000, "
			 "4096 KiB)\ndevice tree: virtio_mmio@b001000: virtio block"))
		test_fail("report:\n%s", text);
	free(fdt);
	free(text);
}

/* A cell without virtio devices gets neither pool nor transports. */
TEST(linux_no_virtio_no_pool)
{
	void *fdt = cell_tree(riscv_cell(0xc), riscv_root(ROOT_OK), NULL);

	if (!fdt) {
		test_fail("no tree");
		return;
	}
	if (has_node(fdt, "/reserved-memory"))
		test_fail("/reserved-memory in a cell without virtio devices");
	free(fdt);
}

/* ---- the arm64 GIC: GICv3 as the machine's, GICv2 as the cell sees it ---- */

static void *arm64_tree(unsigned int gic, FILE *report)
{
	return cell_tree(virtio_cell(ARM64), arm64_gic_root(gic), report);
}

/* The timer's PPIs 13, 14, 11, 10 with these flags. */
static void expect_timer(const void *fdt, uint32_t flags)
{
	const uint32_t want[12] = {
		1, 13, flags, 1, 14, flags, 1, 11, flags, 1, 10, flags,
	};
	int node = node_or_fail(fdt, "/timer");

	if (node >= 0)
		expect_cells(fdt, node, "interrupts", want, 12);
}

TEST(linux_arm64_gicv3)
{
	static const uint32_t reg[4] = { 0, 0x8000000, 0, 0x10000 };
	void *fdt = arm64_tree(3, NULL);
	int node;

	if (!fdt) {
		test_fail("no tree");
		return;
	}
	node = node_or_fail(fdt, "/intc@8000000");
	if (node >= 0) {
		if (fdt_node_check_compatible(fdt, node, "arm,gic-v3"))
			test_fail("the GICv3 is no arm,gic-v3");
		expect_cells(fdt, node, "reg", reg, 4);
	}
	expect_timer(fdt, 4);
	free(fdt);
}

/*
 * QEMU's GICv2 for a two-CPU cell: GICD and, at the GICC address, the
 * virtual CPU interface; no GICH, GICV, maintenance interrupt or v2m
 * frame; the timer's PPIs wired to two CPUs, GIC_CPU_MASK_SIMPLE(2).
 */
TEST(linux_arm64_gicv2)
{
	static const uint32_t reg[8] = {
		0, 0x8000000, 0, 0x1000, 0, 0x8010000, 0, 0x2000,
	};
	static const uint32_t cells = 3, irq0[3] = { 0, 201 - 32, 1 };
	const char *compat;
	void *fdt = arm64_tree(2, NULL);
	int node, len;

	if (!fdt) {
		test_fail("no tree");
		return;
	}
	node = node_or_fail(fdt, "/intc@8000000");
	if (node >= 0) {
		compat = fdt_getprop(fdt, node, "compatible", &len);
		if (!compat || len != sizeof("arm,cortex-a15-gic") ||
		    strcmp(compat, "arm,cortex-a15-gic"))
			test_fail("compatible \"%s\"", compat ? compat : "(none)");
		expect_cells(fdt, node, "reg", reg, 8);
		expect_cells(fdt, node, "#interrupt-cells", &cells, 1);
		if (!fdt_getprop(fdt, node, "interrupt-controller", NULL))
			test_fail("the GICv2 is no interrupt-controller");
		if (fdt_getprop(fdt, node, "interrupts", NULL))
			test_fail("the cell sees the maintenance interrupt");
		if (fdt_first_subnode(fdt, node) >= 0)
			test_fail("the v2m frame was passed to the cell");
		if (fdt_get_phandle(fdt, node) != GIC_PHANDLE)
			test_fail("the GICv2 lost its phandle");
	}
	expect_timer(fdt, 0x304);
	expect_transport(fdt, 0x0b000000, expect_pool(fdt, 0x78000000), GIC_PHANDLE,
			 irq0, 3);
	free(fdt);
}

TEST(linux_arm64_gicv2_report)
{
	char *text = NULL;
	size_t size = 0;
	FILE *report = open_memstream(&text, &size);
	void *fdt = arm64_tree(2, report);

	fclose(report);
	if (!fdt)
		test_fail("no tree");
	else if (!strstr(text, "device tree: intc@8000000 passed to the cell as a "
			 "GICv2: distributor 0x8000000, CPU interface 0x8010000 (the "
			 "hypervisor's GICH and GICV left out)\n"))
		test_fail("report:\n%s", text);
	free(fdt);
	free(text);
}

TEST(linux_arm64_no_gic)
{
	void *fdt;

	listen();
	fdt = arm64_tree(0, NULL);
	if (fdt) {
		heard();
		free(fdt);
		test_fail("a tree without a GIC accepted");
		return;
	}
	expect_said("has no \"arm,gic-v3\", \"arm,gic-400\", \"arm,cortex-a15-gic\", "
		    "\"arm,cortex-a9-gic\" or \"arm,cortex-a7-gic\" interrupt controller: "
		    "Linux cells on arm64 need a GIC");
}
