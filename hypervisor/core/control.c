// SPDX-License-Identifier: GPL-2.0
/*
 * The cell lifecycle, driven by the root cell's hypercalls.
 *
 * Creating a cell moves its CPUs, memory and interrupt lines away from the
 * root cell; destroying it moves them back. Memory is taken from the root
 * cell's stage-2 translation, so root Linux cannot touch a cell's memory
 * while the cell exists, except LOADABLE regions while the cell is stopped
 * for loading.
 */
#include <bulkhead/config-check.h>
#include <core/arch.h>
#include <core/cell.h>
#include <core/hypervisor.h>
#include <core/page-alloc.h>
#include <core/printk.h>
#include <core/spinlock.h>

#define CPU_STOP_TIMEOUT_NS	1000000000ULL
#define CPU_OFF_GRACE_NS	100000000ULL

static struct cell cells[MAX_CELLS];

static struct cell *cell_by_id(unsigned int id)
{
	if (id < 1 || id > MAX_CELLS || !cells[id - 1].in_use)
		return NULL;
	return &cells[id - 1];
}

/* The root cell region holding [phys, phys + size). */
static const struct bulkhead_memory *root_region_of(u64 phys, u64 size)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(root_cell.desc);
	unsigned int n;

	for (n = 0; n < root_cell.desc->num_memory_regions; n++, mem++)
		if (phys >= mem->phys_start &&
		    phys + size <= mem->phys_start + mem->size)
			return mem;
	return NULL;
}

static bool region_moves(const struct bulkhead_memory *mem)
{
	return !(mem->flags & (BULKHEAD_MEM_COMM_REGION | BULKHEAD_MEM_ROOTSHARED));
}

/* Unmaps (give = false) or maps back (give = true) a range in root. */
static int root_map(u64 phys, u64 size, bool give, bool force_rw)
{
	const struct bulkhead_memory *root = root_region_of(phys, size);
	u64 ipa;
	unsigned int flags;

	if (!root)
		return -EINVAL;
	ipa = root->virt_start + (phys - root->phys_start);
	if (!give)
		return paging_unmap(&root_cell.guest_paging, ipa, size);
	flags = cell_region_flags(root);
	if (force_rw)
		flags |= PAGING_READ | PAGING_WRITE;
	return paging_map(&root_cell.guest_paging, ipa, phys, size, flags);
}

static void move_memory(struct cell *cell, bool to_root, u64 only_flags)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell->desc);
	unsigned int n;

	for (n = 0; n < cell->desc->num_memory_regions; n++, mem++)
		if (region_moves(mem) && (mem->flags & only_flags) == only_flags)
			root_map(mem->phys_start, mem->size, to_root,
				 only_flags != 0);
}

static void move_irqs_to(struct cell *from, struct cell *to)
{
	unsigned int n;

	for (n = 32; n < CELL_MAX_IRQS; n++) {
		if (from != &root_cell && !cell_owns_irq(from, n))
			continue;
		if (from == &root_cell && !cell_owns_irq(to, n))
			continue;
		from->irq_owned[n / 64] &= ~BIT(n % 64);
		to->irq_owned[n / 64] |= BIT(n % 64);
	}
}

static bool overlaps_a_cell(u64 phys, u64 size)
{
	const struct bulkhead_memory *mem;
	unsigned int n, r;

	for (n = 0; n < MAX_CELLS; n++) {
		if (!cells[n].in_use)
			continue;
		mem = bulkhead_cell_memory(cells[n].desc);
		for (r = 0; r < cells[n].desc->num_memory_regions; r++, mem++)
			if (phys < mem->phys_start + mem->size &&
			    mem->phys_start < phys + size)
				return true;
	}
	return false;
}

/*
 * The physical address of [address, address + size) in root's own RAM, or
 * 0 if any of it is not root's to read (or write): a buffer root passes in
 * a hypercall must not let the hypervisor touch a cell's memory for it, nor
 * the virtio channel page, which the hypervisor keeps mapped while it is
 * the channel (mapping a buffer there and unmapping it took the channel
 * away from the hypervisor on arm64: its next virtio request faulted in the
 * hypervisor; found by tests/modules/hcfuzz.c).
 */
