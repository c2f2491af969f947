// SPDX-License-Identifier: GPL-2.0
/*
 * Cells: a set of CPUs and the guest-physical view of memory and devices
 * they get. The root cell is built from the system config at enable.
 */
#include <core/arch.h>
#include <core/cell.h>
#include <core/hypervisor.h>
#include <core/page-alloc.h>
#include <core/printk.h>
#include <core/shared.h>

struct cell root_cell;

static unsigned int region_flags(const struct bulkhead_memory *mem)
{
	unsigned int flags = 0;

	if (mem->flags & BULKHEAD_MEM_READ)
		flags |= PAGING_READ;
	if (mem->flags & BULKHEAD_MEM_WRITE)
		flags |= PAGING_WRITE;
	if (mem->flags & BULKHEAD_MEM_EXECUTE)
		flags |= PAGING_EXEC;
	if (mem->flags & BULKHEAD_MEM_IO)
		flags |= PAGING_DEVICE;
	return flags;
}

/* The hypervisor provides the page behind a cell's comm region. */
static int map_comm_region(struct cell *cell, const struct bulkhead_memory *mem)
{
	cell->comm = page_alloc();
	if (!cell->comm)
		return -ENOMEM;
	memcpy(cell->comm->signature, BULKHEAD_COMM_SIGNATURE,
	       sizeof(cell->comm->signature));
	cell->comm->revision = BULKHEAD_COMM_REVISION;
	cell->comm->flags = cell->desc->flags;
	cell->comm->cell_state = BULKHEAD_CELL_STATE_SHUT_DOWN;
	return paging_map(&cell->guest_paging, mem->virt_start, (u64)cell->comm,
			  PAGE_SIZE, PAGING_READ | PAGING_WRITE);
}

static int map_regions(struct cell *cell)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell->desc);
	unsigned int n;
	int err;

	for (n = 0; n < cell->desc->num_memory_regions; n++, mem++) {
		if (mem->flags & BULKHEAD_MEM_COMM_REGION)
			err = map_comm_region(cell, mem);
		else
			err = paging_map(&cell->guest_paging, mem->virt_start,
					 mem->phys_start, mem->size,
					 region_flags(mem));
		if (err == -EINVAL)
			printk("bulkhead: cell \"%s\": memory region %u (0x%llx, size 0x%llx) ends beyond 0x%llx, the end of the guest address space the hypervisor translates: leave it out of the config\n",
			       cell->desc->name, n, mem->virt_start, mem->size,
			       paging_limit(PAGING_GUEST));
		if (err)
			return err;
	}
	return 0;
}

/*
 * Root Linux reads statistics and the console from the shared region: the
 * only piece of hypervisor memory any cell can see, and only for reading.
 */
static int map_shared_region(struct cell *cell)
{
	paddr_t shared = (paddr_t)&shared_region;

	return paging_map(&cell->guest_paging, shared, shared,
			  ALIGN_UP(sizeof(shared_region), PAGE_SIZE),
			  PAGING_READ | PAGING_UNCACHED);
}

/*
 * The root cell owns every interrupt line of the irqchip; a cell owns the
 * lines its config lists (taken from root when it is created).
 */
static void init_irq_ownership(struct cell *cell)
{
	const u32 *irqs = bulkhead_cell_irqs(cell->desc);
	u32 n, num_irqs = hypervisor.config->irqchip.num_irqs;

	memset(cell->irq_owned, 0, sizeof(cell->irq_owned));
	if (cell == &root_cell) {
		for (n = 0; n < num_irqs && n < CELL_MAX_IRQS; n++)
			cell->irq_owned[n / 64] |= BIT(n % 64);
		return;
	}
	for (n = 0; n < cell->desc->num_irqs; n++)
		if (irqs[n] < CELL_MAX_IRQS)
			cell->irq_owned[irqs[n] / 64] |= BIT(irqs[n] % 64);
}

int cell_init(struct cell *cell, const struct bulkhead_cell_desc *desc)
{
	int err;

	cell->desc = desc;
	cell->cpu_set = desc->cpu_set;
	cell->num_mmio_regions = 0;
	cell->comm = NULL;
	cell->console_len = 0;
	cell->reported_gic = false;
	cell->reports = 0;
	init_irq_ownership(cell);
	err = paging_init(&cell->guest_paging, PAGING_GUEST);
	if (err)
		return err;
	err = map_regions(cell);
	if (!err && cell == &root_cell)
		err = map_shared_region(cell);
	if (!err)
		err = arch_cell_init(cell);
	if (!err)
		err = vuart_init(cell);
	if (!err)
		err = virtio_cell_init(cell);
	if (err)
		cell_destroy(cell);
	return err;
}

void cell_destroy(struct cell *cell)
{
	arch_cell_destroy(cell);
	paging_destroy(&cell->guest_paging);
	if (cell->comm)
		page_free(cell->comm);
	cell->comm = NULL;
}

/*
 * A cell that repeats forbidden requests in a loop (a fuzzer does, at
 * thousands a second) must not fill the console: the ring root reads
 * would lose everything else, and every CPU's printk waits for the UART,
 * a slow one on a board. Reported: the first CELL_MAX_REPORTS refusals
 * since the cell started, then one line saying the rest are not.
 */
bool cell_may_report(struct cell *cell)
{
	u64 n;

	if (cell == &root_cell)
		return true;
	n = __atomic_fetch_add(&cell->reports, 1, __ATOMIC_RELAXED);
	if (n == CELL_MAX_REPORTS)
		printk("bulkhead: cell \"%s\": %u refusals reported since its start; the rest are not\n",
		       cell->desc->name, CELL_MAX_REPORTS);
	return n < CELL_MAX_REPORTS;
}

unsigned int cell_region_flags(const struct bulkhead_memory *mem)
{
	return region_flags(mem);
}
