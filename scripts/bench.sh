#!/usr/bin/env bash
# Builds the release preset and prints the benchmark figures: bench_core (the embedded core) and
# bench_server (tapixd, beside redis-server as a speed reference). Redis is needed by the
# benchmark only, so it is installed here rather than by scripts/install-deps.sh (the test suite
# does not use it); without root and without Redis, bench_server prints its figures without
# Redis's.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

bench_packages=(redis-server redis-tools)
missing=()
for p in "${bench_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}"
    # Debian's package starts a system Redis on port 6379; the benchmark starts its own.
    if command -v systemctl >/dev/null && systemctl is-active --quiet redis-server 2>/dev/null; then
      systemctl stop redis-server || true
    fi
  else
    echo "tapix: need root to install ${missing[*]}; bench_server runs without Redis" >&2
  fi
fi

cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" >/dev/null
TAPIX_PROVIDER_PATH="$PWD/build/release/lib/tapix/providers" build/release/bin/bench_core
TAPIX_PROVIDER_PATH="$PWD/build/release/lib/tapix/providers" build/release/bin/bench_server
