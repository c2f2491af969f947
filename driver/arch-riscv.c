// SPDX-License-Identifier: GPL-2.0
/*
 * riscv64: the hypervisor is not ported yet. The module loads, so configs
 * can be checked and the device exists, but enable says why it cannot.
 */
#include <linux/kernel.h>

#include "bulkhead.h"

const u16 bulkhead_arch_id = BULKHEAD_ARCH_RISCV64;
const char *const bulkhead_firmware_name = "bulkhead-riscv64.bin";

int bulkhead_arch_check(void)
{
	pr_err("bulkhead: the riscv64 hypervisor is not available yet: enable works on arm64 only\n");
	return -EOPNOTSUPP;
}

long bulkhead_arch_enter_cpu(unsigned long entry, unsigned int cpu,
			     phys_addr_t base, size_t config_size)
{
	return -EOPNOTSUPP;
}

long bulkhead_arch_disable_cpu(void)
{
	return -EOPNOTSUPP;
}

long bulkhead_arch_hypercall(unsigned long code, unsigned long arg1,
			     unsigned long arg2)
{
	return -EOPNOTSUPP;
}
