// SPDX-License-Identifier: GPL-2.0
/*
 * Cells, as the root Linux sees them: the driver takes a cell's CPUs from
 * Linux before the hypervisor creates it and gives them back after it is
 * destroyed, copies images into the cell's memory, and shows each cell in
 * /sys/devices/bulkhead/cells/<id>/.
 */
#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>

#include <bulkhead/comm-region.h>
#include <bulkhead/config-check.h>
#include <bulkhead/cpu-dump.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>

#include "bulkhead.h"

static LIST_HEAD(cells);
static struct kobject *cells_kobj;
/*
 * The root cell, shown as cells/0 as in Jailhouse, so scripts that walk
 * cells/ see it. It is not on the list: no lifecycle request applies to it.
 */
static struct bulkhead_cell *root_cell;

static const char *const state_names[] = {
	[BULKHEAD_CELL_STATE_RUNNING] = "running",
	[BULKHEAD_CELL_STATE_RUNNING_LOCKED] = "running/locked",
	[BULKHEAD_CELL_STATE_SHUT_DOWN] = "shut down",
	[BULKHEAD_CELL_STATE_FAILED] = "failed",
};

static struct bulkhead_cell *cell_of(struct kobject *kobj)
{
	return container_of(kobj, struct bulkhead_cell, kobj);
}

static struct bulkhead_cell *find_cell(unsigned int id)
{
	struct bulkhead_cell *cell;

	list_for_each_entry(cell, &cells, entry)
		if (cell->id == id)
			return cell;
	return NULL;
}

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", cell_of(kobj)->config->name);
}

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	long state = BULKHEAD_CELL_STATE_RUNNING;

	if (cell_of(kobj) != root_cell)
		state = bulkhead_arch_hypercall(BULKHEAD_HC_CELL_GET_STATE,
						cell_of(kobj)->id, 0);
	if (state < 0 || state >= ARRAY_SIZE(state_names))
		return sysfs_emit(buf, "unknown\n");
	return sysfs_emit(buf, "%s\n", state_names[state]);
}

static ssize_t cpus_assigned_list_show(struct kobject *kobj,
				       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(&cell_of(kobj)->cpus));
}

static ssize_t cpus_failed_list_show(struct kobject *kobj,
				     struct kobj_attribute *attr, char *buf)
{
	long failed = 0;
	unsigned long bits;

	if (cell_of(kobj) != root_cell)
		failed = bulkhead_arch_hypercall(BULKHEAD_HC_CELL_FAILED_CPUS,
						 cell_of(kobj)->id, 0);
	bits = failed > 0 ? failed : 0;

	return sysfs_emit(buf, "%*pbl\n", BULKHEAD_MAX_CPUS, &bits);
}

static struct kobj_attribute cell_attrs[] = {
	__ATTR_RO(name),
	__ATTR_RO(state),
	__ATTR_RO(cpus_assigned_list),
	__ATTR_RO(cpus_failed_list),
};

static struct attribute *cell_attr_attrs[] = {
	&cell_attrs[0].attr, &cell_attrs[1].attr, &cell_attrs[2].attr,
	&cell_attrs[3].attr, NULL,
};
ATTRIBUTE_GROUPS(cell_attr);

/* Exits of the cell's CPUs, counted since enable, summed. */
static ssize_t cell_exits_show(struct kobject *kobj, struct kobj_attribute *attr,
			       char *buf)
{
	struct bulkhead_cell *cell = cell_of(kobj->parent);
	unsigned int reason = bulkhead_exit_reason(attr), cpu;
	u64 sum = 0;

	if (bulkhead.shared)
		for_each_cpu(cpu, &cell->cpus)
			sum += READ_ONCE(bulkhead.shared->exits[cpu][reason]);
	return sysfs_emit(buf, "%llu\n", sum);
}

static struct bulkhead_exit_group cell_exits;

