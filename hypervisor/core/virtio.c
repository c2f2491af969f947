// SPDX-License-Identifier: GPL-2.0
/*
 * Virtio devices root serves to cells: the hypervisor only carries a cell's
 * register accesses to root's backend and back (include/bulkhead/virtio.h).
 *
 * The device's data never passes here: the cell's driver puts rings and
 * buffers in its VIRTIO_POOL region, which root keeps mapped, and the
 * backend works on them directly. What passes here must not let a backend
 * hold a cell hostage, so every wait is bounded: a backend that does not
 * answer in time takes its device offline, and the cell sees a broken
 * device (reads all ones) instead of a frozen CPU.
 */
#include <bulkhead/config-check.h>
#include <bulkhead/virtio.h>
#include <core/arch.h>
#include <core/cell.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <core/virtio.h>

#define VIRTIO_CONFIG_SPACE	0x100
#define VIRTIO_WINDOW		0x1000

static struct bulkhead_virtio_channel *channel;
static u64 channel_phys;

static u32 notify_irq(void)
{
	return hypervisor.config->irqchip.virtio_notify_irq;
}

static const struct bulkhead_virtio_device *
device_desc(const struct cell_virtio *dev)
{
	return &bulkhead_cell_virtio(dev->cell->desc)[dev->index];
}

/* The accesses the virtio-mmio transport defines; anything else is a bug. */
static bool access_valid(const struct mmio_access *access, u64 offset)
{
	if (offset & (access->size - 1))
		return false;
	if (offset < VIRTIO_CONFIG_SPACE)
		return access->size == 4;
	return access->size <= 4;
}

static u64 all_ones(unsigned int size)
{
	return size < 8 ? BIT(size * 8) - 1 : ~0ULL;
}

static void go_offline(struct cell_virtio *dev)
{
	const struct bulkhead_virtio_device *desc = device_desc(dev);

	dev->online = false;
	printk("bulkhead: cell \"%s\": virtio %s device %u at 0x%llx: root's backend did not answer within %u ms; the device is offline until a backend serves it again (bulkhead cell virtio)\n",
	       dev->cell->desc->name, bulkhead_virtio_type_name(desc->type),
	       dev->index, desc->address, BULKHEAD_VIRTIO_TIMEOUT_MS);
}

/* Post the access in this CPU's slot and wait for the backend's answer. */
static bool ask_backend(struct cell_virtio *dev, struct mmio_access *access,
			u64 offset)
{
	struct bulkhead_virtio_request *slot = &channel->slot[access->cpu_id];
	u64 start, timeout = BULKHEAD_VIRTIO_TIMEOUT_MS * 1000000ULL;
	u32 seq;

	slot->cell_id = dev->cell->id;
	slot->device = dev->index;
	slot->size = access->size;
	slot->offset = offset;
	slot->is_write = access->is_write;
	slot->value = access->is_write ? access->value : 0;
	seq = READ_ONCE(slot->seq) + 1;
	/* The fields before the sequence number that says they are there. */
	memory_barrier();
	WRITE_ONCE(slot->seq, seq);
	memory_barrier();
	arch_virtio_raise(&root_cell, notify_irq());

	start = arch_time_ns();
	while (READ_ONCE(slot->done) != seq) {
		if (arch_time_ns() - start > timeout)
			return false;
	}
	memory_barrier();
	if (!access->is_write)
		access->value = READ_ONCE(slot->value) & all_ones(access->size);
	return true;
}

static enum mmio_result virtio_access(void *arg, struct mmio_access *access)
{
	struct cell_virtio *dev = arg;
	u64 offset = access->address - device_desc(dev)->address;

	if (!access_valid(access, offset))
		return MMIO_DENIED;
	if (!READ_ONCE(channel) || !dev->online) {
		if (!access->is_write)
			access->value = all_ones(access->size);
		return MMIO_HANDLED;
	}
	if (!ask_backend(dev, access, offset)) {
		go_offline(dev);
		if (!access->is_write)
			access->value = all_ones(access->size);
	}
	return MMIO_HANDLED;
}

int virtio_cell_init(struct cell *cell)
{
	const struct bulkhead_virtio_device *desc =
		bulkhead_cell_virtio(cell->desc);
	unsigned int n;
	int err;

	if (cell == &root_cell)
		return 0;
	if (cell->desc->num_virtio_devices && !channel)
		printk("bulkhead: cell \"%s\" has virtio devices, but root registered no virtio channel (is irqchip.virtio_notify_irq set?): they stay offline\n",
		       cell->desc->name);
	for (n = 0; n < cell->desc->num_virtio_devices; n++) {
		cell->virtio[n].cell = cell;
		cell->virtio[n].index = n;
		/* Offline until a backend says it serves the device. */
		cell->virtio[n].online = false;
		err = mmio_region_register(cell, desc[n].address, VIRTIO_WINDOW,
					   virtio_access, &cell->virtio[n]);
		if (err)
			return err;
	}
	return 0;
}

/* The channel page must never become part of a cell. */
bool virtio_channel_overlaps(u64 phys, u64 size)
{
	return channel && phys < channel_phys + PAGE_SIZE &&
	       channel_phys < phys + size;
}

long virtio_set_channel(u64 address, bool cells_with_virtio)
{
	u64 phys, probe;
	void *page;

	if (!address) {
		if (cells_with_virtio)
			return -EBUSY;
		if (channel)
			arch_unmap_phys(channel_phys, PAGE_SIZE);
		WRITE_ONCE(channel, NULL);
		return 0;
	}
	if (!notify_irq()) {
		printk("bulkhead: virtio channel refused: the system config has no irqchip.virtio_notify_irq\n");
		return -ENODEV;
	}
	phys = root_ram_phys(address, PAGE_SIZE, true);
	if (!phys || (address & (PAGE_SIZE - 1))) {
		printk("bulkhead: virtio channel at 0x%llx refused: not a page of root RAM\n",
		       address);
		return -EINVAL;
	}
	if (channel)
		return -EBUSY;
	page = arch_map_phys(phys, PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	/* Memory that faults would fault us at every request: tried once here. */
	if (arch_copy_guarded(&probe, page, sizeof(probe)) ||
	    arch_copy_guarded(page, &probe, sizeof(probe))) {
		arch_unmap_phys(phys, PAGE_SIZE);
		report_root_memory_fault("virtio channel", address);
		return -EFAULT;
	}
	channel_phys = phys;
	WRITE_ONCE(channel, page);
	return 0;
}

static struct cell_virtio *device_of(struct cell *cell, u64 index)
{
	if (!cell || cell == &root_cell ||
	    index >= cell->desc->num_virtio_devices)
		return NULL;
	return &cell->virtio[index];
}

long virtio_inject(struct cell *cell, u64 index)
{
	struct cell_virtio *dev = device_of(cell, index);

	if (!dev)
		return -EINVAL;
	arch_virtio_raise(cell, device_desc(dev)->irq);
	return 0;
}

long virtio_set_online(struct cell *cell, u64 index)
{
	struct cell_virtio *dev = device_of(cell, index);

	if (!dev)
		return -EINVAL;
	if (!channel)
		return -ENODEV;
	dev->online = true;
	return 0;
}
