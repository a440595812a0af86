/*
 * The fw_cfg device (QEMU docs/specs/fw_cfg.rst): a 16-bit selector
 * register chooses an item, and each read of the data register returns the
 * item's next byte (zero past its end). Boards add the items; the device
 * provides the signature "QEMU", the interface ID (1: no DMA interface) and
 * the file directory. Wider data registers return consecutive bytes in
 * stream order, whatever the guest's byte order.
 *
 * Regions a board maps: 0 the selector (2 bytes), 1 the data register
 * ("data-width" bytes). The selector's byte order is a property: big-endian
 * on the sun4m and PowerPC boards, little-endian for x86 I/O ports.
 */
#include <string.h>

#include "hw/core/fw_cfg.h"
#include "util/bswap.h"
#include "util/error.h"
#include "util/log.h"

typedef struct FwCfgFile {
    char name[FW_CFG_MAX_FILE_PATH];
    GBytes *data;
} FwCfgFile;

typedef struct FwCfg {
    Device parent;
    uint32_t data_width;       /* property */
    bool big_endian;           /* property: selector byte order */
    MemoryRegion ctl_mmio, data_mmio;
    GHashTable *items;         /* key -> GBytes */
    GPtrArray *files;          /* FwCfgFile *, sorted by name */
    uint16_t cur;              /* selected key */
    uint32_t offset;           /* next byte of the selected item */
} FwCfg;

static void fw_cfg_set_item(FwCfg *s, uint16_t key, GBytes *data)
{
    g_hash_table_replace(s->items, GUINT_TO_POINTER(key), data);
}

void fw_cfg_add_bytes(Device *dev, uint16_t key, const void *data, size_t len)
{
    fw_cfg_set_item((FwCfg *)dev, key, g_bytes_new(data, len));
}

void fw_cfg_add_string(Device *dev, uint16_t key, const char *value)
{
    fw_cfg_add_bytes(dev, key, value, strlen(value) + 1);
}

void fw_cfg_add_i16(Device *dev, uint16_t key, uint16_t value)
{
    uint8_t b[2];
    stuw_le_p(b, value);
    fw_cfg_add_bytes(dev, key, b, sizeof(b));
}

void fw_cfg_add_i32(Device *dev, uint16_t key, uint32_t value)
{
    uint8_t b[4];
    stl_le_p(b, value);
    fw_cfg_add_bytes(dev, key, b, sizeof(b));
}

void fw_cfg_add_i64(Device *dev, uint16_t key, uint64_t value)
{
    uint8_t b[8];
    stq_le_p(b, value);
    fw_cfg_add_bytes(dev, key, b, sizeof(b));
}

static gint fw_cfg_file_cmp(gconstpointer a, gconstpointer b)
{
    const FwCfgFile *fa = *(FwCfgFile *const *)a, *fb = *(FwCfgFile *const *)b;
    return strcmp(fa->name, fb->name);
}

/* Directory entry: be32 size, be16 select, be16 reserved, name[56]. */
static void fw_cfg_rebuild_dir(FwCfg *s)
{
    size_t entry = 8 + FW_CFG_MAX_FILE_PATH;
    size_t len = 4 + s->files->len * entry;
    uint8_t *dir = g_malloc0(len);

    stl_be_p(dir, s->files->len);
    for (guint i = 0; i < s->files->len; i++) {
        FwCfgFile *f = g_ptr_array_index(s->files, i);
        uint8_t *e = dir + 4 + i * entry;
        stl_be_p(e, g_bytes_get_size(f->data));
        stuw_be_p(e + 4, FW_CFG_FILE_FIRST + i);
        memcpy(e + 8, f->name, strlen(f->name));
        fw_cfg_set_item(s, FW_CFG_FILE_FIRST + i, g_bytes_ref(f->data));
    }
    fw_cfg_set_item(s, FW_CFG_FILE_DIR, g_bytes_new_take(dir, len));
}

