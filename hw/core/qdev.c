/*
 * The device object model: type registry, typed properties with defaults
 * and validation, realize and reset, exported regions and irq lines, and
 * the device tree `info qtree` prints.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hw/core/qdev.h"
#include "util/cutils.h"
#include "util/error.h"

static GHashTable *device_types;    /* name -> const DeviceType * */
static GPtrArray *all_devices;      /* Device *, in creation order */
static GHashTable *link_resolvers;  /* kind -> LinkResolver */

void device_type_register(const DeviceType *type)
{
    if (!device_types) {
        device_types = g_hash_table_new(g_str_hash, g_str_equal);
    }
    g_hash_table_insert(device_types, (gpointer)type->name, (gpointer)type);
}

const DeviceType *device_type_find(const char *name)
{
    return device_types ? g_hash_table_lookup(device_types, name) : NULL;
}

static gint compare_type_names(gconstpointer a, gconstpointer b)
{
    const DeviceType *ta = *(const DeviceType *const *)a;
    const DeviceType *tb = *(const DeviceType *const *)b;
    return strcmp(ta->name, tb->name);
}

GPtrArray *device_type_list(void)
{
    GPtrArray *list = g_ptr_array_new();
    if (device_types) {
        GHashTableIter it;
        gpointer value;
        g_hash_table_iter_init(&it, device_types);
        while (g_hash_table_iter_next(&it, NULL, &value)) {
            g_ptr_array_add(list, value);
        }
    }
    g_ptr_array_sort(list, compare_type_names);
    return list;
}

void link_resolver_register(const char *kind, LinkResolver resolve)
{
    if (!link_resolvers) {
        link_resolvers = g_hash_table_new(g_str_hash, g_str_equal);
    }
    g_hash_table_insert(link_resolvers, (gpointer)kind, (gpointer)resolve);
}

static const Property *device_find_prop(Device *dev, const char *name)
{
    for (const Property *p = dev->type->props; p && p->name; p++) {
        if (!strcmp(p->name, name)) {
            return p;
        }
    }
    return NULL;
}

static void *prop_field(Device *dev, const Property *p)
{
    return (char *)dev + p->offset;
}

/* The largest value an integer property's field can hold. */
static uint64_t prop_type_max(PropType type)
{
    switch (type) {
    case PROP_BOOL: return 1;
    case PROP_UINT8: return UINT8_MAX;
    case PROP_UINT16: return UINT16_MAX;
    case PROP_UINT32: return UINT32_MAX;
    case PROP_INT32: return INT32_MAX;
    default: return UINT64_MAX;
    }
}

static bool prop_store_uint(Device *dev, const Property *p, uint64_t v, GError **err)
{
    void *f = prop_field(dev, p);
    uint64_t lo = p->max ? p->min : 0;
    uint64_t hi = p->max ? p->max : prop_type_max(p->type);

    if (p->type == PROP_INT32) {
        /* Signed: v carries the two's-complement bits of an int64_t. */
        int64_t sv = (int64_t)v;
        if (sv < INT32_MIN || sv > INT32_MAX) {
            g_set_error(err, CHIMERA_ERROR, 0, "%s: property '%s' value %" PRId64
                        " out of range", dev->type->name, p->name, sv);
            return false;
        }
        *(int32_t *)f = (int32_t)sv;
        return true;
    }
    if (v < lo || v > hi) {
        g_set_error(err, CHIMERA_ERROR, 0,
                    "%s: property '%s' value %" PRIu64 " out of range [%" PRIu64 ", %" PRIu64 "]",
                    dev->type->name, p->name, v, lo, hi);
        return false;
    }
    switch (p->type) {
    case PROP_BOOL: *(bool *)f = v; break;
    case PROP_UINT8: *(uint8_t *)f = v; break;
    case PROP_UINT16: *(uint16_t *)f = v; break;
    case PROP_UINT32: *(uint32_t *)f = v; break;
    case PROP_UINT64: *(uint64_t *)f = v; break;
    default:
        g_set_error(err, CHIMERA_ERROR, 0, "%s: property '%s' is not an integer",
                    dev->type->name, p->name);
        return false;
    }
    return true;
}

static bool parse_macaddr(const char *s, uint8_t mac[6])
{
    unsigned v[6];
    char tail;
    if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &tail) != 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        if (v[i] > 0xff) {
            return false;
        }
        mac[i] = v[i];
    }
    return true;
}

