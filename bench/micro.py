#!/usr/bin/env python3
"""Translator micro-benchmarks on the test board, per target: small guest programs that
each stress one part of the JIT (bench/micro/<target>/: loop, memory, calls, fp), with
the `info jit` counters of each.

    bench/micro.py BUILD [-n RUNS] [--smoke] [--target NAME]

For each target whose emulator is in BUILD and whose cross compiler is installed (else a
note line), every program is built twice into a temporary folder: at its SCALE
(-DSCALE=N, the program's default, or 1 with --smoke) and with SCALE=0 (start-up and
printing only). Then:
  - a counted run of each build, with -accel tcg,insn-count=on -no-shutdown and a
    monitor on a Unix socket: the test board's exit register then stops the guest
    instead of ending the process (docs/testboard.md), so once the guest has stopped,
    `info jit` reads the counters frozen, then `quit`. The program's guest
    instructions are the difference of the two counts;
  - RUNS timed runs without counting: the emulator's CPU time (user + system, from
    /proc) between the BENCH-START and BENCH-END lines; the median is kept.
The checksum each run prints (BENCH-RESULT) must be the same every time, and equal to
the one the program prints built natively for the host (bench/micro/host-rt.c) when a
host C compiler is there.

Prints a Markdown table per target and the `info jit` text of each counted run, and
writes BUILD/bench/micro.json. Benchmarks never fail on a time: the exit status says
only whether every run worked (a crash, a timeout, or a missing or wrong BENCH-RESULT
is a failure).
"""
import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRC, "scripts"))
from hmp_client import HMPClient  # noqa: E402
MICRO = os.path.join(HERE, "micro")


