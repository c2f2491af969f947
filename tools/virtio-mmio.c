// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The virtio-mmio version 2 register file (virtio-mmio.h), in the order
 * Linux's virtio_mmio probes it: magic, version, device and vendor ID;
 * status ACKNOWLEDGE and DRIVER; device features read a word at a time;
 * driver features written; FEATURES_OK, read back; per queue: select,
 * ready must read 0, size maximum, size, ring addresses, ready; DRIVER_OK.
 * Status 0 resets the device completely before the write returns, since
 * Linux does not poll for the reset to finish.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virtio-mmio.h"

static void log_stderr(const char *msg)
{
	fprintf(stderr, "bulkhead: %s\n", msg);
}

void (*bh_virtio_log)(const char *msg) = log_stderr;

void bh_virtio_logf(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bh_virtio_log(msg);
}

static uint64_t offered(const struct bh_vdev *dev)
{
	return dev->ops->features | (1ULL << VIRTIO_F_VERSION_1) |
		(1ULL << VIRTIO_F_ACCESS_PLATFORM);
}

/* Copies the transport state into the state file (virtio-mmio.h). */
static void save(struct bh_vdev *dev)
{
	struct bh_vstate_dev *sd = dev->saved;
	struct bh_vdev_regs *r;
	uint32_t gen;
	unsigned int q;

	if (!sd)
		return;
	gen = sd->gen + 1;
	r = &sd->slot[gen & 1];
	memset(r, 0, sizeof(*r));
	r->driver_features = dev->driver_features;
	r->status = dev->status;
	r->isr = dev->isr;
	r->config_generation = dev->config_generation;
	r->device_features_sel = dev->device_features_sel;
	r->driver_features_sel = dev->driver_features_sel;
	r->queue_sel = dev->queue_sel;
	r->broken = dev->broken;
	r->num_queues = dev->ops->num_queues;
	for (q = 0; q < dev->ops->num_queues && q < BH_VDEV_MAX_QUEUES; q++) {
		r->vq[q].desc = dev->vq[q].desc;
		r->vq[q].driver = dev->vq[q].driver;
		r->vq[q].device = dev->vq[q].device;
		r->vq[q].num = dev->vq[q].num;
		r->vq[q].ready = dev->vq[q].ready;
	}
	/* The slot complete before the generation names it. */
	__atomic_store_n(&sd->gen, gen, __ATOMIC_RELEASE);
	__atomic_store_n(&sd->valid, 1, __ATOMIC_RELEASE);
}

static void raise_isr(struct bh_vdev *dev, uint32_t bits)
{
	if (bits & ~dev->isr)
		dev->irq = 1;
	dev->isr |= bits;
	save(dev);
}

void bh_vdev_init(struct bh_vdev *dev, const struct bh_vdev_ops *ops,
		  const char *name, const struct bh_vmem *mem)
{
	memset(dev, 0, sizeof(*dev));
	dev->ops = ops;
	dev->name = name;
	dev->mem = *mem;
}

static void reset(struct bh_vdev *dev)
{
	unsigned int q;

	dev->status = 0;
	dev->isr = 0;
	dev->irq = 0;
	dev->broken = 0;
	dev->driver_features = 0;
	dev->device_features_sel = 0;
	dev->driver_features_sel = 0;
	dev->queue_sel = 0;
	for (q = 0; q < BH_VDEV_MAX_QUEUES; q++)
		bh_vq_reset(&dev->vq[q]);
	if (dev->ops->reset)
		dev->ops->reset(dev);
}