u64 root_ram_phys(u64 address, u64 size, bool write)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(root_cell.desc);
	u32 need = BULKHEAD_MEM_READ | (write ? BULKHEAD_MEM_WRITE : 0);
	unsigned int n;
	u64 phys = 0;

	/* Written so that no sum can wrap: root chooses address and size. */
	for (n = 0; n < root_cell.desc->num_memory_regions; n++, mem++)
		if ((mem->flags & need) == need && !(mem->flags & BULKHEAD_MEM_IO) &&
		    address >= mem->virt_start && size <= mem->size &&
		    address - mem->virt_start <= mem->size - size)
			phys = mem->phys_start + (address - mem->virt_start);
	if (phys && (overlaps_a_cell(phys, size) ||
		     virtio_channel_overlaps(phys, size)))
		return 0;
	return phys;
}

void report_root_memory_fault(const char *what, u64 address)
{
	printk("bulkhead: %s at 0x%llx: root's memory there cannot be used (firmware's, or no memory at all): leave that range out of the system config\n",
	       what, address);
}

static long copy_config_from_root(struct cell *cell, u64 address, u64 size)
{
	u64 phys = root_ram_phys(address, size, false);
	void *src;
	long err;

	if (!phys) {
		printk("bulkhead: cell config at 0x%llx (%llu bytes) is not in root RAM\n",
		       address, size);
		return -EINVAL;
	}
	cell->config_pages = pages_alloc(PAGES(size));
	if (!cell->config_pages)
		return -ENOMEM;
	src = arch_map_phys(phys, size);
	if (!src) {
		pages_free(cell->config_pages, PAGES(size));
		return -ENOMEM;
	}
	err = arch_copy_guarded(cell->config_pages, src, size);
	arch_unmap_phys(phys, size);
	if (err) {
		report_root_memory_fault("cell config", address);
		pages_free(cell->config_pages, PAGES(size));
		cell->config_pages = NULL;
		return err;
	}
	cell->config_size = size;
	return 0;
}

static long reject(const char *what, struct bulkhead_config_error *err)
{
	char msg[200];

	bulkhead_config_error_format(err, msg, sizeof(msg));
	printk("bulkhead: cell config rejected: %s%s\n", what, msg);
	return -EINVAL;
}

/* Checks that need the cells that exist now, not just the config. */
/*
 * Root Linux may report a CPU offline before the CPU itself has made its
 * last firmware call (riscv64 Linux 6.1 asks SBI HSM once and goes on):
 * give it a moment to get there.
 */
static bool cpu_gone_off(struct per_cpu *cpu)
{
	u64 start = arch_time_ns();

	while (READ_ONCE(cpu->state) != CPU_OFF)
		if (arch_time_ns() - start > CPU_OFF_GRACE_NS)
			return false;
	return true;
}

static long check_against_current(const struct bulkhead_cell_desc *desc)
{
	const struct bulkhead_memory *mem;
	struct bulkhead_config_error err;
	unsigned int n;

	for (n = 0; n < MAX_CELLS; n++) {
		if (!cells[n].in_use)
			continue;
		if (!memcmp(cells[n].desc->name, desc->name, BULKHEAD_CELL_NAME_LEN)) {
			printk("bulkhead: a cell named \"%s\" exists already\n",
			       desc->name);
			return -EEXIST;
		}
		if (bulkhead_check_cells_disjoint(cells[n].desc, desc, &err)) {
			printk("bulkhead: cell \"%s\" conflicts with cell \"%s\":\n  ",
			       desc->name, cells[n].desc->name);
			return reject("", &err);
		}
	}
	mem = bulkhead_cell_memory(desc);
	for (n = 0; n < desc->num_memory_regions; n++, mem++)
		if (!(mem->flags & BULKHEAD_MEM_COMM_REGION) &&
		    virtio_channel_overlaps(mem->phys_start, mem->size)) {
			printk("bulkhead: cell \"%s\": memory region %u holds root's virtio channel page\n",
			       desc->name, n);
			return -EINVAL;
		}
	if (!(root_cell.cpu_set & ~desc->cpu_set)) {
		printk("bulkhead: cell \"%s\" would take the root cell's last CPU\n",
		       desc->name);
		return -EINVAL;
	}
	for (n = 0; n < BULKHEAD_MAX_CPUS; n++) {
		if (!(desc->cpu_set & BIT(n)))
			continue;
		if (!cpu_gone_off(per_cpu(n))) {
			printk("bulkhead: CPU %u still runs the root cell: take it offline first\n",
			       n);
			return -EBUSY;
		}
	}
	return 0;
}

