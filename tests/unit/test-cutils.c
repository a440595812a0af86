/*
 * Tests of the command-line parsing helpers, -d categories and timers.
 */
#include <glib.h>
#include <string.h>

#include "softmmu/timer.h"
#include "util/cutils.h"
#include "util/log.h"

static void test_parse_size(void)
{
    uint64_t v;
    g_assert_true(parse_size("256", 1 << 20, &v));
    g_assert_cmpuint(v, ==, 256ull << 20);
    g_assert_true(parse_size("1G", 1 << 20, &v));
    g_assert_cmpuint(v, ==, 1ull << 30);
    g_assert_true(parse_size("64k", 1, &v));
    g_assert_cmpuint(v, ==, 65536);
    g_assert_true(parse_size("1.5G", 1 << 20, &v));
    g_assert_cmpuint(v, ==, 3ull << 29);
    g_assert_true(parse_size("512B", 1 << 20, &v));
    g_assert_cmpuint(v, ==, 512);
    g_assert_false(parse_size("12Q", 1 << 20, &v));
    g_assert_false(parse_size("", 1 << 20, &v));
    g_assert_false(parse_size("-1", 1 << 20, &v));
    g_assert_false(parse_size("M", 1 << 20, &v));
    g_assert_false(parse_size("1GG", 1 << 20, &v));
    g_assert_false(parse_size("99999999999T", 1 << 20, &v));
    g_assert_false(parse_size("0.3", 1, &v));
}

static void test_parse_numbers(void)
{
    uint64_t u;
    int64_t s;
    bool b;
    g_assert_true(parse_uint64("0x10", &u) && u == 16);
    g_assert_true(parse_uint64("010", &u) && u == 8);
    g_assert_false(parse_uint64("-1", &u));
    g_assert_false(parse_uint64("1x", &u));
    g_assert_false(parse_uint64("99999999999999999999999", &u));
    g_assert_true(parse_int64("-5", &s) && s == -5);
    g_assert_true(parse_bool("on", &b) && b);
    g_assert_true(parse_bool("No", &b) && !b);
    g_assert_false(parse_bool("2", &b));
}

static void test_keyval(void)
{
    GError *err = NULL;
    GArray *kv = keyval_parse("SS-5,usb=off,name=a,,b,server", "type", &err);
    g_assert_nonnull(kv);
    g_assert_cmpstr(keyval_get(kv, "type"), ==, "SS-5");
    g_assert_cmpstr(keyval_get(kv, "usb"), ==, "off");
    g_assert_cmpstr(keyval_get(kv, "name"), ==, "a,b");
    g_assert_cmpstr(keyval_get(kv, "server"), ==, "on");
    g_assert_null(keyval_get(kv, "nosuch"));
    keyval_list_free(kv);

    kv = keyval_parse("a=1,a=2", NULL, &err);
    g_assert_cmpstr(keyval_get(kv, "a"), ==, "2");
    keyval_list_free(kv);

    g_assert_null(keyval_parse("x,=3", "type", &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
}

static void test_log_categories(void)
{
    unsigned mask;
    GError *err = NULL;
    g_assert_true(log_parse_categories("in_asm,cpu,guest_errors", &mask, &err));
    g_assert_cmpuint(mask, ==, LOG_IN_ASM | LOG_CPU | LOG_GUEST_ERRORS);
    g_assert_false(log_parse_categories("in_asm,bogus", &mask, &err));
    g_assert_nonnull(strstr(err->message, "bogus"));
    g_clear_error(&err);
}

static int fired;

static void on_timer(void *opaque)
{
    fired++;
}

void main_loop_wakeup(void)
{
}

static void test_timers_follow_virtual_clock(void)
{
    clock_virtual_start();
    Timer *t = timer_new_ns(CLOCK_TYPE_VIRTUAL, on_timer, NULL);
    timer_mod_ns(t, clock_get_ns(CLOCK_TYPE_VIRTUAL) + 5 * 1000 * 1000);
    g_assert_true(timer_pending(t));
    g_assert_false(timers_run_expired());
    int64_t d = timers_deadline_ns();
    g_assert_cmpint(d, >, 0);
    g_assert_cmpint(d, <=, 5 * 1000 * 1000);

    /* A stopped clock stands still: the timer cannot fire. */
    clock_virtual_stop();
    int64_t frozen = clock_get_ns(CLOCK_TYPE_VIRTUAL);
    g_usleep(10000);
    g_assert_cmpint(clock_get_ns(CLOCK_TYPE_VIRTUAL), ==, frozen);
    g_assert_false(timers_run_expired());
    g_assert_cmpint(fired, ==, 0);

    clock_virtual_start();
    g_usleep(10000);
    g_assert_true(timers_run_expired());
    g_assert_cmpint(fired, ==, 1);
    g_assert_false(timer_pending(t));
    timer_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cutils/parse-size", test_parse_size);
    g_test_add_func("/cutils/parse-numbers", test_parse_numbers);
    g_test_add_func("/cutils/keyval", test_keyval);
    g_test_add_func("/log/categories", test_log_categories);
    g_test_add_func("/timer/virtual-clock", test_timers_follow_virtual_clock);
    return g_test_run();
}
