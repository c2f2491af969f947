# On riscv64 the hypervisor runs root Linux, but cells other than root are
# not ported yet: cell create says so plainly, and root keeps its CPUs and
# stays enabled. (Replace this test when riscv64 cells arrive.)
# arches: riscv64
# kernels: 6.12
# timeout: 120
. /usr/share/bulkhead/tests/lib.sh

check "modprobe" modprobe bulkhead
check "enable" bulkhead enable /etc/bulkhead/qemu-virt.cell
expect_fail "cell create refused" "not available on riscv64 yet" \
	bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell
check "root kept all CPUs ($(cat /sys/devices/system/cpu/online))" \
	[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]
check "only the root cell" [ "$(ls /sys/devices/bulkhead/cells)" = 0 ]
check "still enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 1 ]
check "disable" bulkhead disable
finish
