# `bulkhead config check` in the test machine accepts the shipped configs and
# rejects each malformed blob with the message the manifest names.
# arches: arm64 riscv64
# kernels: 6.12
# timeout: 120
. /usr/share/bulkhead/tests/lib.sh

cd /etc/bulkhead
check "shipped configs accepted" bulkhead config check qemu-virt.cell qemu-virt-inmate*.cell

bad=/usr/share/bulkhead/tests/bad
[ -s $bad/manifest ] || not_ok "manifest of malformed blobs present"
while read -r file kind want; do
	if [ "$kind" = system ]; then
		expect_fail "reject $file" "$want" bulkhead config check "$bad/$file"
	else
		expect_fail "reject $file" "$want" bulkhead config check qemu-virt.cell "$bad/$file"
	fi
done < $bad/manifest
finish
