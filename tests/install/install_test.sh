#!/usr/bin/env bash
# Installs the build into a scratch prefix and checks what an application developer gets there:
# the headers, libtapix with tapix.pc, the providers, the tools and the example configuration;
# then compiles the demo with `cc app.c $(pkg-config --cflags --libs tapix)` and runs it with no
# configuration file and no tapix environment variable: it must find the simulated PBX and two
# of its extensions on its own.
set -euo pipefail
build_dir=$1
source_dir=$2
prefix=$(mktemp -d)
home=$(mktemp -d)
trap 'rm -rf "$prefix" "$home"' EXIT

cmake --install "$build_dir" --prefix "$prefix" >/dev/null

libdir=$(cd "$prefix" && ls -d lib*/ | head -n1)
libdir=${libdir%/}
for f in include/tapix/tapi.h include/tapix/tspi.h include/tapix/tapix.h include/tapix/varstruct.h \
         "$libdir/libtapix.so" "$libdir/pkgconfig/tapix.pc" "$libdir/tapix/providers/sim.tsp" \
         bin/tapix bin/tspi-conform etc/tapix/tapix.conf.example; do
  if [ ! -e "$prefix/$f" ]; then
    echo "install: missing $f" >&2
    exit 1
  fi
done

export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
cc ${APP_CFLAGS:-} -o "$home/app" "$source_dir/examples/demo.c" $(pkg-config --cflags --libs tapix)

output=$(env -u TAPIX_CONFIG -u TAPIX_PROVIDER_PATH -u XDG_CONFIG_HOME HOME="$home" \
         LD_LIBRARY_PATH="$prefix/$libdir" "$home/app")
echo "$output"
grep -q "== done" <<<"$output"
grep -q "digit '3'" <<<"$output"

# The installed command-line tool sees the same default lines.
lines=$(env -u TAPIX_CONFIG -u TAPIX_PROVIDER_PATH -u XDG_CONFIG_HOME HOME="$home" \
        LD_LIBRARY_PATH="$prefix/$libdir" "$prefix/bin/tapix" lines)
echo "$lines"
grep -q 101 <<<"$lines"
grep -q 102 <<<"$lines"
echo "install: ok"
