// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The shipped arm64 cell config qemu-virt-linux, compiled into the fuzzers. */
#define config fuzz_arm64_linux_config
#include "../../configs/arm64/qemu-virt-linux.c"

const void *const fuzz_arm64_linux = &config;
const unsigned long fuzz_arm64_linux_size = sizeof(config);
