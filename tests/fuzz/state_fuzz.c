// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target of the virtio backend's state file
 * (/run/bulkhead/NAME.state, tools/virtio-mmio.c): a backend started again
 * while its cell runs maps the file and takes up the devices' registers and
 * ready queues from it, then serves what the driver posted meanwhile.
 *
 * Input: a mode byte, the file, then a program for the cell (vdrive.h)
 * whose VD_RESTORE operation (or, if it has none, its end) is where the
 * backend starts again with the file:
 *
 *   mode bit 0  the next sizeof(struct bh_vstate) bytes are the file, its
 *               header and identity made those the backend expects (so
 *               that the fuzzer works on the devices' registers); else a
 *               le16 length and the file as it is
 *        bit 1  the disk is read-only
 *
 * Invariants: those of virtio_fuzz.c (but the status, which a file may set
 * as it likes), in particular that no queue a file makes ready reaches
 * outside the pool.
 */
#include <fcntl.h>
#include <unistd.h>

#include "fuzz.h"
#include "vdrive.h"

static struct vdrive vd;
static char path[64];
static uint8_t *file;
static size_t file_len;
static struct bh_vstate_file state;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	vd_init(&vd);
	/* On tmpfs, as /run/bulkhead is. */
	snprintf(path, sizeof(path), "%s/bulkhead-state-fuzz.%d",
		 access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm", (int)getpid());
	return 0;
}

/* The backend starts again: cmd-virtio.c's open_state() and resume. */
static void restore(struct vdrive *v)
{
	struct bh_vstate_ident id;
	unsigned int i;
	int fd, ret;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, file, file_len) != (ssize_t)file_len || close(fd))
		abort();
	vd_ident(&id);
	ret = bh_vstate_open(&state, path, &id);
	if (ret < 0)
		return;
	for (i = 0; i < VD_DEVICES; i++)
		bh_vdev_keep_state(v->devs[i], &state.s->dev[i], ret);
	for (i = 0; ret == 1 && i < VD_DEVICES; i++)
		bh_vdev_resume(v->devs[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	uint8_t mode = fz_u8(&f);
	const uint8_t *p;
	size_t n;

	if (mode & 1) {
		struct bh_vstate *s = calloc(1, sizeof(*s));

		if (!s)
			abort();
		p = fz_bytes(&f, sizeof(*s), &n);
		memcpy(s, p, n);
		s->magic = BH_VSTATE_MAGIC;
		s->version = BH_VSTATE_VERSION;
		s->size = sizeof(*s);
		vd_ident(&s->ident);
		file = (uint8_t *)s;
		file_len = sizeof(*s);
	} else {
		p = fz_bytes(&f, fz_u16(&f), &file_len);
		file = fz_dup(p, file_len);
	}
	vd_reset(&vd, mode & 2);
	vd.restore = restore;
	vd.from_state = 1;
	vd_run(&vd, f.p, f.n);
	if (!vd.restored) {
		vd.restored = 1;
		restore(&vd);
		vd_check(&vd);
	}
	/* The devices keep their state in the mapping until the next input. */
	bh_vstate_close(&state, path, 1);
	free(file);
	return 0;
}
