"""A client for Chimera's human monitor (HMP) on a Unix socket, shared by the functional
tests and the benchmarks: connect (waiting for the emulator to create the socket), send one
command at a time, read its output up to the next prompt.

    mon = HMPClient("/tmp/mon.sock", timeout=10)
    print(mon.cmd("info status"))
    mon.cmd("quit"); mon.close()

Failures raise OSError (ConnectionError when the socket never answers or closes).
"""
import re
import socket
import time

PROMPT = b"(qemu) "


class HMPClient:
    def __init__(self, path, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise ConnectionError("no monitor answers at " + path)
                time.sleep(0.05)
        self.sock.settimeout(max(1.0, deadline - time.monotonic()))
        self.read_prompt()

    def read_prompt(self):
        """Everything up to the next prompt, as text."""
        out = b""
        while not out.endswith(PROMPT):
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the monitor closed; got " + out.decode("latin-1"))
            out += chunk
        return out[:-len(PROMPT)].decode("latin-1")

    def cmd(self, line):
        """Runs one command; returns its output without the echoed command line and
        terminal escapes. "quit" returns "" (the monitor closes without a prompt)."""
        self.sock.sendall(line.encode() + b"\n")
        if line.strip() == "quit":
            return ""
        text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", self.read_prompt().replace("\r", ""))
        return text.split("\n", 1)[1] if "\n" in text else ""

    def close(self):
        self.sock.close()
