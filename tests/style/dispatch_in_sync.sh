#!/usr/bin/env bash
# Reruns scripts/gen-dispatch.py into the build tree and compares its output with the committed
# src/client/dispatch.c and src/client/tapi_names.h: a prototype changed in include/tapix/tapi.h
# must reach the dispatching front through the generator, not by hand.
# Usage: dispatch_in_sync.sh PYTHON SOURCE_DIR OUT_DIR CLANG_FORMAT
set -euo pipefail
python=$1
source_dir=$2
out_dir=$3
clang_format=$4

rm -rf "$out_dir"
"$python" "$source_dir/scripts/gen-dispatch.py" --source-dir "$source_dir" --out-dir "$out_dir" \
  --clang-format "$clang_format"
status=0
for f in dispatch.c tapi_names.h; do
  if ! diff -u "$source_dir/src/client/$f" "$out_dir/$f"; then
    echo "dispatch_in_sync: src/client/$f differs from what scripts/gen-dispatch.py writes;" \
         "run scripts/gen-dispatch.py and commit its output" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "dispatch_in_sync: ok"
exit $status
