#!/bin/sh
# make bench: runs every benchmark in bench/ against the build in $1.
# Benchmarks print figures; they never fail on a time.
set -eu
build=${1:-build}
ran=0
for b in "$build"/bench/*-bench; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b")"
    "$b"
    ran=1
done
[ "$ran" = 1 ] || echo "no benchmarks built yet"