void bh_vdev_fail(struct bh_vdev *dev, const char *fmt, ...)
{
	char why[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	bh_virtio_logf("%s: device error, the driver must reset the device "
		       "(DEVICE_NEEDS_RESET): %s", dev->name, why);
	dev->broken = 1;
	dev->status |= VIRTIO_STATUS_NEEDS_RESET;
	raise_isr(dev, VIRTIO_MMIO_INT_CONFIG);
}

int bh_vdev_queue_live(const struct bh_vdev *dev, unsigned int q)
{
	return q < dev->ops->num_queues && dev->vq[q].ready && !dev->broken &&
		(dev->status & VIRTIO_STATUS_DRIVER_OK);
}

void bh_vdev_used(struct bh_vdev *dev, unsigned int q)
{
	if (bh_vq_should_notify(&dev->vq[q], &dev->mem))
		raise_isr(dev, VIRTIO_MMIO_INT_VRING);
}

void bh_vdev_config_changed(struct bh_vdev *dev)
{
	dev->config_generation++;
	raise_isr(dev, VIRTIO_MMIO_INT_CONFIG);
}

int bh_vdev_take_irq(struct bh_vdev *dev)
{
	int irq = dev->irq;

	dev->irq = 0;
	return irq;
}

static struct bh_vq *selected(struct bh_vdev *dev)
{
	return dev->queue_sel < dev->ops->num_queues ? &dev->vq[dev->queue_sel] : NULL;
}

static void set_status(struct bh_vdev *dev, uint32_t value)
{
	uint32_t old = dev->status;
	uint64_t f = dev->driver_features;

	if (!value) {
		reset(dev);
		return;
	}
	/* NEEDS_RESET is the device's to set. */
	value &= ~VIRTIO_STATUS_NEEDS_RESET;
	if ((value & VIRTIO_STATUS_FEATURES_OK) && !(old & VIRTIO_STATUS_FEATURES_OK)) {
		if (f & ~offered(dev)) {
			bh_virtio_logf("%s: FEATURES_OK refused: the driver accepted "
				       "features the device does not offer (0x%llx)",
				       dev->name, (unsigned long long)(f & ~offered(dev)));
			value &= ~VIRTIO_STATUS_FEATURES_OK;
		} else if (!(f & (1ULL << VIRTIO_F_VERSION_1))) {
			bh_virtio_logf("%s: FEATURES_OK refused: the driver did not accept "
				       "VIRTIO_F_VERSION_1, which a version 2 device needs",
				       dev->name);
			value &= ~VIRTIO_STATUS_FEATURES_OK;
		} else if (!(f & (1ULL << VIRTIO_F_ACCESS_PLATFORM))) {
			bh_virtio_logf("%s: FEATURES_OK refused: the driver did not accept "
				       "VIRTIO_F_ACCESS_PLATFORM, so the cell's Linux would "
				       "place rings and buffers anywhere in its RAM instead "
				       "of bouncing them through the virtio pool, the only "
				       "memory root can see (the guest kernel needs "
				       "CONFIG_DMA_RESTRICTED_POOL and the device a "
				       "memory-region)", dev->name);
			value &= ~VIRTIO_STATUS_FEATURES_OK;
		}
	}
	dev->status = value | (dev->broken ? VIRTIO_STATUS_NEEDS_RESET : 0);
	if ((value & VIRTIO_STATUS_DRIVER_OK) && !(old & VIRTIO_STATUS_DRIVER_OK) &&
	    !dev->broken && dev->ops->driver_ok)
		dev->ops->driver_ok(dev);
}

static void set_ready(struct bh_vdev *dev, struct bh_vq *q, uint32_t value)
{
	const char *why;

	if (!value) {
		q->ready = 0;
		q->last_avail = 0;
		q->used_idx = 0;
		q->need_interrupt = 0;
		return;
	}
	if (q->ready)
		return;
	if (bh_vq_check(q, &dev->mem, &why)) {
		bh_vdev_fail(dev, "queue %u (size %u, descriptors 0x%llx, driver 0x%llx, "
			     "device 0x%llx; pool 0x%llx-0x%llx): %s", dev->queue_sel,
			     q->num, (unsigned long long)q->desc,
			     (unsigned long long)q->driver, (unsigned long long)q->device,
			     (unsigned long long)dev->mem.gpa,
			     (unsigned long long)(dev->mem.gpa + dev->mem.size - 1), why);
		return;
	}
	q->ready = 1;
	q->last_avail = 0;
	q->used_idx = 0;
	q->need_interrupt = 0;
}

static void set_low(uint64_t *reg, uint32_t value)
{
	*reg = (*reg & ~0xffffffffULL) | value;
}

static void set_high(uint64_t *reg, uint32_t value)
{
	*reg = (*reg & 0xffffffffULL) | ((uint64_t)value << 32);
}

static uint32_t config_read(struct bh_vdev *dev, uint32_t off, unsigned int size)
{
	uint32_t v = 0;
	unsigned int i;

	if (off + size > dev->ops->config_size)
		return 0;
	for (i = 0; i < size; i++)
		v |= (uint32_t)dev->config[off + i] << (8 * i);
	return v;
}

uint32_t bh_vdev_read(struct bh_vdev *dev, uint32_t offset, unsigned int size)
{
	struct bh_vq *q = selected(dev);

	if (offset >= VIRTIO_MMIO_CONFIG) {
		if ((size != 1 && size != 2 && size != 4) || (offset & (size - 1)))
			return 0xffffffff;
		return config_read(dev, offset - VIRTIO_MMIO_CONFIG, size);
	}
	if (size != 4 || (offset & 3)) {
		bh_virtio_logf("%s: %u-byte read of register 0x%03x refused: registers "
			       "are read 4 bytes at a time", dev->name, size, offset);
		return 0xffffffff;
	}
	switch (offset) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		return VIRTIO_MMIO_MAGIC;
	case VIRTIO_MMIO_VERSION:
		return 2;
	case VIRTIO_MMIO_DEVICE_ID:
		return dev->ops->device_id;
	case VIRTIO_MMIO_VENDOR_ID:
		return BH_VIRTIO_VENDOR_ID;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		if (dev->device_features_sel > 1)
			return 0;
		return offered(dev) >> (32 * dev->device_features_sel);
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		return q ? dev->ops->queue_num_max : 0;
	case VIRTIO_MMIO_QUEUE_READY:
		return q ? q->ready : 0;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		return dev->isr;
	case VIRTIO_MMIO_STATUS:
		return dev->status;
	case VIRTIO_MMIO_SHM_LEN_LOW:
	case VIRTIO_MMIO_SHM_LEN_HIGH:
	case VIRTIO_MMIO_SHM_BASE_LOW:
	case VIRTIO_MMIO_SHM_BASE_HIGH:
		return 0xffffffff;	/* no shared memory regions */
	case VIRTIO_MMIO_CONFIG_GENERATION:
		return dev->config_generation;
	default:
		/* Write-only and reserved registers read 0. */
		return 0;
	}
}

