/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CORE_CELL_H
#define _CORE_CELL_H

#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include <core/mmio.h>
#include <core/paging.h>
#include <core/virtio.h>
#include <arch/cell.h>

#define CELL_MAX_IRQS	1024
/* Cells besides the root cell. */
#define MAX_CELLS	8

struct cell {
	unsigned int id;		/* 0: the root cell */
	bool in_use;
	const struct bulkhead_cell_desc *desc;
	/* Pages holding this cell's copy of its config (not for root). */
	void *config_pages;
	u64 config_size;
	u64 cpu_set;
	u64 failed_cpus;
	u32 state;			/* BULKHEAD_CELL_STATE_* */
	bool loadable;			/* LOADABLE regions mapped into root */
	struct bulkhead_comm_region *comm;
	/* Guest-physical to physical translation of the cell's memory. */
	struct paging guest_paging;
	/* Interrupt lines the cell owns: bit n of word n / 64 for line n. */
	u64 irq_owned[CELL_MAX_IRQS / 64];
	struct mmio_region mmio_regions[MMIO_MAX_REGIONS];
	unsigned int num_mmio_regions;
	/* The cell's console line, printed with its name at each newline. */
	char console_line[200];
	unsigned int console_len;
	/* Once per cell: refused GIC writes are reported, not each one. */
	bool reported_gic;
	/* Refusals reported since the cell's start (cell_may_report()). */
	u64 reports;
	struct cell_virtio virtio[BULKHEAD_MAX_VIRTIO_DEVICES];
	struct arch_cell arch;
};

extern struct cell root_cell;

static inline bool cell_owns_irq(const struct cell *cell, u32 irq)
{
	return irq < CELL_MAX_IRQS && (cell->irq_owned[irq / 64] & BIT(irq % 64));
}

/*
 * Ownership of the interrupts first .. first + count - 1 (count <= 64) as
 * bits 0 .. count - 1: a whole register of enable or pending bits at once.
 */
static inline u64 cell_owned_irqs(const struct cell *cell, u32 first,
				  unsigned int count)
{
	unsigned int word = first / 64, shift = first % 64;
	u64 bits;

	if (first >= CELL_MAX_IRQS)
		return 0;
	bits = cell->irq_owned[word] >> shift;
	if (shift && word + 1 < CELL_MAX_IRQS / 64)
		bits |= cell->irq_owned[word + 1] << (64 - shift);
	return count < 64 ? bits & (BIT(count) - 1) : bits;
}

#define for_each_cell_cpu(cpu, cell) \
	for ((cpu) = 0; (cpu) < BULKHEAD_MAX_CPUS; (cpu)++) \
		if ((cell)->cpu_set & BIT(cpu))

int cell_init(struct cell *cell, const struct bulkhead_cell_desc *desc);
/* PAGING_* flags for a config memory region. */
unsigned int cell_region_flags(const struct bulkhead_memory *mem);
void cell_destroy(struct cell *cell);

/* Lifecycle, from the root cell's hypercalls (core/control.c). */
long cell_create(u64 config_address, u64 size);
long cell_set_loadable(unsigned int id);
long cell_start(unsigned int id);
long cell_shutdown(unsigned int id);
long cell_destroy_by_id(unsigned int id);
long cell_get_state(unsigned int id);
long cell_get_failed_cpus(unsigned int id);
/* The cell with this id (not root), or NULL. */
struct cell *cell_find(unsigned int id);
/* Whether any cell that exists has virtio devices. */
bool cells_have_virtio(void);
bool cells_exist(void);
/* Where root's buffer [address, address + size) is, 0 if not root's own RAM. */
u64 root_ram_phys(u64 address, u64 size, bool write);
/*
 * Says that root's buffer of what at address faulted (arch_copy_guarded):
 * memory root's config has but firmware protects or nothing backs.
 */
void report_root_memory_fault(const char *what, u64 address);

struct per_cpu;
/* A CPU of this cell faulted or did something forbidden. */
void cell_cpu_failed(struct per_cpu *cpu);
void __attribute__((noreturn)) cpu_fail(struct per_cpu *cpu, const char *why);
void cpu_started(struct per_cpu *cpu, u64 entry);
void __attribute__((noreturn)) cpu_power_off_self(struct per_cpu *cpu);
/* The cell asked to power off (PSCI SYSTEM_OFF) or its last CPU went off. */
void cell_powered_off(struct cell *cell, struct per_cpu *caller);
/* The emulated transmit-only UART of a cell's console (core/vuart.c). */
int vuart_init(struct cell *cell);
/* core/dump.c: the dump hypercall, and a CPU answering a dump request. */
long cpu_dump(struct per_cpu *caller, u64 cpu_id, u64 address);
void cpu_dump_answer(struct per_cpu *cpu);
/*
 * The management interrupt arrived on this CPU: answer a dump request,
 * then stop if asked to.
 */
void cpu_handle_management(struct per_cpu *cpu);
/* Console output of a cell, collected per line. */
void cell_console_putc(struct cell *cell, char c);
/*
 * Whether a refused request of the cell may still be reported on the
 * console: the first CELL_MAX_REPORTS since its start are (root's always).
 */
#define CELL_MAX_REPORTS	100
bool cell_may_report(struct cell *cell);

#endif
