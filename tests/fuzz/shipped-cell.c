// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The shipped arm64 inmate cell config, compiled into the fuzzer. */
#define config fuzz_cell_config
#include "../../configs/arm64/qemu-virt-inmate.c"

const void *const fuzz_cell = &config;
const unsigned long fuzz_cell_size = sizeof(config);
