"""One smoke run of each benchmark, so they keep working (never a time limit on results),
and the exactness of the instruction counter the micro-benchmarks read
(-accel tcg,insn-count=on).

make bench runs them for real; here each runs once, on the smallest inputs, and must finish
and print its figures.
"""
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from chimera_test import BUILD, GUESTS, SRC, binary, main, require_file
from chimera_test import run as run_emulator


def run(*cmd, timeout=600):
    proc = subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr


class BenchSmoke(unittest.TestCase):
    def test_tcg_bench_both_backends(self):
        for backend in ("x86_64", "tci"):
            status, out = run(os.path.join(BUILD, "bench", "tcg-bench"), "2000", backend)
            self.assertEqual(status, 0, out)
            self.assertRegex(out, r"IR ops")

    def test_kit_benchmark_smoke(self):
        require_file(self, os.path.join(GUESTS, "sparc32", "vmlinux"), "sparc32 guest kit")
        status, out = run(sys.executable, os.path.join(SRC, "bench", "kits.py"), BUILD,
                          "--smoke", "sparc32")
        self.assertEqual(status, 0, out)
        self.assertIn("| sparc32 |", out)
        self.assertIn("| yes |", out)
        self.assertTrue(os.path.exists(os.path.join(BUILD, "bench", "kits.json")))

    def test_workload_parts_smoke(self):
        require_file(self, os.path.join(GUESTS, "src", "workload.c"), "guest workload source")
        status, out = run(sys.executable, os.path.join(SRC, "bench", "workload-parts.py"), BUILD,
                          "-n", "1", "--reps", "1")
        self.assertEqual(status, 0, out)
        self.assertIn("crc32", out)

    def test_micro_benchmark_smoke(self):
        require_cross_compiler(self)
        status, out = run(sys.executable, os.path.join(SRC, "bench", "micro.py"), BUILD,
                          "--smoke", "-n", "1", "--target", "sparc")
        self.assertEqual(status, 0, out)
        for prog in ("loop", "memory", "calls", "fp"):
            self.assertRegex(out, r"\n\| %s \| [\d.]+ \| [1-9]\d* \|" % prog)
            self.assertIn("### info jit after %s (sparc)" % prog, out)
        with open(os.path.join(BUILD, "bench", "micro.json")) as f:
            rows = json.load(f)["targets"]["sparc"]["programs"]
        self.assertEqual([r["program"] for r in rows], ["loop", "memory", "calls", "fp"])
        for r in rows:
            self.assertGreater(r["insns"], 0, r["program"])
            self.assertGreater(r["tbs"], 0, r["program"])


def require_cross_compiler(testcase):
    if not shutil.which("sparc64-linux-gnu-gcc"):
        if os.environ.get("CI") == "true":
            testcase.fail("sparc64-linux-gnu-gcc not found")
        testcase.skipTest("sparc64-linux-gnu-gcc not found")


def load_micro():
    spec = importlib.util.spec_from_file_location("micro", os.path.join(SRC, "bench", "micro.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class InsnCount(unittest.TestCase):
    """-accel tcg,insn-count=on counts exactly what the guest executes, on both backends."""
    LOOPS = 100000

    def test_counted_loop_is_exact(self):
        require_cross_compiler(self)
        micro = load_micro()
        sparc = next(t for t in micro.TARGETS if t.name == "sparc")
        with tempfile.TemporaryDirectory() as tmp:
            elf = os.path.join(tmp, "insn-count.elf")
            subprocess.run(["sparc64-linux-gnu-gcc", "-m32", "-nostdlib", "-static",
                            "-DLOOPS=%d" % self.LOOPS, "-Wl,--build-id=none",
                            "-Wl,-z,noexecstack"] + sparc.ldflags +
                           ["-o", elf, os.path.join(sparc.programs_dir, "insn-count.S")],
                           check=True)
            for backend in ("x86_64", "tci"):
                lines, jit = micro.counted_run(binary("sparc"), sparc, elf, tmp, marker="D",
                                               accel="tcg,backend=" + backend)
                self.assertEqual(lines[-1], "D")
                self.assertIn("backend             " + backend, jit)
                count = re.search(r"^guest insns executed (\d+)$", jit, re.M)
                self.assertIsNotNone(count, jit)
                # insn-count.S: 3 per iteration, 10 around the loop.
                self.assertEqual(int(count.group(1)), 3 * self.LOOPS + 10, backend)
                self.assertRegex(jit, r"translation time +[\d.]+ ms \(\d+ TBs/s")

    def test_counting_off_by_default(self):
        status, out, err = run_emulator("sparc", "-M", "none", "-monitor", "stdio", "-display",
                                        "none", stdin="info jit\nquit\n")
        self.assertEqual(status, 0, err)
        self.assertIn("guest insns executed off", out)

    def test_bad_insn_count_value(self):
        status, _, err = run_emulator("sparc", "-M", "none", "-accel", "tcg,insn-count=maybe")
        self.assertEqual(status, 1, err)
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertTrue(lines[0].startswith("chimera-system-sparc: "), lines[0])
        self.assertIn("insn-count=maybe", lines[0])


if __name__ == "__main__":
    main()
