# Cell lifecycle with the demo inmates: each demo prints what it should,
# list/stats/sysfs show the right states and CPUs, shutdown is approved or
# denied through the comm region, destroy gives CPUs and memory back.
# arches: arm64 riscv64
# kernels: 6.12 6.1 debian-6.1
# vm[debian-6.1]: --append kvm-arm.mode=none
# timeout: 300
# variant[arm64]: gicv2 --gic 2
. /usr/share/bulkhead/tests/lib.sh
I=/usr/lib/bulkhead/inmates
C=/sys/devices/bulkhead/cells
arch=$(uname -m | sed s/aarch64/arm64/)
# The root cell's name, qemu-virt-ARCH: the system config's (ci/vm --gic 2
# installs the GICv2 machine's config under the same file name).
root_name=$(bulkhead config show /etc/bulkhead/qemu-virt.cell |
	sed -n 's/^root_cell.name: "\(.*\)"$/\1/p')

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console
pool_start=$(cat /sys/devices/bulkhead/mem_pool_used)

# The root cell is cells/0, as in Jailhouse.
check "root cell in sysfs: name ($root_name)" [ "$(cat $C/0/name)" = "$root_name" ]
check "root cell in sysfs: state" [ "$(cat $C/0/state)" = running ]
check "root cell in sysfs: CPUs" [ "$(cat $C/0/cpus_assigned_list)" = 0-3 ]
check "root cell in sysfs: no failed CPUs" [ -z "$(cat $C/0/cpus_failed_list)" ]
check "root cell in sysfs: exits counted" [ "$(cat $C/0/statistics/vmexits_total)" -gt 0 ]
check "cell list shows the root cell by its name" \
	sh -c "bulkhead cell list | grep -Eq '^0 +$root_name +running +0-3'"
expect_fail "the root cell cannot be destroyed" "is the root cell, which cannot be destroyed" \
	bulkhead cell destroy root
expect_fail "nor shut down, by id" "is the root cell, which cannot be shut down" \
	bulkhead cell shutdown 0
check "cell stats of the root cell" sh -c 'bulkhead cell stats root | grep -q "CPU0"'
check "create inmate" bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell
check "CPU 3 left Linux" [ "$(cpus_online)" = 0-2 ]
check "the root cell lost CPU 3" [ "$(cat $C/0/cpus_assigned_list)" = 0-2 ]
check "sysfs name" [ "$(cat $C/1/name)" = inmate ]
check "sysfs state shut down" [ "$(cat $C/1/state)" = "shut down" ]
check "sysfs cpus_assigned_list" [ "$(cat $C/1/cpus_assigned_list)" = 3 ]

check "load hello" bulkhead cell load inmate $I/hello.bin
check "start hello" bulkhead cell start inmate
check "hello prints" wait_for "[inmate] Hello from bulkhead cell"
check "sysfs state running" [ "$(cat $C/1/state)" = running ]
check "cell list shows it running on CPU 3" \
	sh -c 'bulkhead cell list | grep -Eq "^1 +inmate +running +3"'
check "cell list --json" sh -c 'bulkhead cell list --json | grep -q "\"name\": \"inmate\", \"state\": \"running\", \"cpus_assigned\": \"3\""'
check "shutdown approved" bulkhead cell shutdown inmate
check "state shut down" [ "$(cat $C/1/state)" = "shut down" ]

check "load timer-demo" bulkhead cell load 1 $I/timer-demo.bin
check "start timer-demo" bulkhead cell start 1
check "timer-demo reports latency" wait_for "[inmate] timer-demo: 100 ticks, latency min"
grep "timer-demo: 100 ticks" $CONSOLE
# arm64: each tick is an interrupt through the hypervisor. riscv64: the
# timer reaches the cell directly (Sstc), each new deadline is an SBI call.
exits=$([ $arch = arm64 ] && echo irq || echo psci)
check "stats count the cell's timer exits ($exits)" \
	sh -c "[ \$(cat /sys/devices/bulkhead/cells/1/statistics/vmexits_$exits) -gt 100 ]"
