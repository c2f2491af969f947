// SPDX-License-Identifier: GPL-2.0
/*
 * Virtio: the driver's side of the devices root's backends serve to cells
 * (include/bulkhead/virtio.h for the protocol, ioctl.h for the interface).
 *
 * At enable, when the system config names irqchip.virtio_notify_irq, the
 * driver gives the hypervisor one zeroed page of root RAM as the channel
 * (BULKHEAD_HC_VIRTIO_CHANNEL; root's guest-physical addresses are its
 * physical ones) and requests the notify line as a Linux interrupt, mapped
 * through root's interrupt controller (arch-*.c: a GIC SPI, edge; a PLIC
 * source). Its handler only counts and wakes the backends. When a step
 * fails, enable still succeeds, virtio is unavailable (ATTACH: -ENODEV)
 * and the kernel log has one line saying why.
 *
 * /dev/bulkhead-virtio, one open file per backend:
 *   BULKHEAD_VIRTIO_ATTACH: the file serves the cell; -ENODEV without
 *     virtio, -ENOENT without such a cell, -EINVAL for a cell without
 *     virtio devices, -EBUSY when another file serves the cell or this
 *     one serves a cell still there. A file whose cell was destroyed may
 *     attach again, to the cell that now has the id or another.
 *   mmap, MAP_SHARED only, once attached: offset 0, one page: the
 *     channel; offset one page on: the cell's VIRTIO_POOL region, cacheable
 *     normal memory, at most the pool, not inherited by fork (the child
 *     maps it again itself). The pool lies in a no-map reservation, outside
 *     Linux's linear map but in root's stage-2 / G-stage (ROOTSHARED). Its
 *     pages are inserted at fault time, under the lock destroy takes to
 *     zap them, so a backend never keeps a page of a cell that is gone (a
 *     later cell may own that memory privately). The zap reaches every
 *     file's pool mapping; the others' pages come back at their next fault.
 *   read(): 8 bytes, the notify count, once it differs from the value
 *     this file read last (0 at attach); blocks unless O_NONBLOCK
 *     (-EAGAIN); 0 (end of file) once the cell is gone; -EINVAL before
 *     attach.
 *   poll(): EPOLLIN when read() would not block, EPOLLIN | EPOLLHUP once
 *     the cell is gone, EPOLLERR before attach.
 *   BULKHEAD_VIRTIO_INJECT / ONLINE, arg = device index: the hypercalls
 *     for the attached cell; -ENOENT once it is gone, -EINVAL for an index
 *     out of range or before attach.
 *   close: detaches; the devices time out until another backend attaches
 *     and puts them online.
 *
 * Locking: bulkhead.lock orders attach against cell create and destroy;
 * virtio_lock guards the attached files and the channel page. It is taken
 * inside bulkhead.lock and inside mmap_lock (mmap, fault), and never held
 * around a copy from or to user memory or while taking either, so the
 * orders cannot cross. Holding it, destroy marks the cell's files gone and
 * zaps their pools; attach, mmap, fault, INJECT and ONLINE test "attached
 * and not gone" under it, and a cell with the same id can only be created
 * after destroy dropped bulkhead.lock, so a hypercall never reaches the
 * wrong cell. read() and poll() look at the count and the gone flag
 * without a lock; the wait queue's wake-ups order them. The interrupt
 * handler takes no lock besides the wait queue's.
 *
 * Enable: allocate the page, map and request the interrupt, then register
 * the page. Disable, with no cell left: mark virtio unavailable, free the
 * interrupt and its mapping, give the page up with the hypercall while the
 * hypervisor runs, and free the page only after every CPU left the
 * hypervisor, so no hypervisor write can land in a page Linux reuses,
 * whatever the hypercall returned. Backends that still map the channel
 * hold their own reference to the page (vm_insert_page).
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/irqdomain.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>
#include <bulkhead/virtio.h>

#include "bulkhead.h"

#ifndef BULKHEAD_HAVE_VM_FLAGS_SET	/* Linux 6.1 (Kbuild) */
static inline void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma->vm_flags |= flags;
}
#endif

/* Pages of the pool inserted by one fault, from the faulting one on. */
#define POOL_FAULT_PAGES	512

static_assert(sizeof(struct bulkhead_virtio_channel) <= PAGE_SIZE);

struct virtio_file {
	/* On attached_files while attached; all but last under virtio_lock. */
	struct list_head entry;
	struct address_space *mapping;
	bool attached;
	bool gone;		/* the attached cell was destroyed */
	unsigned int cell_id;
	unsigned int num_devices;
	phys_addr_t pool_phys;
	u64 pool_size;
	u64 last;		/* the count this file read last */
};

