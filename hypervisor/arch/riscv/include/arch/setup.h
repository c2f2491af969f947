/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ARCH_SETUP_H
#define _ARCH_SETUP_H

#include <core/types.h>

/* The harts have Sstc: the guest's timer is vstimecmp, not firmware's. */
bool arch_has_sstc(void);

/* entry.S */
extern char trap_vector[], arch_secondary_entry[];
/* Half an instruction of the guest at address; *failed if unmapped. */
u16 guest_fetch_u16(u64 address, u64 *failed);

#endif
