// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor console, read from the ring in the shared region. The file
 * position is a byte index into the whole output; output older than the
 * ring is lost and skipped.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bulkhead.h"

#define RING	BULKHEAD_CONSOLE_BUFFER_SIZE

static size_t copy_ring(char *dst, const char *ring, u64 from, size_t len)
{
	size_t first = min_t(size_t, len, RING - from % RING);

	memcpy(dst, ring + from % RING, first);
	memcpy(dst + first, ring, len - first);
	return len;
}

ssize_t bulkhead_console_read(struct file *file, char __user *buf,
			      size_t count, loff_t *ppos)
{
	u64 written, from;
	size_t len = 0;
	char *kbuf;
	ssize_t ret;

	count = min_t(size_t, count, RING);
	kbuf = kmalloc(count, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;

	mutex_lock(&bulkhead.lock);
	if (!bulkhead.shared)
		goto out_unlock;
	do {
		/* Pairs with the hypervisor's release store of 'written'. */
		written = smp_load_acquire(&bulkhead.shared->console.written);
		from = max_t(u64, *ppos, written > RING ? written - RING : 0);
		if (from >= written)
			break;
		len = min_t(u64, count, written - from);
		copy_ring(kbuf, bulkhead.shared->console.buffer, from, len);
		/* Read the bytes before checking they were not overwritten. */
		smp_rmb();
		/* Retry when the writer lapped us during the copy. */
	} while (READ_ONCE(bulkhead.shared->console.written) > from + RING);
out_unlock:
	mutex_unlock(&bulkhead.lock);

	ret = len;
	if (len && copy_to_user(buf, kbuf, len))
		ret = -EFAULT;
	else if (len)
		*ppos = from + len;
	kfree(kbuf);
	return ret;
}

u64 bulkhead_console_mark(void)
{
	/* Pairs with the hypervisor's release store of 'written'. */
	return bulkhead.shared ? smp_load_acquire(&bulkhead.shared->console.written) : 0;
}

/*
 * Repeats in the kernel log what the hypervisor printed since mark, line
 * by line: when the hypervisor refuses a request, that is the reason, and
 * the CLI shows the driver's lines to the user.
 */
void bulkhead_console_relay(u64 mark)
{
	u64 written = bulkhead_console_mark(), from;
	char line[160];
	size_t len = 0;

	if (!bulkhead.shared)
		return;
	from = max_t(u64, mark, written > RING ? written - RING : 0);
	for (; from < written; from++) {
		char c = bulkhead.shared->console.buffer[from % RING];

		if (c != '\n' && len < sizeof(line) - 1) {
			line[len++] = c;
			continue;
		}
		line[len] = 0;
		if (len)
			pr_err("bulkhead: hypervisor: %s\n",
			       strncmp(line, "bulkhead: ", 10) ? line : line + 10);
		len = 0;
	}
}
