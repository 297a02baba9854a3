#!/usr/bin/env bash
# Builds the client protocol's libFuzzer target (fuzz/fuzz_frame.c) with clang, AddressSanitizer
# and UBSan, and runs it for SECONDS (default 60) from the seed corpus fuzz/corpus/frame/.
# Inputs it finds go to build/fuzz/corpus/frame/ (kept between runs); a crash, leak, sanitizer
# report or timeout stops it, leaves the input in build/fuzz/artifacts/ and fails this script.
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer flags, e.g. -jobs=4 -workers=4]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
build=build/fuzz
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DTAPIX_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target fuzz_frame fuzz_frame_seeds -j"$(nproc)"
mkdir -p "$build/corpus/frame" "$build/artifacts"
echo "== tapix: fuzzing the frame reader and decoder for ${seconds}s"
"$build/bin/fuzz_frame" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/artifacts/" "$@" \
    "$build/corpus/frame" fuzz/corpus/frame
