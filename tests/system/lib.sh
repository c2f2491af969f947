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
