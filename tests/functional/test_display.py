#!/usr/bin/env python3
"""The TCX display on the SS-5, headless and in an SDL window.

Usage: test_display.py BUILD_DIR

Boots `chimera-system-sparc -M SS-5` with OpenBIOS and the HMP monitor on a
unix socket, and checks through `screendump` (PNG, decoded here with zlib)
that the picture is the TCX's 1024x768 and that OpenBIOS's banner drew
something at the top; types `1 2 + .` with `sendkey` and sees the screen
change. Under Xvfb it runs `-display sdl`, reads the window's pixels with
Xlib (ctypes, no extra package) and compares them with a screendump taken
while the guest is stopped, and checks the "[Paused]" title.

Skips (fails in CI) when the SS-5 board, OpenBIOS or Xvfb is missing.
Python 3 standard library only.
"""
import ctypes
import ctypes.util
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import unittest
import zlib

import chimera_test as ct
from hmp_client import HMPClient

OPENBIOS = "/usr/share/qemu/openbios-sparc32"
BOOT_TIMEOUT = 90
WIDTH, HEIGHT = 1024, 768


def decode_png(data):
    """(width, height, rows of r, g, b bytes) of an 8-bit RGB PNG, CRCs checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        assert zlib.crc32(ctype + body) == crc, f"bad CRC in {ctype!r}"
        if ctype == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert (depth, color) == (8, 2), "not 8-bit RGB"
        elif ctype == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 3
    rows, prev = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        ftype, cur = line[0], bytearray(line[1:])
        for i in range(stride if ftype else 0):
            a = cur[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            if ftype == 1:
                cur[i] = (cur[i] + a) & 0xff
            elif ftype == 2:
                cur[i] = (cur[i] + b) & 0xff
            elif ftype == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 0xff
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        rows.append(bytes(cur))
        prev = cur
    return width, height, rows


def row_is_blank(row):
    """A row of one color."""
    return row == row[:3] * (len(row) // 3)


class DisplayTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="chimera-display-")
        self.procs = []
        binary = ct.binary("sparc")
        ct.require_file(self, binary, "chimera-system-sparc")
        ct.require_file(self, OPENBIOS, "OpenBIOS for sparc32 (qemu-system-data)")
        status, out, _ = ct.run("sparc", "-M", "help", timeout=10)
        if "SS-5" not in out:
            message = "chimera-system-sparc has no SS-5 board yet"
            if ct.IN_CI:
                self.fail(message)
            self.skipTest(message)

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self, *extra, env=None):
        sock = os.path.join(self.tmp, "mon.sock")
        proc = subprocess.Popen([ct.binary("sparc"), "-M", "SS-5", "-serial", "null",
                                 "-monitor", f"unix:{sock},server=on,wait=off", *extra],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                                preexec_fn=ct._die_with_parent)
        self.procs.append(proc)
        return HMPClient(sock)

    def screendump(self, mon, name="shot.png"):
        path = os.path.join(self.tmp, name)
        out = mon.cmd(f"screendump {path}")
        self.assertNotIn("Error", out)
        with open(path, "rb") as f:
            return decode_png(f.read())

    def wait_banner(self, mon):
        """Screendumps until the top of the screen shows text; returns the last one."""
        deadline = time.monotonic() + BOOT_TIMEOUT
        while True:
            w, h, rows = self.screendump(mon)
            self.assertEqual((w, h), (WIDTH, HEIGHT))
            if sum(not row_is_blank(r) for r in rows[:200]) >= 8:
                return rows
            if time.monotonic() > deadline:
                self.fail("no banner on the TCX within %d s" % BOOT_TIMEOUT)
            time.sleep(1)

    def wait_still(self, mon, seconds=2.0):
        """Waits until two screendumps a moment apart agree (output has settled)."""
        rows = self.screendump(mon)[2]
        for _ in range(20):
            time.sleep(seconds)
            now = self.screendump(mon)[2]
            if now == rows:
                return now
            rows = now
        return rows

    def test_headless_banner_and_keys(self):
        mon = self.start("-display", "none")
        self.wait_banner(mon)
        before = self.wait_still(mon)
        for key in ["1", "spc", "2", "spc", "shift-equal", "spc", "dot", "ret"]:
            self.assertNotIn("Error", mon.cmd(f"sendkey {key}"))
            time.sleep(0.3)
        time.sleep(2)
        after = self.screendump(mon)[2]
        changed = [y for y in range(HEIGHT) if before[y] != after[y]]
        self.assertTrue(changed, "typing at the OpenBIOS prompt changed nothing on screen")
        mon.cmd("quit")
        mon.close()

    def test_sdl_window_matches_screendump(self):
        if not shutil.which("Xvfb"):
            message = "Xvfb not installed"
            if ct.IN_CI:
                self.fail(message)
            self.skipTest(message)
        dpy = ":%d" % (90 + os.getpid() % 100)
        xvfb = subprocess.Popen(["Xvfb", dpy, "-screen", "0", "2048x1536x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(xvfb)
        time.sleep(1)
        env = dict(os.environ, DISPLAY=dpy)
        mon = self.start("-display", "sdl", env=env)
        self.wait_banner(mon)
        self.wait_still(mon)
        mon.cmd("stop")
        time.sleep(0.5)         # the window presents within a poll period
        x = XDisplay(dpy)
        win, title = x.find_window("Chimera - ")
        self.assertIsNotNone(win, "no Chimera window on the X display")
        self.assertEqual(title, "Chimera - SS-5 [Paused]")
        shot = x.get_rgb_rows(win, WIDTH, HEIGHT)
        rows = self.screendump(mon)[2]
        differing = sum(a != b for a, b in zip(shot, rows))
        self.assertLessEqual(differing, 2, f"{differing} rows differ between window and screendump")
        x.close()
        mon.cmd("quit")
        mon.close()


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_ubyte)),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


class XDisplay:
    """Just enough Xlib through ctypes to find a window and read its pixels."""

    def __init__(self, name):
        self.x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + \
            [ctypes.c_void_p] * 4
        self.x.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        self.x.XGetImage.restype = ctypes.POINTER(XImage)
        self.x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int,
                                     ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                     ctypes.c_ulong, ctypes.c_int]
        self.x.XFree.argtypes = [ctypes.c_void_p]
        self.dpy = self.x.XOpenDisplay(name.encode())
        if not self.dpy:
            raise AssertionError("cannot open X display " + name)

    def windows(self, w):
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        self.x.XQueryTree(self.dpy, w, ctypes.byref(root), ctypes.byref(parent),
                          ctypes.byref(children), ctypes.byref(n))
        found = [children[i] for i in range(n.value)]
        if children:
            self.x.XFree(children)
        for c in list(found):
            found += self.windows(c)
        return found

    def find_window(self, prefix):
        for w in self.windows(self.x.XDefaultRootWindow(self.dpy)):
            name = ctypes.c_char_p()
            if self.x.XFetchName(self.dpy, w, ctypes.byref(name)) and name.value:
                title = name.value.decode(errors="replace")
                if title.startswith(prefix):
                    return w, title
        return None, None

    def get_rgb_rows(self, w, width, height):
        """The window's pixels as rows of r, g, b bytes (a 24/32-bit TrueColor visual)."""
        img = self.x.XGetImage(self.dpy, w, 0, 0, width, height, 0xffffffff, 2)  # ZPixmap
        if not img:
            raise AssertionError("XGetImage failed")
        im = img.contents
        assert im.bits_per_pixel == 32, "expected a 32-bit visual"
        raw = ctypes.string_at(im.data, im.bytes_per_line * height)
        rows = []
        for y in range(height):
            line = raw[y * im.bytes_per_line:y * im.bytes_per_line + width * 4]
            # little-endian 0x00RRGGBB words: bytes b, g, r, x
            out = bytearray(width * 3)
            out[0::3] = line[2::4]
            out[1::3] = line[1::4]
            out[2::3] = line[0::4]
            rows.append(bytes(out))
        return rows

    def close(self):
        self.x.XCloseDisplay(ctypes.c_void_p(self.dpy))


if __name__ == "__main__":
    ct.main()
