#!/usr/bin/env python3
"""Boots the guest kits with Chimera and, when installed, Debian's QEMU, side by side.

For every kit in ../shared/guests whose machine this build of Chimera has, runs the kit's
exact QEMU command line (../shared/guests/run.sh) with both emulators alternately
(A B A B ...), and reports per kit: median wall time of each, the Chimera/QEMU ratio with its
min and max over the pairs, time to the first console byte, the workload time (GUEST-INIT-OK to
GUEST-DONE, from console timestamps), peak RSS, and whether the RESULT lines matched the
expected file. Prints a Markdown table and writes JSON to BUILD/bench/kits.json.

    bench/kits.py BUILD [-n RUNS] [--smoke] [KIT ...]

Benchmarks never fail on a time; the exit status says only whether the runs worked.
"""
import argparse
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GUESTS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared", "guests")
KITS = {  # kit: (binary suffix, machine)
    "sparc32": ("sparc", "SS-5"),
    "ppc32": ("ppc", "mac99"),
    "arm": ("arm", "virt"),
    "i386": ("i386", "pc"),
    "aarch64": ("aarch64", "virt"),
}
TIME_LIMIT = 300


def chimera_has(build, kit):
    suffix, machine = KITS[kit]
    exe = os.path.join(build, "chimera-system-" + suffix)
    if not os.path.exists(exe):
        return False
    out = subprocess.run([exe, "-M", "help"], capture_output=True, text=True).stdout
    return any(line.split()[:1] == [machine] for line in out.splitlines())


def qemu_has(kit):
    return shutil.which("qemu-system-" + KITS[kit][0]) is not None


def boot(prefix, kit):
    """Runs one boot; returns a dict of measurements."""
    env = dict(os.environ, QEMU=prefix)
    start = time.monotonic()
    proc = subprocess.Popen([os.path.join(GUESTS, "run.sh"), kit], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    out = b""
    first_byte = init_ok = done = None
    while True:
        left = start + TIME_LIMIT - time.monotonic()
        if left <= 0:
            proc.kill()
            break
        ready, _, _ = select.select([proc.stdout], [], [], min(left, 1.0))
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        now = time.monotonic() - start
        if first_byte is None:
            first_byte = now
        out += chunk
        if init_ok is None and b"GUEST-INIT-OK" in out:
            init_ok = now
        if done is None and b"GUEST-DONE" in out:
            done = now
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    text = out.decode(errors="replace")
    results = [line.strip() for line in text.splitlines() if line.startswith("RESULT ")]
    with open(os.path.join(GUESTS, "expected", kit + ".txt")) as f:
        expected = [line.strip() for line in f if line.strip()]
    return {
        "wall": wall,
        "status": os.waitstatus_to_exitcode(status),
        "first_byte": first_byte,
        "workload": (done - init_ok) if (init_ok is not None and done is not None) else None,
        "rss_mib": usage.ru_maxrss / 1024.0,
        "results_match": results == expected,
    }


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(runs):
    return {
        "wall": median(r["wall"] for r in runs),
        "first_byte": median(r["first_byte"] for r in runs),
        "workload": median(r["workload"] for r in runs),
        "rss_mib": max(r["rss_mib"] for r in runs),
        "results_match": all(r["results_match"] for r in runs),
        "all_exited_0": all(r["status"] == 0 for r in runs),
    }


def fmt(v, unit="s"):
    return "-" if v is None else f"{v:.2f}{unit}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("-n", type=int, default=5, help="runs per emulator (at least 5 for a report)")
    ap.add_argument("--smoke", action="store_true", help="one Chimera run of the first kit")
    ap.add_argument("kits", nargs="*")
    args = ap.parse_intermixed_args()
    build = os.path.abspath(args.build)
    prefix = os.path.join(build, "chimera-system-")
    kits = args.kits or [k for k in KITS if chimera_has(build, k)]
    if args.smoke:
        kits = kits[:1]
    report = {"host": os.uname().nodename, "cpus": os.cpu_count(), "kits": {}}
    if not kits:
        print("No guest kit boots on this build of Chimera yet: nothing to measure.")
    ok = True
    for kit in kits:
        with_qemu = qemu_has(kit) and not args.smoke
        n = 1 if args.smoke else args.n
        chimera_runs, qemu_runs = [], []
        for _ in range(n):
            chimera_runs.append(boot(prefix, kit))
            if with_qemu:
                qemu_runs.append(boot("qemu-system-", kit))
        entry = {"chimera": summarize(chimera_runs), "runs": {"chimera": chimera_runs}}
        if qemu_runs:
            entry["qemu"] = summarize(qemu_runs)
            entry["runs"]["qemu"] = qemu_runs
            ratios = [c["wall"] / q["wall"] for c, q in zip(chimera_runs, qemu_runs)]
            entry["ratio"] = {"median": entry["chimera"]["wall"] / entry["qemu"]["wall"],
                              "min": min(ratios), "max": max(ratios)}
        ok = ok and entry["chimera"]["results_match"] and entry["chimera"]["all_exited_0"]
        report["kits"][kit] = entry

    print("| kit | Chimera wall | QEMU wall | ratio (min-max) | first byte C/Q | workload C/Q "
          "| peak RSS C/Q | RESULT match |")
    print("|---|---|---|---|---|---|---|---|")
    for kit, e in report["kits"].items():
        c, q = e["chimera"], e.get("qemu")
        ratio = e.get("ratio")
        print(f"| {kit} | {fmt(c['wall'])} | {fmt(q and q['wall'])} | "
              + (f"{ratio['median']:.2f} ({ratio['min']:.2f}-{ratio['max']:.2f})" if ratio else "-")
              + f" | {fmt(c['first_byte'])}/{fmt(q and q['first_byte'])}"
              + f" | {fmt(c['workload'])}/{fmt(q and q['workload'])}"
              + f" | {c['rss_mib']:.0f}/" + (f"{q['rss_mib']:.0f}" if q else "-") + " MiB"
              + f" | {'yes' if c['results_match'] else 'NO'} |")
    if kits and not any(qemu_has(k) for k in kits):
        print("\nQEMU is not installed (Debian's qemu-system-*): Chimera columns only.")
    skipped = [k for k in KITS if k not in kits and not args.kits and not args.smoke]
    if skipped:
        print("\nNot measured: " + ", ".join(f"{k} (no {KITS[k][1]} machine in "
                                            f"chimera-system-{KITS[k][0]} yet)" for k in skipped))
    report["not_measured"] = skipped
    os.makedirs(os.path.join(build, "bench"), exist_ok=True)
    with open(os.path.join(build, "bench", "kits.json"), "w") as f:
        json.dump(report, f, indent=2)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
