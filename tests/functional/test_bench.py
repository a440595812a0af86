"""One smoke run of each benchmark, so they keep working (never a time limit on results).

make bench runs them for real; here each runs once, on the smallest inputs, and must finish
and print its figures.
"""
import os
import subprocess
import sys
import unittest

from chimera_test import BUILD, GUESTS, SRC, main, require_file


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


if __name__ == "__main__":
    main()
