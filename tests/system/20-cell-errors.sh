# Bad cell configs are refused with a message naming the problem, and
# nothing changes: the root cell keeps its CPUs.
# arches: arm64 riscv64
# kernels: 6.12
# timeout: 300
. /usr/share/bulkhead/tests/lib.sh
tests=/usr/share/bulkhead/tests

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
expect_fail "cell create before a cell config" "signature" \
	bulkhead cell create /etc/bulkhead/qemu-virt.cell

# Every malformed cell blob: the driver (with the system config) refuses.
while read -r file kind want; do
	[ "$kind" = cell ] || continue
	expect_fail "refuse $file" "$want" bulkhead cell create "$tests/bad/$file"
	check "CPUs untouched after $file" [ "$(cpus_online)" = 0-3 ]
done < $tests/bad/manifest

check "create inmate" bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell
expect_fail "another cell's memory" "conflicts with cell \"inmate\"" \
	bulkhead cell create $tests/configs/overlap.cell
expect_fail "same cell twice" "exists already" \
	bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell
check "create inmate-smp" bulkhead cell create /etc/bulkhead/qemu-virt-inmate-smp.cell
check "root keeps CPU 0 only" [ "$(cpus_online)" = 0 ]
expect_fail "root's last CPU" "last CPU" bulkhead cell create $tests/configs/last-cpu.cell
check "root still has CPU 0" [ "$(cpus_online)" = 0 ]
expect_fail "unknown cell" "no cell" bulkhead cell start nosuchcell
expect_fail "disable with cells" "destroy them first" bulkhead disable
check "destroy inmate" bulkhead cell destroy inmate
check "destroy inmate-smp" bulkhead cell destroy 2
check "all CPUs back" [ "$(cpus_online)" = 0-3 ]
check "disable" bulkhead disable
finish
