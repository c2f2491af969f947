# On a CPU with VHE, Linux runs at EL2 itself: there is no hyp stub to enter
# through. enable refuses and says how to boot Linux instead; nothing changes.
# arches: arm64
# kernels: 6.12
# timeout: 300
# vm: --cpu max
. /usr/share/bulkhead/tests/lib.sh

check "Linux runs at EL2 here" sh -c 'dmesg | grep -q "CPU: All CPU(s) started at EL2"'
check "modprobe" modprobe bulkhead
expect_fail "enable refused" "kvm-arm.mode=nvhe" bulkhead enable /etc/bulkhead/qemu-virt.cell
check "not enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
check "all CPUs still online" [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]
finish