static int add_statistics(struct bulkhead_cell *cell)
{
	if (!cell_exits.group.attrs)
		bulkhead_exit_group_init(&cell_exits, cell_exits_show);
	cell->statistics = kobject_create_and_add("statistics", &cell->kobj);
	if (!cell->statistics)
		return -ENOMEM;
	return sysfs_create_group(cell->statistics, &cell_exits.group);
}

static void remove_statistics(struct bulkhead_cell *cell)
{
	if (!cell->statistics)
		return;
	sysfs_remove_group(cell->statistics, &cell_exits.group);
	kobject_put(cell->statistics);
	cell->statistics = NULL;
}

static void cell_release(struct kobject *kobj)
{
	struct bulkhead_cell *cell = cell_of(kobj);

	kfree(cell->config);
	kfree(cell);
}

static const struct kobj_type cell_ktype = {
	.release = cell_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = cell_attr_groups,
};

/*
 * A cell's CPUs are kept by the configs' numbers (hart ids on riscv64),
 * which is what the hypervisor, its statistics and sysfs use; Linux's
 * numbers only matter when a CPU is taken from or given back to Linux.
 */
static void cpus_from_config(struct cpumask *cpus, u64 cpu_set)
{
	unsigned int id;

	for (id = 0; id < BULKHEAD_MAX_CPUS; id++)
		if (cpu_set & BIT_ULL(id))
			cpumask_set_cpu(id, cpus);
}

/* Linux's numbers of the cell's CPUs that Linux has online. */
static void linux_cpus_online(const struct cpumask *ids, struct cpumask *cpus)
{
	unsigned int id;
	int cpu;

	cpumask_clear(cpus);
	for_each_cpu(id, ids) {
		cpu = bulkhead_linux_cpu(id);
		if (cpu >= 0 && cpu_online(cpu))
			cpumask_set_cpu(cpu, cpus);
	}
}

/* Takes the cell's CPUs from Linux; on failure the taken ones come back. */
static int take_cpus(struct bulkhead_cell *cell)
{
	struct cpumask cpus;
	unsigned int cpu;
	int err;

	linux_cpus_online(&cell->cpus, &cpus);
	for_each_cpu(cpu, &cpus) {
		err = remove_cpu(cpu);
		if (err) {
			pr_err("bulkhead: cannot take CPU %u from Linux: %d\n",
			       cpu, err);
			return err;
		}
		cpumask_set_cpu(cpu, &cell->cpus_taken);
	}
	return 0;
}

static void return_cpus(struct bulkhead_cell *cell)
{
	unsigned int cpu;

	for_each_cpu(cpu, &cell->cpus_taken)
		if (add_cpu(cpu))
			pr_err("bulkhead: CPU %u did not come back online\n", cpu);
	cpumask_clear(&cell->cpus_taken);
}

/* A management hypercall; when it fails, the hypervisor's reason is logged. */
long bulkhead_hypercall_relayed(unsigned long code, unsigned long arg1,
				unsigned long arg2)
{
	u64 mark = bulkhead_console_mark();
	long ret = bulkhead_arch_hypercall(code, arg1, arg2);

	if (ret < 0)
		bulkhead_console_relay(mark);
	return ret;
}

static int check_cell_config(const struct bulkhead_cell_desc *config, size_t size)
{
	struct bulkhead_config_error err;
	char msg[200];

	if (bulkhead_check_cell(config, size, bulkhead.system_config, &err)) {
		bulkhead_config_error_format(&err, msg, sizeof(msg));
		pr_err("bulkhead: cell config rejected: %s\n", msg);
		return -EINVAL;
	}
	return 0;
}

