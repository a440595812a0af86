#!/bin/sh
# make bench: every benchmark, against the build in $1. Benchmarks print figures;
# they never fail on a time.
set -eu
build=${1:-build}
here=$(dirname "$0")
for b in "$build"/bench/*-bench; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b")"
    "$b"
done
echo "== translator micro-benchmarks (test board, per target; info jit after each)"
python3 "$here/micro.py" "$build" -n "${BENCH_RUNS:-5}"
echo "== workload parts (test board, per repetition; QEMU's sparc32 kit beside it)"
python3 "$here/workload-parts.py" "$build" -n 3 --qemu
echo "== guest kits (Chimera against QEMU)"
python3 "$here/kits.py" "$build" -n "${BENCH_RUNS:-5}"
