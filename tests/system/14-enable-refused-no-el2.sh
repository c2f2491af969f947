# Without EL2 (arm64) or the H extension (riscv64) there is nothing to run
# the hypervisor at: enable refuses and says what is missing; nothing
# changes. `bulkhead hardware check` says the same, with the fix.
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
hw_check
check "hardware check: exit status 1" [ $hw_rc = 1 ]
case $(uname -m) in
riscv64)
	check "hardware check: no H" hw_line FAIL "H extension" "no hypervisor extension (H)"
	check "hardware check: the fix" hw_fix "H extension" "-cpu rv64,h=true"
	;;
*)
	check "hardware check: no EL2" hw_line FAIL EL2 "the CPU has no EL2"
	check "hardware check: the fix" hw_fix EL2 "-M virt,virtualization=on"
	check "hardware check: the stub is not probed" hw_line skip "hyp stub" "not checked"
	;;
esac
check "hardware check: only that fails" [ "$(grep -c '^FAIL' /tmp/hw)" = 1 ]
finish
