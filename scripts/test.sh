#!/usr/bin/env bash
# Installs what is missing, builds tapix, fuzzes the client protocol for a minute, and runs the
# whole test suite three times: in a debug build, in the release build the demo uses, and in a
# build with AddressSanitizer and UBSan. The test runs come last so that their summary closes
# the output.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs="$(nproc)"
# The client protocol's frame reader and decoder under libFuzzer for 60 s (docs/protocol.md).
scripts/fuzz.sh 60
for preset in debug release asan; do
  echo "== tapix: $preset build and tests"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$jobs"
  ctest --preset "$preset" -j"$jobs"
done
