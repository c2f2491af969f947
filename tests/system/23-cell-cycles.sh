# 100 create/load/start/destroy cycles leave the page pool at its starting
# figure and root Linux healthy; then two cells run at once.
# arches: arm64 riscv64
# kernels: 6.12
# timeout: 600
. /usr/share/bulkhead/tests/lib.sh
I=/usr/lib/bulkhead/inmates

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
pool_start=$(cat /sys/devices/bulkhead/mem_pool_used)
follow_console
failed=0
for n in $(seq 1 100); do
	if ! { bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell &&
	       bulkhead cell load inmate $I/hello.bin &&
	       bulkhead cell start inmate &&
	       bulkhead cell destroy inmate; } >/dev/null; then
		failed=$n
		break
	fi
done
check "100 cycles (first failure: ${failed})" [ "$failed" = 0 ]
check "pool back to $pool_start pages" [ "$(cat /sys/devices/bulkhead/mem_pool_used)" = "$pool_start" ]
check "hello ran in the cycles ($(grep -c 'Hello from bulkhead cell' $CONSOLE) times)" \
	[ "$(grep -c 'Hello from bulkhead cell' $CONSOLE)" -ge 50 ]
check "all CPUs back in Linux" [ "$(cpus_online)" = 0-3 ]
check "root Linux healthy: hotplug" sh -c 'echo 0 > /sys/devices/system/cpu/cpu3/online && echo 1 > /sys/devices/system/cpu/cpu3/online'

check "two cells at once: create" sh -c 'bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell && bulkhead cell create /etc/bulkhead/qemu-virt-inmate-smp.cell'
check "two cells at once: start" sh -c "bulkhead cell load inmate $I/uart-demo.bin && bulkhead cell start inmate && bulkhead cell load inmate-smp $I/smp-demo.bin && bulkhead cell start inmate-smp"
sleep 2
check "both running" sh -c '[ "$(bulkhead cell list | grep -c " running ")" -eq 3 ]'
check "smp-demo up next to uart-demo" grep -q "inmate-smp\] smp-demo: all 2 CPUs up" $CONSOLE
check "uart-demo counting next to smp-demo" grep -q "\[inmate\] uart-demo: counter 5" $CONSOLE
check "root keeps CPU 0 ($(cpus_online))" [ "$(cpus_online)" = 0 ]
check "destroy both" sh -c 'bulkhead cell destroy inmate && bulkhead cell destroy inmate-smp'
check "pool back again" [ "$(cat /sys/devices/bulkhead/mem_pool_used)" = "$pool_start" ]
check "disable" bulkhead disable
finish