int bulkhead_cell_create(const void __user *user_config, size_t size)
{
	struct cpumask taking;
	struct bulkhead_cell *cell;
	long id;
	int err;

	if (size > BULKHEAD_CONFIG_MAX_SIZE)
		return -E2BIG;
	cell = kzalloc(sizeof(*cell), GFP_KERNEL);
	if (!cell)
		return -ENOMEM;
	cell->config = memdup_user(user_config, size);
	if (IS_ERR(cell->config)) {
		err = PTR_ERR(cell->config);
		kfree(cell);
		return err;
	}
	cell->config_size = size;
	INIT_LIST_HEAD(&cell->released_devices);
	err = check_cell_config(cell->config, size);
	if (err)
		goto err_free;
	cpus_from_config(&cell->cpus, cell->config->cpu_set);

	linux_cpus_online(&cell->cpus, &taking);
	if (cpumask_equal(cpu_online_mask, &taking)) {
		pr_err("bulkhead: cell \"%s\" would take root Linux's last CPU\n",
		       cell->config->name);
		err = -EINVAL;
		goto err_free;
	}
	err = take_cpus(cell);
	if (!err)
		err = bulkhead_release_devices(cell->config, &cell->released_devices);
	if (err)
		goto err_cpus;
	id = bulkhead_hypercall_relayed(BULKHEAD_HC_CELL_CREATE,
			       virt_to_phys(cell->config), size);
	if (id < 0) {
		err = id;
		goto err_cpus;
	}
	cell->id = id;
	err = kobject_init_and_add(&cell->kobj, &cell_ktype, cells_kobj, "%u",
				   cell->id);
	if (!err)
		err = add_statistics(cell);
	list_add_tail(&cell->entry, &cells);
	if (err) {
		pr_err("bulkhead: no sysfs entry for cell %u: %d\n", cell->id, err);
		bulkhead_cell_simple(BULKHEAD_CELL_DESTROY, cell->id);
		return err;
	}
	if (root_cell)
		cpumask_andnot(&root_cell->cpus, &root_cell->cpus, &cell->cpus);
	pr_info("bulkhead: created cell \"%s\" (id %u, CPUs %*pbl)\n",
		cell->config->name, cell->id, cpumask_pr_args(&cell->cpus));
	return cell->id;

err_cpus:
	bulkhead_reattach_devices(&cell->released_devices);
	return_cpus(cell);
err_free:
	kfree(cell->config);
	kfree(cell);
	return err;
}

/* The physical address behind [addr, addr + size) of a LOADABLE region. */
static int loadable_phys(struct bulkhead_cell *cell, u64 addr, u64 size,
			 phys_addr_t *phys)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_memory_regions; n++, mem++) {
		if (!(mem->flags & BULKHEAD_MEM_LOADABLE) ||
		    addr < mem->virt_start || size > mem->size ||
		    addr - mem->virt_start > mem->size - size)
			continue;
		*phys = mem->phys_start + (addr - mem->virt_start);
		return 0;
	}
	pr_err("bulkhead: cell \"%s\": %#llx-%#llx is not inside a loadable region\n",
	       cell->config->name, addr, addr + size - 1);
	return -EINVAL;
}

static int load_image(struct bulkhead_cell *cell, const struct bulkhead_image *img)
{
	phys_addr_t phys;
	void *target;
	int err;

	if (!img->size)
		return 0;
	err = loadable_phys(cell, img->target_address, img->size, &phys);
	if (err)
		return err;
	/* Uncached: the cell starts with its MMU and caches off. */
	target = memremap(phys, img->size, MEMREMAP_WC);
	if (!target)
		return -ENOMEM;
	if (copy_from_user(target, u64_to_user_ptr(img->source_address), img->size))
		err = -EFAULT;
	memunmap(target);
	return err;
}

int bulkhead_cell_load(const struct bulkhead_cell_load *load)
{
	struct bulkhead_image *images;
	struct bulkhead_cell *cell = find_cell(load->id);
	unsigned int n;
	long err;

	if (!cell)
		return -ENOENT;
	if (load->num_images > BULKHEAD_MAX_IMAGES)
		return -E2BIG;
	images = memdup_user(u64_to_user_ptr(load->images_address),
			     load->num_images * sizeof(*images));
	if (IS_ERR(images))
		return PTR_ERR(images);
	err = bulkhead_hypercall_relayed(BULKHEAD_HC_CELL_SET_LOADABLE, cell->id, 0);
	for (n = 0; !err && n < load->num_images; n++)
		err = load_image(cell, &images[n]);
	kfree(images);
	return err;
}

