"""The command line: help listings, and one clear error line with status 1 for bad input."""
import os
import subprocess
import tempfile
import time
import unittest

from chimera_test import binary, main, run

TARGETS = ["sparc", "ppc", "arm", "i386"]


class CommandLineErrors(unittest.TestCase):
    def assert_one_line_error(self, args, culprit, target="sparc"):
        status, out, err = run(target, *args)
        self.assertEqual(status, 1, f"{args}: status {status}, stderr {err!r}")
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, f"{args}: expected one error line, got {err!r}")
        self.assertIn(culprit, lines[0])
        self.assertTrue(lines[0].startswith("chimera-system-" + target + ": "), lines[0])

    def test_unknown_option(self):
        self.assert_one_line_error(["-nosuch"], "-nosuch")

    def test_bad_memory_size(self):
        self.assert_one_line_error(["-m", "12Q"], "12Q")
        self.assert_one_line_error(["-m", "0"], "-m 0")

    def test_missing_kernel(self):
        self.assert_one_line_error(["-kernel", "/nonexistent"], "/nonexistent")

    def test_missing_initrd_and_bios(self):
        self.assert_one_line_error(["-kernel", "/dev/null", "-initrd", "/nonexistent/x"],
                                   "/nonexistent/x")
        self.assert_one_line_error(["-bios", "/nonexistent/rom"], "/nonexistent/rom")

    def test_unknown_machine(self):
        self.assert_one_line_error(["-M", "nosuch"], "nosuch")

    def test_unknown_machine_property(self):
        self.assert_one_line_error(["-M", "none,frob=1"], "frob")

    def test_unknown_cpu(self):
        self.assert_one_line_error(["-cpu", "nosuch"], "nosuch")

    def test_unknown_device_and_property(self):
        self.assert_one_line_error(["-M", "none", "-device", "nosuch"], "nosuch")
        self.assert_one_line_error(["-M", "testboard", "-display", "none", "-device",
                                    "testboard-io,frob=1"], "testboard-io")

    def test_bad_log_item(self):
        self.assert_one_line_error(["-d", "nosuch"], "nosuch")

    def test_missing_argument(self):
        self.assert_one_line_error(["-m"], "-m")

    def test_bad_chardev(self):
        self.assert_one_line_error(["-M", "none", "-serial", "file:/nonexistent/dir/x"],
                                   "/nonexistent/dir/x")
        self.assert_one_line_error(["-M", "none", "-chardev", "frob,id=x"], "frob")

    def test_bad_drive(self):
        self.assert_one_line_error(["-M", "none", "-drive", "file=/nonexistent.img"],
                                   "/nonexistent.img")
        self.assert_one_line_error(["-M", "none", "-drive", "file=/dev/null,format=qcow9"],
                                   "qcow9")

    def test_bad_netdev(self):
        self.assert_one_line_error(["-M", "none", "-netdev", "tap,id=n0"], "tap")
        self.assert_one_line_error(["-M", "none", "-netdev", "user"], "id")

    def test_bad_smp_and_display(self):
        self.assert_one_line_error(["-M", "none", "-smp", "x"], "-smp x")
        self.assert_one_line_error(["-M", "none", "-display", "gtk"], "gtk")

    def test_no_core_dump_on_errors(self):
        for args in (["-nosuch"], ["-m", "12Q"], ["-kernel", "/nonexistent"]):
            status, _, _ = run("arm", *args)
            self.assertGreater(status, 0)


