# The demo scenario, run as root in the arm64 test machine's root Linux.
set -e
step() { printf '\n=== %s\n' "$*"; }

step "root Linux is up: $(uname -sr), $(grep -c ^processor /proc/cpuinfo) CPUs"
grep MemTotal /proc/meminfo
echo "memory reserved for bulkhead (invisible to Linux):"
ls /proc/device-tree/reserved-memory/

step "modprobe bulkhead"
modprobe bulkhead
ls -l /dev/bulkhead

step "bulkhead config check /etc/bulkhead/*.cell"
cd /etc/bulkhead
bulkhead config check qemu-virt.cell qemu-virt-inmate.cell qemu-virt-inmate-smp.cell

step "a config with a mistake is refused, naming the field"
bulkhead config check qemu-virt.cell /usr/share/bulkhead/tests/bad/$(awk '$2 == "cell" {print $1; exit}' /usr/share/bulkhead/tests/bad/manifest) || true

step "rmmod bulkhead"
rmmod bulkhead
echo "demo finished"
