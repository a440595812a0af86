"""Debugging guests with gdb-multiarch through the gdbstub (-S -gdb tcp::PORT).

A small SPARC test-board guest with symbols, built here with Debian's cross
compiler: gdb connects, breaks on a function, reads registers and memory,
single-steps, stops on a watchpoint, writes a register and detaches; the
guest then finishes on its own. The sparc32 kit: stepping from the reset
vector moves the pc one instruction at a time, and `continue` boots it to
GUEST-DONE.
"""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import unittest

from chimera_test import GUESTS, IN_CI, Console, main, require_file

GDB = shutil.which("gdb-multiarch")
SPARC_CC = shutil.which("sparc64-linux-gnu-gcc")

# The test board (docs/testboard.md): console and exit registers.
CRT0 = r"""
    .section .note.GNU-stack, "", @progbits
    .text
    .global _start
_start:
    set     stack_top - 96, %sp
    mov     0, %fp
    call    main
     nop
1:  b       1b
     nop
    .bss
    .align  8
    .skip   16384
stack_top:
    .skip   64
"""

GUEST = r"""
#define TB_CONSOLE ((volatile unsigned int *)0xf0000000)
#define TB_EXIT ((volatile unsigned int *)0xf0000004)

unsigned int table[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
volatile unsigned int counter;

static void put_string(const char *s)
{
    while (*s) {
        *TB_CONSOLE = *s++;
    }
}

__attribute__((noinline)) void work(unsigned int i)
{
    counter = i;
}

int main(void)
{
    for (unsigned int i = 1; i <= 3; i++) {
        table[i - 1] += i;
        work(i);
    }
    put_string(counter == 3 ? "GDB-GUEST-DONE\n" : "GDB-GUEST-BAD\n");
    *TB_EXIT = 0;
    for (;;) {
    }
}
"""

