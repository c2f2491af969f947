# Shared by the host test scripts (sourced): PASS/FAIL lines and the
# closing "N passed, N failed" that tests/run counts.
passed=0
failed=0
# result STATUS NAME: one test's line, from a command's exit status.
result() {
	if [ "$1" = 0 ]; then
		echo "PASS $2"
		passed=$((passed + 1))
	else
		echo "FAIL $2"
		failed=$((failed + 1))
	fi
}
# summary: the closing line; exit status 1 if anything failed.
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}
