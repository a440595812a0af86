/*
 * Unit tests for fw_cfg (hw/core/fw_cfg.c): signature and ID, integer
 * items in little-endian order, reads past an item's end, the file
 * directory in big-endian with files sorted by name, and selector byte
 * order.
 */
#include <glib.h>
#include <string.h>

#include "hw/core/fw_cfg.h"

static Device *fw_new(bool big_endian)
{
    Device *dev = device_new("fw_cfg");
    g_assert_true(device_prop_set_bool(dev, "big-endian", big_endian, NULL));
    g_assert_true(device_realize(dev, NULL));
    return dev;
}

static void sel(Device *dev, uint16_t key, bool big_endian)
{
    g_assert_cmpint(memory_region_dispatch_write(device_mmio(dev, 0), 0, key, 2, big_endian),
                    ==, MEMTX_OK);
}

static void read_bytes(Device *dev, uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t v = 0;
        g_assert_cmpint(memory_region_dispatch_read(device_mmio(dev, 1), 0, &v, 1, true), ==,
                        MEMTX_OK);
        buf[i] = v;
    }
}

static void test_basics(void)
{
    Device *dev = fw_new(true);
    uint8_t b[8];

    sel(dev, FW_CFG_SIGNATURE, true);
    read_bytes(dev, b, 4);
    g_assert_cmpmem(b, 4, "QEMU", 4);
    sel(dev, FW_CFG_ID, true);
    read_bytes(dev, b, 4);
    g_assert_cmphex(b[0], ==, 1);
    g_assert_cmphex(b[1] | b[2] | b[3], ==, 0);

    fw_cfg_add_i32(dev, FW_CFG_RAM_SIZE, 0x08000000);
    sel(dev, FW_CFG_RAM_SIZE, true);
    read_bytes(dev, b, 6);
    static const uint8_t want[6] = { 0x00, 0x00, 0x00, 0x08, 0x00, 0x00 };
    g_assert_cmpmem(b, 6, want, 6);          /* little-endian, then zeros */

    fw_cfg_add_i16(dev, FW_CFG_ARCH_LOCAL, 24);
    sel(dev, FW_CFG_ARCH_LOCAL, true);
    read_bytes(dev, b, 2);
    g_assert_cmphex(b[0], ==, 24);

    /* reselecting starts over */
    sel(dev, FW_CFG_SIGNATURE, true);
    read_bytes(dev, b, 1);
    sel(dev, FW_CFG_SIGNATURE, true);
    read_bytes(dev, b, 1);
    g_assert_cmphex(b[0], ==, 'Q');
}

static void test_files(void)
{
    Device *dev = fw_new(false);
    uint8_t b[4 + 2 * 64];

    fw_cfg_add_file(dev, "zeta", "zz", 2);
    fw_cfg_add_file(dev, "bootorder", "/pci\n", 6);
    sel(dev, FW_CFG_FILE_DIR, false);     /* little-endian selector */
    read_bytes(dev, b, sizeof(b));
    g_assert_cmphex(b[3], ==, 2);          /* be32 count */
    g_assert_cmphex(b[4 + 3], ==, 6);      /* bootorder first: be32 size */
    g_assert_cmphex((b[4 + 4] << 8) | b[4 + 5], ==, FW_CFG_FILE_FIRST);
    g_assert_cmpstr((char *)&b[4 + 8], ==, "bootorder");
    g_assert_cmpstr((char *)&b[4 + 64 + 8], ==, "zeta");

    sel(dev, FW_CFG_FILE_FIRST + 1, false);
    read_bytes(dev, b, 2);
    g_assert_cmpmem(b, 2, "zz", 2);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fw-cfg/basics", test_basics);
    g_test_add_func("/fw-cfg/files", test_files);
    return g_test_run();
}
