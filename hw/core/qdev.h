/*
 * The device object model.
 *
 * A DeviceType names a kind of device: its state size, its properties, and
 * realize and reset functions. A device's state struct starts with a
 * `Device` member. Creating one (device_new) allocates the state and applies
 * property defaults; properties are then set (from -device or by a board),
 * and device_realize checks them and brings the device to life. Every
 * realized device is reset on system reset, children after parents.
 *
 * Types register themselves from their own file with device_type_register
 * called from a constructor function; -device NAME creates those marked
 * user_creatable.
 */
#ifndef HW_CORE_QDEV_H
#define HW_CORE_QDEV_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "softmmu/memory.h"
#include "hw/core/irq.h"

typedef struct Device Device;

typedef enum PropType {
    PROP_BOOL,
    PROP_UINT8,
    PROP_UINT16,
    PROP_UINT32,
    PROP_UINT64,
    PROP_INT32,
    PROP_STRING,   /* char *, owned by the device */
    PROP_MACADDR,  /* uint8_t[6], "52:54:00:12:34:56" */
    PROP_LINK,     /* void *: a backend found by id through a link resolver */
} PropType;

typedef struct Property {
    const char *name;
    PropType type;
    size_t offset;          /* of the field in the device's state struct */
    uint64_t def;           /* default for integers and booleans */
    const char *def_str;    /* default for strings and MAC addresses */
    uint64_t min, max;      /* valid range for integers, when max != 0 */
    const char *link_kind;  /* PROP_LINK: "chardev", "netdev", "drive" */
    const char *help;
} Property;

#define PROP_BOOL_(n, st, f, d, h) \
    { .name = (n), .type = PROP_BOOL, .offset = offsetof(st, f), .def = (d), .help = (h) }
#define PROP_U32_(n, st, f, d, lo, hi, h)                                                  \
    { .name = (n), .type = PROP_UINT32, .offset = offsetof(st, f), .def = (d), .min = (lo), \
      .max = (hi), .help = (h) }
#define PROP_U64_(n, st, f, d, h) \
    { .name = (n), .type = PROP_UINT64, .offset = offsetof(st, f), .def = (d), .help = (h) }
#define PROP_STR_(n, st, f, d, h) \
    { .name = (n), .type = PROP_STRING, .offset = offsetof(st, f), .def_str = (d), .help = (h) }
#define PROP_MAC_(n, st, f, d, h) \
    { .name = (n), .type = PROP_MACADDR, .offset = offsetof(st, f), .def_str = (d), .help = (h) }
#define PROP_LINK_(n, st, f, kind, h) \
    { .name = (n), .type = PROP_LINK, .offset = offsetof(st, f), .link_kind = (kind), .help = (h) }
#define PROP_END { .name = NULL }

typedef struct DeviceType {
    const char *name;
    const char *desc;
    size_t instance_size;
    const Property *props;      /* PROP_END-terminated, may be NULL */
    bool user_creatable;        /* -device may create it */
    void (*init)(Device *dev);  /* optional, after defaults: set up regions, irqs */
    bool (*realize)(Device *dev, GError **err);
    void (*reset)(Device *dev);
} DeviceType;

/* One MMIO region a device exports for a board to map (for info qtree too). */
struct Device {
    const DeviceType *type;
    char *id;                   /* from -device id=, or a board-given name */
    Device *parent;             /* the bus owner or NULL */
    bool realized;
    GPtrArray *mmio;            /* MemoryRegion * the device exports */
    GPtrArray *irq_in;          /* Irq * inputs, numbered */
    GPtrArray *irq_out;         /* Irq ** output slots, numbered */
    GPtrArray *children;        /* Device * */
};

void device_type_register(const DeviceType *type);
const DeviceType *device_type_find(const char *name);
/* Sorted by name, for -device help. */
GPtrArray *device_type_list(void);

/* Allocates the state with defaults and runs type->init; NULL on unknown type. */
Device *device_new(const char *type_name);
void device_set_id(Device *dev, const char *id);
void device_set_parent(Device *dev, Device *parent);

/* Property access by name; errors name the device and the property. */
bool device_prop_parse(Device *dev, const char *name, const char *value, GError **err);
bool device_prop_set_uint(Device *dev, const char *name, uint64_t value, GError **err);
bool device_prop_set_bool(Device *dev, const char *name, bool value, GError **err);
bool device_prop_set_str(Device *dev, const char *name, const char *value, GError **err);
bool device_prop_set_link(Device *dev, const char *name, void *backend, GError **err);
/* Formats a property's current value (g_free it). */
char *device_prop_format(Device *dev, const Property *prop);
/* Prints "name=<type> (default: x)  help" lines for -device NAME,help. */
void device_type_print_props(const DeviceType *type, GString *out);

/* Creates a device from "-device NAME,prop=val,..." text. */
Device *device_new_from_options(const char *options, GError **err);

bool device_realize(Device *dev, GError **err);
/* Creates, realizes, and dies with a fatal error on failure: for boards. */
Device *device_create_simple(const char *type_name, const char *id);
void device_realize_or_die(Device *dev);

/* Export for boards to wire up. */
void device_add_mmio(Device *dev, MemoryRegion *mr);
MemoryRegion *device_mmio(Device *dev, unsigned n);
void device_add_irq_in(Device *dev, Irq *irq);
Irq *device_irq_in(Device *dev, unsigned n);
void device_add_irq_out(Device *dev, Irq **slot);
void device_connect_irq(Device *dev, unsigned n, Irq *target);
/* Maps dev's MMIO region n into system memory at addr. */
void device_map_mmio(Device *dev, unsigned n, hwaddr addr);

/* Resets every realized device (parents first). */
void devices_reset_all(void);
/* Prints the device tree for `info qtree`. */
void devices_print_tree(GString *out);
/* Every realized device, in creation order. */
GPtrArray *devices_all(void);

/* Backends named by id for PROP_LINK properties. */
typedef void *(*LinkResolver)(const char *id);
void link_resolver_register(const char *kind, LinkResolver resolve);

#define DEVICE(obj) ((Device *)(obj))

#endif
