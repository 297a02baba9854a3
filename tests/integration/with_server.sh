#!/usr/bin/env bash
# Runs one integration test in client mode: starts tapixd in the foreground on a socket in a
# fresh temporary directory with the configuration the test needs, waits for the socket, runs
# the test with TAPIX_SERVER pointing at it, then stops the server with SIGTERM and fails when
# the test failed or the server did not exit cleanly (status 0) within 10 seconds.
# Usage: with_server.sh TAPIXD CONFIG TEST [ARGS...]
set -u
tapixd=$1
config=$2
shift 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tapix-client.XXXXXX")
sock="$tmp/sock"
trap 'rm -rf "$tmp"' EXIT

env -u TAPIX_SERVER "$tapixd" --foreground --socket "$sock" --config "$config" \
  >"$tmp/tapixd.log" 2>&1 &
server=$!

for _ in $(seq 1 100); do
  [ -S "$sock" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "with_server: tapixd exited before listening:" >&2
    cat "$tmp/tapixd.log" >&2
    exit 1
  fi
  sleep 0.05
done
if [ ! -S "$sock" ]; then
  echo "with_server: tapixd did not listen on $sock" >&2
  kill "$server"
  exit 1
fi

TAPIX_SERVER="unix:$sock" "$@"
status=$?

kill -TERM "$server"
for _ in $(seq 1 200); do
  kill -0 "$server" 2>/dev/null || break
  sleep 0.05
done
if kill -0 "$server" 2>/dev/null; then
  echo "with_server: tapixd did not stop within 10 s of SIGTERM" >&2
  kill -KILL "$server"
  server_status=1
else
  wait "$server"
  server_status=$?
fi
if [ $server_status -ne 0 ]; then
  echo "with_server: tapixd exited with status $server_status; its log:" >&2
  cat "$tmp/tapixd.log" >&2
  exit 1
fi
if [ $status -ne 0 ]; then
  echo "with_server: the test failed ($status); tapixd's log:" >&2
  tail -50 "$tmp/tapixd.log" >&2
fi
exit $status