def _load_workload_parts():
    """bench/workload-parts.py: its guest CFLAGS and cpu_seconds() are shared here."""
    spec = importlib.util.spec_from_file_location("workload_parts",
                                                  os.path.join(HERE, "workload-parts.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


WP = _load_workload_parts()
PROGRAMS = ("loop", "memory", "calls", "fp")
HOST_CC = shutil.which("cc") or shutil.which("gcc")
HOST_CFLAGS = ["-O2", "-ffp-contract=off", "-fno-strict-aliasing", "-Wall", "-Wextra", "-Werror"]


@dataclass
class Target:
    """What a target needs to build and run the micro-benchmarks: one entry per target."""
    name: str
    binary: str                     # the emulator in BUILD
    cc: str                         # cross compiler
    cflags: list
    runtime: list                   # sources linked into every program
    includes: list
    ldflags: list = field(default_factory=list)
    machine: list = field(default_factory=lambda: ["-M", "testboard"])

    @property
    def programs_dir(self):
        return os.path.join(MICRO, self.name)


SPARC_TESTS = os.path.join(SRC, "tests", "tcg", "sparc")
TARGETS = [
    Target(name="sparc", binary="chimera-system-sparc", cc="sparc64-linux-gnu-gcc",
           # -Wno-type-limits: "i < SCALE * N" is always false in the SCALE=0 build.
           cflags=WP.CFLAGS + ["-Wall", "-Wextra", "-Werror", "-Wno-type-limits"],
           runtime=[os.path.join(SPARC_TESTS, "crt0.S"), os.path.join(SPARC_TESTS, "tb-rt.c"),
                    os.path.join(MICRO, "sparc", "bench-rt.c")],
           includes=[SPARC_TESTS, os.path.join(MICRO, "sparc")],
           ldflags=["-T", os.path.join(SPARC_TESTS, "link.ld")]),
]

RUN_TIMEOUT = 300


class RunError(Exception):
    pass


def build_guest(t, prog, defines, out):
    src = os.path.join(t.programs_dir, prog + ".c")
    subprocess.run([t.cc] + t.cflags + ["-I" + d for d in t.includes] + defines + t.ldflags +
                   ["-o", out] + t.runtime + [src], check=True)


def host_result(t, prog, defines, tmp):
    """The checksum of the program built for the host, or None without a host compiler."""
    if not HOST_CC:
        return None
    exe = os.path.join(tmp, prog + "-host")
    subprocess.run([HOST_CC] + HOST_CFLAGS + ["-I" + t.programs_dir] + defines +
                   ["-o", exe, os.path.join(MICRO, "host-rt.c"),
                    os.path.join(t.programs_dir, prog + ".c"), "-lm"], check=True)
    out = subprocess.run([exe], capture_output=True, text=True, timeout=RUN_TIMEOUT).stdout
    return parse_result(out, prog)


def parse_result(text, prog):
    m = re.search(r"^BENCH-RESULT %s ([0-9a-f]{8})\s*$" % re.escape(prog), text, re.M)
    return m.group(1) if m else None


def read_until(f, marker, deadline):
    """Console lines up to and including the one starting with marker."""
    lines = []
    while True:
        if time.monotonic() > deadline:
            raise RunError("timed out waiting for " + marker)
        raw = f.readline()
        if not raw:
            raise RunError("emulator ended before %s; console: %r" % (marker, lines[-5:]))
        line = raw.decode("latin-1").strip()
        lines.append(line)
        if line.startswith(marker):
            return lines


def counted_run(exe, t, elf, tmp, marker="BENCH-END", accel="tcg"):
    """Runs a guest to its exit register with counting on; -no-shutdown holds it there.
    Returns (console lines up to marker, info jit text)."""
    sock = os.path.join(tmp, "mon.sock")
    cmd = [exe] + t.machine + ["-display", "none", "-serial", "stdio",
                               "-no-shutdown", "-accel", accel + ",insn-count=on",
                               "-monitor", "unix:%s,server=on,wait=off" % sock, "-kernel", elf]
    deadline = time.monotonic() + RUN_TIMEOUT
    with subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as p:
        try:
            lines = read_until(p.stdout, marker, deadline)
            mon = HMPClient(sock, timeout=deadline - time.monotonic())
            while "shutdown" not in mon.cmd("info status"):
                if time.monotonic() > deadline:
                    raise RunError("%s: the guest did not stop after %s" % (elf, marker))
                time.sleep(0.01)
            jit = mon.cmd("info jit")
            mon.cmd("quit")
            mon.close()
            if p.wait(timeout=30) != 0:
                raise RunError("exit status %d: %s" % (p.returncode, p.stderr.read().decode()))
            return lines, jit
        finally:
            if p.poll() is None:
                p.kill()


def timed_run(exe, t, elf):
    """CPU seconds between BENCH-START and BENCH-END, and the console lines."""
    deadline = time.monotonic() + RUN_TIMEOUT
    with subprocess.Popen([exe] + t.machine + ["-nographic", "-kernel", elf],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, bufsize=0) as p:
        try:
            lines = read_until(p.stdout, "BENCH-START", deadline)
            start = WP.cpu_seconds(p.pid)
            lines += read_until(p.stdout, "BENCH-END", deadline)
            seconds = WP.cpu_seconds(p.pid) - start
            if p.wait(timeout=30) != 0:
                raise RunError("exit status %d" % p.returncode)
            return seconds, lines
        finally:
            if p.poll() is None:
                p.kill()


# `info jit` lines the table reads: name -> (regex, group converters)
JIT_FIELDS = {
    "insns": (r"^guest insns executed (\d+)", int),
    "tbs": (r"^TBs translated\s+(\d+)", int),
    "tb_rate": (r"^translation time\s+[\d.]+ ms \(([\d.]+) TBs/s", float),
    "host_bytes_per_insn": (r"^TB avg host size .*\(([\d.]+) per guest insn\)", float),
    "chained_pct": (r"^chained jumps .*\(([\d.]+)%\)", float),
    "jc_hit_pct": (r"^jump cache hits .*\(([\d.]+)%\)", float),
    "tlb_misses": (r"^TLB misses\s+(\d+)", int),
}


def parse_jit(text):
    out = {}
    for key, (rx, conv) in JIT_FIELDS.items():
        m = re.search(rx, text, re.M)
        out[key] = conv(m.group(1)) if m else None
    return out


def bench_program(exe, t, prog, scale, runs, tmp):
    """All runs of one program: a dict for the table and the JSON."""
    defs = ["-DSCALE=%d" % scale] if scale is not None else []
    elf, empty = (os.path.join(tmp, prog + s + ".elf") for s in ("", "-empty"))
    build_guest(t, prog, defs, elf)
    build_guest(t, prog, ["-DSCALE=0"], empty)

    results = set()
    lines, jit = counted_run(exe, t, elf, tmp)
    results.add(parse_result("\n".join(lines), prog))
    _, jit_empty = counted_run(exe, t, empty, tmp)
    times = []
    for _ in range(runs):
        seconds, lines = timed_run(exe, t, elf)
        times.append(seconds)
        results.add(parse_result("\n".join(lines), prog))
    expected = host_result(t, prog, defs, tmp)
    if None in results or len(results) != 1 or (expected and expected not in results):
        raise RunError("%s: BENCH-RESULT %s, expected %s" %
                       (prog, sorted(r or "missing" for r in results), expected or "one value"))

    row = parse_jit(jit)
    base = parse_jit(jit_empty)["insns"]
    if row["insns"] is not None and base is not None:
        row["insns"] -= base
    row.update(program=prog, result=results.pop(), host_checked=expected is not None,
               median_s=statistics.median(times), times_s=times, info_jit=jit)
    row["mips"] = (row["insns"] / row["median_s"] / 1e6
                   if row["insns"] and row["median_s"] > 0 else None)
    return row


def fmt(v, spec):
    return spec % v if v is not None else ""


def print_table(t, rows):
    print("\n## %s\n" % t.name)
    print("| program | median CPU s | guest insns | M guest insns/s | TBs translated | "
          "translation TBs/s | host bytes/guest insn | chained % | jump-cache hit % | "
          "TLB misses |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| %s | %.3f | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["program"], r["median_s"], fmt(r["insns"], "%d"), fmt(r["mips"], "%.0f"),
            fmt(r["tbs"], "%d"), fmt(r["tb_rate"], "%.0f"),
            fmt(r["host_bytes_per_insn"], "%.1f"), fmt(r["chained_pct"], "%.1f"),
            fmt(r["jc_hit_pct"], "%.1f"), fmt(r["tlb_misses"], "%d")))
    print("\nguest insns: executed between start-up and the end of the program, less the "
          "same program at SCALE=0; CPU time from BENCH-START to BENCH-END.")
    for r in rows:
        print("\n### info jit after %s (%s)\n" % (r["program"], t.name))
        print("```\n%s```" % r["info_jit"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build")
    ap.add_argument("-n", "--runs", type=int, default=3)
    ap.add_argument("--smoke", action="store_true", help="SCALE=1 and one timed run")
    ap.add_argument("--target", choices=[t.name for t in TARGETS], action="append")
    args = ap.parse_args()
    runs, scale = (1, 1) if args.smoke else (args.runs, None)

    report, ok = {"targets": {}, "notes": []}, True
    for t in TARGETS:
        if args.target and t.name not in args.target:
            continue
        exe = os.path.join(args.build, t.binary)
        missing = [w for w, there in ((exe, os.path.exists(exe)), (t.cc, shutil.which(t.cc)))
                   if not there]
        if missing:
            note = "%s: skipped, not found: %s" % (t.name, ", ".join(missing))
            print("note: " + note)
            report["notes"].append(note)
            continue
        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            for prog in PROGRAMS:
                try:
                    rows.append(bench_program(exe, t, prog, scale, runs, tmp))
                except (RunError, subprocess.SubprocessError, OSError) as e:
                    print("%s %s: failed: %s" % (t.name, prog, e), file=sys.stderr)
                    ok = False
        if not HOST_CC:
            print("note: no host C compiler: checksums compared between runs only")
        print_table(t, rows)
        report["targets"][t.name] = {"scale": scale or "default", "runs": runs,
                                     "programs": rows}

    os.makedirs(os.path.join(args.build, "bench"), exist_ok=True)
    with open(os.path.join(args.build, "bench", "micro.json"), "w") as f:
        json.dump(report, f, indent=2)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