static DEFINE_MUTEX(virtio_lock);
static LIST_HEAD(attached_files);
/* Set while virtio is available (both locks to change, either to read). */
static struct page *channel;
/* bulkhead.lock: the Linux interrupt; the page until it may be freed. */
static unsigned int notify_irq;
static struct page *channel_page;

static atomic64_t events = ATOMIC64_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(events_wait);

static irqreturn_t notify_handler(int irq, void *data)
{
	atomic64_inc(&events);
	wake_up_interruptible(&events_wait);
	return IRQ_HANDLED;
}

void bulkhead_virtio_enable(void)
{
	u32 line = bulkhead.system_config->irqchip.virtio_notify_irq;
	struct irq_fwspec fwspec = {};
	struct page *page;
	phys_addr_t phys;
	unsigned int irq;
	long ret;
	int err;

	if (!line)
		return;
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page) {
		pr_err("bulkhead: virtio unavailable: no memory for the channel page\n");
		return;
	}
	if (bulkhead_arch_notify_fwspec(line, &fwspec))
		goto err_page;
	irq = irq_create_fwspec_mapping(&fwspec);
	of_node_put(to_of_node(fwspec.fwnode));
	if (!irq) {
		pr_err("bulkhead: virtio unavailable: root's interrupt controller gives no Linux interrupt for notify line %u\n",
		       line);
		goto err_page;
	}
	err = request_irq(irq, notify_handler, 0, "bulkhead-virtio", &events);
	if (err) {
		pr_err("bulkhead: virtio unavailable: cannot request notify line %u (Linux irq %u): %d; is it in use in root's device tree?\n",
		       line, irq, err);
		goto err_mapping;
	}
	ret = bulkhead_hypercall_relayed(BULKHEAD_HC_VIRTIO_CHANNEL, page_to_phys(page), 0);
	if (ret) {
		pr_err("bulkhead: virtio unavailable: the hypervisor refused the channel page: %ld\n",
		       ret);
		goto err_irq;
	}
	notify_irq = irq;
	channel_page = page;
	mutex_lock(&virtio_lock);
	channel = page;
	mutex_unlock(&virtio_lock);
	phys = page_to_phys(page);
	pr_info("bulkhead: virtio channel at %pa, notify line %u (Linux irq %u)\n",
		&phys, line, irq);
	return;

err_irq:
	free_irq(irq, &events);
err_mapping:
	irq_dispose_mapping(irq);
err_page:
	__free_page(page);
}

void bulkhead_virtio_stop(void)
{
	long ret;

	if (!channel_page)
		return;
	mutex_lock(&virtio_lock);
	channel = NULL;
	mutex_unlock(&virtio_lock);
	free_irq(notify_irq, &events);
	irq_dispose_mapping(notify_irq);
	notify_irq = 0;
	ret = bulkhead_hypercall_relayed(BULKHEAD_HC_VIRTIO_CHANNEL, 0, 0);
	if (ret)
		pr_warn("bulkhead: the hypervisor did not give up the virtio channel: %ld\n",
			ret);
}

void bulkhead_virtio_free(void)
{
	if (channel_page)
		__free_page(channel_page);
	channel_page = NULL;
}

/* Any file's pool mappings; other files' pages come back at their next fault. */
static void zap_pools(struct virtio_file *vf)
{
	unmap_mapping_range(vf->mapping, PAGE_SIZE, 0, 1);
}

void bulkhead_virtio_cell_gone(unsigned int id)
{
	struct virtio_file *vf;
	bool woken = false;

	mutex_lock(&virtio_lock);
	list_for_each_entry(vf, &attached_files, entry) {
		if (vf->cell_id != id || vf->gone)
			continue;
		WRITE_ONCE(vf->gone, true);
		zap_pools(vf);
		woken = true;
	}
	mutex_unlock(&virtio_lock);
	if (woken)
		wake_up_interruptible_all(&events_wait);
}

static bool cell_served(unsigned int id)
{
	struct virtio_file *vf;

	list_for_each_entry(vf, &attached_files, entry)
		if (vf->cell_id == id && !vf->gone)
			return true;
	return false;
}

static const struct bulkhead_memory *
pool_region(const struct bulkhead_cell_desc *config)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(config);
	unsigned int n;

	for (n = 0; n < config->num_memory_regions; n++)
		if (mem[n].flags & BULKHEAD_MEM_VIRTIO_POOL)
			return &mem[n];
	return NULL;
}