/* What an inmate needs to know of the machine, in its comm region. */
static void fill_comm_region(struct cell *cell)
{
	const struct bulkhead_irqchip *irqchip = &hypervisor.config->irqchip;
	struct bulkhead_comm_region *comm = cell->comm;
	unsigned int n, count = 0;

	if (!comm)
		return;
	comm->irqchip_type = irqchip->type;
	comm->irqchip_base = irqchip->base;
	comm->irqchip_cpu_base = irqchip->type == BULKHEAD_IRQCHIP_GICV2 ?
				 irqchip->gicc_base : irqchip->redist_base;
	comm->timer_frequency = arch_timer_frequency();
	for_each_cell_cpu(n, cell)
		if (count < BULKHEAD_COMM_MAX_CPUS)
			comm->cpu_ids[count++] = arch_cpu_hw_id(per_cpu(n));
	comm->num_cpus = count;
}

long cell_create(u64 address, u64 size)
{
	struct bulkhead_config_error err;
	struct cell *cell = NULL;
	unsigned int n;
	long ret;

	for (n = 0; n < MAX_CELLS && !cell; n++)
		if (!cells[n].in_use)
			cell = &cells[n];
	if (!cell) {
		printk("bulkhead: no room for more than %u cells\n", MAX_CELLS);
		return -ENOMEM;
	}
	if (size < sizeof(struct bulkhead_cell_desc) || size > 65536)
		return -EINVAL;
	ret = copy_config_from_root(cell, address, size);
	if (ret)
		return ret;
	ret = -EINVAL;
	if (bulkhead_check_cell(cell->config_pages, size, hypervisor.config, &err)) {
		reject("", &err);
		goto err_free;
	}
	ret = check_against_current(cell->config_pages);
	if (ret)
		goto err_free;

	cell->id = cell - cells + 1;
	ret = cell_init(cell, cell->config_pages);
	if (ret)
		goto err_free;
	cell->in_use = true;
	cell->state = BULKHEAD_CELL_STATE_SHUT_DOWN;
	cell->failed_cpus = 0;
	cell->loadable = false;

	move_memory(cell, false, 0);
	root_cell.cpu_set &= ~cell->cpu_set;
	for_each_cell_cpu(n, cell)
		per_cpu(n)->cell = cell;
	move_irqs_to(&root_cell, cell);
	arch_cell_take_irqs(cell);
	fill_comm_region(cell);
	printk("bulkhead: cell \"%s\" created, id %u, CPUs 0x%llx\n",
	       cell->desc->name, cell->id, cell->cpu_set);
	return cell->id;

err_free:
	pages_free(cell->config_pages, PAGES(size));
	cell->config_pages = NULL;
	return ret;
}

/* Whether every CPU of the cell but except (NULL: none) is off. */
static bool cell_cpus_off(struct cell *cell, struct per_cpu *except)
{
	unsigned int n;

	for_each_cell_cpu(n, cell)
		if (per_cpu(n) != except && per_cpu(n)->state != CPU_OFF)
			return false;
	return true;
}

/* Asks every CPU of the cell that runs, but the caller, to power off. */
static void request_stop(struct cell *cell, struct per_cpu *caller)
{
	unsigned int n;

	for_each_cell_cpu(n, cell) {
		struct per_cpu *cpu = per_cpu(n);

		if (cpu == caller || READ_ONCE(cpu->state) == CPU_OFF ||
		    READ_ONCE(cpu->request) == CPU_REQUEST_STOP)
			continue;
		cpu->request = CPU_REQUEST_STOP;
		arch_send_management(cpu);
	}
}

