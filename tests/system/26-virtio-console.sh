# A non-root Linux whose console is a virtio device root serves (issue 13):
# `cell linux` starts the backend, a command typed through `bulkhead cell
# console` runs in the cell and its output comes back; root sees the cell's
# virtio pool but no other page of its RAM; a killed backend leaves the
# cell and root running (its device times out), a restarted one serves
# again; destroy stops the backend.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 400
# variant[arm64]: gicv2 --gic 2
. /usr/share/bulkhead/tests/lib.sh
T=/usr/share/bulkhead/tests
L=/usr/share/bulkhead/linux
CFG=/etc/bulkhead/qemu-virt-linux-virtio.cell
N=linux-virtio
region() { bulkhead config show $CFG | awk -v r="memory[$1]:" '$1 == r { print $3 }'; }
ram=$(region 0)
pool=$(bulkhead config show $CFG | awk '/VIRTIO_POOL/ && $1 ~ /^memory\[/ { print $3; exit }')

# console_run CMD: what the cell prints for CMD typed at its shell (at
# most 10 s: a cell that keeps printing never goes quiet)
console_run() { printf '%s\n' "$1" | timeout 10 bulkhead cell console $N --no-history --wait 3; }
# prints CMD PATTERN: the cell's answer to CMD has a line matching PATTERN
prints() { console_run "$1" | tr -d '\r' > /tmp/out; grep -Eq -- "$2" /tmp/out || { echo "cell said:"; cat /tmp/out; false; }; }
shell_up() { timeout 5 bulkhead cell console $N --wait 1 </dev/null | grep -q 'bulkhead-linux-cell: up'; }
backend_gone() {
	bg_pid=$(cat /run/bulkhead/$N.pid 2>/dev/null)
	[ -z "$bg_pid" ] || ! kill -0 "$bg_pid" 2>/dev/null
}

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console
check "the driver registered the virtio channel" sh -c "dmesg | grep -q 'bulkhead: virtio'"

check "boot Linux with a virtio console" bulkhead cell linux $CFG \
	$L/Image -i $L/initramfs.cpio.gz
check "the backend runs" until_ok 10 test -S /run/bulkhead/$N.console
check "the cell's shell came up on the virtio console" until_ok 60 shell_up
check "a command typed into the cell runs there" prints 'echo virtio-$((6 * 7))' '^virtio-42'
check "it runs on the cell's 2 CPUs" prints nproc '^2$'
# /sys/bus/virtio/devices/*/features: one digit per bit, bit 0 first
check "the guest negotiated ACCESS_PLATFORM (bounce through the pool)" \
	prints 'cat /sys/bus/virtio/devices/virtio0/features' '^[01]{33}1'

# The peek modules are built against the default kernel only (prepare).
if [ "$BULKHEAD_KERNEL" = 6.12 ]; then
	insmod $T/peek.ko addr=$pool 2>/dev/null
	check "root reads the cell's virtio pool ($pool)" sh -c "dmesg | grep -q 'peek: $pool reads'"
	insmod $T/peek1.ko addr=$ram 2>/dev/null
	check "root cannot read the cell's RAM outside it ($ram)" wait_for "accessed $ram, which it does not own"
fi
check "the cell still runs" state_is 1 running

# The cell writes to its console every second from now on.
console_run '(while :; do echo tick; sleep 1; done) &' >/dev/null
pid=$(cat /run/bulkhead/$N.pid)
check "kill the backend" kill -9 "$pid"
check "the cell's console output times out in the hypervisor, not forever" \
	until_ok 20 grep -q "did not answer within" $CONSOLE
check "the cell keeps running" state_is 1 running
check "root keeps running" [ "$(cpu_job 10000)" = "$(cpu_job 10000)" ]
check "restart the backend" bulkhead cell virtio $N --daemon
check "the restarted backend serves the console" prints 'echo back-$((40 + 2))' '^back-42'

check "destroy" bulkhead cell destroy $N
check "the backend stopped with the cell" until_ok 10 backend_gone
check "disable" bulkhead disable
finish
