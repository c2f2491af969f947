# Root Linux cannot touch the hypervisor's memory, cannot write the shared
# region it may read, and cannot touch a cell's memory while the cell
# exists: each access gets an external abort (arm64) or an access fault
# (riscv64), the driver oopses, Linux runs on, and the hypervisor console
# names the address. (riscv64 has no cells yet: the cell part is arm64's.)
# arches: arm64 riscv64
# kernels: 6.12
# timeout: 300
. /usr/share/bulkhead/tests/lib.sh
T=/usr/share/bulkhead/tests
# healthy [CPUS]: Linux has CPUS (4) CPUs and computes correctly.
healthy() {
	[ "$(grep -c ^processor /proc/cpuinfo)" -eq "${1:-4}" ] &&
	[ "$(awk 'BEGIN { for (i = 0; i < 20000; i++) s += i; print s }')" = 199990000 ]
}
arch=$(uname -m | sed s/aarch64/arm64/)
hv=$(bulkhead config show /etc/bulkhead/qemu-virt.cell | awk '/^hypervisor_memory:/ {print $3}')
# The shared region's offset is in the image header (struct bulkhead_image_header).
shared_offset=$(od -An -tu8 -j32 -N8 /lib/firmware/bulkhead-$arch.bin | tr -d ' ')
shared=$(printf '0x%x' $((hv + shared_offset)))

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console

check "root reads the shared region ($shared)" sh -c "! insmod $T/peek.ko addr=$shared 2>/dev/null; dmesg | grep -q 'peek: $shared reads'"

insmod $T/peek1.ko addr=$hv 2>/dev/null
check "reading hypervisor memory ($hv) is refused" wait_for "cell \"qemu-virt-$arch\" accessed $hv, which it does not own"
if [ $arch = arm64 ]; then
	check "root got an external abort" sh -c 'dmesg | grep -q "Internal error: synchronous external abort"'
	check "the read never returned" sh -c "! dmesg | grep -q 'peek: $hv reads'"
else
	# riscv64 Linux panics on a kernel access fault: root's kernel gets zeros.
	check "the read returned zero, not the hypervisor's image" \
		sh -c "dmesg | grep -q 'peek: $hv reads 0x0\$'"
fi
check "root Linux healthy" healthy

insmod $T/peek2.ko addr=$shared write=1 2>/dev/null
check "writing the read-only shared region is refused" wait_for "accessed $shared, which it does not own"
if [ $arch = arm64 ]; then
	check "the write never completed" sh -c "! dmesg | grep -q 'peek: wrote $shared'"
fi
reads=$(dmesg | grep -c "peek: $shared reads")
insmod $T/peek.ko addr=$shared 2>/dev/null
check "the shared region is unchanged" sh -c "[ \$(dmesg | grep -c 'peek: $shared reads') -gt $reads ] &&
	! dmesg | grep -q 'peek: $shared reads 0xdeadbeef'"
check "root Linux healthy" healthy

if [ $arch = riscv64 ]; then
	check "disable" bulkhead disable
	finish
fi
bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell >/dev/null
insmod $T/peek3.ko addr=0x7e000000 2>/dev/null
check "reading a cell's memory is refused" wait_for "accessed 0x7e000000, which it does not own"
check "root Linux healthy on its 3 CPUs" healthy 3
check "CPU hotplug still works" sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online'
bulkhead cell destroy inmate >/dev/null
check "the cell's memory is root's again" sh -c "! insmod $T/peek.ko addr=0x7e000000 2>/dev/null; dmesg | grep -q 'peek: 0x7e000000 reads'"
check "disable" bulkhead disable
finish
