# A device's interrupt line handed from owner to owner: a cell owning the
# machine's real-time clock (tests/configs/common/rtc-cell.c) takes its
# alarm interrupt (inmates/demos/common/rtc-irq.c), then one takes it and
# stays in its handler without ending the interrupt and is destroyed
# there. The line's next owner, another cell, and on arm64 root Linux
# with its own RTC driver back, must get it all the same. Regression
# (riscv64): the PLIC kept the source claimed, its gateway closed, and no
# owner after got it again; arm64 keeps the interrupt active unless the
# hypervisor deactivates it.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 300
# variant[arm64]: gicv2 --gic 2
. /usr/share/bulkhead/tests/lib.sh
I=/usr/lib/bulkhead/inmates
CELL=/usr/share/bulkhead/tests/configs/rtc-cell.cell
arch=$(uname -m | sed s/aarch64/arm64/)
case $arch in
arm64) rtc=0x9010000 irq=34 ;;
*) rtc=0x101000 irq=11 ;;
esac

mark=0
since() { tail -n +$((mark + 1)) $CONSOLE; }
said() { since | grep -qF -- "$1"; }

# run LABEL ARGS: the cell created, rtc-irq loaded with ARGS and started.
run() {
	mark=$(wc -l < $CONSOLE)
	check "$1: the cell starts" sh -c "bulkhead cell create $CELL >/dev/null &&
		bulkhead cell load rtc-cell $I/rtc-irq.bin -s 'rtc=$rtc irq=$irq $2' -a 0x100 >/dev/null &&
		bulkhead cell start rtc-cell >/dev/null"
	check "$1: three alarms' interrupts taken" until_ok 20 said "rtc-irq: 3 interrupts taken"
}

# root_rtc_fires LABEL (arm64): root Linux's RTC driver is back and gets
# its alarm interrupt.
root_irqs() { awk '/pl031/ { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s }' /proc/interrupts; }
irqs_past() { [ "$(root_irqs)" -gt "$1" ]; }
# (Reattached, the PL031 may come back under another rtcN.)
root_rtc() { ls -d /sys/bus/amba/devices/9010000.pl031/rtc/rtc* 2>/dev/null | head -n 1; }
rtc_back() { [ -e "$(root_rtc)/wakealarm" ]; }
root_rtc_fires() {
	check "$1: root's RTC is back" until_ok 10 rtc_back
	before=$(root_irqs)
	r=$(root_rtc)
	echo 0 > $r/wakealarm
	echo +2 > $r/wakealarm
	check "$1: root Linux gets its alarm interrupt (had ${before:-none})" \
		until_ok 10 irqs_past "${before:-0}"
}

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console

# held LABEL: a cell takes the line, holds it in its handler and is
# destroyed there; on arm64 root Linux's own RTC driver then gets it.
held() {
	run "$1" "hold=1"
	check "$1: it holds the last one in its handler" until_ok 10 said "taken and held"
	check "$1: destroyed in its handler" bulkhead cell destroy rtc-cell
	[ $arch = arm64 ] && root_rtc_fires "$1, then root"
}

run "a cell takes the RTC's interrupt" ""
check "it is destroyed" bulkhead cell destroy rtc-cell
held "a cell that holds the interrupt"
run "the next cell gets the line" ""
check "it is destroyed" bulkhead cell destroy rtc-cell
held "held again"

check "no CPU stopped, nothing refused" \
	sh -c "! grep -E 'stopped|denied|does not own' $CONSOLE"
check "all CPUs back" [ "$(cpus_online)" = 0-3 ]
check "disable" bulkhead disable
finish
