// SPDX-License-Identifier: GPL-2.0
/* Hypercalls that mean the same on every architecture. */
#include <bulkhead/hypercall.h>
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <core/shared.h>
#include <core/spinlock.h>
#include <core/virtio.h>

/* One management operation at a time, whichever root CPU asks. */
static spinlock_t control_lock;

static long disable_cpu(struct per_cpu *cpu)
{
	spin_lock(&control_lock);
	if (cells_exist()) {
		spin_unlock(&control_lock);
		printk("bulkhead: cannot disable while cells exist: destroy them first\n");
		return -EBUSY;
	}
	hypervisor.cpus_enabled &= ~BIT(cpu->cpu_id);
	WRITE_ONCE(shared_region.cpus_enabled, hypervisor.cpus_enabled);
	printk("bulkhead: CPU %u disabled\n", cpu->cpu_id);
	spin_unlock(&control_lock);
	cpu->enabled = false;
	arch_cpu_disable(cpu);
	return 0;
}

/*
 * Cell ids come in 64-bit registers and the cell functions take 32 bits:
 * an id with bits above them names no cell (0), not the cell its low bits
 * would alias (CELL_SHUTDOWN(0x100000001) stopped cell 1; found by
 * tests/modules/hcfuzz.c, checked by tests/system/40-fuzz-root.sh).
 */
static unsigned int cell_id(u64 arg)
{
	return arg >> 32 ? 0 : (unsigned int)arg;
}

static long root_call(struct per_cpu *cpu, u64 code, u64 arg1, u64 arg2)
{
	unsigned int id = cell_id(arg1);
	long ret;

	spin_lock(&control_lock);
	switch (code) {
	case BULKHEAD_HC_CELL_CREATE:
		ret = cell_create(arg1, arg2);
		break;
	case BULKHEAD_HC_CELL_SET_LOADABLE:
		ret = cell_set_loadable(id);
		break;
	case BULKHEAD_HC_CELL_START:
		ret = cell_start(id);
		break;
	case BULKHEAD_HC_CELL_DESTROY:
		ret = cell_destroy_by_id(id);
		break;
	case BULKHEAD_HC_CELL_GET_STATE:
		ret = cell_get_state(id);
		break;
	case BULKHEAD_HC_CELL_SHUTDOWN:
		ret = cell_shutdown(id);
		break;
	case BULKHEAD_HC_CELL_FAILED_CPUS:
		ret = cell_get_failed_cpus(id);
		break;
	case BULKHEAD_HC_CPU_DUMP:
		ret = cpu_dump(cpu, arg1, arg2);
		break;
	case BULKHEAD_HC_VIRTIO_CHANNEL:
		ret = virtio_set_channel(arg1, cells_have_virtio());
		break;
	case BULKHEAD_HC_VIRTIO_INJECT:
		ret = virtio_inject(cell_find(id), arg2);
		break;
	case BULKHEAD_HC_VIRTIO_ONLINE:
		ret = virtio_set_online(cell_find(id), arg2);
		break;
	default:
		ret = -ENOSYS;
	}
	spin_unlock(&control_lock);
	return ret;
}

long hypercall(struct per_cpu *cpu, u64 code, u64 arg1, u64 arg2)
{
	struct cell *cell = cpu->cell;

	if (code == BULKHEAD_HC_DEBUG_PUTC) {
		if (cell == &root_cell)
			printk("%c", (char)arg1);
		else if (cell->desc->flags & BULKHEAD_CELL_DEBUG_CONSOLE)
			cell_console_putc(cell, (char)arg1);
		else
			return -EPERM;
		return 0;
	}
	if (cell != &root_cell) {
		if (cell_may_report(cell))
			printk("bulkhead: cell \"%s\" made root-only hypercall %llu: refused\n",
			       cell->desc->name, code);
		return -EPERM;
	}
	if (code == BULKHEAD_HC_DISABLE)
		return disable_cpu(cpu);
	return root_call(cpu, code, arg1, arg2);
}