static void write_reg(struct bh_vdev *dev, uint32_t offset, unsigned int size,
		      uint32_t value)
{
	struct bh_vq *q = selected(dev);

	if (offset >= VIRTIO_MMIO_CONFIG) {
		bh_virtio_logf("%s: write of 0x%x to config offset 0x%x ignored: the "
			       "device's configuration is read-only", dev->name, value,
			       offset - VIRTIO_MMIO_CONFIG);
		return;
	}
	if (size != 4 || (offset & 3)) {
		bh_virtio_logf("%s: %u-byte write of register 0x%03x refused: registers "
			       "are written 4 bytes at a time", dev->name, size, offset);
		return;
	}
	switch (offset) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		dev->device_features_sel = value;
		return;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		dev->driver_features_sel = value;
		return;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		if (dev->status & VIRTIO_STATUS_FEATURES_OK) {
			bh_virtio_logf("%s: driver features written after FEATURES_OK: ignored",
				       dev->name);
			return;
		}
		if (dev->driver_features_sel == 0)
			set_low(&dev->driver_features, value);
		else if (dev->driver_features_sel == 1)
			set_high(&dev->driver_features, value);
		return;
	case VIRTIO_MMIO_QUEUE_SEL:
		dev->queue_sel = value;
		return;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		if (bh_vdev_queue_live(dev, value))
			dev->ops->notify(dev, value);
		return;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		dev->isr &= ~value;
		/* Bits set after the driver read the status: tell it again. */
		if (dev->isr)
			dev->irq = 1;
		return;
	case VIRTIO_MMIO_STATUS:
		set_status(dev, value);
		return;
	case VIRTIO_MMIO_SHM_SEL:
		return;
	}
	if (!q) {
		if (offset == VIRTIO_MMIO_QUEUE_READY && !value)
			return;
		bh_virtio_logf("%s: write of register 0x%03x for queue %u ignored: the "
			       "device has %u queues", dev->name, offset, dev->queue_sel,
			       dev->ops->num_queues);
		return;
	}
	if (offset == VIRTIO_MMIO_QUEUE_READY) {
		set_ready(dev, q, value);
		return;
	}
	if (offset == VIRTIO_MMIO_QUEUE_RESET) {
		/* Only with VIRTIO_F_RING_RESET, which is not offered. */
		return;
	}
	if (q->ready) {
		bh_virtio_logf("%s: queue %u register 0x%03x written while the queue is "
			       "ready: ignored", dev->name, dev->queue_sel, offset);
		return;
	}
	switch (offset) {
	case VIRTIO_MMIO_QUEUE_NUM:
		q->num = value;
		return;
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
		set_low(&q->desc, value);
		return;
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
		set_high(&q->desc, value);
		return;
	case VIRTIO_MMIO_QUEUE_AVAIL_LOW:
		set_low(&q->driver, value);
		return;
	case VIRTIO_MMIO_QUEUE_AVAIL_HIGH:
		set_high(&q->driver, value);
		return;
	case VIRTIO_MMIO_QUEUE_USED_LOW:
		set_low(&q->device, value);
		return;
	case VIRTIO_MMIO_QUEUE_USED_HIGH:
		set_high(&q->device, value);
		return;
	}
	bh_virtio_logf("%s: write of 0x%x to register 0x%03x ignored: not a "
		       "writable virtio-mmio version 2 register", dev->name, value, offset);
}

