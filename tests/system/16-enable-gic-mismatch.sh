# A system config must describe the machine's GIC. On a machine with a
# GICv2 (gic-version=2, virtualization extensions on), enable refuses the
# GICv3 config qemu-virt.cell before any CPU enters the hypervisor, naming
# irqchip.type, the machine's GIC and the fix, and nothing changes; so it
# does for a GICv2 config whose GICH address is not the device tree's.
# `bulkhead hardware check` reports the GICv2 and its frames ok, takes the
# GICv2 config by default and fails the GICv3 one with the same reason.
# Enabling with the right config is 10-enable's business (ci/vm --gic 2).
# arches: arm64
# kernels: 6.12
# timeout: 300
# vm: --qemu-arg=-M --qemu-arg=gic-version=2
. /usr/share/bulkhead/tests/lib.sh
v3=/etc/bulkhead/qemu-virt.cell
v2=/etc/bulkhead/qemu-virt-gicv2.cell

nothing_changed() {
	check "$1: not enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
	check "$1: all CPUs still online" [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]
}

check "modprobe" modprobe bulkhead
expect_fail "GICv3 config refused" "irqchip.type is GICv3, but this machine's GIC is a GICv2" \
	bulkhead enable $v3
check "the refusal names the GIC" grep -qF "(/intc@8000000, arm,cortex-a15-gic)" /tmp/err
check "the refusal names the fix" grep -qF "bulkhead config create" /tmp/err
check "the refusal names the GICv2 config" grep -qF "qemu-virt-gicv2.cell" /tmp/err
nothing_changed "GICv3 config"

# The GICv2 config with GICH at 0x08050000 (irqchip.gich_base, offset 120).
{ head -c 120 $v2; printf '\000\000\005\010\000\000\000\000'; tail -c +129 $v2; } > /tmp/bad-gich.cell
check "the patched config passes the validator" bulkhead config check /tmp/bad-gich.cell
expect_fail "GICH elsewhere refused" \
	"irqchip.gich_base is 0x8050000, but the device tree has the GICv2's hypervisor control interface (GICH) at 0x8030000" \
	bulkhead enable /tmp/bad-gich.cell
nothing_changed "GICH elsewhere"
hw_check /tmp/bad-gich.cell
check "hardware check, GICH elsewhere: refused" hw_line FAIL "system config" \
	"irqchip.gich_base is 0x8050000, but the device tree has the GICv2's hypervisor control interface (GICH) at 0x8030000"
check "hardware check, GICH elsewhere: the fix" hw_fix "system config" "correct that field"

hw_check
check "hardware check: exit status 0" [ $hw_rc = 0 ]
check "hardware check: the GICv2 ok" hw_line ok GIC "GICv2 with virtualization extensions"
check "hardware check: its frames" \
	hw_line ok GIC "GICD 0x8000000, GICC 0x8010000, GICH 0x8030000, GICV 0x8040000"
check "hardware check: the GICv2 config by default" hw_line ok "system config" $v2
hw_check $v3
check "hardware check, GICv3 config: exit status 1" [ $hw_rc = 1 ]
check "hardware check, GICv3 config: refused" \
	hw_line FAIL "system config" "irqchip.type is GICv3, but this machine's GIC is a GICv2"
check "hardware check, GICv3 config: the fix" hw_fix "system config" "bulkhead config create"
check "hardware check, GICv3 config: only that fails" [ "$(grep -c '^FAIL' /tmp/hw)" = 1 ]
check "hardware check, GICv3 config: the memory still checked" hw_line ok "reserved memory"
check "rmmod" rmmod bulkhead
hw_check --no-load
check "hardware check --no-load: the GICv2 from the device tree" \
	hw_line ok GIC "arm,cortex-a15-gic); from the device tree alone"
finish
