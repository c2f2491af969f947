#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# run-targets.sh run|long SECONDS TARGET:MAXLEN...   (tests/fuzz/Makefile)
#
# For each target, built as build/TARGET with its seeds in build/seed-TARGET:
#
#   run   replays every input of regressions/TARGET/ (each a crash found
#         and fixed once), then fuzzes SECONDS with -seed=1 from the seeds
#         and the regressions, in a corpus started afresh
#         (build/run-corpus/TARGET); the same run every time, but for how
#         far the clock lets it get.
#   long  fuzzes SECONDS with -seed=0 (libFuzzer takes the clock's), in the
#         corpus build/corpus/TARGET, which later long runs go on from.
#
# Prints "PASS TARGET: ..." with executions and executions per second, or
# "FAIL TARGET: ..." with the crash kept in build/crashes/TARGET/ and the
# commands that reproduce it; then "N passed, M failed". Exit status 1 when
# a target failed. The log of each: build/logs/TARGET.log.
set -u
mode=$1 secs=$2
shift 2
cd "$(dirname "$0")"
here=tests/fuzz
passed=0 failed=0
mkdir -p build/logs

# stat NAME LOG: a final statistic libFuzzer printed (-print_final_stats).
stat() {
	sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$2" | tail -n 1
}

# fail TARGET LOG WHY CMD: the FAIL line, the end of the log and how to
# reproduce the crash.
fail() {
	crash=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$2" | tail -n 1)
	sed -n '/^==[0-9]*==ERROR\|^fuzz invariant\|SUMMARY\|^    #[0-9] /p' "$2" | head -n 30
	echo "FAIL $1: $3; log $here/$2"
	if [ -n "$crash" ]; then
		echo "  crash kept: $here/$crash"
		echo "  reproduce:  $here/build/$1 $here/$crash"
		echo "  once fixed: keep it as $here/regressions/$1/WHAT-WENT-WRONG"
	fi
	[ -n "$4" ] && echo "  the run:    (cd $here && $4)"
	failed=$((failed + 1))
}

for spec in "$@"; do
	t=${spec%%:*} maxlen=${spec#*:}
	log=build/logs/$t.log
	bin=build/$t
	opts="-max_len=$maxlen -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3"
	if [ ! -x $bin ]; then
		echo "FAIL $t: $here/$bin was not built"
		failed=$((failed + 1))
		continue
	fi
	mkdir -p build/crashes/$t
	regressions=
	[ -d regressions/$t ] && [ -n "$(ls regressions/$t)" ] && regressions=regressions/$t
	nreg=0
	if [ -n "$regressions" ]; then
		nreg=$(ls $regressions | wc -l)
		if ! $bin $opts -artifact_prefix=build/crashes/$t/ $regressions/* \
				>$log 2>&1; then
			fail $t $log "a regression input crashes again" \
				"build/$t $regressions/*"
			continue
		fi
	fi
	if [ "$mode" = run ]; then
		corpus=build/run-corpus/$t
		rm -rf $corpus
		seed=1
	else
		corpus=build/corpus/$t
		seed=0
	fi
	mkdir -p $corpus
	nseeds=$(ls build/seed-$t | wc -l)
	cmd="build/$t -seed=$seed -max_total_time=$secs -print_final_stats=1 $opts -artifact_prefix=build/crashes/$t/ $corpus build/seed-$t $regressions"
	if ! $cmd >$log 2>&1; then
		used=$(sed -n 's/^INFO: Seed: \([0-9]*\)/\1/p' $log | head -n 1)
		fail $t $log "crashed after $(stat number_of_executed_units $log) runs (seed $used)" \
			"build/$t -seed=$used -max_total_time=$secs -print_final_stats=1 $opts -artifact_prefix=build/crashes/$t/ $corpus build/seed-$t $regressions"
		continue
	fi
	runs=$(stat number_of_executed_units $log)
	rate=$(stat average_exec_per_sec $log)
	used=$(sed -n 's/^INFO: Seed: \([0-9]*\)/\1/p' $log | head -n 1)
	echo "PASS $t: $runs runs ($rate/s) in $secs s, seed $used, $nseeds seeds, $nreg regressions replayed, corpus $(ls $corpus | wc -l) new inputs, no crash"
	passed=$((passed + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
