/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A flattened device tree checker of our own, written from the devicetree
 * specification (chapter 5) rather than with libfdt, which the trees under
 * test were made with: a bug libfdt shares with itself would not show.
 */
#ifndef _TESTS_FUZZ_FDT_VERIFY_H
#define _TESTS_FUZZ_FDT_VERIFY_H

#include <stddef.h>

/*
 * NULL when buf[0..size) holds exactly one well-formed tree of
 * totalsize == size: header, memory reservation block, structure block
 * (one root node, balanced, names and property name offsets inside their
 * blocks, FDT_END last) and strings block, all inside the blob and apart.
 * Otherwise what is wrong (a static string).
 */
const char *fdt_verify(const void *buf, size_t size);

#endif /* _TESTS_FUZZ_FDT_VERIFY_H */
