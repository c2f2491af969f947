# The demo scenario, run as root in the test machine's root Linux (arm64 or
# riscv64: the same commands on both).
set -e
step() { printf '\n=== %s\n' "$*"; }
I=/usr/lib/bulkhead/inmates

step "root Linux is up: $(uname -sr), $(grep -c ^processor /proc/cpuinfo) CPUs"
grep MemTotal /proc/meminfo
echo "memory reserved for bulkhead (invisible to Linux):"
ls /proc/device-tree/reserved-memory/

step "modprobe bulkhead; check the configs"
modprobe bulkhead
cd /etc/bulkhead
bulkhead config check qemu-virt.cell qemu-virt-inmate.cell qemu-virt-inmate-smp.cell

step "a config with a mistake is refused, naming the field"
bulkhead config check qemu-virt.cell /usr/share/bulkhead/tests/bad/cell-cpu-not-roots.cell || true

step "bulkhead enable qemu-virt.cell: Linux now runs as the root cell"
bulkhead enable qemu-virt.cell

step "two cells next to root Linux: timer-demo on CPU 3, smp-demo on CPUs 1-2"
bulkhead cell create qemu-virt-inmate.cell
bulkhead cell load inmate $I/timer-demo.bin
bulkhead cell start inmate
bulkhead cell create qemu-virt-inmate-smp.cell
bulkhead cell load inmate-smp $I/smp-demo.bin
bulkhead cell start inmate-smp
sleep 3
bulkhead cell list
echo "root Linux keeps working on CPU 0: $(awk 'BEGIN { for (i = 0; i < 200000; i++) s += i; print s }')"

step "a hostile inmate tries to write root Linux's memory: only its cell fails"
bulkhead cell destroy inmate-smp
bulkhead cell create qemu-virt-inmate-smp.cell
bulkhead cell load inmate-smp $I/hostile-mem-root.bin
bulkhead cell start inmate-smp
sleep 1
bulkhead cell list

step "exit statistics of the timer cell"
bulkhead cell stats inmate

step "shutdown through the comm region, destroy"
bulkhead cell shutdown inmate
bulkhead cell destroy inmate
bulkhead cell destroy inmate-smp
echo "CPUs back in Linux: $(cat /sys/devices/system/cpu/online)"

step "a second Linux in a cell on CPUs 2-3, its console on the second console"
L=/usr/share/bulkhead/linux
bulkhead cell linux qemu-virt-linux.cell $L/Image -i $L/initramfs.cpio.gz -c bulkhead.test=poweroff
n=0
while [ "$(cat /sys/devices/bulkhead/cells/1/state)" != "shut down" ] && [ $n -lt 120 ]; do
	sleep 0.25
	n=$((n + 1))
done
echo "root Linux meanwhile: $(grep -c ^processor /proc/cpuinfo) CPUs, uptime $(cut -d' ' -f1 /proc/uptime) s"
bulkhead cell list
bulkhead cell destroy linux

step "a second Linux whose console, disk and network root serves (virtio)"
dd if=/dev/zero of=/tmp/cell-disk.img bs=1M count=8 2>/dev/null
printf 'written by root before the cell booted' | dd of=/tmp/cell-disk.img conv=notrunc 2>/dev/null
bulkhead cell linux qemu-virt-linux-virtio.cell $L/Image -i $L/initramfs.cpio.gz \
	--disk /tmp/cell-disk.img --tap bh0
ip addr add 10.13.0.1/24 dev bh0
ip link set bh0 up
n=0
until timeout 5 bulkhead cell console linux-virtio --wait 1 </dev/null | grep -q 'linux-cell: up' ||
	[ $n -ge 30 ]; do
	n=$((n + 1))
done
echo "typed into the cell with bulkhead cell console:"
printf '%s\n' 'uname -n; nproc' 'head -c 38 /dev/vda; echo' \
	'ip addr add 10.13.0.2/24 dev eth0; ip link set eth0 up; ping -c 2 10.13.0.1' |
	timeout 20 bulkhead cell console linux-virtio --no-history --wait 4 || true
echo "root pings the cell:"
ping -c 2 10.13.0.2
bulkhead cell destroy linux-virtio
bulkhead disable

step "the hypervisor console, as root Linux reads it (bulkhead console), last lines"
bulkhead console | tail -n 12
echo "demo finished"
