// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The shipped arm64 system config of the GICv2 machine, compiled into the
 * fuzzer under its own name: cells are checked against it too, so the
 * GICv2 rules for cells are fuzzed.
 */
#define config fuzz_system_gicv2_config
#include "../../configs/arm64/qemu-virt-gicv2.c"

const void *const fuzz_system_gicv2 = &config;
const unsigned long fuzz_system_gicv2_size = sizeof(config);
