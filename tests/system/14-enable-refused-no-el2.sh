# Without EL2 (arm64) or the H extension (riscv64) there is nothing to run
# the hypervisor at: enable refuses and says what is missing; nothing
# changes.
# arches: arm64 riscv64
# kernels: 6.12
# timeout: 300
# vm: --no-virtualization
. /usr/share/bulkhead/tests/lib.sh

check "modprobe" modprobe bulkhead
case $(uname -m) in
riscv64) want="no hypervisor extension (H)" ;;
*) want="virtualization" ;;
esac
expect_fail "enable refused" "$want" bulkhead enable /etc/bulkhead/qemu-virt.cell
check "not enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
check "all CPUs still online" [ "$(cpus_online)" = 0-3 ]
finish
