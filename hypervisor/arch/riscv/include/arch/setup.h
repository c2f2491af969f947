/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_SETUP_H
#define _ARCH_SETUP_H

#include <core/types.h>

/* The harts have Sstc: the guest's timer is vstimecmp, not firmware's. */
bool arch_has_sstc(void);

struct guest_regs;
/* A guest's wfi in VS mode, trapped on QEMU only (setup.c). */
void arch_guest_wfi(struct guest_regs *regs);

struct per_cpu;
/* The hart running the hypervisor code that asks (traps.c). */
struct per_cpu *this_cpu(void);

/* entry.S */
extern char trap_vector[], arch_secondary_entry[];
/* Half an instruction of the guest at address; *failed if unmapped. */
u16 guest_fetch_u16(u64 address, u64 *failed);

#endif