void bh_vdev_write(struct bh_vdev *dev, uint32_t offset, unsigned int size,
		   uint32_t value)
{
	write_reg(dev, offset, size, value);
	/* Before the answer: the cell never sees a write a successor forgets. */
	save(dev);
}

/* Restart (virtio-mmio.h). */

void bh_vdev_keep_state(struct bh_vdev *dev, struct bh_vstate_dev *slot, int restore)
{
	const struct bh_vdev_regs *r;
	struct bh_vdev_regs copy;
	const char *why;
	unsigned int q;

	dev->saved = NULL;
	if (restore && __atomic_load_n(&slot->valid, __ATOMIC_ACQUIRE)) {
		copy = slot->slot[__atomic_load_n(&slot->gen, __ATOMIC_ACQUIRE) & 1];
		r = &copy;
		dev->driver_features = r->driver_features;
		dev->status = r->status;
		dev->isr = r->isr;
		dev->config_generation = r->config_generation;
		dev->device_features_sel = r->device_features_sel;
		dev->driver_features_sel = r->driver_features_sel;
		dev->queue_sel = r->queue_sel;
		dev->broken = !!r->broken;
		for (q = 0; q < dev->ops->num_queues && q < BH_VDEV_MAX_QUEUES; q++) {
			struct bh_vq *vq = &dev->vq[q];

			bh_vq_reset(vq);
			vq->desc = r->vq[q].desc;
			vq->driver = r->vq[q].driver;
			vq->device = r->vq[q].device;
			vq->num = r->vq[q].num;
			if (r->vq[q].ready && bh_vq_resume(vq, &dev->mem, &why)) {
				vq->ready = 0;
				bh_vdev_fail(dev, "queue %u, restored from the state file: %s",
					     q, why);
			}
		}
		/* The old backend may have died before it raised the interrupt. */
		if (dev->isr)
			dev->irq = 1;
		bh_virtio_logf("%s: state restored: status 0x%x, InterruptStatus 0x%x, "
			       "features 0x%llx", dev->name, dev->status, dev->isr,
			       (unsigned long long)dev->driver_features);
	}
	dev->saved = slot;
	save(dev);
}

