// SPDX-License-Identifier: GPL-2.0
/*
 * The machine checks: enable runs them and refuses at the first failure;
 * BULKHEAD_HW_CHECK runs the same functions without enabling and reports
 * every result, for `bulkhead hardware check`. The checks themselves are
 * per architecture (bulkhead_arch_checks[] in arch-<arch>.c).
 */
#include <linux/bits.h>
#include <linux/string.h>

#include <bulkhead/hw-check.h>
#include <bulkhead/hypervisor.h>

#include "bulkhead.h"

/*
 * Enable's checks, with bulkhead.lock held: the first failure logs why and
 * how to fix it. A check's needs come earlier in the table, so they passed.
 */
int bulkhead_check_machine(void)
{
	unsigned int i;
	u64 detail;
	int err;

	for (i = 0; i < bulkhead_arch_num_checks; i++) {
		if (bulkhead_arch_checks[i].advisory)
			continue;
		detail = 0;
		err = bulkhead_arch_checks[i].run(true, &detail);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Every check, quietly, each one whose needs passed. While bulkhead is
 * enabled none is run: EL2 is the hypervisor's then, and enable passed
 * them.
 */
void bulkhead_hw_check(struct bulkhead_hw_check *result)
{
	const struct bulkhead_arch_check *check;
	struct bulkhead_hw_result *r;
	u32 passed = 0;
	unsigned int i;

	memset(result, 0, sizeof(*result));
	result->architecture = bulkhead_arch_id;
	result->image_revision = BULKHEAD_IMAGE_REVISION;
	result->config_revision = BULKHEAD_CONFIG_REVISION;

	mutex_lock(&bulkhead.lock);
	result->enabled = bulkhead.enabled;
	for (i = 0; !result->enabled && i < bulkhead_arch_num_checks; i++) {
		check = &bulkhead_arch_checks[i];
		r = &result->results[result->num_results++];
		r->id = check->id;
		r->flags = check->advisory ? BULKHEAD_HW_ADVISORY : 0;
		if ((check->needs & passed) != check->needs) {
			r->status = BULKHEAD_HW_NOT_RUN;
			continue;
		}
		if (check->run(false, &r->detail)) {
			r->status = BULKHEAD_HW_FAILED;
			continue;
		}
		r->status = BULKHEAD_HW_PASSED;
		passed |= BIT(check->id);
	}
	mutex_unlock(&bulkhead.lock);
}
