// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead driver: the root Linux's side of the hypervisor.
 *
 * /dev/bulkhead takes the CLI's requests (enable, disable, cells, the
 * machine checks of `bulkhead hardware check`) and streams the hypervisor
 * console; /dev/bulkhead-virtio serves virtio backends (virtio.c);
 * /sys/devices/bulkhead shows the state. The hypervisor is
 * disabled on module unload and on reboot, so Linux never goes down with
 * CPUs still under it.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/reboot.h>
#include <linux/uaccess.h>

#include <bulkhead/ioctl.h>

#include "bulkhead.h"

static long cell_ioctl(unsigned int cmd, unsigned long arg)
{
	struct bulkhead_config_arg config;
	struct bulkhead_cell_load load;
	struct bulkhead_cpu_dump_arg dump;
	long err;

	mutex_lock(&bulkhead.lock);
	if (!bulkhead.enabled) {
		pr_err("bulkhead: not enabled: enable it first (bulkhead enable)\n");
		err = -EINVAL;
		goto out;
	}
	switch (cmd) {
	case BULKHEAD_CELL_CREATE:
		err = -EFAULT;
		if (!copy_from_user(&config, (void __user *)arg, sizeof(config)))
			err = bulkhead_cell_create(u64_to_user_ptr(config.address),
						   config.size);
		break;
	case BULKHEAD_CELL_LOAD:
		err = -EFAULT;
		if (!copy_from_user(&load, (void __user *)arg, sizeof(load)))
			err = bulkhead_cell_load(&load);
		break;
	case BULKHEAD_CPU_DUMP:
		err = -EFAULT;
		if (!copy_from_user(&dump, (void __user *)arg, sizeof(dump)))
			err = bulkhead_cpu_dump(&dump);
		break;
	default:
		/* An id above 32 bits names no cell, not the one its low bits do. */
		if (arg > UINT_MAX) {
			pr_err("bulkhead: no cell has id %#lx\n", arg);
			err = -ENOENT;
			break;
		}
		if (arg == 0) {
			pr_err("bulkhead: the root cell (id 0) cannot be started, shut down or destroyed; bulkhead disable hands everything back\n");
			err = -EINVAL;
			break;
		}
		err = bulkhead_cell_simple(cmd, arg);
	}
out:
	mutex_unlock(&bulkhead.lock);
	return err;
}

static long bulkhead_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	struct bulkhead_config_arg config;
	struct bulkhead_hw_check hw;

	switch (cmd) {
	case BULKHEAD_HW_CHECK:
		bulkhead_hw_check(&hw);
		return copy_to_user((void __user *)arg, &hw, sizeof(hw)) ?
			-EFAULT : 0;
	case BULKHEAD_ENABLE:
		if (copy_from_user(&config, (void __user *)arg, sizeof(config)))
			return -EFAULT;
		return bulkhead_enable(u64_to_user_ptr(config.address),
				       config.size);
	case BULKHEAD_DISABLE:
		return bulkhead_disable(false);
	case BULKHEAD_CELL_CREATE:
	case BULKHEAD_CELL_LOAD:
	case BULKHEAD_CELL_START:
	case BULKHEAD_CELL_SHUTDOWN:
	case BULKHEAD_CELL_DESTROY:
	case BULKHEAD_CPU_DUMP:
		return cell_ioctl(cmd, arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations bulkhead_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = bulkhead_ioctl,
	.compat_ioctl = bulkhead_ioctl,
	.read = bulkhead_console_read,
	.llseek = default_llseek,
};

static struct miscdevice bulkhead_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bulkhead_fops,
};

static int bulkhead_reboot(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	if (bulkhead.enabled)
		bulkhead_disable(true);
	return NOTIFY_DONE;
}

static struct notifier_block bulkhead_reboot_nb = {
	.notifier_call = bulkhead_reboot,
};

static int __init bulkhead_init(void)
{
	int err;

	err = bulkhead_sysfs_init();
	if (err) {
		pr_err("bulkhead: cannot create /sys/devices/bulkhead: %d\n", err);
		return err;
	}
	err = misc_register(&bulkhead_misc);
	if (err) {
		pr_err("bulkhead: cannot register /dev/bulkhead: %d\n", err);
		goto err_sysfs;
	}
	err = bulkhead_virtio_init();
	if (err) {
		pr_err("bulkhead: cannot register /dev/bulkhead-virtio: %d\n", err);
		goto err_misc;
	}
	err = register_reboot_notifier(&bulkhead_reboot_nb);
	if (err)
		goto err_virtio;
	pr_info("bulkhead: driver loaded, /dev/bulkhead ready\n");
	return 0;

err_virtio:
	bulkhead_virtio_exit();
err_misc:
	misc_deregister(&bulkhead_misc);
err_sysfs:
	bulkhead_sysfs_exit();
	return err;
}

static void __exit bulkhead_exit(void)
{
	unregister_reboot_notifier(&bulkhead_reboot_nb);
	if (bulkhead.enabled)
		bulkhead_disable(true);
	bulkhead_virtio_exit();
	misc_deregister(&bulkhead_misc);
	bulkhead_sysfs_exit();
	bulkhead_release_memory();
	pr_info("bulkhead: driver unloaded\n");
}

module_init(bulkhead_init);
module_exit(bulkhead_exit);

MODULE_DESCRIPTION("bulkhead static partitioning hypervisor driver");
MODULE_LICENSE("GPL");
