// SPDX-License-Identifier: GPL-2.0
/*
 * Enabling and disabling the hypervisor.
 *
 * Enable checks everything it can before touching any CPU: the config, the
 * machine and whether the config fits it, the reservation of the hypervisor
 * memory, the CPUs, the image. Then it copies
 * image and config into the hypervisor memory and enters the hypervisor on
 * one CPU after the other. If any CPU fails, the CPUs already entered leave
 * again, so Linux runs exactly as before.
 */
#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

#include <bulkhead/config-check.h>
#include <bulkhead/ioctl.h>

#include "bulkhead.h"

struct bulkhead_state bulkhead = {
	.lock = __MUTEX_INITIALIZER(bulkhead.lock),
};

struct enter_args {
	unsigned long entry;
	phys_addr_t base;
	size_t config_size;
	long result;
};

static void *load_config(const void __user *user, size_t size)
{
	struct bulkhead_config_error err;
	char msg[160];
	void *config;

	/* Smaller configs are copied and the validator says what is wrong. */
	if (size > BULKHEAD_CONFIG_MAX_SIZE) {
		pr_err("bulkhead: system config is %zu bytes, more than the %u a config can have\n",
		       size, BULKHEAD_CONFIG_MAX_SIZE);
		return ERR_PTR(-EINVAL);
	}
	config = memdup_user(user, size);
	if (IS_ERR(config))
		return config;
	if (bulkhead_check_system(config, size, &err)) {
		bulkhead_config_error_format(&err, msg, sizeof(msg));
		pr_err("bulkhead: system config rejected: %s\n", msg);
		kfree(config);
		return ERR_PTR(-EINVAL);
	}
	if (((struct bulkhead_system *)config)->architecture != bulkhead_arch_id) {
		pr_err("bulkhead: system config is for %s, this is %s\n",
		       bulkhead_arch_name(((struct bulkhead_system *)config)->architecture),
		       bulkhead_arch_name(bulkhead_arch_id));
		kfree(config);
		return ERR_PTR(-EINVAL);
	}
	return config;
}

static int check_memory(const struct bulkhead_memory *mem)
{
	if (region_intersects(mem->phys_start, mem->size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("bulkhead: hypervisor memory %#llx-%#llx is System RAM: reserve it from Linux with a no-map reserved-memory node in the device tree or with mem=\n",
		       mem->phys_start, mem->phys_start + mem->size - 1);
		return -EBUSY;
	}
	return 0;
}

/* The Linux CPU that the configs call id, or -1. */
int bulkhead_linux_cpu(unsigned int id)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (bulkhead_arch_cpu_id(cpu) == id)
			return cpu;
	return -1;
}

static int check_cpus(const struct bulkhead_system *config)
{
	u64 root_cpus = config->root_cell.cpu_set;
	unsigned int cpu, id;
	int linux_id;

	for_each_online_cpu(cpu) {
		id = bulkhead_arch_cpu_id(cpu);
		if (id >= BULKHEAD_MAX_CPUS || !(root_cpus & BIT_ULL(id))) {
			pr_err("bulkhead: CPU %u (%s %u) is online but not in the root cell's cpu_set %#llx\n",
			       cpu, bulkhead_arch_cpu_id_name, id, root_cpus);
			return -EINVAL;
		}
	}
	for (id = 0; id < BULKHEAD_MAX_CPUS; id++) {
		if (!(root_cpus & BIT_ULL(id)))
			continue;
		linux_id = bulkhead_linux_cpu(id);
		if (linux_id < 0) {
			pr_err("bulkhead: the root cell's cpu_set %#llx names %s %u, which this machine does not have\n",
			       root_cpus, bulkhead_arch_cpu_id_name, id);
			return -EINVAL;
		}
		if (!cpu_online(linux_id)) {
			pr_err("bulkhead: CPU %d of the root cell is offline: bring it online (echo 1 > /sys/devices/system/cpu/cpu%d/online)\n",
			       linux_id, linux_id);
			return -EINVAL;
		}
	}
	return 0;
}

