"""Shared helpers for Chimera's functional tests (Python 3 standard library only).

Each test script takes the build directory as its first argument, finds the
emulator binaries there, and runs them with time limits. In CI (CI=true) a
missing guest kit or firmware is a failure, not a skip.
"""
import ctypes
import os
import select
import signal
import subprocess
import sys
import time
import unittest

BUILD = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build")
SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SRC, "scripts"))   # hmp_client, shared with bench/
SHARED = os.path.join(os.path.dirname(SRC), "shared")
GUESTS = os.path.join(SHARED, "guests")
IN_CI = os.environ.get("CI") == "true"


_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """In the child: get SIGKILL when the test process dies, however it dies
    (a meson timeout, an interrupted run), so no emulator outlives its test."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def binary(target):
    return os.path.join(BUILD, "chimera-system-" + target)


def run(target, *args, stdin=None, timeout=30):
    """Runs the emulator to completion; returns (status, stdout, stderr)."""
    proc = subprocess.run([binary(target), *args], input=stdin, capture_output=True,
                          timeout=timeout, text=True, preexec_fn=_die_with_parent)
    return proc.returncode, proc.stdout, proc.stderr


def require_file(testcase, path, what):
    """Skips (or fails in CI) when a kit or firmware file is absent."""
    if os.path.exists(path):
        return
    message = f"{what} not found: {path}"
    if IN_CI:
        testcase.fail(message)
    testcase.skipTest(message)


class Console:
    """An emulator process whose serial console is read through a pipe."""

    def __init__(self, target, *args, cwd=None):
        self.proc = subprocess.Popen([binary(target), *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        self.output = b""

    def wait_for(self, text, timeout):
        """Reads until text appears; returns everything read so far."""
        wanted = text.encode() if isinstance(text, str) else text
        deadline = time.monotonic() + timeout
        while wanted not in self.output:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {text!r}; console so far:\n"
                                     + self.output.decode(errors="replace")[-3000:])
            ready, _, _ = select.select([self.proc.stdout], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    raise AssertionError(f"emulator exited (status {self.proc.poll()}) before "
                                         f"{text!r}; console:\n"
                                         + self.output.decode(errors="replace")[-3000:]
                                         + "\nstderr:\n" + self.proc.stderr.read().decode(
                                             errors="replace"))
                self.output += chunk
        return self.output.decode(errors="replace")

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait_exit(self, timeout):
        try:
            rest, _ = self.proc.communicate(timeout=timeout)
            self.output += rest
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("emulator did not exit in time; console:\n"
                                 + self.output.decode(errors="replace")[-3000:])
        return self.proc.returncode

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def text(self):
        return self.output.decode(errors="replace")


def main():
    unittest.main(verbosity=2)