/*
 * A stop may reach a CPU just as it switches itself off (request_stop saw
 * it on): the request outlives it. Cleared when the cell's CPUs are all
 * off and change hands or start again, or the CPU's next start would stop
 * it at once (root's CPU_ON after a destroy: "CPU3: failed to come
 * online"; arm64 psci.c keeps a pending stop across a start).
 */
static void clear_stale_requests(struct cell *cell)
{
	unsigned int n;

	for_each_cell_cpu(n, cell)
		WRITE_ONCE(per_cpu(n)->request, CPU_REQUEST_NONE);
	memory_barrier();
}

/*
 * Stops every CPU of the cell except the caller; they power off. A CPU
 * another of the cell's switched on while the first round went by (off
 * then, so not asked) is asked in the next: a destroy left such a CPU
 * running the cell's code, "CPUs of cell do not stop" (found by fuzz-cell
 * on riscv64, tests/system/41-fuzz-cell.sh). A CPU of the cell powering
 * it off (the caller) waits the same way, unless a stop of the cell going
 * on at the same time asks it too: then it goes off with the others.
 */
static long stop_cpus(struct cell *cell, struct per_cpu *caller)
{
	u64 start = arch_time_ns();

	request_stop(cell, caller);
	while (!cell_cpus_off(cell, caller)) {
		if (caller && READ_ONCE(caller->request) == CPU_REQUEST_STOP)
			return 0;
		request_stop(cell, caller);
		if (arch_time_ns() - start > CPU_STOP_TIMEOUT_NS) {
			printk("bulkhead: CPUs of cell \"%s\" do not stop\n",
			       cell->desc->name);
			return -EIO;
		}
	}
	return 0;
}

static void set_state(struct cell *cell, u32 state)
{
	cell->state = state;
	if (cell->comm)
		cell->comm->cell_state = state;
}

/*
 * Asks the cell to shut down through its comm region and stops it if it
 * agrees, or if it is passive. A cell that does not answer in time failed.
 */
static long stop_cell_asking(struct cell *cell)
{
	struct bulkhead_comm_region *comm = cell->comm;
	u64 start;

	if (cell->state == BULKHEAD_CELL_STATE_SHUT_DOWN)
		return 0;
	if (cell->state == BULKHEAD_CELL_STATE_RUNNING && comm &&
	    !(cell->desc->flags & BULKHEAD_CELL_PASSIVE_COMMREG)) {
		if (comm->cell_state == BULKHEAD_CELL_STATE_RUNNING_LOCKED) {
			printk("bulkhead: cell \"%s\" is locked: shutdown denied\n",
			       cell->desc->name);
			return -EBUSY;
		}
		comm->reply_from_cell = BULKHEAD_REPLY_NONE;
		comm->msg_to_cell = BULKHEAD_MSG_SHUTDOWN_REQUEST;
		start = arch_time_ns();
		while (comm->reply_from_cell == BULKHEAD_REPLY_NONE &&
		       cell->state == BULKHEAD_CELL_STATE_RUNNING &&
		       arch_time_ns() - start < BULKHEAD_MSG_TIMEOUT_MS * 1000000ULL)
			;
		comm->msg_to_cell = BULKHEAD_MSG_NONE;
		if (comm->reply_from_cell == BULKHEAD_REPLY_DENIED) {
			printk("bulkhead: cell \"%s\" denied the shutdown request\n",
			       cell->desc->name);
			return -EBUSY;
		}
		if (comm->reply_from_cell != BULKHEAD_REPLY_APPROVED &&
		    cell->state == BULKHEAD_CELL_STATE_RUNNING) {
			printk("bulkhead: cell \"%s\" did not answer the shutdown request within %u ms: failed\n",
			       cell->desc->name, BULKHEAD_MSG_TIMEOUT_MS);
			stop_cpus(cell, NULL);
			set_state(cell, BULKHEAD_CELL_STATE_FAILED);
			return -ETIMEDOUT;
		}
	}
	if (stop_cpus(cell, NULL))
		return -EIO;
	set_state(cell, BULKHEAD_CELL_STATE_SHUT_DOWN);
	printk("bulkhead: cell \"%s\" shut down\n", cell->desc->name);
	return 0;
}

