# 100 enable/disable cycles leave the page pool as they found it; the module
# unloads, reloads and enables again. Each cycle runs enable on another CPU:
# CPUs already under the hypervisor must reach those not yet entered.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 300
. /usr/share/bulkhead/tests/lib.sh

modprobe bulkhead
first=""
for n in $(seq 1 100); do
	if ! taskset $((1 << (n % 4))) bulkhead enable /etc/bulkhead/qemu-virt.cell; then
		not_ok "enable in cycle $n"
		break
	fi
	used=$(cat /sys/devices/bulkhead/mem_pool_used)
	[ -n "$first" ] || first=$used
	[ "$used" = "$first" ] || not_ok "pool use $used in cycle $n, $first in cycle 1"
	if ! taskset $((1 << ((n + 1) % 4))) bulkhead disable; then
		not_ok "disable in cycle $n"
		break
	fi
done
ok "100 cycles done, pool use $first pages each time"
check "Linux healthy: 4 CPUs" [ "$(grep -c ^processor /proc/cpuinfo)" -eq 4 ]
check "rmmod" rmmod bulkhead
check "modprobe" modprobe bulkhead
check "enable after reload" bulkhead enable /etc/bulkhead/qemu-virt.cell
check "same pool use after reload" [ "$(cat /sys/devices/bulkhead/mem_pool_used)" = "$first" ]
check "rmmod while enabled disables" rmmod bulkhead
check "Linux healthy after rmmod" sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online'
finish
