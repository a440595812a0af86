"""The sun4m SBus devices as the sparc32 guest kit's kernel sees them: a SCSI disk from
-drive if=scsi next to the default empty CD-ROM (ESP, DMA, IOMMU), and the Lance on -nic user.
"""
import os
import tempfile
import unittest

from chimera_test import Console, GUESTS, main, require_file, run
# The module, not its classes: a class imported here would run its tests again.
import test_sun4m
from test_sun4m import OPENBIOS

DISK_BLOCKS = 4096


class SBusDevices(unittest.TestCase):
    def test_disk_cdrom_and_lance(self):
        args = test_sun4m.GuestKit.kit_args(self)  # the kit's command line, as test_sun4m boots it
        with tempfile.NamedTemporaryFile(suffix=".img") as disk:
            disk.truncate(DISK_BLOCKS * 512)
            con = Console("sparc", *args, "-drive", f"file={disk.name},if=scsi,format=raw",
                          "-nic", "user", cwd=GUESTS)
            self.addCleanup(con.kill)
            con.wait_for("GUEST-INIT-OK sparc32", 240)
            text = con.text()
            self.assertRegex(text, r"scsi 0:0:0:0: Direct-Access +QEMU +QEMU HARDDISK +2\.5\+ "
                                   r"PQ: 0 ANSI: 5")
            self.assertRegex(text, rf"sd 0:0:0:0: \[sda\] {DISK_BLOCKS} 512-byte logical blocks")
            self.assertRegex(text, r"scsi 0:0:2:0: CD-ROM +QEMU +QEMU CD-ROM +2\.5\+")
            self.assertIn("eth0: LANCE 52:54:00:12:34:56", text)
            con.wait_for("GUEST-DONE", 300)
            self.assertEqual(con.wait_exit(60), 0)

    def test_bad_scsi_index(self):
        require_file(self, OPENBIOS, "OpenBIOS for sparc32")
        with tempfile.NamedTemporaryFile(suffix=".img") as disk:
            disk.truncate(512 * 16)
            status, out, err = run("sparc", "-M", "SS-5", "-nographic", "-drive",
                                   f"file={disk.name},if=scsi,format=raw,index=7")
        self.assertEqual(status, 1, f"status {status}, stderr {err!r}")
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn("SCSI ID 7", err)


if __name__ == "__main__":
    main()
