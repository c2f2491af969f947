# Fuzzing from root (issue 16): hcfuzz.ko streams random hypercalls with
# boundary and aliasing arguments, interleaved with the lifecycle of an
# attacker cell, and fuzz-ioctl throws random requests and buffers at
# /dev/bulkhead and /dev/bulkhead-virtio and races destroy against
# create/load/start. After every round: the hypervisor answers, root Linux
# computes on every CPU, the victim cell (never attacked) keeps counting
# and finds its memory unchanged, the page pool is back at its figure and
# root's memory pattern unchanged.
# Fixed seeds; `make fuzz` boots this with bulkhead.fuzz_seed=N (fresh
# seeds) and bulkhead.fuzz_scale=N (N times the executions).
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 420
. /usr/share/bulkhead/tests/lib.sh
T=/usr/share/bulkhead/tests
I=/usr/lib/bulkhead/inmates
C=/sys/devices/bulkhead
ATT=$T/configs/fuzz-attacker.cell
H=$T/modules-$BULKHEAD_KERNEL/hcfuzz.ko
VIC=/etc/bulkhead/qemu-virt-inmate.cell
SYS=/etc/bulkhead/qemu-virt.cell
arch=$(uname -m | sed s/aarch64/arm64/)

seed=$(fuzz_param fuzz_seed)
seed=${seed:-1}
scale=$(fuzz_param fuzz_scale)
scale=${scale:-1}
echo "fuzz: seed $seed, scale $scale, $arch, Linux $(uname -r)"

counter() { grep -o "\[inmate\] uart-demo: counter [0-9]*" $CONSOLE | tail -n 1 | awk '{print $NF}'; }
counts_past() { [ "$(counter)" -gt "$1" ]; }
pool() { cat $C/mem_pool_used; }
pattern_ok() { [ "$(md5sum < /tmp/pattern)" = "$pattern_sum" ]; }
# The victim's memory: root may not read it, so the victim checks its code
# and a guard area itself and says so on every line (inmate/guard.h).
victim_memory_intact() {
	grep -q "\[inmate\] uart-demo: counter [0-9]*, memory intact" $CONSOLE &&
		! grep -q "\[inmate\] uart-demo: .*memory CHANGED" $CONSOLE
}

# invariants LABEL POOL CPUS: the checks after every round.
invariants() {
	before=$(counter)
	check "$1: the hypervisor answers, the victim runs" \
		sh -c "bulkhead cell list | grep -Eq '^1 +inmate +running +3 '"
	check "$1: the victim keeps counting (past $before)" until_ok 5 counts_past "$before"
	check "$1: root Linux has CPUs $3" [ "$(cpus_online)" = "$3" ]
	check "$1: root Linux computes on each of them" all_cpus_compute
	check "$1: page pool at $2 pages ($(pool))" [ "$(pool)" = "$2" ]
	check "$1: root's memory pattern unchanged" pattern_ok
	check "$1: the victim's memory unchanged (it checks its own)" victim_memory_intact
	check "$1: no CPU of a cell other than the attacker failed" \
		sh -c "! grep -E 'CPU [0-9]+ in cell \"(inmate|qemu-virt-$arch)\" stopped' $CONSOLE"
	check "$1: root touched nothing it does not own" \
		sh -c "! grep -E 'cell \"qemu-virt-$arch\" (executed|accessed)' $CONSOLE"
	check "$1: the hypervisor did not fault" \
		sh -c "! grep -q 'fault in the hypervisor itself' $CONSOLE"
}

modprobe bulkhead
bulkhead enable $SYS
follow_console
console_pid=$!
pool_enabled=$(pool)
channel=$(dmesg | sed -n 's/.*bulkhead: virtio channel at \(0x[0-9a-f]*\),.*/\1/p' | tail -n 1)
# Root's memory: a pattern in tmpfs (root RAM) that must survive.
dd if=/dev/urandom of=/tmp/pattern bs=4096 count=256 2>/dev/null
pattern_sum=$(md5sum < /tmp/pattern)

# The victim: a cell that counts, never named by the fuzzers.
bulkhead cell create $VIC >/dev/null
bulkhead cell load inmate $I/uart-demo.bin >/dev/null
bulkhead cell start inmate >/dev/null
check "the victim counts" wait_for "[inmate] uart-demo: counter 2"
pool_victim=$(pool)

