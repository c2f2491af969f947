# Benchmark scenario, run in the test machine of either arch: prints
# figures, never decides pass or fail (QEMU under TCG on a shared machine is
# noisy; compare figures from the same machine only). What the arch cannot
# do yet is skipped with a line saying so.
I=/usr/lib/bulkhead/inmates
now() { cut -d' ' -f1 /proc/uptime; }
ms_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
job() { awk 'BEGIN { s = 0; for (i = 0; i < 400000; i++) s = (s * 31 + i) % 1000003; print s }' >/dev/null; }
timed_job() { t=$(now); job; ms_since "$t"; }
total_exits() { cat /sys/devices/bulkhead/statistics/cpu*/vmexits_total | awk '{ s += $1 } END { print s }'; }
row() { printf 'bench: %-44s %10s %s\n' "$1" "$2" "$3"; }

modprobe bulkhead
j0=$(timed_job); j0=$(( (j0 + $(timed_job)) / 2 ))
t=$(now); bulkhead enable /etc/bulkhead/qemu-virt.cell >/dev/null; row "enable (4 CPUs)" "$(ms_since "$t")" ms
j1=$(timed_job); j1=$(( (j1 + $(timed_job)) / 2 ))
row "CPU job in root, before enable" "$j0" ms
row "CPU job in root, under the hypervisor" "$j1" ms
e=$(total_exits); sleep 5; e=$(( ($(total_exits) - e) / 5 ))
row "exits per second, idle root, all CPUs" "$e" /s
row "hypervisor page pool used" "$(cat /sys/devices/bulkhead/mem_pool_used)" pages

bench_inmate_cell() {
t=$(now)
bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell >/dev/null
bulkhead cell load inmate $I/timer-demo.bin >/dev/null
bulkhead cell start inmate >/dev/null
row "cell create + load + start" "$(ms_since "$t")" ms
sleep 6
bulkhead console | grep "timer-demo: [0-9]* ticks" | tail -n 1 | sed 's/^\[inmate\] /bench: /'
t=$(now); bulkhead cell destroy inmate >/dev/null; row "cell destroy (CPU back in Linux)" "$(ms_since "$t")" ms
}
if [ -e $I/timer-demo.bin ]; then
	bench_inmate_cell
else
	echo "bench: no inmates on $(uname -m) yet: cell figures skipped"
fi

L=/usr/share/bulkhead/linux
bench_linux_cell() {
t=$(now)
bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell $L/Image -i $L/initramfs.cpio.gz \
	-c bulkhead.test=poweroff >/dev/null 2>&1
n=0
while [ "$(cat /sys/devices/bulkhead/cells/1/state)" != "shut down" ] && [ $n -lt 1200 ]; do
	sleep 0.05
	n=$((n + 1))
done
if [ $n -lt 1200 ]; then
	row "non-root Linux: boot to poweroff" "$(ms_since "$t")" ms
else
	echo "bench: the non-root Linux did not power off within 60 s; its CPUs:"
	bulkhead cell dump linux
fi
bulkhead cell destroy linux >/dev/null
}
if [ -e /etc/bulkhead/qemu-virt-linux.cell ] && [ -e $L/Image ]; then
	bench_linux_cell
else
	echo "bench: no Linux cell on $(uname -m) yet: its figure skipped"
fi
t=$(now); bulkhead disable >/dev/null; row "disable" "$(ms_since "$t")" ms
