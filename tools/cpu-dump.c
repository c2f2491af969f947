// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Printing a CPU's dump (bulkhead cell dump): the summary every
 * architecture shares, then the architecture's registers by name as the
 * hypervisor labelled them.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <bulkhead/cpu-dump.h>
#include <bulkhead/ioctl.h>

#include "bulkhead.h"

static void print_irqs(const char *what, const __u32 *irqs, __u32 count)
{
	__u32 n;

	printf("  %s:", what);
	if (!count)
		printf(" none");
	for (n = 0; n < count && n < BULKHEAD_CPU_DUMP_MAX_IRQS; n++)
		printf(" %u", irqs[n]);
	if (count > BULKHEAD_CPU_DUMP_MAX_IRQS)
		printf(" (and %u more)", count - BULKHEAD_CPU_DUMP_MAX_IRQS);
	printf("\n");
}

static void print_dump(const struct bulkhead_cpu_dump *dump)
{
	static const char *const states[] = BULKHEAD_CPU_DUMP_NAMES;
	static const char *const requests[] = { "none", "stop" };
	const char *state = dump->state < 4 ? states[dump->state] : "?";
	__u32 n;

	printf("CPU %u: %s", dump->cpu, state);
	if (dump->state == BULKHEAD_CPU_DUMP_SILENT)
		printf(" (no answer within %u ms: busy in the hypervisor)",
		       BULKHEAD_CPU_DUMP_TIMEOUT_MS);
	if (dump->state == BULKHEAD_CPU_DUMP_OFF ||
	    dump->state == BULKHEAD_CPU_DUMP_SILENT) {
		printf("\n");
		return;
	}
	printf(", %s mode, interrupts %s, PC 0x%llx%s\n",
	       dump->privilege ? "kernel" : "user",
	       dump->flags & BULKHEAD_CPU_DUMP_IRQS_MASKED ? "masked" : "unmasked",
	       (unsigned long long)dump->pc,
	       dump->flags & BULKHEAD_CPU_DUMP_CALLER ? " (the CPU asking)" : "");
	print_irqs("virtual interrupts pending", dump->pending, dump->num_pending);
	print_irqs("virtual interrupts active", dump->active, dump->num_active);
	print_irqs("waiting for a list register", dump->waiting, dump->num_waiting);
	printf("  management request: %s\n",
	       dump->request < 2 ? requests[dump->request] : "?");
	for (n = 0; n < dump->num_items && n < BULKHEAD_CPU_DUMP_MAX_ITEMS; n++)
		printf("  %-15.*s 0x%016llx%s", BULKHEAD_CPU_DUMP_NAME_LEN,
		       dump->items[n].name, (unsigned long long)dump->items[n].value,
		       n % 3 == 2 || n + 1 == dump->num_items ? "\n" : "");
}

/* Asks the hypervisor for the state of one CPU and prints it. */
int bh_cpu_dump(unsigned int cpu)
{
	struct bulkhead_cpu_dump dump;
	struct bulkhead_cpu_dump_arg arg = {
		.cpu = cpu,
		.dump_address = (uintptr_t)&dump,
	};
	char what[32];
	int fd = bh_open_driver();

	if (fd < 0)
		return BH_EXIT_FAIL;
	memset(&dump, 0, sizeof(dump));
	snprintf(what, sizeof(what), "dump of CPU %u", cpu);
	if (bh_driver_request(fd, what, BULKHEAD_CPU_DUMP, (unsigned long)&arg) < 0)
		return BH_EXIT_FAIL;
	print_dump(&dump);
	return BH_EXIT_OK;
}
