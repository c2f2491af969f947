// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Booting a Linux Image in a cell: what `cell linux` needs to know of the
 * kernel's boot protocol on each architecture.
 *
 * The hypervisor starts the cell's first CPU at the config's entry address
 * with the MMU off: on arm64 at EL1 with no register set, on riscv64 in VS
 * mode with a0 = the hart id. Linux wants more: the arm64 boot protocol
 * (Documentation/arch/arm64/booting.rst in the kernel tree) x0 = the
 * device tree's address and x1..x3 = 0, the riscv one
 * (Documentation/arch/riscv/boot.rst) a0 = the hart id and a1 = the device
 * tree's address. So a boot stub of a few instructions goes to the entry
 * address, and the kernel somewhere above it.
 *
 * Placement in the RAM region that holds the entry (cell addresses):
 *
 *   entry                      boot stub, 32 or 40 bytes
 *   next 2 MiB boundary        the Image (arm64: + text_offset; riscv64: at
 *                              least text_offset from the RAM's start);
 *                              image_size bytes from there belong to the
 *                              kernel (its .bss)
 *   ...                        free for Linux
 *   up to the device tree      the initrd, page aligned
 *   last whole 2 MiB block     the device tree (at most 2 MiB)
 *
 * Linux keeps only the bytes of the device tree and of the initrd, so the
 * generous slots cost nothing; the device tree gets a 2 MiB block of its own
 * because the kernel maps it in 2 MiB blocks with its own attributes. The
 * Image header (booting.rst, riscv's boot-image-header.rst) has the same
 * layout on both: text_offset at 8, image_size at 16, flags at 24.
 */
#include <stdint.h>
#include <string.h>

#include "bulkhead.h"
#include "linux-image.h"

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL

/* The Image header (booting.rst, boot-image-header.rst): 64 bytes. */
#define IMAGE_HEADER_SIZE	64
#define IMAGE_FLAG_BE		0x1		/* kernel endianness: 1 = big */

/* Magic bytes at an offset of the Image header. */
struct image_magic {
	unsigned int offset, len;
	const char *bytes;
};

/*
 * What booting a Linux Image takes on one architecture. The boot stub is
 * hand-encoded so that the CLI needs no assembler for the cell's
 * architecture; after its instructions come two 64-bit literals, the
 * device tree's and the kernel's address, which its loads need 8-byte
 * aligned: with the MMU off arm64 treats memory as Device memory, and on
 * riscv64 a misaligned load would trap to a guest with no trap vector yet.
 */
struct bh_boot_arch {
	const char *name;
	struct image_magic magic[2];	/* either one; .bytes NULL: none */
	const char *magic_text;		/* for the message when neither is there */
	/*
	 * text_offset counts from the start of RAM (riscv64, head.S: the
	 * "load offset from start of RAM"), not from a 2 MiB boundary of the
	 * loader's choice below 2 MiB (arm64).
	 */
	int text_offset_from_ram;
	const uint32_t *stub;
	unsigned int stub_words;
};

/*
 * Checked against aarch64-linux-gnu-as/objdump:
 *
 *	ldr	x0, 1f
 *	ldr	x4, 2f
 *	mov	x1, xzr
 *	mov	x2, xzr
 *	mov	x3, xzr
 *	br	x4
 *   1:	.quad	DTB address
 *   2:	.quad	kernel address
 *
 * x4 carries the branch target because x1 must be 0 at the kernel's entry
 * (Linux warns about nonzero x1..x3).
 */
static const uint32_t arm64_stub[] = {
	0x580000c0,	/* ldr x0, +0x18 */
	0x580000e4,	/* ldr x4, +0x20 (from +0x4) */
	0xaa1f03e1,	/* mov x1, xzr */
	0xaa1f03e2,	/* mov x2, xzr */
	0xaa1f03e3,	/* mov x3, xzr */
	0xd61f0080,	/* br x4 */
};

/*
 * Checked against riscv64-linux-gnu-as/objdump:
 *
 *	auipc	t0, 0		// t0 = the stub's address
 *	ld	a1, 16(t0)	// a1 = 1f
 *	ld	t0, 24(t0)	// t0 = 2f
 *	jr	t0
 *   1:	.quad	DTB address
 *   2:	.quad	kernel address
 *
 * a0 is left alone: it holds the hart id the hypervisor starts the hart
 * with, which is what Linux wants there.
 */
static const uint32_t riscv64_stub[] = {
	0x00000297,	/* auipc t0, 0 */
	0x0102b583,	/* ld a1, 16(t0) */
	0x0182b283,	/* ld t0, 24(t0) */
	0x00028067,	/* jr t0 */
};

static const struct bh_boot_arch boot_arches[] = {
	[BULKHEAD_ARCH_ARM64] = {
		.name = "arm64",
		.magic = { { 56, 4, "ARM\x64" } },
		.magic_text = "\"ARM\\x64\" at offset 56",
		.stub = arm64_stub,
		.stub_words = sizeof(arm64_stub) / sizeof(arm64_stub[0]),
	},
	/* "RISCV" is deprecated since header version 0.2 and may go. */
	[BULKHEAD_ARCH_RISCV64] = {
		.name = "riscv64",
		.magic = { { 56, 4, "RSC\x05" }, { 48, 8, "RISCV\0\0\0" } },
		.magic_text = "\"RSC\\x05\" at offset 56 or \"RISCV\" at offset 48",
		.text_offset_from_ram = 1,
		.stub = riscv64_stub,
		.stub_words = sizeof(riscv64_stub) / sizeof(riscv64_stub[0]),
	},
};

static unsigned long long align_up(unsigned long long v, unsigned long long a)
{
	return (v + a - 1) & ~(a - 1);
}

static unsigned long long align_down(unsigned long long v, unsigned long long a)
{
	return v & ~(a - 1);
}

static unsigned long long le64(const unsigned char *p)
{
	unsigned long long v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}

static int has_magic(const struct bh_boot_arch *arch, const unsigned char *data,
		     size_t size)
{
	const struct image_magic *m;
	unsigned int i;

	for (i = 0; i < sizeof(arch->magic) / sizeof(arch->magic[0]); i++) {
		m = &arch->magic[i];
		if (m->bytes && size >= m->offset + m->len &&
		    !memcmp(data + m->offset, m->bytes, m->len))
			return 1;
	}
	return 0;
}

int bh_linux_parse_image(struct bh_linux_layout *l, const char *path,
			 const unsigned char *data, size_t size)
{
	unsigned long long flags;

	if (size < IMAGE_HEADER_SIZE || !has_magic(l->arch, data, size)) {
		bh_error("cell linux: %s: not a Linux Image for %s (no %s); an Image or "
			 "Image.gz is needed, not a vmlinux, zImage, or an image "
			 "compressed otherwise than with gzip", path,
			 l->arch->name, l->arch->magic_text);
		return -1;
	}
	l->text_offset = le64(data + 8);
	l->image_size = le64(data + 16);
	flags = le64(data + 24);
	if (!l->image_size) {
		/* arm64 before Linux 3.17 had no image_size; riscv64 needs it. */
		bh_error("cell linux: %s: image_size is 0 (an arm64 kernel older than "
			 "3.17), which is not supported", path);
		return -1;
	}
	if (flags & IMAGE_FLAG_BE) {
		bh_error("cell linux: %s: a big-endian kernel is not supported", path);
		return -1;
	}
	if (l->image_size < size ||
	    (!l->arch->text_offset_from_ram && l->text_offset >= SZ_2M)) {
		bh_error("cell linux: %s: implausible header (text_offset 0x%llx, "
			 "image_size 0x%llx, file %zu bytes)", path,
			 l->text_offset, l->image_size, size);
		return -1;
	}
	return 0;
}

/* Where the Image goes: 2 MiB aligned, as both protocols want it. */
static unsigned long long kernel_address(const struct bh_linux_layout *l)
{
	unsigned long long above_stub = align_up(l->stub + l->stub_size, SZ_2M);
	unsigned long long from_ram;

	if (!l->arch->text_offset_from_ram)
		return above_stub + l->text_offset;
	from_ram = align_up(l->ram + l->text_offset, SZ_2M);
	return from_ram > above_stub ? from_ram : above_stub;
}

int bh_linux_place(struct bh_linux_layout *l, unsigned long long entry,
		   const struct bulkhead_memory *ram, unsigned long long isize)
{
	unsigned long long low;
	char unit[32];

	l->ram = ram->virt_start;
	l->ram_end = ram->virt_start + ram->size;
	l->stub = entry;
	if (l->stub % 8) {
		bh_error("cell linux: the entry 0x%llx is not 8-byte aligned: the "
			 "boot stub there has 64-bit literals", l->stub);
		return -1;
	}
	l->kernel = kernel_address(l);
	l->kernel_end = l->kernel + l->image_size;
	l->dtb = l->ram_end >= SZ_2M ? align_down(l->ram_end - SZ_2M, SZ_2M) : 0;
	l->initrd_end = l->dtb;
	l->initrd = l->dtb >= isize ? align_down(l->dtb - isize, SZ_4K) : 0;
	/*
	 * What the kernel needs must end below the initrd (or the tree); the
	 * header's sizes are the file's word, so they may wrap around too.
	 */
	low = isize ? l->initrd : l->dtb;
	if (l->stub + l->stub_size > l->ram_end || l->dtb < l->ram ||
	    l->dtb >= l->ram_end || l->kernel_end > low ||
	    l->kernel < l->stub + l->stub_size || l->kernel_end < l->kernel ||
	    (l->arch->text_offset_from_ram && l->text_offset >= ram->size) ||
	    (isize && l->initrd < l->ram)) {
		bh_error("cell linux: does not fit into the cell's RAM 0x%llx-0x%llx (%s): "
			 "boot stub at 0x%llx, kernel 0x%llx-0x%llx (its image_size), "
			 "initrd %llu bytes, then a 2 MiB block for the device tree "
			 "at the end", l->ram, l->ram_end - 1,
			 bh_size_unit(ram->size, unit, sizeof(unit)), l->stub,
			 l->kernel, l->kernel_end - 1, isize);
		return -1;
	}
	if (!isize)
		l->initrd = l->initrd_end = 0;
	return 0;
}

int bh_linux_layout_init(struct bh_linux_layout *l, const char *path,
			 unsigned int architecture)
{
	memset(l, 0, sizeof(*l));
	if (architecture >= sizeof(boot_arches) / sizeof(boot_arches[0]) ||
	    !boot_arches[architecture].name) {
		bh_error("cell linux: %s: no Linux cells for architecture %u", path,
			 architecture);
		return -1;
	}
	l->arch = &boot_arches[architecture];
	l->stub_size = 4 * l->arch->stub_words + 2 * 8;
	return 0;
}

size_t bh_linux_stub(const struct bh_linux_layout *l,
		     unsigned char buf[BH_LINUX_STUB_MAX])
{
	unsigned int i;

	for (i = 0; i < l->arch->stub_words; i++)
		put_le32(buf + 4 * i, l->arch->stub[i]);
	put_le32(buf + 4 * i, l->dtb);
	put_le32(buf + 4 * i + 4, l->dtb >> 32);
	put_le32(buf + 4 * i + 8, l->kernel);
	put_le32(buf + 4 * i + 12, l->kernel >> 32);
	return l->stub_size;
}
