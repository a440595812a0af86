/*
 * Unit tests for the M48T08/M48T59 timekeeper NVRAM (hw/nvram/m48t59.c):
 * NVRAM storage, the BCD clock following host time, the READ bit freezing
 * the registers, and setting the time with the WRITE bit.
 */
#include <glib.h>
#include <time.h>

#include "hw/nvram/m48t59.h"

#define TOP 0x2000

static Device *nvram_new(void)
{
    Device *dev = device_new("m48t59");
    g_assert_true(device_realize(dev, NULL));
    return dev;
}

static uint8_t rd(Device *dev, hwaddr addr)
{
    uint64_t v = 0;
    g_assert_cmpint(memory_region_dispatch_read(device_mmio(dev, 0), addr, &v, 1, true), ==,
                    MEMTX_OK);
    return v;
}

static void wr(Device *dev, hwaddr addr, uint8_t v)
{
    g_assert_cmpint(memory_region_dispatch_write(device_mmio(dev, 0), addr, v, 1, true), ==,
                    MEMTX_OK);
}

static int bcd(uint8_t v)
{
    return (v >> 4) * 10 + (v & 15);
}

static void test_nvram(void)
{
    Device *dev = nvram_new();
    static const uint8_t init[4] = { 0x70, 0x12, 0x00, 0x02 };
    uint64_t v = 0;

    m48t59_nvram_write(dev, 0, init, sizeof(init));
    g_assert_cmphex(rd(dev, 0), ==, 0x70);
    wr(dev, 0x1000, 0xa5);
    g_assert_cmphex(rd(dev, 0x1000), ==, 0xa5);
    /* a 32-bit read returns four bytes, big-endian */
    g_assert_cmpint(memory_region_dispatch_read(device_mmio(dev, 0), 0, &v, 4, true), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x70120002);
}

static void test_clock(void)
{
    Device *dev = nvram_new();
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    wr(dev, TOP - 8, 0x40);                /* READ: freeze */
    int year = bcd(rd(dev, TOP - 1)) + 1968;
    int month = bcd(rd(dev, TOP - 2));
    int min = bcd(rd(dev, TOP - 6));
    wr(dev, TOP - 8, 0x00);
    g_assert_cmpint(year, ==, tm.tm_year + 1900);
    g_assert_cmpint(month, ==, tm.tm_mon + 1);
    g_assert_true(min == tm.tm_min || min == (tm.tm_min + 1) % 60);

    /* set 1999-12-31 23:59:30 */
    wr(dev, TOP - 8, 0x80);
    wr(dev, TOP - 1, 0x31);                /* 1968 + 31 */
    wr(dev, TOP - 2, 0x12);
    wr(dev, TOP - 3, 0x31);
    wr(dev, TOP - 5, 0x23);
    wr(dev, TOP - 6, 0x59);
    wr(dev, TOP - 7, 0x30);
    wr(dev, TOP - 8, 0x00);
    wr(dev, TOP - 8, 0x40);
    g_assert_cmphex(rd(dev, TOP - 1), ==, 0x31);
    g_assert_cmphex(rd(dev, TOP - 2), ==, 0x12);
    g_assert_cmphex(rd(dev, TOP - 3), ==, 0x31);
    g_assert_cmphex(rd(dev, TOP - 5), ==, 0x23);
    wr(dev, TOP - 8, 0x00);

    /* outside a write cycle the time cannot be changed */
    wr(dev, TOP - 5, 0x01);
    g_assert_cmphex(rd(dev, TOP - 1) & 0xf0, ==, 0x30);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/m48t59/nvram", test_nvram);
    g_test_add_func("/m48t59/clock", test_clock);
    return g_test_run();
}
