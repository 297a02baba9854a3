#!/bin/sh
# expect_fail.sh — run tspi-conform on a deliberately broken provider and succeed only when it
# fails in the expected way: exit status 1, a summary line with failures, and an output line
# matching the extended regular expression given first.
#   usage: expect_fail.sh REGEX tspi-conform PROVIDER.tsp [options…]
regex=$1
shift
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ "$rc" -ne 1 ]; then
    echo "expect_fail: expected exit status 1, got $rc"
    exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq '^[0-9]+ passed, [1-9][0-9]* failed(, [0-9]+ skipped)?$'; then
    echo "expect_fail: no summary line reporting failures"
    exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq -- "$regex"; then
    echo "expect_fail: no line matches: $regex"
    exit 1
fi
exit 0
