/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Linked and run at cell address 0; the raw binary is everything up to the
 * end of .data, .bss follows it in RAM and is cleared by the startup code.
 */
#include <asm/layout.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
	. = 0;
	.text : {
		KEEP(*(.text.entry))
		*(.text .text.*)
	}
	.rodata : {
		*(.rodata .rodata.*)
	}
	.data : {
		*(.data .data.*)
	}
	.bss (NOLOAD) : ALIGN(16) {
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(16);
		__bss_end = .;
	}
	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame .eh_frame_hdr)
	}
}

ASSERT(_start == 0, "the cell starts its first CPU at address 0")
ASSERT(__bss_end <= INMATE_RAM_SIZE, "inmate does not fit in the cell's RAM")
