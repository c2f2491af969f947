# A hostile bare-metal virtio driver (inmates/demos/common/virtio-hostile.c)
# against root's backend: the device refuses FEATURES_OK to a driver that
# does not accept VIRTIO_F_ACCESS_PLATFORM, and rings placed outside the
# cell's virtio pool set DEVICE_NEEDS_RESET instead of being read; both are
# logged. The cell, root and the backend keep running; destroy stops the
# backend.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 300
. /usr/share/bulkhead/tests/lib.sh
T=/usr/share/bulkhead/tests
I=/usr/lib/bulkhead/inmates
C=$T/configs/virtio-cell.cell
N=virtio-hostile
LOG=/run/bulkhead/$N.log
pool=$(bulkhead config show $C | awk '/VIRTIO_POOL/ && $1 ~ /^memory\[/ { print $3; exit }')

running() { bulkhead cell list | grep -q "$N.*running"; }
backend_runs() {
	bg_pid=$(cat /run/bulkhead/$N.pid 2>/dev/null)
	[ -n "$bg_pid" ] && kill -0 "$bg_pid" 2>/dev/null
}
backend_gone() { ! backend_runs; }
logged() { grep -qF -- "$1" $LOG || { echo "backend log:"; cat $LOG; false; }; }

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console
check "cell with a virtio console and a virtio pool created" bulkhead cell create $C
check "its backend started" bulkhead cell virtio $N --daemon
check "the backend runs" until_ok 10 backend_runs
# The peek modules are built against the default kernel only (prepare).
if [ "$BULKHEAD_KERNEL" = 6.12 ]; then
	insmod $T/peek.ko addr=$pool 2>/dev/null
	before=$(dmesg | sed -n "s/.*peek: $pool reads //p" | tail -n1)
fi
check "virtio-hostile started" sh -c "bulkhead cell load $N $I/virtio-hostile.bin && bulkhead cell start $N"
check "the guest finished" wait_for "virtio-hostile: done"

check "it read magic 0x74726976 and version 2" wait_for "virtio-hostile: magic 0x74726976 version 2 device 3"
check "the device offers ACCESS_PLATFORM" wait_for "ACCESS_PLATFORM offered"
check "FEATURES_OK refused without ACCESS_PLATFORM" \
	wait_re "without ACCESS_PLATFORM: .*FEATURES_OK refused"
check "the backend log names ACCESS_PLATFORM" \
	logged "FEATURES_OK refused: the driver did not accept VIRTIO_F_ACCESS_PLATFORM"
check "FEATURES_OK accepted with ACCESS_PLATFORM" \
	wait_re "with ACCESS_PLATFORM: .*FEATURES_OK accepted"
check "rings outside the pool: NEEDS_RESET set" wait_re "rings outside the pool: .*NEEDS_RESET set"
check "the backend log says the ring is outside the pool" \
	logged "the descriptor table is outside the virtio pool"
check "the used ring in the cell's RAM was not written" wait_for "idx 0 (untouched)"
if [ "$BULKHEAD_KERNEL" = 6.12 ]; then
	insmod $T/peek1.ko addr=$pool 2>/dev/null
	after=$(dmesg | sed -n "s/.*peek: $pool reads //p" | tail -n1)
	check "the pool's first word root sees is unchanged ($before, $after)" \
		sh -c "[ -n '$before' ] && [ '$before' = '$after' ]"
fi

check "the cell is still running" running
check "no CPU of the cell failed" sh -c "! grep -q 'FATAL' $CONSOLE"
check "root keeps running" [ "$(cpu_job 10000)" = "$(cpu_job 10000)" ]
check "the backend still runs" backend_runs

check "destroy" bulkhead cell destroy $N
check "the backend stopped with the cell" until_ok 10 backend_gone
check "disable" bulkhead disable
finish