static int check_image(const struct firmware *fw, const struct bulkhead_memory *mem,
		       size_t config_size)
{
	const struct bulkhead_image_header *hdr = (const void *)fw->data;

	if (fw->size < sizeof(*hdr) ||
	    memcmp(hdr->signature, BULKHEAD_IMAGE_SIGNATURE, sizeof(hdr->signature))) {
		pr_err("bulkhead: %s is not a bulkhead hypervisor image\n",
		       bulkhead_firmware_name);
		return -EINVAL;
	}
	if (hdr->revision != BULKHEAD_IMAGE_REVISION ||
	    hdr->architecture != bulkhead_arch_id ||
	    hdr->config_revision != BULKHEAD_CONFIG_REVISION) {
		pr_err("bulkhead: %s does not match this driver (image revision %u, arch %u, config revision %u; driver %u, %u, %u): install the image built with this module\n",
		       bulkhead_firmware_name, hdr->revision, hdr->architecture,
		       hdr->config_revision, BULKHEAD_IMAGE_REVISION,
		       bulkhead_arch_id, BULKHEAD_CONFIG_REVISION);
		return -EINVAL;
	}
	if (!hdr->entry || hdr->core_size < fw->size ||
	    hdr->shared_offset + hdr->shared_size > hdr->core_size) {
		pr_err("bulkhead: %s has an inconsistent header\n",
		       bulkhead_firmware_name);
		return -EINVAL;
	}
	if (PAGE_ALIGN(hdr->core_size) + PAGE_ALIGN(config_size) + SZ_1M > mem->size) {
		pr_err("bulkhead: hypervisor memory of %llu KiB is too small: the image needs %llu KiB plus the config and a page pool\n",
		       mem->size / 1024, hdr->core_size / 1024);
		return -ENOMEM;
	}
	return 0;
}

static int map_memory(const struct bulkhead_memory *mem)
{
	bulkhead_release_memory();
	/* Uncached: the hypervisor reads it with its MMU off. */
	bulkhead.memory = memremap(mem->phys_start, mem->size, MEMREMAP_WC);
	if (!bulkhead.memory) {
		pr_err("bulkhead: cannot map the hypervisor memory at %#llx\n",
		       mem->phys_start);
		return -ENOMEM;
	}
	bulkhead.memory_phys = mem->phys_start;
	bulkhead.memory_size = mem->size;
	return 0;
}

void bulkhead_release_memory(void)
{
	if (bulkhead.memory)
		memunmap(bulkhead.memory);
	bulkhead.memory = NULL;
	bulkhead.shared = NULL;
}

static void copy_image(const struct firmware *fw, const void *config,
		       size_t config_size)
{
	const struct bulkhead_image_header *hdr = (const void *)fw->data;
	size_t config_offset = PAGE_ALIGN(hdr->core_size);

	memcpy(bulkhead.memory, fw->data, fw->size);
	memset(bulkhead.memory + fw->size, 0, config_offset - fw->size);
	memcpy(bulkhead.memory + config_offset, config, config_size);
	bulkhead.shared = bulkhead.memory + hdr->shared_offset;
	bulkhead.entry_phys = bulkhead.memory_phys + hdr->entry;
	/* The hypervisor starts with its MMU off: all must be in memory. */
	wmb();
}

static void enter_cpu(void *data)
{
	struct enter_args *args = data;

	args->result = bulkhead_arch_enter_cpu(args->entry,
					       bulkhead_arch_cpu_id(smp_processor_id()),
					       args->base, args->config_size);
}

static void disable_cpu(void *data)
{
	long *result = data;

	*result = bulkhead_arch_disable_cpu();
}

static void leave_cpus(const struct cpumask *cpus)
{
	unsigned int cpu;
	long result;

	for_each_cpu(cpu, cpus) {
		smp_call_function_single(cpu, disable_cpu, &result, 1);
		if (result)
			pr_err("bulkhead: CPU %u failed to leave the hypervisor: %ld\n",
			       cpu, result);
	}
}

