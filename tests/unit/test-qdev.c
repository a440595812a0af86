/*
 * Tests of the device object model (typed properties with defaults and
 * validation, -device parsing, realize/reset) and of irq lines.
 */
#include <glib.h>
#include <string.h>

#include "hw/core/irq.h"
#include "hw/core/qdev.h"

typedef struct TestDev {
    Device parent;
    bool flag;
    uint8_t u8;
    uint32_t level;
    uint64_t big;
    int32_t offset;
    char *name;
    uint8_t mac[6];
    void *backend;
    int realized, resets;
} TestDev;

static const Property test_props[] = {
    PROP_BOOL_("flag", TestDev, flag, true, "a switch"),
    { .name = "u8", .type = PROP_UINT8, .offset = offsetof(TestDev, u8), .def = 7 },
    PROP_U32_("level", TestDev, level, 3, 1, 15, "an interrupt level"),
    PROP_U64_("big", TestDev, big, 0x100000000ull, "a big number"),
    { .name = "offset", .type = PROP_INT32, .offset = offsetof(TestDev, offset), .def = -2 },
    PROP_STR_("name", TestDev, name, "default-name", "a string"),
    PROP_MAC_("mac", TestDev, mac, "52:54:00:12:34:56", "an address"),
    PROP_LINK_("backend", TestDev, backend, "widget", "a backend"),
    PROP_END,
};

static bool test_realize(Device *dev, GError **err)
{
    TestDev *s = (TestDev *)dev;
    if (!strcmp(s->name, "refuse")) {
        g_set_error(err, g_quark_from_static_string("test"), 0, "refused");
        return false;
    }
    s->realized++;
    return true;
}

static void test_reset(Device *dev)
{
    ((TestDev *)dev)->resets++;
}

static const DeviceType test_type = {
    .name = "test-dev",
    .desc = "a device for tests",
    .instance_size = sizeof(TestDev),
    .props = test_props,
    .user_creatable = true,
    .realize = test_realize,
    .reset = test_reset,
};

static int widget;

static void *resolve_widget(const char *id)
{
    return !strcmp(id, "w0") ? &widget : NULL;
}

static void test_defaults(void)
{
    TestDev *d = (TestDev *)device_new("test-dev");
    g_assert_nonnull(d);
    g_assert_true(d->flag);
    g_assert_cmpuint(d->u8, ==, 7);
    g_assert_cmpuint(d->level, ==, 3);
    g_assert_cmpuint(d->big, ==, 0x100000000ull);
    g_assert_cmpint(d->offset, ==, -2);
    g_assert_cmpstr(d->name, ==, "default-name");
    g_assert_cmpmem(d->mac, 6, "\x52\x54\x00\x12\x34\x56", 6);
    g_assert_null(d->backend);
    g_assert_null(device_new("no-such-device"));
}

static void test_parse_and_validate(void)
{
    Device *dev = device_new("test-dev");
    TestDev *d = (TestDev *)dev;
    GError *err = NULL;

    g_assert_true(device_prop_parse(dev, "flag", "off", &err));
    g_assert_false(d->flag);
    g_assert_true(device_prop_parse(dev, "level", "0xf", &err));
    g_assert_cmpuint(d->level, ==, 15);
    g_assert_true(device_prop_parse(dev, "offset", "-100", &err));
    g_assert_cmpint(d->offset, ==, -100);
    g_assert_true(device_prop_parse(dev, "mac", "02:00:00:aa:bb:cc", &err));
    g_assert_cmpuint(d->mac[5], ==, 0xcc);
    g_assert_true(device_prop_parse(dev, "backend", "w0", &err));
    g_assert_true(d->backend == &widget);

    /* out of the property's range, and of the field's */
    g_assert_false(device_prop_parse(dev, "level", "16", &err));
    g_assert_nonnull(strstr(err->message, "level"));
    g_assert_nonnull(strstr(err->message, "out of range"));
    g_clear_error(&err);
    g_assert_false(device_prop_parse(dev, "level", "0", &err));
    g_clear_error(&err);
    g_assert_false(device_prop_parse(dev, "u8", "256", &err));
    g_clear_error(&err);
    g_assert_false(device_prop_parse(dev, "flag", "maybe", &err));
    g_clear_error(&err);
    g_assert_false(device_prop_parse(dev, "big", "-1", &err));
    g_clear_error(&err);
    g_assert_false(device_prop_parse(dev, "mac", "02:00:00:aa:bb", &err));
    g_clear_error(&err);
    g_assert_false(device_prop_parse(dev, "backend", "w9", &err));
    g_assert_nonnull(strstr(err->message, "no widget with id 'w9'"));
    g_clear_error(&err);
    g_assert_false(device_prop_parse(dev, "nosuch", "1", &err));
    g_assert_nonnull(strstr(err->message, "no property 'nosuch'"));
    g_clear_error(&err);
    /* values are unchanged by failed sets */
    g_assert_cmpuint(d->level, ==, 15);
    g_assert_cmpuint(d->u8, ==, 7);

    g_autofree char *s = device_prop_format(dev, &test_props[4]);
    g_assert_cmpstr(s, ==, "-100");
}

