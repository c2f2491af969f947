// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The shipped arm64 cell config qemu-virt-linux-virtio, compiled into the fuzzers. */
#define config fuzz_arm64_linux_virtio_config
#include "../../configs/arm64/qemu-virt-linux-virtio.c"

const void *const fuzz_arm64_linux_virtio = &config;
const unsigned long fuzz_arm64_linux_virtio_size = sizeof(config);
