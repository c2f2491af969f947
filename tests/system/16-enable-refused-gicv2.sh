# On a machine with a GICv2 the hypervisor cannot run yet (issue 15): enable
# refuses and says so, where it used to hang the first CPU it entered;
# nothing changes. `bulkhead hardware check` names the GIC, with the fix.
# arches: arm64
# kernels: 6.12
# timeout: 300
# vm: --qemu-arg=-M --qemu-arg=gic-version=2
. /usr/share/bulkhead/tests/lib.sh

check "modprobe" modprobe bulkhead
expect_fail "enable refused" "GICv2" bulkhead enable /etc/bulkhead/qemu-virt.cell
check "the refusal names the issue" grep -q "issue 15" /tmp/err
check "not enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
check "all CPUs still online" [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]
hw_check
check "hardware check: exit status 1" [ $hw_rc = 1 ]
check "hardware check: the CPU interface" hw_line FAIL GIC "no GICv3 CPU interface"
check "hardware check: the device tree's GIC" hw_line FAIL GIC "arm,cortex-a15-gic, GICv2"
check "hardware check: the fix" hw_fix GIC "gic-version=3"
check "hardware check: only that fails" [ "$(grep -c '^FAIL' /tmp/hw)" = 1 ]
check "rmmod" rmmod bulkhead
hw_check --no-load
check "hardware check --no-load: the GIC from the device tree" \
	hw_line FAIL GIC "arm,cortex-a15-gic, GICv2"
finish
