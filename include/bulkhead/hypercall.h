/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypercalls: the call number goes in the first argument register, results
 * come back in it. arm64: `hvc #BULKHEAD_HVC_IMM`, x0 = call, x1.. = args.
 * riscv64: an SBI call, `ecall` with a7 = BULKHEAD_SBI_EXT, a0 = call,
 * a1.. = args; the result comes back in a0 (not SBI's error/value pair).
 * Negative results are errno values (-EPERM: not allowed from this cell).
 */
#ifndef _BULKHEAD_HYPERCALL_H
#define _BULKHEAD_HYPERCALL_H

#define BULKHEAD_HVC_IMM		0x4248
/* In the SBI's experimental extension range (0x08000000-0x08ffffff). */
#define BULKHEAD_SBI_EXT		0x08424844

/* Root cell only: leave the hypervisor on the calling CPU. */
#define BULKHEAD_HC_DISABLE		0
/*
 * Print the character in arg1 on the hypervisor console. Allowed for the
 * root cell and for cells flagged BULKHEAD_CELL_DEBUG_CONSOLE; output of a
 * cell is collected per line and prefixed with the cell's name.
 */
#define BULKHEAD_HC_DEBUG_PUTC		1
/*
 * Root cell only. arg1 = guest-physical address of a cell config in root
 * memory, arg2 = its size. Returns the new cell's id (>= 1).
 */
#define BULKHEAD_HC_CELL_CREATE		2
/*
 * Root cell only, arg1 = cell id. Stops the cell's CPUs (asking the cell
 * first, see the comm region) and maps its LOADABLE regions into the root
 * cell so images can be copied in.
 */
#define BULKHEAD_HC_CELL_SET_LOADABLE	3
/* Root cell only, arg1 = cell id: start the cell's first CPU at its entry. */
#define BULKHEAD_HC_CELL_START		4
/* Root cell only, arg1 = cell id: stop it and return all it owns to root. */
#define BULKHEAD_HC_CELL_DESTROY	5
/* Root cell only, arg1 = cell id: returns BULKHEAD_CELL_STATE_*. */
#define BULKHEAD_HC_CELL_GET_STATE	6
/*
 * Root cell only, arg1 = cell id: ask the cell to shut down and stop its
 * CPUs if it agrees. -EBUSY if it denies.
 */
#define BULKHEAD_HC_CELL_SHUTDOWN	7
/*
 * Root cell only, arg1 = cell id: bitmap of the cell's CPUs that were
 * stopped because of a fault.
 */
#define BULKHEAD_HC_CELL_FAILED_CPUS	8
/*
 * Root cell only. arg1 = CPU id, arg2 = guest-physical address of a
 * struct bulkhead_cpu_dump (cpu-dump.h) in root RAM, filled with that
 * CPU's state. A running CPU is interrupted to fill it.
 */
#define BULKHEAD_HC_CPU_DUMP		9
/*
 * Root cell only. arg1 = guest-physical address of a page of root RAM that
 * becomes the virtio channel (struct bulkhead_virtio_channel, virtio.h), 0
 * to give it up (no cell with virtio devices may exist then). Needs the
 * system config's irqchip.virtio_notify_irq.
 */
#define BULKHEAD_HC_VIRTIO_CHANNEL	10
/*
 * Root cell only, arg1 = cell id, arg2 = index of one of its virtio
 * devices: raise that device's interrupt in the cell.
 */
#define BULKHEAD_HC_VIRTIO_INJECT	11
/*
 * Root cell only, arg1 = cell id, arg2 = device index: a backend serves the
 * device (again). Until then, and after an access timed out, the cell's
 * accesses to the device fail at once (reads all ones, writes dropped).
 */
#define BULKHEAD_HC_VIRTIO_ONLINE	12

#endif /* _BULKHEAD_HYPERCALL_H */