long cell_shutdown(unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	return cell ? stop_cell_asking(cell) : -ENOENT;
}

long cell_set_loadable(unsigned int id)
{
	struct cell *cell = cell_by_id(id);
	long err;

	if (!cell)
		return -ENOENT;
	err = stop_cell_asking(cell);
	if (err && err != -ETIMEDOUT)
		return err;
	if (!cell->loadable)
		move_memory(cell, true, BULKHEAD_MEM_LOADABLE);
	cell->loadable = true;
	return 0;
}

long cell_start(unsigned int id)
{
	struct cell *cell = cell_by_id(id);
	unsigned int first = 0;
	long ret;

	if (!cell)
		return -ENOENT;
	if (!cell_cpus_off(cell, NULL)) {
		printk("bulkhead: cell \"%s\" is running: shut it down first\n",
		       cell->desc->name);
		return -EBUSY;
	}
	if (cell->loadable)
		move_memory(cell, false, BULKHEAD_MEM_LOADABLE);
	cell->loadable = false;
	while (!(cell->cpu_set & BIT(first)))
		first++;
	clear_stale_requests(cell);
	cell->failed_cpus = 0;
	cell->reports = 0;
	if (cell->comm) {
		cell->comm->msg_to_cell = BULKHEAD_MSG_NONE;
		cell->comm->reply_from_cell = BULKHEAD_REPLY_NONE;
	}
	set_state(cell, BULKHEAD_CELL_STATE_RUNNING);
	printk("bulkhead: cell \"%s\" starting on CPU %u at 0x%llx\n",
	       cell->desc->name, first, cell->desc->entry);
	/*
	 * On from here, though firmware has yet to start it: a second start
	 * must find the cell running, and a destroy must stop the CPU (see
	 * cpu_started), not hand it to root while firmware starts it at the
	 * cell's entry (found by tests/modules/hcfuzz.c on arm64: root's
	 * CPU then ran the inmate's code).
	 */
	per_cpu(first)->state = CPU_RUNNING;
	memory_barrier();
	ret = arch_cpu_power_on(per_cpu(first), cell->desc->entry, 0);
	if (ret)
		per_cpu(first)->state = CPU_OFF;
	return ret;
}

long cell_destroy_by_id(unsigned int id)
{
	struct cell *cell = cell_by_id(id);
	unsigned int n;

	if (!cell)
		return -ENOENT;
	if (stop_cpus(cell, NULL))
		return -EIO;
	clear_stale_requests(cell);
	if (cell->loadable)
		move_memory(cell, false, BULKHEAD_MEM_LOADABLE);
	arch_cell_return_irqs(cell);
	move_irqs_to(cell, &root_cell);
	move_memory(cell, true, 0);
	for_each_cell_cpu(n, cell)
		per_cpu(n)->cell = &root_cell;
	root_cell.cpu_set |= cell->cpu_set;
	printk("bulkhead: cell \"%s\" destroyed\n", cell->desc->name);
	cell_destroy(cell);
	pages_free(cell->config_pages, PAGES(cell->config_size));
	cell->config_pages = NULL;
	cell->in_use = false;
	return 0;
}

struct cell *cell_find(unsigned int id)
{
	return cell_by_id(id);
}

bool cells_have_virtio(void)
{
	unsigned int n;

	for (n = 0; n < MAX_CELLS; n++)
		if (cells[n].in_use && cells[n].desc->num_virtio_devices)
			return true;
	return false;
}

bool cells_exist(void)
{
	unsigned int n;

	for (n = 0; n < MAX_CELLS; n++)
		if (cells[n].in_use)
			return true;
	return false;
}

