/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* For lib/common/inmate.lds.S only: the linker's output target. */
#ifndef _INMATE_ASM_LDS_H
#define _INMATE_ASM_LDS_H

#define INMATE_LDS_TARGET	OUTPUT_FORMAT("elf64-littleaarch64") OUTPUT_ARCH(aarch64)

#endif
