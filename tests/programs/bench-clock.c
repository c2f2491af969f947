// SPDX-License-Identifier: GPL-2.0
/*
 * bench-clock: prints CLOCK_MONOTONIC in microseconds. The test machine's
 * busybox `date` has no sub-second format and /proc/uptime counts in 10 ms
 * steps, too coarse for enable or a cell start; ci/bench-vm.sh times with
 * this (tests/system/prepare builds it into the machine).
 */
#include <stdio.h>
#include <time.h>

int main(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return 1;
	printf("%lld\n", (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
	return 0;
}
