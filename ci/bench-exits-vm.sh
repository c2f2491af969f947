# Scenario of ci/bench-exits, run in the test machine of either arch under
# QEMU's exitcount plugin: provokes each kind of exit, and says how often it
# asked for the ones it can count ("bench-exits: did LABEL N"). Figures
# only; nothing passes or fails on them here (ci/bench-exits compares).
I=/usr/lib/bulkhead/inmates
C=/sys/devices/bulkhead/cells
say() { echo "bench-exits: $*"; }
# The sysfs id of the cell named $1.
cell_id() {
	for c in $C/[0-9]*; do
		[ "$(cat $c/name)" = "$1" ] && echo "${c##*/}" && return 0
	done
	return 1
}

modprobe bulkhead || exit 1
bulkhead enable /etc/bulkhead/qemu-virt.cell >/dev/null || exit 1
say "$(dmesg | grep -o 'hypervisor at 0x[0-9a-f]*' | tail -n 1)"

# Root idle: timer interrupts, IPIs, on riscv64 trapped wfi.
sleep 2

# Processes started on every CPU: IPIs (SGIs) between root's CPUs.
for n in 1 2 3 4 5 6; do
	sh -c 'i=0; while [ $i -lt 300 ]; do i=$((i + 1)); done' &
done
wait

# The interrupt controller from root: move the serial port's interrupt from
# CPU to CPU (GICD_IROUTER writes; PLIC enable bits).
irq=$(awk '/ttyAMA0|ttyS0|uart|pl011|16550/ { sub(":", "", $1); print $1; exit }' /proc/interrupts)
if [ -n "$irq" ] && [ -w /proc/irq/$irq/smp_affinity ]; then
	for n in 1 2 3 4 5 6 7 8 9 10; do
		echo 2 > /proc/irq/$irq/smp_affinity
		echo 1 > /proc/irq/$irq/smp_affinity
	done
	say "did irq-affinity 20"
fi

# PSCI CPU_OFF / CPU_ON, SBI HSM HART_STOP / HART_START: CPU 3 off and on.
echo 0 > /sys/devices/system/cpu/cpu3/online && echo 1 > /sys/devices/system/cpu/cpu3/online &&
	say "did cpu-hotplug 1"

# A cell of two CPUs: CPU start, SGIs/IPIs inside the cell, its console
# (one hypercall per character).
bulkhead cell create /etc/bulkhead/qemu-virt-inmate-smp.cell >/dev/null &&
bulkhead cell load inmate-smp $I/smp-demo.bin >/dev/null &&
bulkhead cell start inmate-smp >/dev/null
sleep 2
id=$(cell_id inmate-smp)
# Hypercalls from root: each read of a cell's state is one.
if [ -n "$id" ]; then
	n=0
	while [ $n -lt 50 ]; do
		cat $C/$id/state >/dev/null
		n=$((n + 1))
	done
	say "did state-reads 50"
fi
bulkhead cell destroy inmate-smp >/dev/null

# A cell taking timer interrupts.
bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell >/dev/null &&
bulkhead cell load inmate $I/timer-demo.bin >/dev/null &&
bulkhead cell start inmate >/dev/null
sleep 3
bulkhead cell destroy inmate >/dev/null

# What the cells printed through the hypervisor (one hypercall a character).
bulkhead console > /tmp/console
say "did cell-console-chars $(grep '^\[inmate' /tmp/console | sed 's/^\[[^]]*\] //' | wc -c)"
# The hypervisor's own counts, to compare with the plugin's: read by one
# process right before disable, printed after it (printing makes exits).
stats=$(awk '{ n = split(FILENAME, p, "/"); sub("vmexits_", "", p[n]); print p[n - 1], p[n], $1 }' \
	/sys/devices/bulkhead/statistics/cpu*/vmexits_*)
bulkhead disable >/dev/null || exit 1
echo "$stats" | while read -r cpu reason count; do
	say "sysfs $cpu $reason $count"
done
say "done"