void fw_cfg_add_file(Device *dev, const char *name, const void *data, size_t len)
{
    FwCfg *s = (FwCfg *)dev;
    FwCfgFile *f = NULL;

    for (guint i = 0; i < s->files->len; i++) {
        FwCfgFile *old = g_ptr_array_index(s->files, i);
        if (!strncmp(old->name, name, FW_CFG_MAX_FILE_PATH - 1)) {
            f = old;
            g_bytes_unref(f->data);
            break;
        }
    }
    if (!f) {
        f = g_new0(FwCfgFile, 1);
        g_strlcpy(f->name, name, sizeof(f->name));
        g_ptr_array_add(s->files, f);
        g_ptr_array_sort(s->files, fw_cfg_file_cmp);
    }
    f->data = g_bytes_new(data, len);
    fw_cfg_rebuild_dir(s);
}

static uint64_t fw_cfg_data_read(void *opaque, hwaddr addr, unsigned size)
{
    FwCfg *s = opaque;
    GBytes *item = g_hash_table_lookup(s->items, GUINT_TO_POINTER(s->cur));
    size_t len = 0;
    const uint8_t *p = item ? g_bytes_get_data(item, &len) : NULL;
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        v = (v << 8) | (s->offset < len ? p[s->offset++] : 0);
    }
    return v;
}

static void fw_cfg_data_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    log_guest_error("fw_cfg: write to the data register ignored (read-only items)\n");
}

static uint64_t fw_cfg_ctl_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void fw_cfg_ctl_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    FwCfg *s = opaque;

    /* The write channel bit selects the same item; nothing is writable. */
    s->cur = val & ~FW_CFG_WRITE_CHANNEL;
    s->offset = 0;
}

static const MemoryRegionOps fw_cfg_ctl_ops_be = {
    .read = fw_cfg_ctl_read,
    .write = fw_cfg_ctl_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 2, .max_access_size = 2 },
};

static const MemoryRegionOps fw_cfg_ctl_ops_le = {
    .read = fw_cfg_ctl_read,
    .write = fw_cfg_ctl_write,
    .endianness = MEM_LITTLE_ENDIAN,
    .valid = { .min_access_size = 2, .max_access_size = 2 },
};

static bool fw_cfg_realize(Device *dev, GError **err)
{
    FwCfg *s = (FwCfg *)dev;
    static const uint8_t signature[4] = { 'Q', 'E', 'M', 'U' };

    if (s->data_width & (s->data_width - 1)) {
        g_set_error(err, CHIMERA_ERROR, 0,
                    "fw_cfg: data-width must be 1, 2, 4 or 8");
        return false;
    }
    /* The data register's ops depend on its width, so each device has its own. */
    MemoryRegionOps *data_ops = g_new0(MemoryRegionOps, 1);
    data_ops->read = fw_cfg_data_read;
    data_ops->write = fw_cfg_data_write;
    data_ops->endianness = MEM_BIG_ENDIAN;
    data_ops->valid.min_access_size = 1;
    data_ops->valid.max_access_size = s->data_width;

    memory_region_init_io(&s->ctl_mmio, s->big_endian ? &fw_cfg_ctl_ops_be : &fw_cfg_ctl_ops_le,
                          s, "fw_cfg.ctl", 2);
    memory_region_init_io(&s->data_mmio, data_ops, s, "fw_cfg.data", s->data_width);
    device_add_mmio(dev, &s->ctl_mmio);
    device_add_mmio(dev, &s->data_mmio);

    s->items = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_bytes_unref);
    s->files = g_ptr_array_new();
    fw_cfg_add_bytes(dev, FW_CFG_SIGNATURE, signature, sizeof(signature));
    fw_cfg_add_i32(dev, FW_CFG_ID, 1);
    fw_cfg_rebuild_dir(s);
    return true;
}

static void fw_cfg_reset(Device *dev)
{
    FwCfg *s = (FwCfg *)dev;

    s->cur = 0;
    s->offset = 0;
}

static const Property fw_cfg_props[] = {
    PROP_U32_("data-width", FwCfg, data_width, 1, 1, 8, "data register width in bytes"),
    PROP_BOOL_("big-endian", FwCfg, big_endian, true, "selector register byte order"),
    PROP_END,
};

static const DeviceType fw_cfg_type = {
    .name = "fw_cfg",
    .desc = "QEMU firmware configuration interface",
    .instance_size = sizeof(FwCfg),
    .props = fw_cfg_props,
    .realize = fw_cfg_realize,
    .reset = fw_cfg_reset,
};

static void __attribute__((constructor)) fw_cfg_register(void)
{
    device_type_register(&fw_cfg_type);
}
