/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The shipped configs compiled into the fuzzers (shipped-*.c). */
#ifndef _TESTS_FUZZ_SHIPPED_H
#define _TESTS_FUZZ_SHIPPED_H

/* arm64 system configs (GICv3, GICv2) and inmate cell */
extern const void *const fuzz_system;
extern const unsigned long fuzz_system_size;
extern const void *const fuzz_system_gicv2;
extern const unsigned long fuzz_system_gicv2_size;
extern const void *const fuzz_cell;
extern const unsigned long fuzz_cell_size;

/* The Linux cells of both architectures, without and with virtio devices. */
extern const void *const fuzz_arm64_linux;
extern const unsigned long fuzz_arm64_linux_size;
extern const void *const fuzz_arm64_linux_virtio;
extern const unsigned long fuzz_arm64_linux_virtio_size;
extern const void *const fuzz_riscv64_linux;
extern const unsigned long fuzz_riscv64_linux_size;
extern const void *const fuzz_riscv64_linux_virtio;
extern const unsigned long fuzz_riscv64_linux_virtio_size;

#endif /* _TESTS_FUZZ_SHIPPED_H */