static int enter_all_cpus(size_t config_size)
{
	struct enter_args args = {
		.entry = bulkhead.entry_phys,
		.base = bulkhead.memory_phys,
		.config_size = config_size,
	};
	cpumask_var_t entered;
	unsigned int cpu;
	int err = 0;

	if (!zalloc_cpumask_var(&entered, GFP_KERNEL))
		return -ENOMEM;
	for_each_online_cpu(cpu) {
		smp_call_function_single(cpu, enter_cpu, &args, 1);
		if (args.result) {
			pr_err("bulkhead: CPU %u failed to enter the hypervisor: %ld; its console says why (bulkhead console)\n",
			       cpu, args.result);
			err = args.result < -MAX_ERRNO ? -EIO : (int)args.result;
			leave_cpus(entered);
			break;
		}
		cpumask_set_cpu(cpu, entered);
	}
	free_cpumask_var(entered);
	return err;
}

int bulkhead_enable(const void __user *user_config, size_t config_size)
{
	const struct bulkhead_system *config;
	const struct firmware *fw = NULL;
	int err;

	mutex_lock(&bulkhead.lock);
	if (bulkhead.enabled) {
		pr_err("bulkhead: already enabled; disable it first (bulkhead disable)\n");
		err = -EBUSY;
		goto out_unlock;
	}
	config = load_config(user_config, config_size);
	if (IS_ERR(config)) {
		err = PTR_ERR(config);
		goto out_unlock;
	}
	err = bulkhead_check_machine();
	if (!err)
		err = bulkhead_arch_check_config(config);
	if (!err)
		err = check_memory(&config->hypervisor_memory);
	if (err)
		goto out_free_config;

	err = request_firmware(&fw, bulkhead_firmware_name, bulkhead.dev);
	if (err) {
		pr_err("bulkhead: cannot load the hypervisor image /lib/firmware/%s: %d\n",
		       bulkhead_firmware_name, err);
		goto out_free_config;
	}
	err = check_image(fw, &config->hypervisor_memory, config_size);
	if (err)
		goto out_release_fw;

	cpus_read_lock();
	err = check_cpus(config);
	if (!err)
		err = map_memory(&config->hypervisor_memory);
	if (!err) {
		copy_image(fw, config, config_size);
		err = enter_all_cpus(config_size);
	}
	if (!err) {
		bulkhead.enabled = true;
		bulkhead.system_config = (struct bulkhead_system *)config;
		config = NULL;
		if (bulkhead_root_cell_add())
			pr_warn("bulkhead: no sysfs entry for the root cell (cells/0)\n");
		pr_info("bulkhead: enabled on %u CPUs, hypervisor at %#llx\n",
			num_online_cpus(), (u64)bulkhead.memory_phys);
	}
	cpus_read_unlock();
	/* Virtio failing leaves it unavailable, not enable failed. */
	if (!err)
		bulkhead_virtio_enable();

out_release_fw:
	release_firmware(fw);
out_free_config:
	kfree(config);
out_unlock:
	mutex_unlock(&bulkhead.lock);
	return err;
}

int bulkhead_disable(bool destroy_cells)
{
	int err = 0;

	mutex_lock(&bulkhead.lock);
	if (destroy_cells && bulkhead.enabled)
		bulkhead_destroy_all_cells();
	if (!bulkhead.enabled) {
		pr_err("bulkhead: not enabled\n");
		err = -EINVAL;
		goto out;
	}
	if (bulkhead_cells_exist()) {
		pr_err("bulkhead: cells exist: destroy them first (bulkhead cell destroy)\n");
		err = -EBUSY;
		goto out;
	}
	/* Gives up the channel while the hypervisor can still be told. */
	bulkhead_virtio_stop();
	cpus_read_lock();
	leave_cpus(cpu_online_mask);
	cpus_read_unlock();
	/* No hypervisor CPU writes the channel page any more. */
	bulkhead_virtio_free();
	bulkhead.enabled = false;
	bulkhead_root_cell_remove();
	kfree(bulkhead.system_config);
	bulkhead.system_config = NULL;
	pr_info("bulkhead: disabled\n");
out:
	mutex_unlock(&bulkhead.lock);
	return err;
}
