// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead: enabled, mem_pool_size and mem_pool_used (pages,
 * as Jailhouse reports them), and statistics/cpuN/vmexits_<reason>: exits
 * to the hypervisor per CPU and reason, counted since enable.
 */
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "bulkhead.h"

static const char *const exit_names[] = BULKHEAD_EXIT_NAMES;
static struct kobject *statistics_kobj;
static struct kobject *cpu_kobjs[BULKHEAD_MAX_CPUS];

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", bulkhead.enabled);
}

static u64 read_shared(const __u64 *field)
{
	u64 value = 0;

	mutex_lock(&bulkhead.lock);
	if (bulkhead.shared)
		value = READ_ONCE(*field);
	mutex_unlock(&bulkhead.lock);
	return value;
}

static ssize_t mem_pool_size_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  bulkhead.shared ? read_shared(&bulkhead.shared->pool_pages) : 0);
}

static ssize_t mem_pool_used_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  bulkhead.shared ? read_shared(&bulkhead.shared->pool_used) : 0);
}

static DEVICE_ATTR_RO(enabled);
static DEVICE_ATTR_RO(mem_pool_size);
static DEVICE_ATTR_RO(mem_pool_used);

static struct attribute *bulkhead_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	NULL,
};

static const struct attribute_group bulkhead_group = {
	.attrs = bulkhead_attrs,
};

static ssize_t exits_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	unsigned int reason = bulkhead_exit_reason(attr), cpu;
	u64 count = 0;

	if (kstrtouint(kobject_name(kobj) + 3, 10, &cpu) || cpu >= BULKHEAD_MAX_CPUS)
		return -EINVAL;
	mutex_lock(&bulkhead.lock);
	if (bulkhead.shared)
		count = READ_ONCE(bulkhead.shared->exits[cpu][reason]);
	mutex_unlock(&bulkhead.lock);
	return sysfs_emit(buf, "%llu\n", count);
}

static struct bulkhead_exit_group cpu_exits;

void bulkhead_exit_group_init(struct bulkhead_exit_group *g,
			      ssize_t (*show)(struct kobject *kobj,
					      struct kobj_attribute *attr,
					      char *buf))
{
	unsigned int n;

	for (n = 0; n < BULKHEAD_EXIT_MAX; n++) {
		snprintf(g->names[n], sizeof(g->names[n]), "vmexits_%s",
			 exit_names[n]);
		sysfs_attr_init(&g->attrs[n].attr.attr);
		g->attrs[n].attr.attr.name = g->names[n];
		g->attrs[n].attr.attr.mode = 0444;
		g->attrs[n].attr.show = show;
		g->attrs[n].reason = n;
		g->list[n] = &g->attrs[n].attr.attr;
	}
	g->list[BULKHEAD_EXIT_MAX] = NULL;
	g->group.attrs = g->list;
}

static void remove_statistics(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < BULKHEAD_MAX_CPUS; cpu++) {
		if (!cpu_kobjs[cpu])
			continue;
		sysfs_remove_group(cpu_kobjs[cpu], &cpu_exits.group);
		kobject_put(cpu_kobjs[cpu]);
		cpu_kobjs[cpu] = NULL;
	}
	kobject_put(statistics_kobj);
	statistics_kobj = NULL;
}

static int create_statistics(void)
{
	unsigned int cpu;
	char name[16];
	int err;

	bulkhead_exit_group_init(&cpu_exits, exits_show);
	statistics_kobj = kobject_create_and_add("statistics", &bulkhead.dev->kobj);
	if (!statistics_kobj)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		if (cpu >= BULKHEAD_MAX_CPUS)
			break;
		snprintf(name, sizeof(name), "cpu%u", cpu);
		cpu_kobjs[cpu] = kobject_create_and_add(name, statistics_kobj);
		if (!cpu_kobjs[cpu])
			return -ENOMEM;
		err = sysfs_create_group(cpu_kobjs[cpu], &cpu_exits.group);
		if (err)
			return err;
	}
	return 0;
}

int bulkhead_sysfs_init(void)
{
	int err;

	bulkhead.dev = root_device_register("bulkhead");
	if (IS_ERR(bulkhead.dev))
		return PTR_ERR(bulkhead.dev);
	err = sysfs_create_group(&bulkhead.dev->kobj, &bulkhead_group);
	if (!err)
		err = create_statistics();
	if (!err)
		err = bulkhead_cells_init(&bulkhead.dev->kobj);
	if (err)
		bulkhead_sysfs_exit();
	return err;
}

void bulkhead_sysfs_exit(void)
{
	bulkhead_cells_exit();
	remove_statistics();
	sysfs_remove_group(&bulkhead.dev->kobj, &bulkhead_group);
	root_device_unregister(bulkhead.dev);
}