long cell_get_state(unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	if (!cell)
		return -ENOENT;
	if (cell->state == BULKHEAD_CELL_STATE_RUNNING && cell->comm &&
	    cell->comm->cell_state == BULKHEAD_CELL_STATE_RUNNING_LOCKED)
		return BULKHEAD_CELL_STATE_RUNNING_LOCKED;
	return cell->state;
}

long cell_get_failed_cpus(unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	return cell ? (long)cell->failed_cpus : -ENOENT;
}

void cell_cpu_failed(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;

	cell->failed_cpus |= BIT(cpu->cpu_id);
	set_state(cell, BULKHEAD_CELL_STATE_FAILED);
}

/*
 * The CPU switches itself off (PSCI CPU_OFF, SBI HART_STOP). The last CPU
 * of a cell to go means the cell powered off; root Linux takes CPUs off
 * for hotplug and runs on. Which one is last is decided under a lock, a
 * CPU on its way off counting as gone: of two CPUs switching off at once,
 * each saw the other still on, neither was last, and the cell, with no CPU
 * left, stayed "running" (fuzz-cell regression 8, riscv64: one time in
 * four; tests/system/41-fuzz-cell.sh).
 */
static spinlock_t power_off_lock;

void cpu_power_off_self(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;
	struct per_cpu *other;
	unsigned int n;
	bool last = true;

	if (cell != &root_cell) {
		spin_lock(&power_off_lock);
		cpu->leaving = true;
		for_each_cell_cpu(n, cell) {
			other = per_cpu(n);
			if (other != cpu && other->state != CPU_OFF &&
			    !other->leaving)
				last = false;
		}
		spin_unlock(&power_off_lock);
		if (last)
			cell_powered_off(cell, cpu);
	}
	arch_cpu_power_off(cpu);
}

/* A CPU switched on for its cell (root's hotplug or a cell's start) is in. */
void cpu_started(struct per_cpu *cpu, u64 entry)
{
	/* Stopped (its cell destroyed) while firmware was starting it. */
	if (READ_ONCE(cpu->request) == CPU_REQUEST_STOP)
		arch_cpu_power_off(cpu);
	cpu->enabled = true;
	cpu->state = CPU_RUNNING;
	if (cpu->cell == &root_cell)
		printk("bulkhead: CPU %u online\n", cpu->cpu_id);
	else
		printk("bulkhead: CPU %u entering cell \"%s\" at 0x%llx\n",
		       cpu->cpu_id, cpu->cell->desc->name, entry);
}

/*
 * A trap the hypervisor cannot or will not handle: never ignored. The CPU
 * is reported with its cell's registers and parked; its cell (not root,
 * whose Linux would go down with it) fails.
 */
void cpu_fail(struct per_cpu *cpu, const char *why)
{
	printk("bulkhead: CPU %u in cell \"%s\" stopped\n", cpu->cpu_id,
	       cpu->cell->desc->name);
	arch_report_trap(cpu, why);
	if (cpu->cell != &root_cell) {
		cell_cpu_failed(cpu);
		printk("bulkhead: cell \"%s\" failed\n", cpu->cell->desc->name);
	}
	arch_cpu_park(cpu);
}

void cell_powered_off(struct cell *cell, struct per_cpu *caller)
{
	stop_cpus(cell, caller);
	if (cell->state != BULKHEAD_CELL_STATE_FAILED)
		set_state(cell, BULKHEAD_CELL_STATE_SHUT_DOWN);
	printk("bulkhead: cell \"%s\" powered off\n", cell->desc->name);
}

static spinlock_t console_line_lock;

void cell_console_putc(struct cell *cell, char c)
{
	spin_lock(&console_line_lock);
	if (c != '\n' && c != '\r')
		cell->console_line[cell->console_len++] = c;
	if (c == '\n' || cell->console_len == sizeof(cell->console_line) - 1) {
		cell->console_line[cell->console_len] = 0;
		printk("[%s] %s\n", cell->desc->name, cell->console_line);
		cell->console_len = 0;
	}
	spin_unlock(&console_line_lock);
}
