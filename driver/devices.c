// SPDX-License-Identifier: GPL-2.0
/*
 * Devices that move to a cell: root Linux must stop driving a device
 * before a cell owns its registers, or both would program it. When a cell
 * is created, root's drivers are released from the platform and AMBA
 * devices whose registers lie in the cell's IO regions; when it is
 * destroyed, they are attached again (the driver probes and resets the
 * device, and asks for its interrupt again, which the hypervisor hands
 * back disabled). ARM's PrimeCell devices (PL011, PL031, PL061) sit on
 * the AMBA bus: root's PL031 driver kept the RTC while a cell owned it,
 * and never got its interrupt back (tests/system/29-irq-handover.sh).
 */
#include <linux/amba/bus.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "bulkhead.h"

struct released_device {
	struct list_head entry;
	struct device *dev;
};

struct match {
	const struct bulkhead_cell_desc *config;
	struct list_head *released;
	int err;
};

static bool in_cell_io(const struct bulkhead_cell_desc *config,
		       const struct resource *res)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(config);
	unsigned int n;

	for (n = 0; n < config->num_memory_regions; n++, mem++)
		if ((mem->flags & BULKHEAD_MEM_IO) && res->start >= mem->phys_start &&
		    res->end < mem->phys_start + mem->size)
			return true;
	return false;
}

/* The device's (first) register range, on the buses devices move from. */
static const struct resource *device_registers(struct device *dev)
{
	if (IS_ENABLED(CONFIG_ARM_AMBA) && dev->bus == &amba_bustype)
		return &to_amba_device(dev)->res;
	if (dev->bus == &platform_bus_type)
		return platform_get_resource(to_platform_device(dev),
					     IORESOURCE_MEM, 0);
	return NULL;
}

static int release_one(struct device *dev, void *data)
{
	struct match *match = data;
	struct released_device *rd;
	const struct resource *res = device_registers(dev);

	if (!res || !dev->driver || !in_cell_io(match->config, res))
		return 0;
	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (!rd) {
		match->err = -ENOMEM;
		return -ENOMEM;
	}
	dev_info(dev, "bulkhead: handing the device to cell \"%s\"\n",
		 match->config->name);
	rd->dev = get_device(dev);
	device_release_driver(dev);
	list_add_tail(&rd->entry, match->released);
	return 0;
}

int bulkhead_release_devices(const struct bulkhead_cell_desc *config,
			     struct list_head *released)
{
	struct match match = { config, released, 0 };

	bus_for_each_dev(&platform_bus_type, NULL, &match, release_one);
	if (IS_ENABLED(CONFIG_ARM_AMBA) && !match.err)
		bus_for_each_dev(&amba_bustype, NULL, &match, release_one);
	return match.err;
}

void bulkhead_reattach_devices(struct list_head *released)
{
	struct released_device *rd, *tmp;

	list_for_each_entry_safe(rd, tmp, released, entry) {
		if (device_attach(rd->dev) < 0)
			dev_err(rd->dev, "bulkhead: no driver took the device back\n");
		put_device(rd->dev);
		list_del(&rd->entry);
		kfree(rd);
	}
}
