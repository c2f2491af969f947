/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GIC as the rest of the arm64 code sees it: one interface, served by
 * GICv3 (gicv3.c) or GICv2 (gicv2.c) as the system config says. gic.c
 * holds what both share: the distributor's ownership filter, interrupts
 * waiting for a list register, SGI confinement.
 */
#ifndef _ARCH_GIC_H
#define _ARCH_GIC_H

#include <core/cell.h>
#include <core/dump.h>
#include <core/mmio.h>
#include <core/percpu.h>
#include <core/spinlock.h>

/*
 * The SGI the hypervisor sends itself between CPUs. Linux uses SGIs 0-7;
 * cells may not send this one.
 */
#define GIC_MANAGEMENT_SGI	15
/* Linux's default priority for all interrupts. */
#define GIC_IRQ_PRIORITY	0xa0
#define GIC_SPURIOUS_FIRST	1020

/* Distributor registers both versions have. */
#define GICD_CTLR		0x0000
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
/* GICv2 only: software-generated interrupts. */
#define GICD_SGIR		0x0f00
#define GICD_CPENDSGIR		0x0f10
#define GICD_SPENDSGIR		0x0f20

/* What differs between the versions. */
struct gic_ops {
	const char *name;
	int (*init)(const struct bulkhead_irqchip *config);
	void (*cpu_init)(struct per_cpu *cpu, bool fresh);
	void (*cpu_exit)(struct per_cpu *cpu);
	void (*cpu_reset)(struct per_cpu *cpu);
	int (*cell_init)(struct cell *cell);
	/*
	 * The next interrupt the physical CPU interface signals: its raw
	 * acknowledge value (a GICv2 SGI carries its sender), or false.
	 */
	bool (*ack)(u32 *raw, u32 *irq, u32 *source);
	/* Priority drop and deactivation of an acknowledged interrupt. */
	void (*eoi)(u32 raw);
	void (*deactivate)(u32 raw);
	/* Into a free list register; false if none is free. */
	bool (*inject)(struct per_cpu *cpu, u32 irq, u32 source);
	/* The maintenance interrupt when list registers drain, or not. */
	void (*underflow_irq)(bool on);
	/* What else a maintenance interrupt means (optional). */
	void (*maintenance)(struct per_cpu *cpu);
	void (*send_sgi)(struct per_cpu *target, u32 intid);
	/*
	 * Registers only this version has, or that it filters its own way:
	 * MMIO_UNHANDLED leaves the access to the common filter.
	 */
	enum mmio_result (*dist_access)(struct cell *cell, u64 offset,
					struct mmio_access *access);
	void (*route_spi)(u32 irq, struct per_cpu *target);
	void (*dump)(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump);
};

extern const struct gic_ops gicv3_ops, gicv2_ops;

/* State both versions use; the versions keep their own as well. */
struct gic_common {
	const struct gic_ops *ops;
	u64 dist;
	u32 num_irqs, maintenance_irq;
	/*
	 * GICv2 keeps the SGIs and PPIs of the accessing CPU in the
	 * distributor; GICv3 in the redistributors.
	 */
	bool private_in_dist;
	spinlock_t lock;
};

extern struct gic_common gic;

/* The interface for setup.c, traps.c, dump.c. */
int gic_init(const struct bulkhead_irqchip *config);
void gic_cpu_init(struct per_cpu *cpu, bool fresh);
void gic_cpu_exit(struct per_cpu *cpu);
/* Drop everything the CPU's list registers hold (the CPU goes off). */
void gic_cpu_reset(struct per_cpu *cpu);
int gic_cell_init(struct cell *cell);
void gic_handle_irqs(struct per_cpu *cpu);
/* The SGI the hypervisor uses to make another CPU look at its request. */
void gic_send_management(struct per_cpu *cpu);
void gic_ack_management(void);
/* Give the cell's interrupt lines to it (take) or back to root. */
void gic_move_irqs(struct cell *cell, bool take);
/* The CPU's interrupt state, for its dump (on the CPU itself). */
void gic_dump(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump);
void gic_raise_spi(u32 irq);
/* A trapped write to ICC_SGI1R_EL1 (GICv3, group 1 SGI). */
void gicv3_send_sgi(struct per_cpu *cpu, u64 sgir);

/* For the versions. */
u32 gic_private_irqs(void);
unsigned int gic_next_waiting(const struct per_cpu *cpu, unsigned int from);
/*
 * A list register's interrupt and the waiting ones, into a CPU dump. bool
 * is an int here: pass flags as 0 or 1, not as masked high bits.
 */
void gic_dump_lr(struct bulkhead_cpu_dump *dump, u32 irq, bool pending,
		 bool active);
void gic_dump_waiting(struct per_cpu *cpu, struct bulkhead_cpu_dump *dump);
/*
 * Whether the sender's cell may send SGI intid to CPU n (-1: a CPU that
 * has not entered the hypervisor); says so on the console if not.
 * target_id names the target in that message (MPIDR or interface number).
 */
bool gic_sgi_allowed(struct per_cpu *sender, u32 intid, int n,
		     const char *target_kind, u64 target_id);
void gic_report_refused(struct cell *cell, struct mmio_access *access,
			u64 mask);
enum mmio_result gic_masked_access(u64 address, struct mmio_access *access,
				   u64 mask, bool set_clear);
unsigned int gic_register_bits(u64 offset, u64 *base);
bool gic_is_set_clear(u64 offset);
/* Bits of a per-interrupt register access that belong to the cell. */
u64 gic_owned_mask(struct cell *cell, u32 first_irq, unsigned int size,
		   unsigned int bits_per_irq);
/* A filtered access to the SGI/PPI registers of the accessing CPU. */
enum mmio_result gic_private_access(struct cell *cell, u64 address, u64 offset,
				    struct mmio_access *access);

#endif
