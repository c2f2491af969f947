/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Booting a Linux Image in a cell (linux-image.c): its header, where the
 * kernel, the initrd and the device tree go in the cell's RAM, and the boot
 * stub at the cell's entry. No file or driver access: `cell linux`
 * (cmd-linux.c) does that.
 */
#ifndef _TOOLS_LINUX_IMAGE_H
#define _TOOLS_LINUX_IMAGE_H

#include <stddef.h>

#include <bulkhead/cell-config.h>

/* The largest boot stub, instructions and literals. */
#define BH_LINUX_STUB_MAX	64

struct bh_boot_arch;

/* Where everything goes, in cell addresses. */
struct bh_linux_layout {
	const struct bh_boot_arch *arch;
	unsigned long long stub_size;
	unsigned long long ram, ram_end;	/* the RAM region holding the entry */
	unsigned long long stub, kernel, kernel_end, initrd, initrd_end, dtb;
	unsigned long long text_offset, image_size;	/* from the Image header */
};

/*
 * Each of these returns 0, or -1 after saying what is wrong; path names the
 * file in messages.
 */

/* Starts a layout for a cell config of this architecture. */
int bh_linux_layout_init(struct bh_linux_layout *l, const char *path,
			 unsigned int architecture);
/* Reads text_offset and image_size from an (uncompressed) Image. */
int bh_linux_parse_image(struct bh_linux_layout *l, const char *path,
			 const unsigned char *data, size_t size);
/* Places stub, kernel, initrd (0 bytes: none) and device tree. */
int bh_linux_place(struct bh_linux_layout *l, unsigned long long entry,
		   const struct bulkhead_memory *ram, unsigned long long initrd_size);

/* Writes the boot stub for the layout into buf; returns its size. */
size_t bh_linux_stub(const struct bh_linux_layout *l,
		     unsigned char buf[BH_LINUX_STUB_MAX]);

#endif /* _TOOLS_LINUX_IMAGE_H */
