// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The shipped riscv64 cell config qemu-virt-linux, compiled into the fuzzers. */
#define config fuzz_riscv64_linux_config
#include "../../configs/riscv64/qemu-virt-linux.c"

const void *const fuzz_riscv64_linux = &config;
const unsigned long fuzz_riscv64_linux_size = sizeof(config);