void bh_vdev_resume(struct bh_vdev *dev)
{
	unsigned int q;

	for (q = 0; q < dev->ops->num_queues; q++)
		if (bh_vdev_queue_live(dev, q))
			dev->ops->notify(dev, q);
}

/* The file is ours as long as path names the inode we mapped. */
static int still_ours(const struct bh_vstate_file *f, const char *path)
{
	struct stat st;

	return !stat(path, &st) && (uint64_t)st.st_dev == f->st_dev &&
		(uint64_t)st.st_ino == f->st_ino;
}

static struct bh_vstate *map_state(int fd)
{
	void *p = mmap(NULL, sizeof(struct bh_vstate), PROT_READ | PROT_WRITE,
		       MAP_SHARED, fd, 0);

	return p == MAP_FAILED ? NULL : p;
}

int bh_vstate_open(struct bh_vstate_file *f, const char *path,
		   const struct bh_vstate_ident *id)
{
	struct bh_vstate_ident want;
	struct bh_vstate *s;
	const char *why = NULL;
	struct stat st;
	int fd;

	memset(f, 0, sizeof(*f));
	memset(&want, 0, sizeof(want));
	want.cell_id = id->cell_id;
	want.num_devices = id->num_devices < BULKHEAD_MAX_VIRTIO_DEVICES ?
		id->num_devices : BULKHEAD_MAX_VIRTIO_DEVICES;
	want.cell_nonce = id->cell_nonce;
	want.pool_address = id->pool_address;
	want.pool_size = id->pool_size;
	memcpy(want.devices, id->devices, want.num_devices * sizeof(want.devices[0]));

	fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0) {
		s = NULL;
		if (fstat(fd, &st) || !S_ISREG(st.st_mode))
			why = "not a regular file";
		else if (st.st_size != sizeof(*s))
			why = "another layout (size)";
		else if (!(s = map_state(fd)))
			why = strerror(errno);
		else if (s->magic != BH_VSTATE_MAGIC || s->version != BH_VSTATE_VERSION ||
			 s->size != sizeof(*s))
			why = "another layout (version)";
		else if (s->ident.cell_id != want.cell_id)
			why = "of another cell id";
		else if (memcmp(&s->ident, &want, sizeof(want)))
			why = "of an earlier cell of this id, or its devices or pool differ";
		if (!why) {
			f->s = s;
			f->st_dev = st.st_dev;
			f->st_ino = st.st_ino;
			close(fd);
			return 1;
		}
		if (s)
			munmap(s, sizeof(*s));
		close(fd);
		bh_virtio_logf("%s: ignored (%s): the devices start from reset", path, why);
		if (unlink(path) && errno != ENOENT) {
			bh_virtio_logf("%s: cannot remove it: %s; no restart state kept",
				       path, strerror(errno));
			return -1;
		}
	} else if (errno != ENOENT) {
		bh_virtio_logf("%s: %s; no restart state kept", path, strerror(errno));
		return -1;
	}
	/* A new inode: an ending backend of an old cell removes only its own. */
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || ftruncate(fd, sizeof(*s)) || fstat(fd, &st) || !(s = map_state(fd))) {
		bh_virtio_logf("%s: cannot create it: %s; no restart state kept", path,
			       strerror(errno));
		if (fd >= 0) {
			unlink(path);
			close(fd);
		}
		return -1;
	}
	close(fd);
	s->version = BH_VSTATE_VERSION;
	s->size = sizeof(*s);
	s->ident = want;
	__atomic_store_n(&s->magic, BH_VSTATE_MAGIC, __ATOMIC_RELEASE);
	f->s = s;
	f->st_dev = st.st_dev;
	f->st_ino = st.st_ino;
	return 0;
}

void bh_vstate_close(struct bh_vstate_file *f, const char *path, int remove)
{
	if (!f->s)
		return;
	if (remove && still_ours(f, path))
		unlink(path);
	munmap(f->s, sizeof(*f->s));
	f->s = NULL;
}
