#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# usage: check-bad.sh BULKHEAD SYSTEM.cell DIR
#
# Runs "BULKHEAD config check" on every blob of a mkbad manifest (DIR/manifest)
# and checks that it fails with exit status 1 and the expected text on
# stderr. POSIX sh, so it also runs in the test VMs' busybox.
set -u

bulkhead=$1
system=$2
dir=$3
passed=0
failed=0

while read -r file kind expected; do
	if [ "$kind" = system ]; then
		out=$("$bulkhead" config check "$dir/$file" 2>&1 >/dev/null)
	else
		out=$("$bulkhead" config check "$system" "$dir/$file" 2>&1 >/dev/null)
	fi
	status=$?
	case "$out" in
	*"$expected"*)
		if [ $status -eq 1 ]; then
			echo "PASS $file"
			passed=$((passed + 1))
			continue
		fi
		;;
	esac
	echo "FAIL $file: exit status $status, output: $out; expected: $expected"
	failed=$((failed + 1))
done < "$dir/manifest"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