# The attacker's images: one that answers shutdown, one that halts, one
# that denies, one that powers itself off (arm64), one that fails, one
# that makes virtio requests.
case $arch in
arm64)
	images="uart-demo hello shutdown-deny hostile-sysoff hostile-mem-root virtio-hostile"
	;;
*)
	images="uart-demo hello shutdown-deny hostile-srst hostile-mem-root virtio-hostile"
	;;
esac
images=$(for i in $images; do printf '%s,' "$I/$i.bin"; done)

# 1. Hypercalls from root, with the attacker cell (id 2) to play with.
check "the attacker cell created" sh -c "bulkhead cell create $ATT >/dev/null"
pool_attacker=$(pool)
for s in $seed $((seed + 1)); do
	dmesg -c >/dev/null
	insmod $H seed=$s count=$((3000 * scale)) \
		victim=1 attacker=2 system=$SYS firmware=/lib/firmware/bulkhead-$arch.bin \
		victim_config=$VIC attacker_config=$ATT images="${images%,}" \
		channel=${channel:-0}
	rc=$?
	dmesg | grep "hcfuzz: \(seed\|batch\|calls\|FAILED\| \)"
	check "hcfuzz seed $s: no check failed (insmod: $rc)" [ $rc -eq 0 ]
	rmmod hcfuzz 2>/dev/null
	invariants "hcfuzz seed $s" $pool_attacker 0-1
done
# 2. Regressions of what hcfuzz found, each replayed as single hypercalls
# (hcfuzz probe=CODE:ARG1:ARG2,...; cfg/cfgsize: the attacker's config).
probe() {
	dmesg -c >/dev/null
	insmod $H attacker_config=$ATT probe="$1" 2>/dev/null
	rmmod hcfuzz 2>/dev/null
	dmesg | sed -n 's/.*hcfuzz: probe //p' | tee /tmp/probe
}
probed() { [ "$(sed -n "${1}p" /tmp/probe | sed 's/.* = //')" = "$2" ]; }
# Cell ids were taken modulo 2^32: CELL_SHUTDOWN(0x100000001) shut down
# the victim (seed 1).
probe 7:0x100000001:0,5:0x100000002:0,3:0xffffffff00000001:0,4:0x100000002:0
check "shutdown, destroy, set-loadable, start of ids + 2^32 name no cell" \
	sh -c "[ \$(grep -c ' = -2\$' /tmp/probe) -eq 4 ]"
check "the victim runs on" state_is 1 running
check "the attacker is still there" state_is 2 "shut down"
# A start did not mark the cell's CPU on until firmware had started it
# (arm64): a second start started it again, and a destroy right after
# start gave the CPU back to root, where it ran the inmate (seed 1).
bulkhead cell load fuzz-attacker $I/uart-demo.bin >/dev/null
probe 4:2:0,4:2:0,5:2:0,2:cfg:cfgsize
check "start: started" probed 1 0
check "start again: busy" probed 2 -16
check "destroy right after start" probed 3 0
check "the same cell created again, with the same id" probed 4 2
sleep 1
check "root ran nothing of the cell's" \
	sh -c "! grep -E 'cell \"qemu-virt-$arch\" (executed|accessed)' $CONSOLE"
check "its CPU comes back to root Linux" bulkhead cell destroy fuzz-attacker
invariants "destroy after start" $pool_victim 0-2
bulkhead cell create $ATT >/dev/null
# A buffer in the virtio channel page (a CPU dump into it, a config read
# from it) was mapped and unmapped in the hypervisor, which on arm64 took
# the channel away from it: the next virtio request faulted in the
# hypervisor. The buffer is refused now; a virtio request goes through.
if [ -n "$channel" ]; then
	probe 9:0:$channel,2:$channel:256
	check "a CPU dump into the channel page is refused" probed 1 -22
	check "a config in the channel page is refused" probed 2 -22
	bulkhead cell load fuzz-attacker $I/virtio-hostile.bin >/dev/null
	probe 12:2:0
	check "the attacker's virtio device online" probed 1 0
	timeouts=$(grep -c "backend did not answer" $CONSOLE)
	bulkhead cell start fuzz-attacker >/dev/null
	check "its virtio requests reach root (no backend answers them)" \
		wait_count $((timeouts + 1)) "fuzz-attacker.*backend did not answer"
	check "the hypervisor did not fault" sh -c "! grep -q 'fault in the hypervisor itself' $CONSOLE"
	check "the attacker runs on" state_is 2 running
	bulkhead cell shutdown fuzz-attacker >/dev/null
