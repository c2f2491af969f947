# On a CPU with VHE, Linux runs at EL2 itself: there is no hyp stub to enter
# through. enable refuses and says how to boot Linux instead; nothing changes.
# `bulkhead hardware check` says the same, with the fix, and does not probe
# EL2.
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
hw_check
check "hardware check: exit status 1" [ $hw_rc = 1 ]
check "hardware check: VHE" hw_line FAIL "not VHE" "Linux runs at EL2 itself (VHE)"
check "hardware check: the fix" hw_fix "not VHE" "kvm-arm.mode=nvhe or id_aa64mmfr1.vh=0"
check "hardware check: EL2 exists" hw_line ok EL2
check "hardware check: the stub is not probed" hw_line skip "hyp stub" "not checked"
finish
