#!/usr/bin/env bash
# Installs what is missing, builds tapix, and runs the demo on the embedded default
# configuration (the simulated PBX): the lines it has, then a call between two extensions with
# every TAPI message printed as it arrives.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" >/dev/null
export TAPIX_CONFIG=   # the built-in default, whatever the machine's configuration says
build/release/bin/tapix lines
build/release/bin/tapix-demo
