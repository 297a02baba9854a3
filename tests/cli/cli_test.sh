#!/usr/bin/env bash
# cli_test.sh — one test case of the tapix command-line tool, run by CTest as
#   cli_test.sh CASE
# with TAPIX (the built tool), NDJSON_CHECK (tests/cli/ndjson_check), CLI_TESTS_DIR (this
# directory) and the usual TAPIX_PROVIDER_PATH / TAPIX_CONFIG in the environment. Each case
# runs the real binary against the sim provider and asserts on its exit status, its stdout and
# its stderr. On failure it prints what it expected and everything the tool printed.
set -u

case_name=${1:?usage: cli_test.sh CASE}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/out
err=$work/err
rc=0
failed=0

# run ARGS...: runs tapix, keeping its stdout, stderr and exit status.
run() {
  echo "+ tapix $*"
  "$TAPIX" "$@" >"$out" 2>"$err"
  rc=$?
}

# fail MESSAGE: records a failed expectation and shows the tool's output.
fail() {
  echo "FAIL: $1"
  echo "--- exit status: $rc"
  echo "--- stdout:"; cat "$out"
  echo "--- stderr:"; cat "$err"
  failed=1
}

expect_rc() { [ "$rc" -eq "$1" ] || fail "expected exit status $1"; }
expect_out() { grep -Eq -- "$1" "$out" || fail "stdout should match: $1"; }
expect_no_out() { ! grep -Eq -- "$1" "$out" || fail "stdout should not match: $1"; }
expect_err() { grep -Eq -- "$1" "$err" || fail "stderr should match: $1"; }
expect_lines() { [ "$(wc -l <"$out")" -eq "$1" ] || fail "expected $1 lines of output"; }

# expect_sequence RE...: lines matching each RE, in this order (others may come between).
expect_sequence() {
  awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) re[i] = ARGV[i]; ARGC = 1; k = 1 }
               k <= n && $0 ~ re[k] { k++ } END { exit !(k > n) }' "$@" <"$out" ||
    fail "expected lines in this order: $*"
}

# expect_ndjson [MIN [MAX]]: stdout is NDJSON with MIN..MAX objects.
expect_ndjson() {
  "$NDJSON_CHECK" "$@" <"$out" >"$work/check" || { cat "$work/check"; fail "stdout is not NDJSON"; }
}

case "$case_name" in
lines)
  run lines
  expect_rc 0
  expect_out '^ID +ADDRESS +NAME +PROVIDER'
  expect_out '^0 +101 +Extension 101 +tapix simulated PBX +1 +.*INTERACTIVEVOICE'
  expect_out '^1 +102 '
  expect_out '^2 +103 '
  expect_out '^3 +104 '
  expect_lines 5
  ;;
lines_json)
  run --json lines
  expect_rc 0
  expect_ndjson 4 4
  expect_out '^\{"type":"line","device":0,"name":"Extension 101","address":"101"'
  expect_out '"address":"104"'
  expect_out '"media_names":\[[^]]*"INTERACTIVEVOICE"'
  ;;
phones)
  run phones
  expect_rc 0
  expect_out '^0 +Extension 101 +tapix simulated PBX'
  expect_out '^3 +Extension 104 '
  ;;
caps)
  run caps 101
  expect_rc 0
  expect_out '^LINEDEVCAPS$'
  expect_out '^  ProviderInfo +"tapix simulated PBX"'
  expect_out '^  LineName +"Extension 101"'
  expect_out '^  dwMediaModes +.*INTERACTIVEVOICE'
  expect_out '^LINEADDRESSCAPS$'
  expect_out '^  Address +101$'
  expect_out '^  dwCallStates +.*CONNECTED'
  expect_out '^  dwCallFeatures +.*DROP'
  ;;
caps_json)
  run caps 0 --json
  expect_rc 0
  expect_ndjson 2 2
  expect_out '"type":"LINEDEVCAPS".*"ProviderInfo":"tapix simulated PBX"'
  expect_out '"type":"LINEADDRESSCAPS".*"Address":"101"'
  ;;
call_connected)
  run call 101 5550100 --wait-connected
  expect_rc 0
  expect_out '^LINE_CALLSTATE +hCall=0x[0-9a-f]+ DIALING'
  expect_sequence '^LINE_CALLSTATE .* CONNECTED' '^LINE_CALLSTATE .* IDLE'
  ;;
call_placed)
  run call 101 5550122
  expect_rc 0
  expect_out ' RINGBACK'
  expect_no_out ' CONNECTED'
  expect_out ' IDLE'
  ;;
call_busy)
  run call 101 5550111
  expect_rc 1
  expect_out '^LINE_CALLSTATE .* BUSY'
  expect_err 'BUSY'
  expect_out ' IDLE'
  ;;
call_noanswer)
  run call 101 5550122 --wait-connected
  expect_rc 1
  expect_out 'DISCONNECTED mode=NOANSWER'
  expect_err 'NOANSWER'
  ;;
call_timeout)
  run call 101 5550122 --wait-connected --timeout 300
  expect_rc 4
  expect_err 'timeout'
  expect_out ' IDLE'
  ;;
call_lineerr)
  run digits 101 5550100 xyz
  expect_rc 1
  expect_err 'lineGenerateDigits: LINEERR_INVALDIGITS'
  expect_sequence ' CONNECTED' ' IDLE'
  run translate ''
  expect_rc 1
  expect_err 'lineTranslateAddress: LINEERR_INVALADDRESS'
  ;;
