#!/usr/bin/env python3
"""QMP end to end: start chimera-system-arm with a QMP socket, talk to it, quit.

Usage: test_qmp.py BUILD_DIR

Starts `BUILD_DIR/chimera-system-arm -M none -display none -qmp
unix:TMP/q.sock,server=on,wait=off`, checks the greeting, negotiates
capabilities, runs query-status, query-version and human-monitor-command
"info mtree", sends quit, and checks that the reply and a SHUTDOWN event
arrive and that the process exits with status 0. Exits 77 (skip, for meson)
when the binary is missing. Python 3 standard library only.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time

TIMEOUT = 10.0


class QmpError(Exception):
    pass


def check(cond, what):
    if not cond:
        raise QmpError(what)


class QmpClient:
    """Line-oriented QMP client: one JSON object per line, events kept aside."""

    def __init__(self, sock):
        self.sock = sock
        self.sock.settimeout(TIMEOUT)
        self.buf = b""
        self.events = []
        self.next_id = 0

    def recv(self):
        """The next message, or None at end of stream."""
        while b"\n" not in self.buf:
            data = self.sock.recv(4096)
            if not data:
                return None
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def command(self, name, **args):
        self.next_id += 1
        req = {"execute": name, "id": self.next_id}
        if args:
            req["arguments"] = args
        self.sock.sendall(json.dumps(req).encode() + b"\n")
        while True:
            msg = self.recv()
            check(msg is not None, f"connection closed waiting for the reply to {name}")
            if "event" in msg:
                self.events.append(msg)
                continue
            check(msg.get("id") == self.next_id, f"reply to {name} has id {msg.get('id')}")
            check("return" in msg, f"{name} failed: {msg}")
            return msg["return"]

    def drain_events(self):
        """Reads to the end of the stream (the process exiting closes it)."""
        try:
            while True:
                msg = self.recv()
                if msg is None:
                    return
                if "event" in msg:
                    self.events.append(msg)
        except (ConnectionResetError, socket.timeout):
            return


def connect(path, proc):
    deadline = time.monotonic() + TIMEOUT
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except OSError:
            sock.close()
            check(proc.poll() is None, f"emulator exited early with status {proc.returncode}")
            check(time.monotonic() < deadline, f"no QMP socket at {path}")
            time.sleep(0.05)


def run(binary, tmp):
    path = os.path.join(tmp, "q.sock")
    argv = [binary, "-M", "none", "-display", "none",
            "-qmp", f"unix:{path},server=on,wait=off"]
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        qmp = QmpClient(connect(path, proc))

        greeting = qmp.recv()
        check(greeting is not None and "QMP" in greeting, f"bad greeting: {greeting}")
        version = greeting["QMP"]["version"]
        for key in ("major", "minor", "micro"):
            check(isinstance(version["qemu"][key], int), f"greeting version lacks {key}")
        check(isinstance(greeting["QMP"]["capabilities"], list), "greeting lacks capabilities")

        check(qmp.command("qmp_capabilities") == {}, "qmp_capabilities did not return {}")

        status = qmp.command("query-status")
        check(isinstance(status.get("status"), str), f"query-status: {status}")
        check(isinstance(status.get("running"), bool), f"query-status: {status}")
        check(status["running"] == (status["status"] == "running"), f"query-status: {status}")

        ver = qmp.command("query-version")
        check(ver["qemu"] == version["qemu"], "query-version differs from the greeting")
        check(isinstance(ver.get("package"), str), f"query-version: {ver}")

        mtree = qmp.command("human-monitor-command", **{"command-line": "info mtree"})
        check(isinstance(mtree, str) and "address-space" in mtree,
              f"info mtree printed {mtree!r}")

        check(qmp.command("quit") == {}, "quit did not return {}")
        qmp.drain_events()
        shutdowns = [e for e in qmp.events if e["event"] == "SHUTDOWN"]
        check(shutdowns, f"no SHUTDOWN event (events: {qmp.events})")
        data = shutdowns[0].get("data", {})
        check(data.get("guest") is False, f"SHUTDOWN data: {data}")
        check(data.get("reason") == "host-qmp-quit", f"SHUTDOWN data: {data}")
        stamp = shutdowns[0]["timestamp"]
        check(stamp["seconds"] > 0 and 0 <= stamp["microseconds"] < 1000000,
              f"SHUTDOWN timestamp: {stamp}")

        status = proc.wait(timeout=TIMEOUT)
        check(status == 0, f"emulator exited with status {status}")
    finally:
        if proc.poll() is None:
            proc.kill()
        out, err = proc.communicate()
        if err:
            sys.stderr.write(err.decode(errors="replace"))


def main():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} BUILD_DIR")
    binary = os.path.join(sys.argv[1], "chimera-system-arm")
    if not os.access(binary, os.X_OK):
        print(f"SKIP: {binary} not built")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            run(binary, tmp)
        except (QmpError, OSError, ValueError, KeyError, subprocess.TimeoutExpired) as e:
            print(f"FAIL: {e}")
            sys.exit(1)
    print("PASS: QMP greeting, capabilities, queries, info mtree, quit")


if __name__ == "__main__":
    main()
