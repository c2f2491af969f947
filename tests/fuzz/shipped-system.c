// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The shipped arm64 system config, compiled into the fuzzer under its own
 * name so it can sit next to the shipped cell config.
 */
#define config fuzz_system_config
#include "../../configs/arm64/qemu-virt.c"

const void *const fuzz_system = &config;
const unsigned long fuzz_system_size = sizeof(config);
