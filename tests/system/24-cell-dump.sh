# bulkhead cell dump shows each CPU of a cell as the hypervisor sees it: a
# running cell, a stuck one (interrupts masked, its timer interrupt pending
# and never taken), a parked one (failed at an unknown trap) and a shut
# down one; the root cell's CPUs, and a non-root Linux's while it runs.
# arches: arm64
# kernels: 6.12 6.1
# timeout: 240
. /usr/share/bulkhead/tests/lib.sh
I=/usr/lib/bulkhead/inmates
L=/usr/share/bulkhead/linux
D=/tmp/dump

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console
bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell >/dev/null

expect_fail "dump of a cell that does not exist" 'no cell "nosuch"' bulkhead cell dump nosuch
check "dump of the root cell" sh -c "bulkhead cell dump root >$D"
cat $D
check "root: its three CPUs running" [ "$(grep -Ec '^CPU [0-2]: running, (kernel|user) mode' $D)" = 3 ]
check "root: the asking CPU says so" [ "$(grep -c '(the CPU asking)$' $D)" = 1 ]
check "dump of a shut down cell" sh -c "bulkhead cell dump inmate >$D"
cat $D
check "shut down: header" grep -q '^cell "inmate" (id 1): shut down, CPUs 3$' $D
check "shut down: CPU 3 off" grep -q '^CPU 3: off$' $D

bulkhead cell load inmate $I/timer-demo.bin >/dev/null
bulkhead cell start inmate >/dev/null
check "timer-demo ticks" wait_for "[inmate] timer-demo: 100 ticks"
check "dump of a running cell" sh -c "bulkhead cell dump inmate >$D"
cat $D
check "running: CPU 3 in kernel mode with a PC" \
	grep -Eq '^CPU 3: running, kernel mode, interrupts (un)?masked, PC 0x[0-9a-f]+$' $D
check "running: list registers shown" grep -q 'ICH_LR0_EL2' $D
check "running: no request waiting" grep -q 'management request: none' $D
check "running: the cell still ticks after the dump" \
	wait_for "[inmate] timer-demo: 200 ticks"

bulkhead cell load inmate $I/stuck.bin >/dev/null
bulkhead cell start inmate >/dev/null
check "stuck inmate spins" wait_for "[inmate] stuck: spinning with interrupts masked"
sleep 0.5
check "dump of a stuck cell" sh -c "bulkhead cell dump inmate >$D"
cat $D
check "stuck: interrupts masked" grep -Eq '^CPU 3: running, kernel mode, interrupts masked' $D
check "stuck: timer interrupt 27 pending, never taken" \
	grep -Eq '^  virtual interrupts pending:( [0-9]+)* 27( |$)' $D
check "stuck: nothing active" grep -q '^  virtual interrupts active: none$' $D
check "stuck: still running after the dump" [ "$(cat /sys/devices/bulkhead/cells/1/state)" = running ]

bulkhead cell load inmate $I/hostile-trap.bin >/dev/null
bulkhead cell start inmate >/dev/null
check "hostile-trap fails the cell" wait_state 1 failed
check "dump of a parked CPU" sh -c "bulkhead cell dump inmate >$D"
cat $D
check "parked: CPU 3 parked" grep -Eq '^CPU 3: parked, kernel mode' $D
# ESR_EL2 of the failed trap: EC 0x16 (HVC64), immediate 1.
check "parked: the trap that failed it (hvc #1)" grep -Eq 'ESR_EL2 +0x000000005a000001' $D
bulkhead cell destroy inmate >/dev/null

bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell $L/Image -i $L/initramfs.cpio.gz \
	-c keep_bootcon >/dev/null
check "Linux cell reached its shell" wait_count 1 "bulkhead-linux-cell: shell on /dev/hvc0"
check "dump of a Linux cell" sh -c "bulkhead cell dump linux >$D"
cat $D
check "Linux: both CPUs running" [ "$(grep -Ec '^CPU [23]: running, (kernel|user) mode' $D)" = 2 ]
check "Linux: still running after the dump" [ "$(cat /sys/devices/bulkhead/cells/1/state)" = running ]
check "Linux: shutdown after the dump" bulkhead cell shutdown linux
bulkhead cell destroy linux >/dev/null
check "disable" bulkhead disable
finish