static bool prop_parse(Device *dev, const Property *p, const char *value, GError **err)
{
    void *f = prop_field(dev, p);

    switch (p->type) {
    case PROP_BOOL: {
        bool b;
        if (!parse_bool(value, &b)) {
            g_set_error(err, CHIMERA_ERROR, 0, "%s: property '%s' expects on or off, not '%s'",
                        dev->type->name, p->name, value);
            return false;
        }
        *(bool *)f = b;
        return true;
    }
    case PROP_INT32: {
        int64_t v;
        if (!parse_int64(value, &v) || v < INT32_MIN || v > INT32_MAX) {
            g_set_error(err, CHIMERA_ERROR, 0, "%s: property '%s' expects an integer, not '%s'",
                        dev->type->name, p->name, value);
            return false;
        }
        *(int32_t *)f = (int32_t)v;
        return true;
    }
    case PROP_UINT8:
    case PROP_UINT16:
    case PROP_UINT32:
    case PROP_UINT64: {
        uint64_t v;
        if (!parse_uint64(value, &v)) {
            g_set_error(err, CHIMERA_ERROR, 0,
                        "%s: property '%s' expects a non-negative integer, not '%s'",
                        dev->type->name, p->name, value);
            return false;
        }
        return prop_store_uint(dev, p, v, err);
    }
    case PROP_STRING:
        g_free(*(char **)f);
        *(char **)f = g_strdup(value);
        return true;
    case PROP_MACADDR:
        if (!parse_macaddr(value, f)) {
            g_set_error(err, CHIMERA_ERROR, 0, "%s: property '%s': '%s' is not a MAC address",
                        dev->type->name, p->name, value);
            return false;
        }
        return true;
    case PROP_LINK: {
        LinkResolver resolve = link_resolvers ? g_hash_table_lookup(link_resolvers, p->link_kind)
                                              : NULL;
        void *backend = resolve ? resolve(value) : NULL;
        if (!backend) {
            g_set_error(err, CHIMERA_ERROR, 0, "%s: property '%s': no %s with id '%s'",
                        dev->type->name, p->name, p->link_kind, value);
            return false;
        }
        *(void **)f = backend;
        return true;
    }
    }
    return false;
}

static void device_apply_defaults(Device *dev)
{
    for (const Property *p = dev->type->props; p && p->name; p++) {
        switch (p->type) {
        case PROP_STRING:
            *(char **)prop_field(dev, p) = g_strdup(p->def_str);
            break;
        case PROP_MACADDR:
            if (p->def_str) {
                parse_macaddr(p->def_str, prop_field(dev, p));
            }
            break;
        case PROP_LINK:
            break;
        default:
            prop_store_uint(dev, p, p->def, NULL);
            break;
        }
    }
}

Device *device_new(const char *type_name)
{
    const DeviceType *type = device_type_find(type_name);
    if (!type) {
        return NULL;
    }
    g_assert(type->instance_size >= sizeof(Device));
    Device *dev = g_malloc0(type->instance_size);
    dev->type = type;
    dev->mmio = g_ptr_array_new();
    dev->irq_in = g_ptr_array_new();
    dev->irq_out = g_ptr_array_new();
    dev->children = g_ptr_array_new();
    device_apply_defaults(dev);
    if (type->init) {
        type->init(dev);
    }
    return dev;
}

/* Frees a device that was never realized (a -device with a bad property). */
static void device_free_unrealized(Device *dev)
{
    for (const Property *p = dev->type->props; p && p->name; p++) {
        if (p->type == PROP_STRING) {
            g_free(*(char **)prop_field(dev, p));
        }
    }
    g_ptr_array_free(dev->mmio, TRUE);
    g_ptr_array_free(dev->irq_in, TRUE);
    g_ptr_array_free(dev->irq_out, TRUE);
    g_ptr_array_free(dev->children, TRUE);
    g_free(dev->id);
    g_free(dev);
}

void device_set_id(Device *dev, const char *id)
{
    g_free(dev->id);
    dev->id = g_strdup(id);
}

void device_set_parent(Device *dev, Device *parent)
{
    dev->parent = parent;
    if (parent) {
        g_ptr_array_add(parent->children, dev);
    }
}

static const Property *device_prop_or_error(Device *dev, const char *name, GError **err)
{
    const Property *p = device_find_prop(dev, name);
    if (!p) {
        g_set_error(err, CHIMERA_ERROR, 0, "%s: no property '%s' (try -device %s,help)",
                    dev->type->name, name, dev->type->name);
    }
    return p;
}