# %g1 is left to the debugger: the test writes it and reads it back.
GUEST_CFLAGS = ["-m32", "-mcpu=v8", "-g", "-O1", "-ffreestanding", "-fno-builtin", "-nostdlib",
                "-static", "-fno-pic", "-fno-pie", "-no-pie", "-fno-stack-protector",
                "-ffixed-g1", "-fno-asynchronous-unwind-tables", "-Wl,--build-id=none"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_start(port, commands, elf=None):
    """Starts gdb-multiarch -batch against the stub, running commands."""
    args = [GDB, "-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off"]
    if elf:
        args += ["-ex", f"file {elf}"]
    else:
        # without a file gdb assumes the host's byte order
        args += ["-ex", "set architecture sparc", "-ex", "set endian big"]
    args += ["-ex", f"target remote 127.0.0.1:{port}"]
    for c in commands:
        args += ["-ex", c]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def gdb_finish(gdb, timeout):
    """gdb's output once it has run all its commands."""
    try:
        return gdb.communicate(timeout=timeout)[0]
    except subprocess.TimeoutExpired:
        gdb.kill()
        raise AssertionError("gdb did not finish in time:\n" + gdb.communicate()[0])


def hex_values(output):
    """The values `p/x` printed, in order ("$3 = 0x1234")."""
    return [int(v, 16) for v in re.findall(r"^\$\d+ = (0x[0-9a-f]+)", output, re.M)]


class GdbTestBoard(unittest.TestCase):
    def setUp(self):
        if not GDB or not SPARC_CC:
            message = "gdb-multiarch or sparc64-linux-gnu-gcc not installed"
            if IN_CI:
                self.fail(message)
            self.skipTest(message)
        self.tmp = tempfile.TemporaryDirectory()
        self.elf = os.path.join(self.tmp.name, "guest.elf")
        for name, text in (("crt0.S", CRT0), ("guest.c", GUEST)):
            with open(os.path.join(self.tmp.name, name), "w") as f:
                f.write(text)
        subprocess.run([SPARC_CC, *GUEST_CFLAGS, "-o", self.elf,
                        os.path.join(self.tmp.name, "crt0.S"),
                        os.path.join(self.tmp.name, "guest.c")], check=True)
        self.addCleanup(self.tmp.cleanup)

    def symbol(self, name):
        out = subprocess.run(["sparc64-linux-gnu-nm", self.elf], capture_output=True,
                             text=True, check=True).stdout
        return int(re.search(r"^([0-9a-f]+) \w " + name + "$", out, re.M).group(1), 16)

    def test_session(self):
        port = free_port()
        vm = Console("sparc", "-M", "testboard", "-display", "none", "-serial", "stdio", "-S",
                     "-gdb", f"tcp::{port}", "-kernel", self.elf)
        self.addCleanup(vm.kill)
        work = self.symbol("work")
        gdb = gdb_start(port, [
            "break work",
            "continue",
            "info registers",
            "p/x $pc",
            "x/4wx &table",
            "stepi",
            "p/x $pc",
            "stepi",
            "p/x $pc",
            "delete",
            "watch counter",
            "continue",
            "set var $g1 = 0x1234",
            "stepi",
            "p/x $g1",
            "detach",
        ], elf=self.elf)
        out = gdb_finish(gdb, 60)
        self.assertIn("Breakpoint 1, ", out, out)
        self.assertRegex(out, r"\bwork \(i=1\)", out)
        # info registers: g0 is zero, the pc is inside work, the sp in the stack
        self.assertRegex(out, r"(?m)^g0\s+0x0\s", out)
        pc_line = re.search(r"(?m)^pc\s+(0x[0-9a-f]+)", out)
        self.assertIsNotNone(pc_line, out)
        pc = int(pc_line.group(1), 16)
        self.assertTrue(work <= pc < work + 32, f"pc {pc:#x} not in work at {work:#x}\n{out}")
        self.assertRegex(out, r"(?m)^sp\s+0x[1-9a-f][0-9a-f]*", out)
        values = hex_values(out)
        self.assertEqual(values[0], pc, out)
        # x/4wx: the loop has added 1 to table[0] before calling work(1)
        self.assertRegex(out, r"0x11111112\s+0x22222222\s+0x33333333\s+0x44444444", out)
        # two single steps: three distinct pcs, one instruction apart or a branch
        steps = values[:3]
        self.assertEqual(len(set(steps)), 3, f"stepi did not move the pc: {steps}\n{out}")
        self.assertRegex(out, r"Old value = 1\s+New value = 2", out)
        self.assertEqual(values[-1], 0x1234, out)
        self.assertRegex(out, r"\[Inferior 1 .*detached\]", out)
        # the guest runs on to its end
        self.assertEqual(vm.wait_exit(30), 0, vm.text())
        self.assertIn("GDB-GUEST-DONE", vm.text())


class GdbSparc32Kit(unittest.TestCase):
    def test_step_from_reset_then_boot(self):
        if not GDB:
            self.skipTest("gdb-multiarch not installed")
        kit = os.path.join(GUESTS, "sparc32")
        require_file(self, os.path.join(kit, "vmlinux"), "sparc32 kit")
        with open(os.path.join(kit, "cmdline")) as f:
            cmdline = f.read().strip()
        port = free_port()
        vm = Console("sparc", "-M", "SS-5", "-m", "128", "-nographic", "-no-reboot", "-S",
                     "-gdb", f"tcp::{port}", "-kernel", os.path.join(kit, "vmlinux"),
                     "-initrd", os.path.join(kit, "initramfs.cpio.gz"), "-append", cmdline)
        self.addCleanup(vm.kill)
        gdb = gdb_start(port, ["p/x $pc", "p/x $npc", "stepi", "p/x $pc", "p/x $npc", "stepi",
                               "p/x $pc", "p/x $npc", "continue"])
        # read the console while gdb waits in `continue`: the pipe must not fill
        vm.wait_for("GUEST-DONE", 600)
        vm.wait_exit(60)
        out = gdb_finish(gdb, 60)
        values = hex_values(out)
        self.assertGreaterEqual(len(values), 6, out)
        pcs, npcs = values[0:6:2], values[1:6:2]
        self.assertEqual(len(set(pcs)), 3, f"pcs {pcs}\n{out}")
        # each step moves to the previous npc: delay slots are stepped too
        self.assertEqual(pcs[1], npcs[0], out)
        self.assertEqual(pcs[2], npcs[1], out)


if __name__ == "__main__":
    main()
