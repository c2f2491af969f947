# Bad input to enable and disable: each is refused with its errno and a
# message that says what is wrong, and Linux is not affected.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 300
. /usr/share/bulkhead/tests/lib.sh
tests=/usr/share/bulkhead/tests

modprobe bulkhead
healthy() {
	[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] &&
	[ "$(grep -c ^processor /proc/cpuinfo)" -eq 4 ]
}

# The driver checks on its own: --no-check skips the CLI's check, and the
# CLI shows the driver's explanation.
while read -r file kind want; do
	[ "$kind" = system ] || continue
	expect_fail "driver refuses $file" "$want" \
		bulkhead enable --no-check "$tests/bad/$file"
	check "errno EINVAL for $file" grep -q "enable: Invalid argument" /tmp/err
	check "Linux unaffected after $file" healthy
done < $tests/bad/manifest

expect_fail "CLI refuses a truncated config itself" "shorter than" \
	sh -c "head -c 100 /etc/bulkhead/qemu-virt.cell > /tmp/t.cell && bulkhead enable /tmp/t.cell"
expect_fail "cell config is not a system config" "cell config" \
	bulkhead enable /etc/bulkhead/qemu-virt-inmate.cell
expect_fail "hypervisor memory in System RAM" "Device or resource busy" \
	bulkhead enable $tests/configs/hv-in-ram.cell
check "message says how to reserve memory" grep -q "reserved-memory" /tmp/err
check "Linux unaffected" healthy

expect_fail "disable when not enabled" "not enabled" bulkhead disable

image=bulkhead-$(uname -m | sed s/aarch64/arm64/).bin
mv /lib/firmware/$image /tmp/
expect_fail "missing hypervisor image" "No such file" \
	bulkhead enable /etc/bulkhead/qemu-virt.cell
check "message names the image" grep -q "$image" /tmp/err
mv /tmp/$image /lib/firmware/
check "Linux unaffected" healthy

check "enable" bulkhead enable /etc/bulkhead/qemu-virt.cell
expect_fail "enable twice" "already enabled" bulkhead enable /etc/bulkhead/qemu-virt.cell
check "still enabled after the refused second enable" \
	[ "$(cat /sys/devices/bulkhead/enabled)" = 1 ]
check "disable" bulkhead disable
check "Linux unaffected" healthy
finish
