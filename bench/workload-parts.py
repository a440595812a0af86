#!/usr/bin/env python3
"""Times each part of the guest kit's workload, per repetition, on Chimera's test board
and (optionally) under QEMU's sparc32 kit, side by side.

The workload (../shared/guests/src/workload.c) prints one RESULT line per part after
running it REPS times; the time between two lines, divided by REPS, is that part's time
per repetition. Times are the emulator's CPU time (user + system, read from /proc at each
line), which a busy shared machine disturbs far less than wall time. Chimera runs a test-board build of the workload (built here with
sparc64-linux-gnu-gcc and the flags of tests/tcg/sparc/meson.build, with the REPS given);
QEMU runs the kit as ../shared/guests/run.sh does (its initramfs has its own REPS, read
from its "WORKLOAD ... reps=N" line). Each side runs RUNS times and the minimum per part
is kept, which filters out the noise of a shared machine. Prints a Markdown table.

    bench/workload-parts.py BUILD [-n RUNS] [--reps N] [--qemu] [--kit]

--kit adds a column for the same sparc32 kit booted with Chimera (run.sh with
QEMU=BUILD/chimera-system-): Linux, the sun4m MMU and its timer interrupts included.

Benchmarks never fail on a time; the exit status says only whether the runs worked.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
GUESTS = os.path.join(os.path.dirname(SRC), "shared", "guests")
SPARC_TESTS = os.path.join(SRC, "tests", "tcg", "sparc")
CFLAGS = ["-m32", "-mcpu=v8", "-ffreestanding", "-fno-builtin", "-nostdlib", "-static", "-O2",
          "-fno-pic", "-fno-pie", "-no-pie", "-fno-stack-protector", "-ffp-contract=off",
          "-fno-asynchronous-unwind-tables", "-Wl,--build-id=none",
          "-Wl,-z,max-page-size=4096", "-Wl,-z,noexecstack", "-fno-strict-aliasing",
          "-fno-tree-loop-distribute-patterns"]


def build_workload(reps, out):
    g = os.path.join(GUESTS, "src")
    srcs = [os.path.join(SPARC_TESTS, f) for f in ("crt0.S", "tb-rt.c", "workload-rt.c")]
    srcs += [os.path.join(g, "workload.c"), os.path.join(g, "libgcc-mini.c")]
    subprocess.run(["sparc64-linux-gnu-gcc"] + CFLAGS +
                   ["-DREPS=%d" % reps, "-I" + g, "-T", os.path.join(SPARC_TESTS, "link.ld"),
                    "-o", out] + srcs, check=True)


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """CPU time of pid and its exited children (run.sh execs QEMU, so pid is QEMU)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / TICK
    except (OSError, IndexError):
        return time.process_time()


def time_parts(cmd, cwd=None, env=None):
    """CPU seconds per RESULT line (since the previous line) and the REPS the guest reported."""
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, bufsize=0)
    parts, reps, last = {}, None, cpu_seconds(p.pid)
    for raw in iter(p.stdout.readline, b""):
        now, line = cpu_seconds(p.pid), raw.decode("latin-1").strip()
        m = re.search(r"reps=(\d+)", line)
        if m:
            reps = int(m.group(1))
        if line.startswith("RESULT "):
            parts[line.split()[1]] = now - last
        last = now
    p.wait()
    return parts, reps


def best_of(runs, cmd, cwd=None, env=None):
    best, reps = {}, None
    for _ in range(runs):
        parts, reps = time_parts(cmd, cwd, env)
        for name, t in parts.items():
            best[name] = min(t, best.get(name, t))
    return best, reps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("-n", "--runs", type=int, default=3)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--qemu", action="store_true", help="also time the sparc32 kit under QEMU")
    ap.add_argument("--kit", action="store_true", help="also time the sparc32 kit under Chimera")
    args = ap.parse_args()

    exe = os.path.join(args.build, "chimera-system-sparc")
    if not shutil.which("sparc64-linux-gnu-gcc") or not os.path.exists(exe):
        print("skipped: needs sparc64-linux-gnu-gcc and %s" % exe)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        elf = os.path.join(tmp, "workload.elf")
        build_workload(args.reps, elf)
        chim, _ = best_of(args.runs, [exe, "-M", "testboard", "-nographic", "-kernel", elf])
    if not chim:
        print("no RESULT lines from Chimera", file=sys.stderr)
        return 1
    qemu, qreps = ({}, None)
    if args.qemu and shutil.which("qemu-system-sparc"):
        qemu, qreps = best_of(args.runs, [os.path.join(GUESTS, "run.sh"), "sparc32"])

    kit, kreps = ({}, None)
    if args.kit:
        env = dict(os.environ, QEMU=os.path.join(os.path.abspath(args.build), "chimera-system-"))
        kit, kreps = best_of(args.runs, [os.path.join(GUESTS, "run.sh"), "sparc32"], env=env)

    def cell(times, reps, name):
        return 1000 * times[name] / reps if name in times and reps else None

    def fmt(v):
        return "%.2f" % v if v is not None else ""

    print("| part | Chimera ms/rep | QEMU ms/rep | Chimera/QEMU | Chimera kit ms/rep |")
    print("|---|---:|---:|---:|---:|")
    tot = [0.0, 0.0, 0.0]
    for name, t in chim.items():
        c, q, k = 1000 * t / args.reps, cell(qemu, qreps, name), cell(kit, kreps, name)
        for i, v in enumerate((c, q, k)):
            tot[i] += v or 0
        print("| %s | %.2f | %s | %s | %s |" % (name, c, fmt(q), fmt(c / q if q else None), fmt(k)))
    print("| total | %.1f | %s | %s | %s |" % (tot[0], fmt(tot[1] or None),
                                             fmt(tot[0] / tot[1] if tot[1] else None),
                                             fmt(tot[2] or None)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
