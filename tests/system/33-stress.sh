# Lost wakeups: non-root Linux boots to poweroff and SMP inmate runs, in
# real time and again under deterministic virtual time (QEMU -icount),
# which changes how the CPUs interleave and once exposed a lost wakeup.
# Every boot must power off. `make stress` runs more rounds
# (bulkhead.stress=N).
# arches: arm64
# kernels: 6.12 6.1
# timeout: 900
# variant: icount --icount
. /usr/share/bulkhead/tests/lib.sh

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console
pool=$(cat /sys/devices/bulkhead/mem_pool_used)
rounds=$(stress_count 4)
linux_boots "$rounds"
smp_boots "$rounds"
check "pool back to $pool pages" [ "$(cat /sys/devices/bulkhead/mem_pool_used)" = "$pool" ]
check "disable" bulkhead disable
finish
