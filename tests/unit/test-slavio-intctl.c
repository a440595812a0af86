/*
 * Unit tests for the sun4m interrupt controller (hw/intc/slavio_intctl.c):
 * routing of system sources to the target CPU at their SPARC levels, the
 * mask and master disable, soft interrupts, the per-CPU timer input and
 * level-15 broadcast.
 */
#include <glib.h>
#include <string.h>

#include "hw/core/qdev.h"

#define NCPUS 2

static int cpu_level[NCPUS][16];

static void cpu_irq(void *opaque, int n, int level)
{
    cpu_level[n / 16][n % 16] = level;
}

static Device *intctl_new(void)
{
    Device *dev = device_new("slavio_intctl");
    g_assert_nonnull(dev);
    g_assert_true(device_realize(dev, NULL));
    for (int c = 0; c < NCPUS; c++) {
        for (int l = 0; l < 16; l++) {
            device_connect_irq(dev, c * 16 + l, irq_new(cpu_irq, NULL, c * 16 + l));
        }
    }
    memset(cpu_level, 0, sizeof(cpu_level));
    return dev;
}

static uint32_t rd(Device *dev, int region, hwaddr addr)
{
    uint64_t v = 0;
    g_assert_cmpint(memory_region_dispatch_read(device_mmio(dev, region), addr, &v, 4, true),
                    ==, MEMTX_OK);
    return v;
}

static void wr(Device *dev, int region, hwaddr addr, uint32_t v)
{
    g_assert_cmpint(memory_region_dispatch_write(device_mmio(dev, region), addr, v, 4, true),
                    ==, MEMTX_OK);
}

static void test_route_and_mask(void)
{
    Device *dev = intctl_new();

    /* source 19 (system timer) is level 10 on CPU 0 */
    irq_raise(device_irq_in(dev, 19));
    g_assert_cmpint(cpu_level[0][10], ==, 1);
    g_assert_cmpint(cpu_level[1][10], ==, 0);
    g_assert_cmphex(rd(dev, 0, 0x0), ==, 1u << 19);
    g_assert_cmphex(rd(dev, 1, 0x0) & (1u << 10), ==, 1u << 10);

    wr(dev, 0, 0xc, 1u << 19);           /* set mask */
    g_assert_cmpint(cpu_level[0][10], ==, 0);
    g_assert_cmphex(rd(dev, 0, 0x4), ==, 1u << 19);
    wr(dev, 0, 0x8, 1u << 19);           /* clear mask */
    g_assert_cmpint(cpu_level[0][10], ==, 1);

    wr(dev, 0, 0x10, 1);                 /* target CPU 1 */
    g_assert_cmpint(cpu_level[0][10], ==, 0);
    g_assert_cmpint(cpu_level[1][10], ==, 1);
    g_assert_cmphex(rd(dev, 0, 0x10), ==, 1);

    wr(dev, 0, 0xc, 0x80000000u);        /* master disable */
    g_assert_cmpint(cpu_level[1][10], ==, 0);
    wr(dev, 0, 0x8, 0x80000000u);
    g_assert_cmpint(cpu_level[1][10], ==, 1);

    irq_lower(device_irq_in(dev, 19));
    g_assert_cmpint(cpu_level[1][10], ==, 0);
    g_assert_cmphex(rd(dev, 0, 0x0), ==, 0);
}

static void test_levels(void)
{
    /* a few entries of the source -> level table: ESP 18 -> 4, Lance 16 -> 6,
     * serial 15 -> 12, floppy 22 -> 11 */
    static const int map[][2] = { { 18, 4 }, { 16, 6 }, { 15, 12 }, { 14, 12 }, { 22, 11 } };
    Device *dev = intctl_new();

    for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
        irq_raise(device_irq_in(dev, map[i][0]));
        g_assert_cmpint(cpu_level[0][map[i][1]], ==, 1);
        irq_lower(device_irq_in(dev, map[i][0]));
        g_assert_cmpint(cpu_level[0][map[i][1]], ==, 0);
    }
    /* a source that does not exist on sun4m (bit 0) is never delivered */
    irq_raise(device_irq_in(dev, 0));
    g_assert_cmpint(cpu_level[0][2], ==, 0);
}

static void test_soft_and_timer(void)
{
    Device *dev = intctl_new();

    wr(dev, 2, 0x8, 1u << (16 + 5));     /* CPU 1: soft interrupt level 5 */
    g_assert_cmpint(cpu_level[1][5], ==, 1);
    g_assert_cmpint(cpu_level[0][5], ==, 0);
    g_assert_cmphex(rd(dev, 2, 0x0), ==, 1u << 21);
    wr(dev, 2, 0x4, 1u << (16 + 5));
    g_assert_cmpint(cpu_level[1][5], ==, 0);

    irq_raise(device_irq_in(dev, 32 + 1)); /* CPU 1 timer: level 14 */
    g_assert_cmpint(cpu_level[1][14], ==, 1);
    g_assert_cmphex(rd(dev, 2, 0x0) & (1u << 14), ==, 1u << 14);
    irq_lower(device_irq_in(dev, 32 + 1));
    g_assert_cmpint(cpu_level[1][14], ==, 0);

    /* level-15 sources reach every CPU */
    irq_raise(device_irq_in(dev, 29));
    g_assert_cmpint(cpu_level[0][15], ==, 1);
    g_assert_cmpint(cpu_level[1][15], ==, 1);
    irq_lower(device_irq_in(dev, 29));
    g_assert_cmpint(cpu_level[1][15], ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/slavio-intctl/route-and-mask", test_route_and_mask);
    g_test_add_func("/slavio-intctl/levels", test_levels);
    g_test_add_func("/slavio-intctl/soft-and-timer", test_soft_and_timer);
    return g_test_run();
}