call_json)
  run --json call 101 5550100 --wait-connected
  expect_rc 0
  expect_ndjson 4
  expect_out '"type":"LINE_CALLSTATE","hCall":[0-9]+,"state":256,"state_name":"CONNECTED"'
  expect_out '"type":"LINE_REPLY","request":[0-9]+,"result":"OK"'
  ;;
call_hold_for)
  run call 102 5550100 --hold-for 200
  expect_rc 0
  expect_sequence ' CONNECTED' ' IDLE'
  ;;
drop)
  run drop 101 5550122 --after 100
  expect_rc 0
  expect_sequence ' RINGBACK' ' IDLE'
  ;;
hold)
  run hold 101 5550100 --for 200
  expect_rc 0
  expect_sequence ' CONNECTED' '^LINE_REPLY' ' ONHOLD$' '^LINE_REPLY' ' CONNECTED' ' IDLE$'
  ;;
digits)
  run digits 101 5550144 123 --listen 600
  expect_rc 0
  expect_out '^LINE_GENERATE +hCall=0x[0-9a-f]+ DONE'
  expect_out '^LINE_MONITORDIGITS .* digit=4 '
  expect_out '^LINE_MONITORDIGITS .* digit=# '
  ;;
transfer_blind)
  run transfer 101 5550100 5550200
  expect_rc 0
  expect_sequence ' CONNECTED' ' IDLE'
  ;;
transfer_consult)
  run transfer 101 5550100 5550200 --consult
  expect_rc 0
  expect_out ' ONHOLDPENDTRANSFER'
  expect_out ' DIALTONE'
  ;;
conference)
  run conference 101 5550100 5550200 --hold-for 100
  expect_rc 0
  expect_out ' ONHOLDPENDCONF'
  expect_out ' CONFERENCED'
  ;;
answer)
  run answer 102 --call-from 101 --timeout 1000
  expect_rc 0
  expect_sequence ' OFFERING' ' CONNECTED' ' IDLE'
  ;;
answer_timeout)
  run answer 101 --timeout 300
  expect_rc 4
  expect_err 'timeout'
  ;;
monitor_json)
  run --json monitor --dial 101:102 --count 5 --timeout 5000
  expect_rc 0
  expect_ndjson 5 5
  expect_out '"type":"LINE_APPNEWCALL".*"privilege_name":"MONITOR"'
  expect_out '"state_name":"OFFERING"'
  ;;
monitor_count_timeout)
  run monitor 101 --count 100 --timeout 300
  expect_rc 4
  ;;
monitor_signal)
  echo "+ tapix monitor & kill -TERM"
  "$TAPIX" monitor >"$out" 2>"$err" &
  pid=$!
  sleep 0.5
  kill -TERM "$pid"
  wait "$pid"
  rc=$?
  expect_rc 0
  ;;
call_signal)
  echo "+ tapix call --wait-connected & kill -INT"
  "$TAPIX" call 101 5550122 --wait-connected >"$out" 2>"$err" &
  pid=$!
  sleep 0.5
  kill -INT "$pid"
  wait "$pid"
  rc=$?
  expect_rc 1
  expect_sequence ' RINGBACK' ' IDLE'
  expect_err 'stopped by a signal'
  ;;
translate)
  run translate "+1 (425) 555-0100"
  expect_rc 0
  expect_out '^  dialable +[^ ]*4255550100'
  expect_out '^  results +.*CANONICAL'
  ;;
translate_json)
  run --json translate "+1 (425) 555-0100"
  expect_rc 0
  expect_ndjson 1 1
  expect_out '"dialable":"[^"]*4255550100"'
  ;;
usage)
  run; expect_rc 2
  run frobnicate; expect_rc 2; expect_err "no command 'frobnicate'"
  run call 101; expect_rc 2; expect_err 'missing argument'
  run call 101 ''; expect_rc 2; expect_err 'empty'
  run call 101 5550100 --bogus; expect_rc 2; expect_err "unknown option '--bogus'"
  run call 101 5550100 --timeout soon; expect_rc 2
  run caps 101 102; expect_rc 2
  run caps nosuchline; expect_rc 2; expect_err "no line 'nosuchline'"
  run translate "+1 425" --force-local --force-ld; expect_rc 2
  run monitor --dial 101; expect_rc 2
  ;;
help)
  run --help
  expect_rc 0
  expect_out '^Exit status:'
  expect_out '^  3  could not initialize'
  run call --help
  expect_rc 0
  expect_out '^Usage: tapix call LINE NUMBER'
  for c in lines phones caps answer drop hold transfer conference digits monitor translate version; do
    run "$c" --help
    expect_rc 0
    expect_out "^Usage: tapix $c"
  done
  ;;
bad_config)
  TAPIX_CONFIG=$CLI_TESTS_DIR/bad.conf run lines
  expect_rc 3
  expect_err 'bad\.conf:[0-9]+:'
  expect_err 'LINEERR_'
  ;;
missing_config)
  TAPIX_CONFIG=$work/none.conf run lines
  expect_rc 3
  ;;
version)
  run version
  expect_rc 0
  expect_out '^tapix +version=[0-9]+\.[0-9]+\.[0-9]+ tapi=2\.2'
  ;;
*)
  echo "no test case '$case_name'"
  exit 2
  ;;
esac
[ "$failed" -eq 0 ] && echo "PASS: $case_name"
exit "$failed"