int bulkhead_cell_simple(unsigned int cmd, unsigned int id)
{
	struct bulkhead_cell *cell = find_cell(id);
	long err;

	if (!cell)
		return -ENOENT;
	switch (cmd) {
	case BULKHEAD_CELL_START:
		return bulkhead_hypercall_relayed(BULKHEAD_HC_CELL_START, id, 0);
	case BULKHEAD_CELL_SHUTDOWN:
		return bulkhead_hypercall_relayed(BULKHEAD_HC_CELL_SHUTDOWN, id, 0);
	case BULKHEAD_CELL_DESTROY:
		err = bulkhead_hypercall_relayed(BULKHEAD_HC_CELL_DESTROY, id, 0);
		if (err)
			return err;
		list_del(&cell->entry);
		bulkhead_virtio_cell_gone(id);
		if (root_cell)
			cpumask_or(&root_cell->cpus, &root_cell->cpus, &cell->cpus);
		return_cpus(cell);
		bulkhead_reattach_devices(&cell->released_devices);
		remove_statistics(cell);
		pr_info("bulkhead: destroyed cell \"%s\"\n", cell->config->name);
		kobject_put(&cell->kobj);
		return 0;
	}
	return -ENOTTY;
}

/* The hypervisor fills the dump in root RAM; the caller gets a copy. */
int bulkhead_cpu_dump(const struct bulkhead_cpu_dump_arg *arg)
{
	struct bulkhead_cpu_dump *dump;
	long err;

	dump = kzalloc(sizeof(*dump), GFP_KERNEL);
	if (!dump)
		return -ENOMEM;
	err = bulkhead_hypercall_relayed(BULKHEAD_HC_CPU_DUMP, arg->cpu,
				virt_to_phys(dump));
	if (!err && copy_to_user(u64_to_user_ptr(arg->dump_address), dump,
				 sizeof(*dump)))
		err = -EFAULT;
	kfree(dump);
	return err;
}

/* cells/0 for the root cell, once enabled; called with bulkhead.lock held. */
int bulkhead_root_cell_add(void)
{
	const struct bulkhead_cell_desc *desc = &bulkhead.system_config->root_cell;
	struct bulkhead_cell *cell;
	int err;

	cell = kzalloc(sizeof(*cell), GFP_KERNEL);
	if (!cell)
		return -ENOMEM;
	cell->config = kmemdup(desc, sizeof(*desc), GFP_KERNEL);
	if (!cell->config) {
		kfree(cell);
		return -ENOMEM;
	}
	INIT_LIST_HEAD(&cell->released_devices);
	cpus_from_config(&cell->cpus, desc->cpu_set);
	err = kobject_init_and_add(&cell->kobj, &cell_ktype, cells_kobj, "0");
	if (!err)
		err = add_statistics(cell);
	if (err) {
		remove_statistics(cell);
		kobject_put(&cell->kobj);
		return err;
	}
	root_cell = cell;
	return 0;
}

void bulkhead_root_cell_remove(void)
{
	if (!root_cell)
		return;
	remove_statistics(root_cell);
	kobject_put(&root_cell->kobj);
	root_cell = NULL;
}

bool bulkhead_cells_exist(void)
{
	return !list_empty(&cells);
}

/* The config of cell id (not root's), NULL if there is no such cell. */
const struct bulkhead_cell_desc *bulkhead_cell_config(unsigned int id)
{
	struct bulkhead_cell *cell = find_cell(id);

	return cell ? cell->config : NULL;
}

void bulkhead_destroy_all_cells(void)
{
	struct bulkhead_cell *cell, *tmp;

	list_for_each_entry_safe(cell, tmp, &cells, entry)
		bulkhead_cell_simple(BULKHEAD_CELL_DESTROY, cell->id);
}

int bulkhead_cells_init(struct kobject *parent)
{
	cells_kobj = kobject_create_and_add("cells", parent);
	return cells_kobj ? 0 : -ENOMEM;
}

void bulkhead_cells_exit(void)
{
	kobject_put(cells_kobj);
}