fi

# 3. ioctls from root user space. Regression: the driver took the ids of
# shutdown and destroy modulo 2^32 (a destroy of 0x100000001 destroyed
# cell 1).
check "shutdown and destroy of cell 2 + 2^32 are refused, cell 2 untouched" \
	fuzz-ioctl alias -v 1 -t 2
[ -d $C/cells/2 ] && bulkhead cell destroy fuzz-attacker
check "the attacker destroyed" [ ! -d $C/cells/2 ]
invariants "attacker gone" $pool_victim 0-2

fuzz-ioctl random -s $seed -n $((3000 * scale)) -v 1 -c $ATT -i $I/uart-demo.bin -e $SYS
check "fuzz-ioctl random seed $seed: no check failed" [ $? -eq 0 ]
invariants "fuzz-ioctl random" $pool_victim 0-2
fuzz-ioctl race -s $seed -n $((30 * scale)) -v 1 -c $ATT -i $I/uart-demo.bin
check "fuzz-ioctl race seed $seed: no check failed" [ $? -eq 0 ]
invariants "fuzz-ioctl race" $pool_victim 0-2

# The victim leaves as it would have without all this.
check "the victim approves its shutdown" bulkhead cell shutdown inmate
check "the victim destroyed" bulkhead cell destroy inmate
check "page pool back at its figure after enable ($pool_enabled)" [ "$(pool)" = "$pool_enabled" ]

# 4. Root memory that faults. A buffer root named in memory of its config
# that firmware protects (riscv64: OpenSBI's PMP-protected first 512 KiB,
# which root's config includes) faulted in the hypervisor, whose CPU then
# hung (hcfuzz: a CPU dump to 0x80000000). Refused with -EFAULT now; the
# same for memory with nothing behind it (ram-hole.cell: root RAM the
# machine does not have), on both arches.
no_fault() { ! grep -q 'fault in the hypervisor itself' $CONSOLE; }
if [ $arch = riscv64 ]; then
	probe 9:0:0x80000000,2:0x80000000:256
	check "a CPU dump into firmware's memory: -EFAULT" probed 1 -14
	check "a config read from firmware's memory: -EFAULT" probed 2 -14
	check "the hypervisor did not fault" no_fault
	check "root Linux computes on each CPU" all_cpus_compute
fi
check "disable" bulkhead disable
kill $console_pid 2>/dev/null
check "enable with a root RAM region where the machine has none" \
	bulkhead enable $T/configs/ram-hole.cell
CONSOLE=/tmp/hypervisor-console-hole
follow_console
channel=$(dmesg | sed -n 's/.*bulkhead: virtio channel at \(0x[0-9a-f]*\),.*/\1/p' | tail -n 1)
probe 9:0:0xc0000000,2:0xc0000000:256,10:0:0,10:0xc0000000:0,10:${channel:-0}:0
check "a CPU dump into the hole: -EFAULT" probed 1 -14
check "a config read from the hole: -EFAULT" probed 2 -14
check "the virtio channel in the hole: -EFAULT" probed 4 -14
check "the virtio channel back where it was" probed 5 0
check "the console says why" grep -q "root's memory there cannot be" $CONSOLE
check "the hypervisor did not fault (hole)" no_fault
check "root Linux computes on each CPU (hole)" all_cpus_compute
check "cells work as before" sh -c "bulkhead cell create $VIC >/dev/null &&
	bulkhead cell load inmate $I/uart-demo.bin >/dev/null &&
	bulkhead cell start inmate >/dev/null"
check "the cell counts" until_ok 10 sh -c "bulkhead cell list | grep -Eq '^1 +inmate +running'"
check "destroy it" bulkhead cell destroy inmate
check "disable (hole)" bulkhead disable
finish
