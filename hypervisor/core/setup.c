// SPDX-License-Identifier: GPL-2.0
/*
 * Enabling: the driver calls the entry on each online CPU, one after the
 * other. The first CPU to arrive sets up what all share (page pool, console,
 * page tables, the root cell); every CPU then takes over itself and returns
 * to Linux, now the root cell.
 */
#include <bulkhead/config-check.h>
#include <bulkhead/hypervisor.h>
#include <core/arch.h>
#include <core/hypervisor.h>
#include <core/page-alloc.h>
#include <core/printk.h>
#include <core/shared.h>
#include <arch/config.h>

struct hypervisor hypervisor;
struct per_cpu per_cpu_data[BULKHEAD_MAX_CPUS];
struct bulkhead_shared shared_region __attribute__((section(".shared")));

/* Result of the one-time setup, for CPUs that arrive later. */
static long init_result = 1;

static long check_config(paddr_t base, u64 config_size)
{
	const struct bulkhead_system *config = hypervisor.config;
	struct bulkhead_config_error err;
	char msg[160];

	if (bulkhead_check_system(config, config_size, &err)) {
		bulkhead_config_error_format(&err, msg, sizeof(msg));
		printk("bulkhead: system config rejected: %s\n", msg);
		return -EINVAL;
	}
	if (config->architecture != ARCH_BULKHEAD_ID) {
		printk("bulkhead: system config is for another architecture\n");
		return -EINVAL;
	}
	if (config->hypervisor_memory.phys_start != base) {
		printk("bulkhead: loaded at 0x%lx, config says 0x%llx\n",
		       base, config->hypervisor_memory.phys_start);
		return -EINVAL;
	}
	return 0;
}

static long init_hypervisor(paddr_t base, u64 config_size)
{
	paddr_t config_start = ALIGN_UP((paddr_t)__image_end, PAGE_SIZE);
	paddr_t pool_start;
	long err;

	hypervisor.base = base;
	hypervisor.config = (const struct bulkhead_system *)config_start;
	hypervisor.config_size = config_size;

	/* The config tells which UART to use: check what can be read. */
	if (config_size >= sizeof(struct bulkhead_system))
		console_init(&hypervisor.config->debug_console);
	printk("\nbulkhead: hypervisor at 0x%lx, initializing\n", base);

	err = check_config(base, config_size);
	if (err)
		return err;
	hypervisor.size = hypervisor.config->hypervisor_memory.size;

	pool_start = ALIGN_UP(config_start + config_size, PAGE_SIZE);
	err = page_pool_init(pool_start, base + hypervisor.size - pool_start);
	if (err) {
		printk("bulkhead: hypervisor memory too small for a page pool\n");
		return err;
	}

	err = arch_init(hypervisor.config);
	if (err)
		return err;
	err = cell_init(&root_cell, &hypervisor.config->root_cell);
	if (err) {
		printk("bulkhead: cannot set up the root cell: %ld\n", err);
		return err;
	}
	printk("bulkhead: page pool %llu pages, %llu used\n",
	       page_pool_pages(), page_pool_used());
	return 0;
}

long hypervisor_entry(unsigned int cpu_id, paddr_t base, u64 config_size)
{
	struct per_cpu *cpu;
	long err;

	if (cpu_id >= BULKHEAD_MAX_CPUS)
		return -EINVAL;
	if (init_result == 1)
		init_result = init_hypervisor(base, config_size);
	if (init_result)
		return init_result;
	if (!(root_cell.cpu_set & BIT(cpu_id))) {
		printk("bulkhead: CPU %u is not in the root cell\n", cpu_id);
		return -EINVAL;
	}

	cpu = per_cpu(cpu_id);
	cpu->cpu_id = cpu_id;
	cpu->cell = &root_cell;
	err = arch_cpu_init(cpu);
	if (err)
		return err;
	cpu->enabled = true;
	hypervisor.cpus_enabled |= BIT(cpu_id);
	WRITE_ONCE(shared_region.cpus_enabled, hypervisor.cpus_enabled);
	printk("bulkhead: CPU %u enabled\n", cpu_id);
	return 0;
}