static void test_from_options(void)
{
    GError *err = NULL;
    Device *dev = device_new_from_options("test-dev,id=t1,name=a,,b,level=9", &err);
    g_assert_no_error(err);
    TestDev *d = (TestDev *)dev;
    g_assert_cmpstr(dev->id, ==, "t1");
    g_assert_cmpstr(d->name, ==, "a,b");
    g_assert_cmpuint(d->level, ==, 9);

    g_assert_null(device_new_from_options("nosuch,x=1", &err));
    g_assert_nonnull(strstr(err->message, "'nosuch' is not a valid device"));
    g_clear_error(&err);
    g_assert_null(device_new_from_options("test-dev,level=99", &err));
    g_assert_nonnull(strstr(err->message, "test-dev"));
    g_clear_error(&err);
}

static void test_realize_reset(void)
{
    GError *err = NULL;
    Device *dev = device_new("test-dev");
    TestDev *d = (TestDev *)dev;
    g_assert_true(device_realize(dev, &err));
    g_assert_cmpint(d->realized, ==, 1);
    g_assert_cmpint(d->resets, ==, 1);
    g_assert_true(device_realize(dev, &err));
    g_assert_cmpint(d->realized, ==, 1);
    devices_reset_all();
    g_assert_cmpint(d->resets, ==, 2);

    Device *bad = device_new("test-dev");
    device_prop_set_str(bad, "name", "refuse", &err);
    g_assert_false(device_realize(bad, &err));
    g_assert_false(bad->realized);
    g_clear_error(&err);

    g_autoptr(GString) out = g_string_new(NULL);
    devices_print_tree(out);
    g_assert_nonnull(strstr(out->str, "dev: test-dev"));
    g_assert_nonnull(strstr(out->str, "level = 3"));

    g_autoptr(GString) help = g_string_new(NULL);
    device_type_print_props(&test_type, help);
    g_assert_nonnull(strstr(help->str, "level=<uint32> (default: 3) - an interrupt level"));
}

static int irq_levels[4];

static void record_irq(void *opaque, int n, int level)
{
    irq_levels[n] = level;
}

static void test_irq(void)
{
    Irq **in = irq_new_array(record_irq, NULL, 4);
    irq_raise(in[1]);
    g_assert_cmpint(irq_levels[1], ==, 1);
    irq_lower(in[1]);
    g_assert_cmpint(irq_levels[1], ==, 0);

    Irq *inv = irq_invert(in[2]);
    irq_set(inv, 0);
    g_assert_cmpint(irq_levels[2], ==, 1);
    irq_set(inv, 1);
    g_assert_cmpint(irq_levels[2], ==, 0);

    Irq *targets[] = { in[0], NULL, in[3] };
    Irq *fan = irq_fanout(targets, 3);
    irq_raise(fan);
    g_assert_cmpint(irq_levels[0], ==, 1);
    g_assert_cmpint(irq_levels[3], ==, 1);
    irq_lower(fan);
    g_assert_cmpint(irq_levels[0], ==, 0);
    g_assert_cmpint(irq_levels[3], ==, 0);

    irq_set(NULL, 1); /* an unconnected output is harmless */
}

static void test_device_irq_wiring(void)
{
    Device *dev = device_new("test-dev");
    Irq *out = NULL;
    Irq **in = irq_new_array(record_irq, NULL, 4);
    device_add_irq_out(dev, &out);
    device_connect_irq(dev, 0, in[3]);
    irq_raise(out);
    g_assert_cmpint(irq_levels[3], ==, 1);
    device_add_irq_in(dev, in[0]);
    g_assert_true(device_irq_in(dev, 0) == in[0]);
    g_assert_null(device_irq_in(dev, 1));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    device_type_register(&test_type);
    link_resolver_register("widget", resolve_widget);
    g_test_add_func("/qdev/defaults", test_defaults);
    g_test_add_func("/qdev/parse-and-validate", test_parse_and_validate);
    g_test_add_func("/qdev/from-options", test_from_options);
    g_test_add_func("/qdev/realize-reset", test_realize_reset);
    g_test_add_func("/irq/lines", test_irq);
    g_test_add_func("/irq/device-wiring", test_device_irq_wiring);
    return g_test_run();
}
