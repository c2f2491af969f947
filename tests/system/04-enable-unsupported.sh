# On riscv64 the hypervisor is not ported yet: enable says so plainly and
# changes nothing, while the driver and config checks work.
# arches: riscv64
# kernels: 6.12
# timeout: 120
. /usr/share/bulkhead/tests/lib.sh

check "modprobe" modprobe bulkhead
expect_fail "enable refused" "riscv64 hypervisor is not available yet" \
	bulkhead enable /etc/bulkhead/qemu-virt.cell
check "not enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
check "all CPUs online ($(cat /sys/devices/system/cpu/online))" [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]
finish
