/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DRIVER_BULKHEAD_H
#define _DRIVER_BULKHEAD_H

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <bulkhead/cell-config.h>
#include <bulkhead/hypervisor.h>

struct bulkhead_state {
	/* Serializes enable, disable and everything that reads the state. */
	struct mutex lock;
	bool enabled;
	struct device *dev;
	/* The hypervisor memory, mapped uncached while it is in use. */
	void *memory;
	phys_addr_t memory_phys;
	size_t memory_size;
	struct bulkhead_shared *shared;
	unsigned long entry_phys;
	/* The system config in force while enabled. */
	struct bulkhead_system *system_config;
};

struct bulkhead_cell_load;
struct bulkhead_cpu_dump_arg;
struct irq_fwspec;

struct bulkhead_cell {
	struct list_head entry;
	struct kobject kobj;
	struct kobject *statistics;
	unsigned int id;
	struct bulkhead_cell_desc *config;
	size_t config_size;
	/* By the configs' numbers (hart ids on riscv64), not Linux's. */
	struct cpumask cpus;
	/* CPUs the driver took offline for the cell, to bring back. */
	struct cpumask cpus_taken;
	/* Root's devices whose drivers were released for the cell. */
	struct list_head released_devices;
};

/*
 * A group of vmexits_<reason> attributes, one per exit reason, whose show
 * function finds the reason in the attribute (sysfs.c).
 */
struct bulkhead_exit_attribute {
	struct kobj_attribute attr;
	unsigned int reason;
};

struct bulkhead_exit_group {
	struct bulkhead_exit_attribute attrs[BULKHEAD_EXIT_MAX];
	char names[BULKHEAD_EXIT_MAX][32];
	struct attribute *list[BULKHEAD_EXIT_MAX + 1];
	struct attribute_group group;
};

void bulkhead_exit_group_init(struct bulkhead_exit_group *g,
			      ssize_t (*show)(struct kobject *kobj,
					      struct kobj_attribute *attr,
					      char *buf));

static inline unsigned int bulkhead_exit_reason(struct kobj_attribute *attr)
{
	return container_of(attr, struct bulkhead_exit_attribute, attr)->reason;
}

/* devices.c */
int bulkhead_release_devices(const struct bulkhead_cell_desc *config,
			     struct list_head *released);
void bulkhead_reattach_devices(struct list_head *released);

extern struct bulkhead_state bulkhead;

int bulkhead_enable(const void __user *config, size_t size);
/* destroy_cells: for unload and reboot; the CLI refuses while cells exist. */
int bulkhead_disable(bool destroy_cells);
void bulkhead_release_memory(void);

int bulkhead_sysfs_init(void);
void bulkhead_sysfs_exit(void);

/* cell.c; all called with bulkhead.lock held and the hypervisor enabled. */
int bulkhead_cell_create(const void __user *config, size_t size);
int bulkhead_cell_load(const struct bulkhead_cell_load *load);
int bulkhead_cell_simple(unsigned int cmd, unsigned int id);
int bulkhead_cpu_dump(const struct bulkhead_cpu_dump_arg *arg);
bool bulkhead_cells_exist(void);
const struct bulkhead_cell_desc *bulkhead_cell_config(unsigned int id);
int bulkhead_root_cell_add(void);
void bulkhead_root_cell_remove(void);
void bulkhead_destroy_all_cells(void);
int bulkhead_cells_init(struct kobject *parent);
void bulkhead_cells_exit(void);

/*
 * virtio.c: /dev/bulkhead-virtio. enable, stop and free are called with
 * bulkhead.lock held: enable once the hypervisor runs, stop while it still
 * runs and no cell exists, free once every CPU left it. cell_gone after the
 * hypervisor destroyed cell id (bulkhead.lock held).
 */
int bulkhead_virtio_init(void);
void bulkhead_virtio_exit(void);
void bulkhead_virtio_enable(void);
void bulkhead_virtio_stop(void);
void bulkhead_virtio_free(void);
void bulkhead_virtio_cell_gone(unsigned int id);

u64 bulkhead_console_mark(void);
/* A management hypercall; when it fails, the hypervisor's reason is logged. */
long bulkhead_hypercall_relayed(unsigned long code, unsigned long arg1,
				unsigned long arg2);
void bulkhead_console_relay(u64 mark);
ssize_t bulkhead_console_read(struct file *file, char __user *buf,
			      size_t count, loff_t *ppos);

/*
 * A check of the machine that enable runs before it touches a CPU, and
 * BULKHEAD_HW_CHECK without enabling. run() returns 0 when the check passes,
 * else the error enable fails with; with report set it logs why and how to
 * fix it (enable), else nothing (the ioctl). *detail: see the id's
 * definition in hw-check.h. needs: BIT(id) of checks that must pass before
 * this one may run; they come earlier in the table.
 */
struct bulkhead_arch_check {
	u16 id;			/* BULKHEAD_HW_* */
	bool advisory;		/* reported, never refuses enable */
	u32 needs;
	int (*run)(bool report, u64 *detail);
};

/* hw-check.c */
int bulkhead_check_machine(void);
struct bulkhead_hw_check;
void bulkhead_hw_check(struct bulkhead_hw_check *result);

/* Implemented per architecture (arch-<arch>.c). */
extern const u16 bulkhead_arch_id;
extern const char *const bulkhead_firmware_name;
/* Enable's order: the first failure is the one it reports. */
extern const struct bulkhead_arch_check bulkhead_arch_checks[];
extern const unsigned int bulkhead_arch_num_checks;
/*
 * The number configs give Linux CPU cpu (cpu_set bits, the hypervisor's
 * CPU ids): arm64 numbers them as Linux does, riscv64 by hart id, since
 * Linux's numbering there depends on which hart happened to boot.
 */
unsigned int bulkhead_arch_cpu_id(unsigned int cpu);
int bulkhead_linux_cpu(unsigned int id);
extern const char *const bulkhead_arch_cpu_id_name;
long bulkhead_arch_enter_cpu(unsigned long entry, unsigned int cpu,
			     phys_addr_t base, size_t config_size);
long bulkhead_arch_disable_cpu(void);
long bulkhead_arch_hypercall(unsigned long code, unsigned long arg1,
			     unsigned long arg2);
/*
 * Whether a validated system config fits the machine as root's device tree
 * describes it: its irqchip is the one the machine has, where it has it.
 * Called by enable after bulkhead_check_machine(), before any CPU enters;
 * on a mismatch it logs the field, what the machine has and the fix.
 */
int bulkhead_arch_check_config(const struct bulkhead_system *config);
/*
 * The fwspec of root's interrupt line (irqchip.virtio_notify_irq) at root's
 * interrupt controller; on success fwspec->fwnode holds a reference to the
 * controller's device tree node, which the caller puts. On failure it logs
 * why virtio is unavailable.
 */
int bulkhead_arch_notify_fwspec(u32 line, struct irq_fwspec *fwspec);

/* riscv-entry.S */
long bulkhead_riscv_enter(unsigned long cpu, unsigned long base,
			  unsigned long config_size, unsigned long boot_satp,
			  unsigned long entry, unsigned long flags,
			  unsigned long timebase);
long bulkhead_riscv_hypercall(unsigned long code, unsigned long arg1,
			      unsigned long arg2);

#endif
