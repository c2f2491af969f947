// SPDX-License-Identifier: GPL-2.0
/* Hypercalls that mean the same on every architecture. */
#include <bulkhead/hypercall.h>
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <core/shared.h>
#include <core/spinlock.h>

static spinlock_t hypercall_lock;

static long disable_cpu(struct per_cpu *cpu)
{
	if (cpu->cell != &root_cell)
		return -EPERM;
	spin_lock(&hypercall_lock);
	hypervisor.cpus_enabled &= ~BIT(cpu->cpu_id);
	WRITE_ONCE(shared_region.cpus_enabled, hypervisor.cpus_enabled);
	printk("bulkhead: CPU %u disabled\n", cpu->cpu_id);
	spin_unlock(&hypercall_lock);
	cpu->enabled = false;
	arch_cpu_disable(cpu);
	return 0;
}

long hypercall(struct per_cpu *cpu, u64 code, u64 arg1, u64 arg2)
{
	switch (code) {
	case BULKHEAD_HC_DISABLE:
		return disable_cpu(cpu);
	case BULKHEAD_HC_DEBUG_PUTC:
		if (cpu->cell != &root_cell &&
		    !(cpu->cell->desc->flags & BULKHEAD_CELL_DEBUG_CONSOLE))
			return -EPERM;
		printk("%c", (char)arg1);
		return 0;
	default:
		return -ENOSYS;
	}
}
