# Root Linux cannot touch the hypervisor's memory, cannot write the shared
# region it may read, and cannot touch a cell's memory while the cell
# exists: on arm64 each access gets an external abort (the driver oopses),
# on riscv64 a read gives zeros and a write is dropped (Linux there panics
# on a kernel access fault); Linux runs on and the hypervisor console names
# the address. On a GICv2 the same holds for the GIC's hypervisor control
# interface (GICH), which only the hypervisor maps.
# arches: arm64 riscv64
# kernels: 6.12
# variant[arm64]: gicv2 --gic 2
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

cell_ram=$(bulkhead config show /etc/bulkhead/qemu-virt-inmate.cell | awk '/^memory\[0\]:/ {print $3}')
bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell >/dev/null
insmod $T/peek3.ko addr=$cell_ram 2>/dev/null
check "reading a cell's memory ($cell_ram) is refused" wait_for "accessed $cell_ram, which it does not own"
check "root Linux healthy on its 3 CPUs" healthy 3
check "CPU hotplug still works" sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online'
bulkhead cell destroy inmate >/dev/null
refused=$(grep -c "accessed $cell_ram" $CONSOLE)
reads=$(dmesg | grep -c "peek: $cell_ram reads")
insmod $T/peek.ko addr=$cell_ram 2>/dev/null
sleep 0.5
check "the cell's memory is root's again" sh -c "[ \$(dmesg | grep -c 'peek: $cell_ram reads') -gt $reads ] &&
	[ \$(grep -c 'accessed $cell_ram' $CONSOLE) -eq $refused ]"
if [ "$(gic_version)" = 2 ]; then
	gich=$(bulkhead config show /etc/bulkhead/qemu-virt.cell | awk '/^irqchip.gich_base:/ {print $2}')
	insmod $T/peek4.ko addr=$gich 2>/dev/null
	check "reading the GICv2's GICH ($gich) is refused" \
		wait_for "cell \"qemu-virt-$arch\" accessed $gich, which it does not own"
	check "the GICH read never returned" sh -c "! dmesg | grep -q 'peek: $gich reads'"
	check "root Linux healthy" healthy
fi
check "disable" bulkhead disable
finish