class Listings(unittest.TestCase):
    def test_every_binary_exists_and_lists_machines(self):
        for target in TARGETS:
            status, out, err = run(target, "-M", "help")
            self.assertEqual(status, 0, err)
            self.assertIn("Supported machines are:", out)
            self.assertIn("none", out)
            self.assertIn("testboard", out)

    def test_cpu_help(self):
        status, out, _ = run("sparc", "-cpu", "help")
        self.assertEqual(status, 0)
        self.assertIn("Available CPUs:", out)

    def test_device_help(self):
        status, out, _ = run("sparc", "-device", "help")
        self.assertEqual(status, 0)
        self.assertIn('name "testboard-io"', out)
        status, out, _ = run("sparc", "-device", "testboard-io,help")
        self.assertEqual(status, 0)
        self.assertIn("big-endian=<bool>", out)

    def test_log_help(self):
        status, out, _ = run("sparc", "-d", "help")
        self.assertEqual(status, 0)
        for item in ("in_asm", "op", "op_opt", "out_asm", "int", "exec", "cpu", "mmu",
                     "guest_errors", "unimp"):
            self.assertIn(item, out.split())

    def test_version_and_help(self):
        status, out, _ = run("ppc", "-version")
        self.assertEqual(status, 0)
        self.assertRegex(out, r"version \d+\.\d+\.\d+")
        status, out, _ = run("ppc", "-h")
        self.assertEqual(status, 0)
        for opt in ("-M", "-cpu", "-m", "-smp", "-bios", "-kernel", "-initrd", "-append", "-dtb",
                    "-nographic", "-display", "-serial", "-monitor", "-chardev", "-device",
                    "-drive", "-netdev", "-nic", "-S", "-s", "-gdb", "-d", "-D", "-no-reboot",
                    "-no-shutdown", "-version"):
            self.assertIn(opt + " ", out)


class Monitor(unittest.TestCase):
    def test_info_mtree_on_stdio(self):
        status, out, err = run("arm", "-M", "none", "-monitor", "stdio", "-display", "none",
                               stdin="info mtree\nquit\n")
        self.assertEqual(status, 0, err)
        self.assertIn("address-space: memory", out)
        self.assertIn("(prio 0, i/o): system", out)

    def test_testboard_mtree_and_qtree(self):
        status, out, err = run("sparc", "-M", "testboard", "-m", "16", "-monitor", "stdio",
                               "-display", "none", stdin="info mtree\ninfo qtree\nquit\n")
        self.assertEqual(status, 0, err)
        self.assertIn("0000000000000000-0000000000ffffff (prio 0, ram): testboard.ram", out)
        self.assertIn("00000000f0000000-00000000f0000fff (prio 0, i/o): testboard-io", out)
        self.assertIn('dev: testboard-io', out)

    def test_status_stop_cont(self):
        status, out, err = run("sparc", "-M", "none", "-S", "-monitor", "stdio", "-display",
                               "none", stdin="info status\ncont\ninfo status\nstop\n"
                               "info status\nquit\n")
        self.assertEqual(status, 0, err)
        states = [line for line in out.splitlines() if "VM status" in line]
        self.assertEqual([s.split("VM status: ")[1].strip() for s in states],
                         ["paused", "running", "paused"])

    def test_no_shutdown_holds_testboard_exit(self):
        # sethi %hi(0xf0000000), %g1; mov 3, %g2; st %g2, [%g1 + 4] (TB_EXIT); ba .; nop
        words = [0x033c0000, 0x84102003, 0xc4206004, 0x10800000, 0x01000000]
        with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
            f.write(b"".join(w.to_bytes(4, "big") for w in words))
        try:
            status, _, err = run("sparc", "-M", "testboard", "-display", "none",
                                 "-kernel", f.name)
            self.assertEqual(status, 3, err)
            proc = subprocess.Popen([binary("sparc"), "-M", "testboard", "-display", "none",
                                     "-no-shutdown", "-monitor", "stdio", "-kernel", f.name],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, bufsize=1)
            try:
                # The guest stops instead of exiting; the monitor still answers.
                deadline = time.monotonic() + 20
                while True:
                    proc.stdin.write("info status\n")
                    line = ""
                    while "VM status" not in line:
                        line = proc.stdout.readline()
                        self.assertTrue(line, "the emulator exited under -no-shutdown")
                    if "shutdown" in line or time.monotonic() > deadline:
                        break
                    time.sleep(0.1)
                self.assertIn("paused (shutdown)", line)
                proc.stdin.write("quit\n")
                proc.stdin.flush()
                self.assertEqual(proc.wait(timeout=20), 3)   # quit keeps the guest's status
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.communicate()
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    main()
