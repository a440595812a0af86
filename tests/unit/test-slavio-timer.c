/*
 * Unit tests for the sun4m counter/timers (hw/timer/slavio_timer.c) on a
 * fake virtual clock: 500 ns ticks in bits 30:9, the limit-reached bit and
 * interrupt, acknowledgement by reading the limit, free-running counters
 * and the per-CPU user-mode counter.
 */
#include <glib.h>
#include <string.h>

#include "hw/core/qdev.h"
#include "softmmu/timer.h"

/* A fake clock: tests move it and fire due timers by hand. */
struct Timer {
    TimerCallback cb;
    void *opaque;
    int64_t expire;            /* -1: not armed */
};
static int64_t fake_now;
static GPtrArray *fake_timers;

int64_t clock_get_ns(ClockType type)
{
    return fake_now;
}

Timer *timer_new_ns(ClockType type, TimerCallback cb, void *opaque)
{
    Timer *t = g_new0(Timer, 1);
    t->cb = cb;
    t->opaque = opaque;
    t->expire = -1;
    if (!fake_timers) {
        fake_timers = g_ptr_array_new();
    }
    g_ptr_array_add(fake_timers, t);
    return t;
}

void timer_mod_ns(Timer *t, int64_t expire_ns)
{
    t->expire = expire_ns;
}

void timer_del(Timer *t)
{
    t->expire = -1;
}

static void advance(int64_t ns)
{
    int64_t end = fake_now + ns;
    bool ran;

    do {
        ran = false;
        for (guint i = 0; i < fake_timers->len; i++) {
            Timer *t = g_ptr_array_index(fake_timers, i);
            if (t->expire >= 0 && t->expire <= end) {
                fake_now = MAX(fake_now, t->expire);
                t->expire = -1;
                t->cb(t->opaque);
                ran = true;
            }
        }
    } while (ran);
    fake_now = end;
}

static int irq_level[3];

static void irq_handler(void *opaque, int n, int level)
{
    irq_level[n] = level;
}

static Device *timer_new_dev(void)
{
    Device *dev = device_new("slavio_timer");
    g_assert_true(device_prop_set_uint(dev, "num-cpus", 2, NULL));
    g_assert_true(device_realize(dev, NULL));
    for (int i = 0; i < 3; i++) {
        device_connect_irq(dev, i, irq_new(irq_handler, NULL, i));
        irq_level[i] = 0;
    }
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

static void test_limit_interrupt(void)
{
    Device *dev = timer_new_dev();
    uint32_t limit = 20000u << 9;          /* 10 ms */

    wr(dev, 0, 0x0, limit);
    g_assert_cmphex(rd(dev, 0, 0x4), ==, 0);
    advance(1000);                         /* 2 ticks */
    g_assert_cmphex(rd(dev, 0, 0x4), ==, 2u << 9);
    g_assert_cmpint(irq_level[0], ==, 0);

    advance(10 * 1000 * 1000);             /* past the limit */
    g_assert_cmpint(irq_level[0], ==, 1);
    g_assert_cmphex(rd(dev, 0, 0x4) & 0x80000000u, ==, 0x80000000u);
    g_assert_cmphex(rd(dev, 0, 0x4) & 0x7fffffffu, ==, 2u << 9); /* started over */
    /* reading the limit acknowledges */
    g_assert_cmphex(rd(dev, 0, 0x0), ==, limit);
    g_assert_cmpint(irq_level[0], ==, 0);
    g_assert_cmphex(rd(dev, 0, 0x4) & 0x80000000u, ==, 0);

    /* periodic: it fires again one period later */
    advance(10 * 1000 * 1000);
    g_assert_cmpint(irq_level[0], ==, 1);
}

static void test_free_run(void)
{
    Device *dev = timer_new_dev();

    /* after reset every counter runs freely without interrupts */
    uint32_t before = rd(dev, 1, 0x4);
    advance(500 * 100);
    g_assert_cmphex(rd(dev, 1, 0x4) - before, ==, 100u << 9);
    advance(3 * NANOSECONDS_PER_SECOND);
    g_assert_cmpint(irq_level[1], ==, 0);
    g_assert_cmphex(rd(dev, 1, 0x4) & 0x80000000u, ==, 0);
}

static void test_cpu_timer_irq(void)
{
    Device *dev = timer_new_dev();

    wr(dev, 2, 0x0, 100u << 9);            /* CPU 1: 50 us */
    advance(50 * 1000);
    g_assert_cmpint(irq_level[2], ==, 1);
    g_assert_cmpint(irq_level[1], ==, 0);
    rd(dev, 2, 0x0);
    g_assert_cmpint(irq_level[2], ==, 0);
}

static void test_user_mode(void)
{
    Device *dev = timer_new_dev();

    wr(dev, 0, 0x10, 1);                   /* CPU 0 counter becomes a user counter */
    g_assert_cmphex(rd(dev, 0, 0x10), ==, 1);
    g_assert_cmphex(rd(dev, 1, 0xc), ==, 1); /* running */
    advance(500 * 8);
    g_assert_cmphex(rd(dev, 1, 0x4), ==, 8u << 9);
    g_assert_cmphex(rd(dev, 1, 0x0), ==, 0);
    wr(dev, 1, 0xc, 0);                    /* stop */
    advance(500 * 8);
    g_assert_cmphex(rd(dev, 1, 0x4), ==, 8u << 9);
    wr(dev, 1, 0x0, 0x12);                 /* high word */
    g_assert_cmphex(rd(dev, 1, 0x0), ==, 0x12);
    g_assert_cmphex(rd(dev, 1, 0x4), ==, 8u << 9);
    advance(NANOSECONDS_PER_SECOND);
    g_assert_cmpint(irq_level[1], ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/slavio-timer/limit-interrupt", test_limit_interrupt);
    g_test_add_func("/slavio-timer/free-run", test_free_run);
    g_test_add_func("/slavio-timer/cpu-timer-irq", test_cpu_timer_irq);
    g_test_add_func("/slavio-timer/user-mode", test_user_mode);
    return g_test_run();
}
