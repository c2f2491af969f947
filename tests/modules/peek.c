// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: touches one physical address from root Linux, as a buggy or
 * hostile root driver would, then refuses to stay loaded. Used to prove
 * that root cannot read or write the hypervisor's memory.
 *
 *   insmod peek.ko addr=0x7f000000 [write=1]
 */
#include <linux/io.h>
#include <linux/module.h>

static unsigned long addr;
module_param(addr, ulong, 0444);
static bool write;
module_param(write, bool, 0444);

static int __init peek_init(void)
{
	u64 *p = memremap(addr, sizeof(u64), MEMREMAP_WB);

	if (!p)
		return -ENOMEM;
	if (write) {
		WRITE_ONCE(*p, 0xdeadbeefULL);
		pr_info("peek: wrote %#lx\n", addr);
	} else {
		pr_info("peek: %#lx reads %#llx\n", addr, READ_ONCE(*p));
	}
	memunmap(p);
	return -EAGAIN;
}

module_init(peek_init);
MODULE_DESCRIPTION("bulkhead test: touch one physical address");
MODULE_LICENSE("GPL");