bulkhead cell stats inmate
check "cell stats shows CPU 3" sh -c 'bulkhead cell stats inmate | grep -q "CPU3"'
check "shutdown timer-demo" bulkhead cell shutdown inmate

check "load uart-demo" bulkhead cell load inmate $I/uart-demo.bin
check "start uart-demo" bulkhead cell start inmate
check "uart-demo counts" wait_for "[inmate] uart-demo: counter 5"
check "shutdown uart-demo" bulkhead cell shutdown inmate

check "load shutdown-deny" bulkhead cell load inmate $I/shutdown-deny.bin
check "start shutdown-deny" bulkhead cell start inmate
check "shutdown-deny runs" wait_for "[inmate] shutdown-deny: running, denying every shutdown request"
expect_fail "shutdown denied by the cell" "denied the shutdown request" bulkhead cell shutdown inmate
check "the cell saw the request" wait_for "[inmate] shutdown-deny: denied a shutdown request"
check "still running after the denial" [ "$(cat $C/1/state)" = running ]
check "load over a denying cell is refused too" sh -c "! bulkhead cell load inmate $I/hello.bin"
check "destroy works on a denying cell" bulkhead cell destroy inmate
check "create inmate again" bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell
check "load locked" bulkhead cell load inmate $I/locked.bin
check "start locked" bulkhead cell start inmate
check "locked prints" wait_for "[inmate] locked: running, locked against shutdown"
check "sysfs state running/locked" [ "$(cat $C/1/state)" = "running/locked" ]
check "cell list shows running/locked" sh -c 'bulkhead cell list | grep -q "running/locked"'
expect_fail "shutdown of a locked cell" "is locked" bulkhead cell shutdown inmate
check "destroy works on a locked cell" bulkhead cell destroy inmate

check "create inmate for the silent cell" bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell
check "load mute" bulkhead cell load inmate $I/mute.bin
check "start mute" bulkhead cell start inmate
check "mute runs" wait_for "[inmate] mute: running, never answering the comm region"
expect_fail "shutdown without an answer times out" "did not answer the shutdown request within 1000 ms" \
	bulkhead cell shutdown inmate
check "the silent cell is failed" [ "$(cat $C/1/state)" = failed ]
check "destroy the failed cell" bulkhead cell destroy inmate
check "CPU 3 back in Linux" [ "$(cpus_online)" = 0-3 ]
check "CPU 3 works in Linux" sh -c 'echo 0 > /sys/devices/system/cpu/cpu3/online && echo 1 > /sys/devices/system/cpu/cpu3/online'
check "pool back to its starting figure" [ "$(cat /sys/devices/bulkhead/mem_pool_used)" = "$pool_start" ]

check "create the 2-CPU cell" bulkhead cell create /etc/bulkhead/qemu-virt-inmate-smp.cell
check "load smp-demo" bulkhead cell load inmate-smp $I/smp-demo.bin
check "start smp-demo" bulkhead cell start inmate-smp
check "smp-demo sees all its CPUs" wait_for "[inmate-smp] smp-demo: all 2 CPUs up"
check "sysfs CPUs 1-2" [ "$(cat $C/1/cpus_assigned_list)" = 1-2 ]
check "destroy smp cell" bulkhead cell destroy inmate-smp
# The same memory serves another cell: it came back to root and left again.
check "memory reusable: create inmate again" bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell
check "load into the reused memory" bulkhead cell load inmate $I/hello.bin
check "run from it" bulkhead cell start inmate
check "hello again" wait_count 2 "Hello from bulkhead cell"
check "destroy" bulkhead cell destroy inmate
check "all CPUs in Linux" [ "$(cpus_online)" = 0-3 ]
check "the root cell has all CPUs again" [ "$(cat $C/0/cpus_assigned_list)" = 0-3 ]
check "disable" bulkhead disable
check "no root cell entry after disable" [ ! -e $C/0 ]
finish
