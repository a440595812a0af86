"""The sun4m machines (SS-5, SS-10, SS-20): OpenBIOS to its prompt, and the sparc32 guest kit.

OpenBIOS comes from Debian's qemu-system-data; the kit from ../shared/guests/sparc32, booted
with the arguments of ../shared/guests/run.sh.
"""
import os
import re
import select
import tempfile
import time
import unittest

from chimera_test import Console, GUESTS, main, require_file, run

OPENBIOS = "/usr/share/qemu/openbios-sparc32"
KIT = os.path.join(GUESTS, "sparc32")


def expect_after(con, start, pattern, timeout):
    """Waits for a regex in the console output past offset start (what a command printed)."""
    deadline = time.monotonic() + timeout
    while not re.search(pattern, con.text()[start:]):
        left = deadline - time.monotonic()
        if left <= 0 or con.proc.poll() is not None:
            raise AssertionError(f"no {pattern!r} after the command; console:\n"
                                 + con.text()[max(0, start - 200):])
        ready, _, _ = select.select([con.proc.stdout], [], [], min(left, 1.0))
        if ready:
            con.output += os.read(con.proc.stdout.fileno(), 65536)


def command(con, line, pattern, timeout=20):
    start = len(con.text())
    con.send(line + "\r")
    expect_after(con, start, pattern, timeout)


class OpenBIOSPrompt(unittest.TestCase):
    def boot_to_prompt(self, *args):
        require_file(self, OPENBIOS, "OpenBIOS for sparc32")
        con = Console("sparc", "-nographic", *args)
        self.addCleanup(con.kill)
        con.wait_for("Welcome to OpenBIOS", 60)
        con.wait_for("0 >", 30)
        return con

    def check_forth(self, con):
        command(con, "1 2 + .", r"1 2 \+ \. 3\s+ok")
        command(con, "printenv", r'auto-boot\?\s+"true"')

    def test_ss5(self):
        con = self.boot_to_prompt()
        self.assertIn("machine id 32", con.text())
        # Empty SBus slots bus-error (a trap OpenBIOS catches); only slot 5,
        # the on-board devices, has no FCode: as on QEMU's SS-5.
        self.assertEqual(con.text().count("Invalid FCode start byte"), 1)
        self.check_forth(con)

    def test_ss10(self):
        con = self.boot_to_prompt("-M", "SS-10")
        self.assertIn("machine id 64", con.text())
        self.check_forth(con)

    def test_ss20_smp(self):
        con = self.boot_to_prompt("-M", "SS-20", "-smp", "2")
        self.assertIn("machine id 65", con.text())
        self.assertRegex(con.text(), r"CPUs: 2 x")
        self.check_forth(con)

    def test_prom_env(self):
        con = self.boot_to_prompt("-prom-env", "auto-boot?=false")
        command(con, "printenv auto-boot?", r'auto-boot\?\s+"false"')


class GuestKit(unittest.TestCase):
    def kit_args(self, machine="SS-5"):
        for name in ("vmlinux", "initramfs.cpio.gz", "cmdline"):
            require_file(self, os.path.join(KIT, name), "sparc32 guest kit")
        require_file(self, OPENBIOS, "OpenBIOS for sparc32")
        with open(os.path.join(KIT, "cmdline")) as f:
            cmdline = f.read().strip()
        return ["-M", machine, "-m", "128", "-nographic", "-no-reboot",
                "-kernel", "sparc32/vmlinux", "-initrd", "sparc32/initramfs.cpio.gz",
                "-append", cmdline]

    def boot_kit(self, *args, machine="SS-5"):
        con = Console("sparc", *self.kit_args(machine), *args, cwd=GUESTS)
        self.addCleanup(con.kill)
        con.wait_for("GUEST-INIT-OK sparc32", 240)
        con.wait_for("GUEST-DONE", 300)
        self.assertEqual(con.wait_exit(60), 0)
        results = [l.strip() for l in con.text().splitlines() if l.startswith("RESULT ")]
        with open(os.path.join(GUESTS, "expected", "sparc32.txt")) as f:
            expected = [l.strip() for l in f if l.strip()]
        self.assertEqual(results, expected)
        return con

    def test_kit_boots_and_powers_off(self):
        con = self.boot_kit()
        self.assertIn("TYPE: SPARCstation 5", con.text())

    def test_kit_ss10(self):
        con = self.boot_kit(machine="SS-10")
        self.assertIn("machine id 64", con.text())
        self.assertIn("TYPE: Sun4m SparcStation10/20", con.text())

    def test_kit_ss20_smp2(self):
        con = self.boot_kit("-smp", "2", machine="SS-20")
        self.assertIn("machine id 65", con.text())
        self.assertRegex(con.text(), r"CPUs: 2 x")

    def assert_kernel_error(self, path):
        status, out, err = run("sparc", "-M", "SS-5", "-nographic", "-kernel", path)
        self.assertEqual(status, 1, f"status {status}, stderr {err!r}")
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, f"expected one error line, got {err!r}")
        self.assertIn(path, lines[0])

    def test_kernel_not_sparc(self):
        require_file(self, OPENBIOS, "OpenBIOS for sparc32")
        elf = "/bin/true"  # a host (x86-64) ELF
        require_file(self, elf, "a host ELF executable")
        self.assert_kernel_error(elf)

    def test_kernel_truncated(self):
        require_file(self, OPENBIOS, "OpenBIOS for sparc32")
        require_file(self, os.path.join(KIT, "vmlinux"), "sparc32 guest kit")
        with open(os.path.join(KIT, "vmlinux"), "rb") as f:
            head = f.read(4096)
        with tempfile.NamedTemporaryFile(suffix=".vmlinux") as tmp:
            tmp.write(head)
            tmp.flush()
            self.assert_kernel_error(tmp.name)


if __name__ == "__main__":
    main()
