/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Linked and run at cell address 0 (INMATE_LOAD_ADDR); the raw binary is
 * everything up to the end of .data, .bss follows it in RAM and is cleared
 * by the startup code. riscv64's small-data sections are plain data here:
 * gp is not used (no relaxation).
 *
 * The command line sits at a fixed offset in every image, right after the
 * entry code (which must end before it): INMATE_CMDLINE_SIZE zero bytes
 * that root may load a string over (inmate/cmdline.h).
 */
#include <asm/layout.h>
#include <asm/lds.h>

INMATE_LDS_TARGET
ENTRY(_start)

SECTIONS
{
	. = INMATE_LOAD_ADDR;
	.text : {
		KEEP(*(.text.entry))
		/* Offsets from the section's start, the image's start. */
		. = INMATE_CMDLINE_OFFSET;
		inmate_cmdline = .;
		. += INMATE_CMDLINE_SIZE;
		*(.text .text.*)
	}
	.rodata : {
		*(.rodata .rodata.* .srodata .srodata.*)
		/* The end of what never changes (inmate/guard.h). */
		. = ALIGN(8);
		__rodata_end = .;
	}
	.data : {
		*(.data .data.* .sdata .sdata.*)
	}
	.bss (NOLOAD) : ALIGN(16) {
		__bss_start = .;
		*(.sbss .sbss.* .bss .bss.* COMMON)
		. = ALIGN(16);
		__bss_end = .;
	}
	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame .eh_frame_hdr)
	}
}

ASSERT(_start == INMATE_LOAD_ADDR, "the cell starts its first CPU at address 0")
ASSERT(__bss_end <= INMATE_LOAD_ADDR + INMATE_RAM_SIZE,
       "inmate does not fit in the cell's RAM")
