// SPDX-License-Identifier: GPL-2.0
/*
 * CPU dumps: the state of any CPU, for root to see why a cell is stuck.
 *
 * A CPU's registers can only be read on that CPU, so a running or parked
 * CPU is asked through the management interrupt, which reaches it even when
 * its cell masks interrupts. A CPU that does not answer in time is reported
 * as such: that is a finding in itself (stuck inside the hypervisor).
 */
#include <bulkhead/hypercall.h>
#include <core/arch.h>
#include <core/cell.h>
#include <core/dump.h>
#include <core/hypervisor.h>
#include <core/printk.h>
#include <core/shared.h>

static u32 dump_state(struct per_cpu *cpu)
{
	switch (cpu->state) {
	case CPU_OFF:
		return BULKHEAD_CPU_DUMP_OFF;
	case CPU_PARKED:
		return BULKHEAD_CPU_DUMP_PARKED;
	default:
		return BULKHEAD_CPU_DUMP_RUNNING;
	}
}

static void dump_header(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump)
{
	memset(dump, 0, sizeof(*dump));
	dump->cpu = cpu->cpu_id;
	dump->state = dump_state(cpu);
	dump->cell_id = cpu->cell ? cpu->cell->id : 0;
	dump->request = cpu->request;
}

/* On the CPU itself, from its management interrupt or its park loop. */
void cpu_dump_answer(struct per_cpu *cpu)
{
	if (!cpu->dump_requested)
		return;
	dump_header(cpu, &cpu->dump);
	arch_cpu_dump(cpu, &cpu->dump);
	memory_barrier();
	cpu->dump_requested = false;
}

static void dump_other(struct per_cpu *cpu, struct bulkhead_cpu_dump *out)
{
	u64 start = arch_time_ns();

	cpu->dump_requested = true;
	arch_send_management(cpu);
	while (cpu->dump_requested && cpu->state != CPU_OFF &&
	       arch_time_ns() - start < BULKHEAD_CPU_DUMP_TIMEOUT_MS * 1000000ULL)
		;
	memory_barrier();
	if (!cpu->dump_requested) {
		memcpy(out, &cpu->dump, sizeof(*out));
		return;
	}
	/* Withdraw the request; whatever the CPU does later stays its own. */
	cpu->dump_requested = false;
	dump_header(cpu, out);
	if (out->state == BULKHEAD_CPU_DUMP_RUNNING)
		out->state = BULKHEAD_CPU_DUMP_SILENT;
}

void cpu_handle_management(struct per_cpu *cpu)
{
	count_exit(cpu->cpu_id, BULKHEAD_EXIT_MANAGEMENT);
	cpu_dump_answer(cpu);
	if (cpu->request == CPU_REQUEST_STOP)
		arch_cpu_power_off(cpu);
}

/* The hypercall: dump CPU cpu_id into root RAM at address. */
long cpu_dump(struct per_cpu *caller, u64 cpu_id, u64 address)
{
	/* One per calling CPU: root's CPUs may dump at the same time. */
	static struct bulkhead_cpu_dump records[BULKHEAD_MAX_CPUS];
	struct bulkhead_cpu_dump *record = &records[caller->cpu_id];
	struct per_cpu *cpu;
	void *target;
	u64 phys;
	long err;

	if (cpu_id >= BULKHEAD_MAX_CPUS ||
	    !(hypervisor.cpus_enabled & BIT(cpu_id))) {
		printk("bulkhead: CPU %llu is not under the hypervisor\n", cpu_id);
		return -EINVAL;
	}
	phys = root_ram_phys(address, sizeof(*record), true);
	if (!phys) {
		printk("bulkhead: dump buffer at 0x%llx is not in root RAM\n",
		       address);
		return -EINVAL;
	}
	cpu = per_cpu(cpu_id);
	if (cpu == caller) {
		dump_header(cpu, record);
		record->flags = BULKHEAD_CPU_DUMP_CALLER;
		arch_cpu_dump(cpu, record);
	} else if (cpu->state == CPU_OFF) {
		dump_header(cpu, record);
	} else {
		dump_other(cpu, record);
	}
	target = arch_map_phys(phys, sizeof(*record));
	if (!target)
		return -ENOMEM;
	err = arch_copy_guarded(target, record, sizeof(*record));
	arch_unmap_phys(phys, sizeof(*record));
	if (err)
		report_root_memory_fault("CPU dump buffer", address);
	return err;
}

void cpu_dump_item(struct bulkhead_cpu_dump *dump, const char *name, u64 value)
{
	struct bulkhead_cpu_dump_item *item;
	unsigned int n;

	if (dump->num_items >= BULKHEAD_CPU_DUMP_MAX_ITEMS)
		return;
	item = &dump->items[dump->num_items++];
	for (n = 0; n < BULKHEAD_CPU_DUMP_NAME_LEN - 1 && name[n]; n++)
		item->name[n] = name[n];
	item->value = value;
}
