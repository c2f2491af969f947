# Helpers for system test scripts (sourced inside the test machine).
# Each check prints "ok - what" or "not ok - what" and a failed check makes
# the script exit non-zero at the end.

failures=0

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failures=$((failures + 1)); }

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