/* Fills arg from cell id's config; bulkhead.lock held. */
static int describe_cell(struct bulkhead_virtio_attach *arg,
			 phys_addr_t *pool_phys)
{
	const struct bulkhead_cell_desc *config;
	const struct bulkhead_memory *pool;
	unsigned int num;

	if (!bulkhead.enabled) {
		pr_err("bulkhead: virtio: not enabled: enable it first (bulkhead enable)\n");
		return -ENODEV;
	}
	if (!channel) {
		pr_err("bulkhead: virtio unavailable: the system config has no irqchip.virtio_notify_irq, or enable said why\n");
		return -ENODEV;
	}
	config = bulkhead_cell_config(arg->cell_id);
	if (!config) {
		pr_err("bulkhead: virtio: no cell with id %u\n", arg->cell_id);
		return -ENOENT;
	}
	num = config->num_virtio_devices;
	if (!num) {
		pr_err("bulkhead: virtio: cell \"%s\" has no virtio devices\n",
		       config->name);
		return -EINVAL;
	}
	/* The validator refuses such configs; the driver relies on it. */
	pool = pool_region(config);
	if (num > BULKHEAD_MAX_VIRTIO_DEVICES || !pool || !pool->size ||
	    !PAGE_ALIGNED(pool->phys_start) || !PAGE_ALIGNED(pool->size)) {
		pr_err("bulkhead: virtio: cell \"%s\": more than %u virtio devices, or no VIRTIO_POOL region in whole pages\n",
		       config->name, BULKHEAD_MAX_VIRTIO_DEVICES);
		return -EINVAL;
	}
	arg->num_devices = num;
	arg->pool_address = pool->virt_start;
	arg->pool_size = pool->size;
	memcpy(arg->devices, bulkhead_cell_virtio(config),
	       num * sizeof(arg->devices[0]));
	*pool_phys = pool->phys_start;
	return 0;
}

static void detach(struct virtio_file *vf)
{
	if (!vf->attached)
		return;
	list_del(&vf->entry);
	WRITE_ONCE(vf->attached, false);
	zap_pools(vf);
}

static long virtio_attach(struct virtio_file *vf,
			  struct bulkhead_virtio_attach __user *uarg)
{
	struct bulkhead_virtio_attach arg = {};
	phys_addr_t pool_phys = 0;
	int err;

	if (get_user(arg.cell_id, &uarg->cell_id))
		return -EFAULT;
	mutex_lock(&bulkhead.lock);
	err = describe_cell(&arg, &pool_phys);
	if (!err) {
		mutex_lock(&virtio_lock);
		if (vf->attached && !vf->gone) {
			pr_err("bulkhead: virtio: this file serves cell %u already\n",
			       vf->cell_id);
			err = -EBUSY;
		} else if (cell_served(arg.cell_id)) {
			pr_err("bulkhead: virtio: cell %u has a backend already\n",
			       arg.cell_id);
			err = -EBUSY;
		} else {
			detach(vf);
			vf->cell_id = arg.cell_id;
			vf->num_devices = arg.num_devices;
			vf->pool_phys = pool_phys;
			vf->pool_size = arg.pool_size;
			WRITE_ONCE(vf->last, 0);
			WRITE_ONCE(vf->gone, false);
			WRITE_ONCE(vf->attached, true);
			list_add_tail(&vf->entry, &attached_files);
		}
		mutex_unlock(&virtio_lock);
	}
	mutex_unlock(&bulkhead.lock);
	if (err)
		return err;
	if (copy_to_user(uarg, &arg, sizeof(arg))) {
		mutex_lock(&virtio_lock);
		detach(vf);
		mutex_unlock(&virtio_lock);
		return -EFAULT;
	}
	return 0;
}

static long device_call(struct virtio_file *vf, unsigned long code,
			unsigned long index)
{
	long err;

	mutex_lock(&virtio_lock);
	if (!vf->attached || index >= vf->num_devices)
		err = -EINVAL;
	else if (vf->gone)
		err = -ENOENT;
	else
		err = bulkhead_hypercall_relayed(code, vf->cell_id, index);
	mutex_unlock(&virtio_lock);
	return err < -MAX_ERRNO ? -EIO : err;
}

static long virtio_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	struct virtio_file *vf = file->private_data;

	switch (cmd) {
	case BULKHEAD_VIRTIO_ATTACH:
		return virtio_attach(vf, (void __user *)arg);
	case BULKHEAD_VIRTIO_INJECT:
		return device_call(vf, BULKHEAD_HC_VIRTIO_INJECT, arg);
	case BULKHEAD_VIRTIO_ONLINE:
		return device_call(vf, BULKHEAD_HC_VIRTIO_ONLINE, arg);
	default:
		return -ENOTTY;
	}
}

static ssize_t virtio_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	struct virtio_file *vf = file->private_data;
	u64 value;
	int err;

	if (count < sizeof(value) || !READ_ONCE(vf->attached))
		return -EINVAL;
	for (;;) {
		if (READ_ONCE(vf->gone))
			return 0;
		value = atomic64_read(&events);
		if (value != READ_ONCE(vf->last))
			break;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(events_wait,
					       atomic64_read(&events) != READ_ONCE(vf->last) ||
					       READ_ONCE(vf->gone));
		if (err)
			return err;
	}
	if (copy_to_user(buf, &value, sizeof(value)))
		return -EFAULT;
	WRITE_ONCE(vf->last, value);
	return sizeof(value);
}

