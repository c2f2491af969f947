// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target of root's virtio backend (tools/virtio-*.c): the
 * channel, the virtio-mmio register file, the split queues and the
 * console, block and network devices, as a cell's driver works them
 * through a fuzzed pool and register accesses (vdrive.h has the program
 * format).
 *
 * Input: a byte (bit 0: the disk is read-only), then the program.
 *
 * Invariants, after every operation: a request of the cell is answered
 * (narrow reads with no stray bits), another cell's is not; a device is
 * DEVICE_NEEDS_RESET exactly while it is broken; a ready queue's rings lie
 * inside the pool; console output comes from the pool; the disk file keeps
 * its size (and a read-only one its bytes); every frame sent to the TAP is
 * a whole frame after an all-zero header of the backend's own. And no
 * access outside the pool, which is an allocation of its exact size.
 */
#include "fuzz.h"
#include "vdrive.h"

static struct vdrive vd;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	vd_init(&vd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };

	vd_reset(&vd, fz_u8(&f) & 1);
	vd_run(&vd, f.p, f.n);
	return 0;
}
