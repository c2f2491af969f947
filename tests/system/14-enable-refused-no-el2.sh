# Without EL2 (no virtualization extensions) there is nothing to run the
# hypervisor at: enable refuses and says what is missing; nothing changes.
# arches: arm64
# kernels: 6.12
# timeout: 300
# vm: --no-virtualization
. /usr/share/bulkhead/tests/lib.sh

check "modprobe" modprobe bulkhead
expect_fail "enable refused" "virtualization" bulkhead enable /etc/bulkhead/qemu-virt.cell
check "not enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
check "all CPUs still online" [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]
finish
