#!/usr/bin/env bash
# Installs what building and testing tapix needs on Debian 12, and nothing when it is all there.
set -euo pipefail

# libprotobuf-c-dev, protobuf-c-compiler: the client protocol (src/proto). clang and
# libclang-rt-14-dev (libFuzzer's and the sanitizers' runtimes): the fuzzing run (scripts/fuzz.sh).
# libuv1-dev: tapixd's event loop (src/server).
packages=(build-essential cmake pkg-config libinih-dev libcmocka-dev clang-format python3
          libprotobuf-c-dev protobuf-c-compiler clang libclang-rt-14-dev libuv1-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "tapix: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