static __poll_t virtio_poll(struct file *file, poll_table *wait)
{
	struct virtio_file *vf = file->private_data;

	poll_wait(file, &events_wait, wait);
	if (!READ_ONCE(vf->attached))
		return EPOLLERR;
	if (READ_ONCE(vf->gone))
		return EPOLLHUP | EPOLLIN | EPOLLRDNORM;
	if (atomic64_read(&events) != READ_ONCE(vf->last))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

/* The pool's pages come in at fault time; see the top of the file. */
static vm_fault_t pool_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct virtio_file *vf = vma->vm_file->private_data;
	vm_fault_t ret = VM_FAULT_SIGBUS;
	unsigned long addr = vmf->address & PAGE_MASK, n;
	u64 page = vmf->pgoff - 1, pages;

	mutex_lock(&virtio_lock);
	if (!vf->attached || vf->gone)
		goto out;
	pages = vf->pool_size >> PAGE_SHIFT;
	if (vmf->pgoff < 1 || page >= pages)
		goto out;
	ret = vmf_insert_pfn(vma, addr, PHYS_PFN(vf->pool_phys) + page);
	if (ret != VM_FAULT_NOPAGE)
		goto out;
	/* Later pages too, so a backend does not fault page by page. */
	for (n = 1; n < POOL_FAULT_PAGES && page + n < pages; n++) {
		addr += PAGE_SIZE;
		if (addr >= vma->vm_end ||
		    vmf_insert_pfn(vma, addr, PHYS_PFN(vf->pool_phys) + page + n) !=
		    VM_FAULT_NOPAGE)
			break;
	}
out:
	mutex_unlock(&virtio_lock);
	return ret;
}

static const struct vm_operations_struct pool_vm_ops = {
	.fault = pool_fault,
};

/* No fault handler: the page is inserted at mmap; nothing else is there. */
static const struct vm_operations_struct channel_vm_ops = {};

static int virtio_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct virtio_file *vf = file->private_data;
	unsigned long pages = vma_pages(vma);
	int err = -EINVAL;

	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	mutex_lock(&virtio_lock);
	if (!vf->attached || !channel) {
		err = vf->attached ? -ENODEV : -EINVAL;
		goto out;
	}
	if (vf->gone) {
		err = -ENOENT;
		goto out;
	}
	if (vma->vm_pgoff == 0) {
		if (pages != 1)
			goto out;
		vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
		vma->vm_ops = &channel_vm_ops;
		err = vm_insert_page(vma, vma->vm_start, channel);
	} else if (vma->vm_pgoff - 1 < vf->pool_size >> PAGE_SHIFT &&
		   pages <= (vf->pool_size >> PAGE_SHIFT) - (vma->vm_pgoff - 1)) {
		/*
		 * Not inherited: fork copies PFN mappings' entries, which could
		 * race with destroy's zap; a child maps the file itself.
		 */
		vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND |
			     VM_DONTDUMP | VM_DONTCOPY);
		vma->vm_ops = &pool_vm_ops;
		err = 0;
	}
out:
	mutex_unlock(&virtio_lock);
	return err;
}

static int virtio_open(struct inode *inode, struct file *file)
{
	struct virtio_file *vf = kzalloc(sizeof(*vf), GFP_KERNEL);

	if (!vf)
		return -ENOMEM;
	INIT_LIST_HEAD(&vf->entry);
	vf->mapping = file->f_mapping;
	file->private_data = vf;
	return 0;
}

/* Every mapping holds the file, so none is left here. */
static int virtio_release(struct inode *inode, struct file *file)
{
	struct virtio_file *vf = file->private_data;

	mutex_lock(&virtio_lock);
	if (vf->attached)
		list_del(&vf->entry);
	mutex_unlock(&virtio_lock);
	kfree(vf);
	return 0;
}

static const struct file_operations virtio_fops = {
	.owner = THIS_MODULE,
	.open = virtio_open,
	.release = virtio_release,
	.unlocked_ioctl = virtio_ioctl,
	.compat_ioctl = virtio_ioctl,
	.read = virtio_read,
	.poll = virtio_poll,
	.mmap = virtio_mmap,
	.llseek = noop_llseek,
};

static struct miscdevice virtio_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead-virtio",
	.fops = &virtio_fops,
};

int bulkhead_virtio_init(void)
{
	return misc_register(&virtio_misc);
}

void bulkhead_virtio_exit(void)
{
	misc_deregister(&virtio_misc);
}
