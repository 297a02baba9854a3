#!/usr/bin/env bash
# Checks libtapix.so's dynamic symbol table against the public headers: the functions it
# exports (nm -D --defined-only) must be exactly those include/tapix/tapi.h and tapix.h declare,
# less the TAPI 3.0 call-hub functions tapix does not implement. A declared function missing
# from the library, or an internal one visible in it, fails the test.
# Usage: exports_test.sh CC SOURCE_DIR LIBTAPIX
set -euo pipefail
cc=$1
source_dir=$2
library=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# TAPI 3.0 functions that tapi.h declares for TAPI_CURRENT_VERSION >= 0x00030000 only.
not_implemented="lineGetCallIDs lineGetCallHubTracking lineSetCallHubTracking lineGetHubRelatedCalls"

# The declared functions, as the compiler sees them with every TAPI version's declarations.
printf '#include <tapix/tapix.h>\n' >"$work/headers.c"
"$cc" -DTAPI_CURRENT_VERSION=0x00030001 -I"$source_dir/include" -fsyntax-only \
  -aux-info "$work/aux" "$work/headers.c"
grep -E '/include/tapix/tapix?\.h:[0-9]+:' "$work/aux" |
  sed -E 's/^.*\*\/ *extern [^(]*[ *]([A-Za-z_][A-Za-z0-9_]*) \(.*$/\1/' |
  grep -vxF -f <(tr ' ' '\n' <<<"$not_implemented") | sort -u >"$work/declared"

# What the library exports, less what the toolchain adds to every shared object.
nm -D --defined-only "$library" | awk '{print $NF}' |
  grep -vE '^(_init|_fini|_edata|_end|__bss_start|__(asan|ubsan|sanitizer|odr_asan)[A-Za-z0-9_.]*)$' |
  sort -u >"$work/exported"

declared=$(wc -l <"$work/declared")
if [ "$declared" -lt 100 ]; then
  echo "exports: only $declared functions read from the headers; the test is broken" >&2
  exit 1
fi
status=0
missing=$(comm -23 "$work/declared" "$work/exported")
extra=$(comm -13 "$work/declared" "$work/exported")
if [ -n "$missing" ]; then
  echo "exports: declared in tapi.h/tapix.h but not exported by $(basename "$library"):" >&2
  echo "$missing" >&2
  status=1
fi
if [ -n "$extra" ]; then
  echo "exports: exported by $(basename "$library") but declared in no public header:" >&2
  echo "$extra" >&2
  status=1
fi
[ $status -eq 0 ] && echo "exports: ok ($declared functions)"
exit $status
