# The module loads into the unmodified test kernel, registers /dev/bulkhead
# and unloads cleanly, twice.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 120
. /usr/share/bulkhead/tests/lib.sh

for round in 1 2; do
	check "modprobe bulkhead (round $round)" modprobe bulkhead
	check "/dev/bulkhead is a character device" test -c /dev/bulkhead
	check "module listed" sh -c 'grep -q "^bulkhead " /proc/modules'
	check "rmmod bulkhead" rmmod bulkhead
	check "/dev/bulkhead gone" sh -c '! test -e /dev/bulkhead'
done
check "no unknown symbols or taint warnings" sh -c '! dmesg | grep -Ei "unknown symbol|bulkhead.*(warn|bug)"'
finish
