# The test machine boots the test kernel with all CPUs and the memory
# reservation for bulkhead in place.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 120
. /usr/share/bulkhead/tests/lib.sh

check "kernel is the test kernel ($(uname -r))" sh -c 'uname -r | grep -q -- -test'
check "4 CPUs online" sh -c '[ "$(grep -c ^processor /proc/cpuinfo)" -eq 4 ]'
check "reserved-memory node for bulkhead" sh -c 'ls /proc/device-tree/reserved-memory/ | grep -q ^bulkhead@'
# The reservation (224 or 256 MiB) must be missing from what Linux manages.
check "reservation is not System RAM" sh -c '[ "$(awk "/MemTotal/ {print \$2}" /proc/meminfo)" -lt 820000 ]'
check "second console present" test -c /dev/hvc0
check "bulkhead CLI on PATH" sh -c 'command -v bulkhead'
check "hypervisor image in /lib/firmware" sh -c 'ls /lib/firmware/bulkhead-*.bin'
check "configs in /etc/bulkhead" test -f /etc/bulkhead/qemu-virt.cell
finish
