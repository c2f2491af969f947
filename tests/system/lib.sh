# Helpers for system test scripts (sourced inside the test machine).
# Each check prints "ok - what" or "not ok - what" and a failed check makes
# the script exit non-zero at the end.

failures=0

ok() { echo "ok - $*"; }
not_ok() {
	echo "not ok - $*"
	failures=$((failures + 1))
	if [ $failures -eq 1 ]; then dump_cells; fi
}

# dump_cells: the hypervisor's view of every CPU of every cell, so a failed
# test's log shows why a cell is stuck (done once, at the first failure).
dump_cells() {
	for c in /sys/devices/bulkhead/cells/[0-9]*; do
		[ -d "$c" ] && bulkhead cell dump "${c##*/}"
	done
	return 0
}

# check "description" command...: passes when the command succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# expect_fail "description" "expected message part" command...: passes when
# the command fails and its stderr contains the expected part.
expect_fail() {
	desc=$1
	want=$2
	shift 2
	if "$@" >/tmp/out 2>/tmp/err; then
		not_ok "$desc (succeeded)"
	elif ! grep -qF -- "$want" /tmp/err; then
		not_ok "$desc (message '$(cat /tmp/err)' lacks '$want')"
	else
		ok "$desc: $(head -n1 /tmp/err)"
	fi
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed"
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

# The hypervisor console, followed into a file: the ring in the hypervisor
# is small and chatty cells would overwrite what a test looks for.
CONSOLE=/tmp/hypervisor-console
follow_console() { bulkhead console -f > $CONSOLE & }

# until TIMEOUT_S COMMAND...: retries COMMAND every 0.2 s until it succeeds
# or TIMEOUT_S seconds passed; succeeds if COMMAND finally did.
until_ok() {
	tries=$(($1 * 5))
	shift
	while ! "$@" && [ $tries -gt 0 ]; do
		sleep 0.2
		tries=$((tries - 1))
	done
	"$@"
}

# wait_for TEXT: TEXT appears on the hypervisor console within 10 s.
wait_for() { until_ok 10 grep -qF -- "$1" $CONSOLE; }
# wait_re REGEX: a line matching REGEX appears within 10 s.
wait_re() { until_ok 10 grep -q -- "$1" $CONSOLE; }
# wait_count N REGEX: at least N lines match REGEX within 30 s.
count_at_least() { [ "$(grep -c -- "$2" $CONSOLE)" -ge "$1" ]; }
wait_count() { until_ok 30 count_at_least "$1" "$2"; }
# wait_state ID STATE: cell ID reaches STATE within 30 s.
state_is() { [ "$(cat /sys/devices/bulkhead/cells/$1/state 2>/dev/null)" = "$2" ]; }
wait_state() { until_ok 30 state_is "$1" "$2"; }

# cpu_job ITERATIONS: a deterministic CPU-bound computation; its printed
# result must not depend on what the hypervisor does around it.
cpu_job() { awk -v n="$1" 'BEGIN { s = 0; for (i = 0; i < n; i++) s = (s * 31 + i) % 1000003; print s }'; }

# stress_count DEFAULT: how many rounds a stress test runs: bulkhead.stress=N
# from the kernel command line (make stress), else DEFAULT (make check).
stress_count() {
	n=$(sed -n 's/.*bulkhead\.stress=\([0-9][0-9]*\).*/\1/p' /proc/cmdline)
	echo "${n:-$1}"
}

# linux_boots N: N non-root Linux boots, each powering itself off; every one
# must reach "shut down". keep_bootcon sends the guest's milestones to the
# hypervisor console, so a boot that hangs shows how far it got.
linux_boots() {
	lb_i=1
	while [ $lb_i -le "$1" ]; do
		if bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell \
			/usr/share/bulkhead/linux/Image \
			-i /usr/share/bulkhead/linux/initramfs.cpio.gz \
			-c "keep_bootcon bulkhead.test=poweroff" >/dev/null &&
		   until_ok 60 state_is 1 "shut down"; then
			ok "Linux boot $lb_i powered off"
		else
			not_ok "Linux boot $lb_i powered off (state: $(cat /sys/devices/bulkhead/cells/1/state))"
			tail -n 15 $CONSOLE
		fi
		bulkhead cell destroy linux >/dev/null
		lb_i=$((lb_i + 1))
	done
}

# smp_boots N: N runs of smp-demo in the 2-CPU inmate cell: both CPUs come
# up and an SGI reaches the second one each time.
smp_boots() {
	bulkhead cell create /etc/bulkhead/qemu-virt-inmate-smp.cell >/dev/null
	sb_i=1
	while [ $sb_i -le "$1" ]; do
		bulkhead cell load inmate-smp /usr/lib/bulkhead/inmates/smp-demo.bin >/dev/null
		bulkhead cell start inmate-smp >/dev/null
		if wait_count $sb_i "\[inmate-smp\] smp-demo: SGI reached all 1 other CPUs"; then
			ok "smp-demo run $sb_i"
		else
			not_ok "smp-demo run $sb_i"
			tail -n 15 $CONSOLE
		fi
		sb_i=$((sb_i + 1))
	done
	bulkhead cell destroy inmate-smp >/dev/null
}

# cpus_online: the online CPUs by the configs' numbers, as Linux lists them
# ("0-3", "0,2"). On riscv64 those are hart ids, and Linux numbers its CPUs
# starting from whichever hart the firmware booted on.
cpus_online() {
	if [ "$(uname -m)" != riscv64 ]; then
		cat /sys/devices/system/cpu/online
		return
	fi
	awk '/^hart[ \t]*:/ { print $NF }' /proc/cpuinfo | sort -n | awk '
		function range() { return start == prev ? start : start "-" prev }
		NR > 1 && $1 == prev + 1 { prev = $1; next }
		NR > 1 { out = out range() "," }
		{ start = prev = $1 }
		END { if (NR) out = out range(); print out }'
}

# hw_check ARGS...: runs `bulkhead hardware check ARGS`, shows its output
# and keeps it in /tmp/hw, its exit status in $hw_rc.
hw_check() {
	bulkhead hardware check "$@" >/tmp/hw 2>&1
	hw_rc=$?
	cat /tmp/hw
}
# hw_line VERDICT ITEM [TEXT]: /tmp/hw has the line "VERDICT ITEM: ...",
# with TEXT in it.
hw_line() { grep "^$1 *$2: " /tmp/hw | grep -qF -- "${3:-}"; }
# hw_fix ITEM TEXT: the fix under ITEM's line (not ok) holds TEXT.
hw_fix() {
	awk -v item=" $1: " '/^[^ ]/ { on = $1 != "ok" && index($0, item) > 0; next }
		on' /tmp/hw | grep -qF -- "$2"
}

# gic_version: the machine's interrupt controller on arm64, "3" (GICv3) or
# "2" (GICv2, ci/vm --gic 2), from the device tree's GIC node, else from the
# chip names in /proc/interrupts ("GICv3"; a GICv2 is "GICv2" where Linux
# has EL2 and splits EOI, as root does, "GIC-0" where it runs at EL1, as in
# a cell); empty on riscv64 or if neither says.
gic_version() {
	for gv_c in /proc/device-tree/intc*/compatible \
		    /proc/device-tree/interrupt-controller*/compatible; do
		[ -f "$gv_c" ] || continue
		case " $(tr '\0' ' ' < "$gv_c")" in
		*" arm,gic-v3 "*) echo 3; return ;;
		*" arm,cortex-a15-gic "*|*" arm,cortex-a7-gic "*|*" arm,gic-400 "*)
			echo 2; return ;;
		esac
	done
	if grep -q ' GICv3 ' /proc/interrupts; then
		echo 3
	elif grep -Eq ' (GICv2|GIC-[0-9]+) ' /proc/interrupts; then
		echo 2
	fi
}

# fuzz_param NAME: N of bulkhead.NAME=N on the kernel command line, if any
# (make fuzz boots the fuzzing tests with fuzz_seed and fuzz_scale).
fuzz_param() { sed -n "s/.*bulkhead\.$1=\([0-9][0-9]*\).*/\1/p" /proc/cmdline; }

# linux_cpus: root Linux's online CPUs, by Linux's numbers.
linux_cpus() {
	for lc_c in /sys/devices/system/cpu/cpu[0-9]*; do
		[ "$(cat $lc_c/online 2>/dev/null || echo 1)" = 1 ] && echo "${lc_c##*cpu}"
	done
}

# all_cpus_compute: cpu_job 20000 gives the same result on each of them.
all_cpus_compute() {
	acc_want=$(cpu_job 20000)
	for acc_c in $(linux_cpus); do
		[ "$(taskset -c "$acc_c" awk -v n=20000 'BEGIN { s = 0; for (i = 0; i < n; i++) s = (s * 31 + i) % 1000003; print s }')" = "$acc_want" ] || return 1
	done
}