bool device_prop_parse(Device *dev, const char *name, const char *value, GError **err)
{
    const Property *p = device_prop_or_error(dev, name, err);
    return p && prop_parse(dev, p, value, err);
}

bool device_prop_set_uint(Device *dev, const char *name, uint64_t value, GError **err)
{
    const Property *p = device_prop_or_error(dev, name, err);
    return p && prop_store_uint(dev, p, value, err);
}

bool device_prop_set_bool(Device *dev, const char *name, bool value, GError **err)
{
    return device_prop_set_uint(dev, name, value, err);
}

bool device_prop_set_str(Device *dev, const char *name, const char *value, GError **err)
{
    const Property *p = device_prop_or_error(dev, name, err);
    return p && prop_parse(dev, p, value, err);
}

bool device_prop_set_link(Device *dev, const char *name, void *backend, GError **err)
{
    const Property *p = device_prop_or_error(dev, name, err);
    if (!p) {
        return false;
    }
    if (p->type != PROP_LINK) {
        g_set_error(err, CHIMERA_ERROR, 0, "%s: property '%s' is not a link", dev->type->name,
                    name);
        return false;
    }
    *(void **)prop_field(dev, p) = backend;
    return true;
}

static const char *prop_type_name(PropType t)
{
    static const char *const names[] = {
        [PROP_BOOL] = "bool", [PROP_UINT8] = "uint8", [PROP_UINT16] = "uint16",
        [PROP_UINT32] = "uint32", [PROP_UINT64] = "uint64", [PROP_INT32] = "int32",
        [PROP_STRING] = "str", [PROP_MACADDR] = "macaddr", [PROP_LINK] = "link",
    };
    return names[t];
}

char *device_prop_format(Device *dev, const Property *p)
{
    void *f = prop_field(dev, p);
    switch (p->type) {
    case PROP_BOOL: return g_strdup(*(bool *)f ? "on" : "off");
    case PROP_UINT8: return g_strdup_printf("%u", *(uint8_t *)f);
    case PROP_UINT16: return g_strdup_printf("%u", *(uint16_t *)f);
    case PROP_UINT32: return g_strdup_printf("%u", *(uint32_t *)f);
    case PROP_INT32: return g_strdup_printf("%d", *(int32_t *)f);
    case PROP_UINT64: return g_strdup_printf("%" PRIu64, *(uint64_t *)f);
    case PROP_STRING: return g_strdup(*(char **)f ? *(char **)f : "");
    case PROP_MACADDR: {
        uint8_t *m = f;
        return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
                               m[5]);
    }
    case PROP_LINK: return g_strdup(*(void **)f ? "<set>" : "<unset>");
    }
    return g_strdup("?");
}

void device_type_print_props(const DeviceType *type, GString *out)
{
    g_string_append_printf(out, "%s options:\n", type->name);
    if (!type->props || !type->props->name) {
        g_string_append(out, "  (no properties)\n");
        return;
    }
    for (const Property *p = type->props; p->name; p++) {
        g_string_append_printf(out, "  %s=<%s>", p->name, prop_type_name(p->type));
        if (p->type == PROP_STRING || p->type == PROP_MACADDR) {
            if (p->def_str) {
                g_string_append_printf(out, " (default: %s)", p->def_str);
            }
        } else if (p->type == PROP_BOOL) {
            g_string_append_printf(out, " (default: %s)", p->def ? "on" : "off");
        } else if (p->type != PROP_LINK) {
            g_string_append_printf(out, " (default: %" PRIu64 ")", p->def);
        }
        if (p->help) {
            g_string_append_printf(out, " - %s", p->help);
        }
        g_string_append_c(out, '\n');
    }
}

Device *device_new_from_options(const char *options, GError **err)
{
    GArray *kv = keyval_parse(options, "driver", err);
    if (!kv) {
        return NULL;
    }
    const char *driver = keyval_get(kv, "driver");
    Device *dev = NULL;
    const DeviceType *type = driver ? device_type_find(driver) : NULL;

    if (!driver) {
        g_set_error(err, CHIMERA_ERROR, 0, "-device: no device name in '%s'", options);
    } else if (!type || !type->user_creatable) {
        g_set_error(err, CHIMERA_ERROR, 0, "-device: '%s' is not a valid device (try -device help)",
                    driver);
    } else {
        dev = device_new(driver);
        for (guint i = 0; i < kv->len; i++) {
            KeyVal *p = &g_array_index(kv, KeyVal, i);
            bool ok;
            if (!strcmp(p->key, "driver")) {
                continue;
            }
            if (!strcmp(p->key, "id")) {
                device_set_id(dev, p->value);
                continue;
            }
            ok = device_prop_parse(dev, p->key, p->value, err);
            if (!ok) {
                device_free_unrealized(dev);
                dev = NULL;
                break;
            }
        }
    }
    keyval_list_free(kv);
    return dev;
}

