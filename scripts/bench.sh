#!/usr/bin/env bash
# Builds the release preset and prints the benchmark figures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" >/dev/null
TAPIX_PROVIDER_PATH="$PWD/build/release/lib/tapix/providers" build/release/bin/bench_core