bool device_realize(Device *dev, GError **err)
{
    if (dev->realized) {
        return true;
    }
    if (dev->type->realize && !dev->type->realize(dev, err)) {
        return false;
    }
    dev->realized = true;
    if (!all_devices) {
        all_devices = g_ptr_array_new();
    }
    g_ptr_array_add(all_devices, dev);
    if (dev->type->reset) {
        dev->type->reset(dev);
    }
    return true;
}

void device_realize_or_die(Device *dev)
{
    GError *err = NULL;
    if (!device_realize(dev, &err)) {
        error_report_fatal(err);
    }
}

Device *device_create_simple(const char *type_name, const char *id)
{
    Device *dev = device_new(type_name);
    if (!dev) {
        fatal("internal: unknown device type '%s'", type_name);
    }
    if (id) {
        device_set_id(dev, id);
    }
    device_realize_or_die(dev);
    return dev;
}

void device_add_mmio(Device *dev, MemoryRegion *mr)
{
    g_ptr_array_add(dev->mmio, mr);
}

MemoryRegion *device_mmio(Device *dev, unsigned n)
{
    return n < dev->mmio->len ? g_ptr_array_index(dev->mmio, n) : NULL;
}

void device_add_irq_in(Device *dev, Irq *irq)
{
    g_ptr_array_add(dev->irq_in, irq);
}

Irq *device_irq_in(Device *dev, unsigned n)
{
    return n < dev->irq_in->len ? g_ptr_array_index(dev->irq_in, n) : NULL;
}

void device_add_irq_out(Device *dev, Irq **slot)
{
    g_ptr_array_add(dev->irq_out, slot);
}

void device_connect_irq(Device *dev, unsigned n, Irq *target)
{
    g_assert(n < dev->irq_out->len);
    *(Irq **)g_ptr_array_index(dev->irq_out, n) = target;
}

void device_map_mmio(Device *dev, unsigned n, hwaddr addr)
{
    MemoryRegion *mr = device_mmio(dev, n);
    g_assert(mr);
    memory_region_add_subregion(&system_memory, addr, mr);
}

void devices_reset_all(void)
{
    if (!all_devices) {
        return;
    }
    /* Creation order puts parents (buses, controllers) before children. */
    for (guint i = 0; i < all_devices->len; i++) {
        Device *dev = g_ptr_array_index(all_devices, i);
        if (dev->type->reset) {
            dev->type->reset(dev);
        }
    }
}

GPtrArray *devices_all(void)
{
    if (!all_devices) {
        all_devices = g_ptr_array_new();
    }
    return all_devices;
}

static void device_print(Device *dev, GString *out, int depth)
{
    g_string_append_printf(out, "%*sdev: %s, id \"%s\"\n", depth * 2, "", dev->type->name,
                           dev->id ? dev->id : "");
    for (const Property *p = dev->type->props; p && p->name; p++) {
        g_autofree char *v = device_prop_format(dev, p);
        g_string_append_printf(out, "%*s%s = %s\n", depth * 2 + 2, "", p->name, v);
    }
    for (guint i = 0; i < dev->mmio->len; i++) {
        MemoryRegion *mr = g_ptr_array_index(dev->mmio, i);
        if (mr->container) {
            g_string_append_printf(out, "%*smmio %016" PRIx64 "/%016" PRIx64 "\n", depth * 2 + 2,
                                   "", mr->addr, mr->size);
        }
    }
    for (guint i = 0; i < dev->children->len; i++) {
        device_print(g_ptr_array_index(dev->children, i), out, depth + 1);
    }
}

void devices_print_tree(GString *out)
{
    g_string_append(out, "bus: main-system-bus\n  type System\n");
    if (!all_devices) {
        return;
    }
    for (guint i = 0; i < all_devices->len; i++) {
        Device *dev = g_ptr_array_index(all_devices, i);
        if (!dev->parent) {
            device_print(dev, out, 2);
        }
    }
}
