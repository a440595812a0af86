/*
 * Raw-format block backends for -drive.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block/block.h"
#include "hw/core/qdev.h"
#include "util/cutils.h"
#include "util/error.h"

static GPtrArray *drives;

static const char *const interface_names[] = {
    [IF_NONE] = "none", [IF_IDE] = "ide", [IF_SCSI] = "scsi", [IF_FLOPPY] = "floppy",
    [IF_VIRTIO] = "virtio", [IF_PFLASH] = "pflash", [IF_SD] = "sd", [IF_MTD] = "mtd",
};

const char *blk_interface_name(BlockInterface interface)
{
    return interface_names[interface];
}

static bool parse_interface(const char *s, BlockInterface *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(interface_names); i++) {
        if (!strcmp(s, interface_names[i])) {
            *out = i;
            return true;
        }
    }
    return false;
}

static bool parse_index(GArray *kv, const char *key, int *out, GError **err)
{
    const char *v = keyval_get(kv, key);
    uint64_t n;
    *out = -1;
    if (!v) {
        return true;
    }
    if (!parse_uint64(v, &n) || n > 255) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive: invalid %s '%s'", key, v);
        return false;
    }
    *out = n;
    return true;
}

static void *blk_resolve(const char *id)
{
    return blk_by_id(id);
}

BlockBackend *blk_new_from_options(const char *options, GError **err)
{
    static const char *const known[] = {
        "file", "if", "format", "index", "bus", "unit", "media", "readonly", "id", "cache",
        "snapshot", "aio", "discard", NULL,
    };
    GArray *kv = keyval_parse(options, "file", err);
    BlockBackend *blk = NULL;
    BlockInterface interface = IF_IDE;
    const char *file, *format, *media, *v;
    bool read_only = false;
    int bus, unit, index;
    struct stat st;

    if (!kv) {
        return NULL;
    }
    for (guint i = 0; i < kv->len; i++) {
        const char *key = g_array_index(kv, KeyVal, i).key;
        if (!g_strv_contains(known, key)) {
            g_set_error(err, CHIMERA_ERROR, 0, "-drive: invalid parameter '%s'", key);
            goto out;
        }
    }
    file = keyval_get(kv, "file");
    format = keyval_get(kv, "format");
    media = keyval_get(kv, "media");
    if ((v = keyval_get(kv, "if")) && !parse_interface(v, &interface)) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive: unsupported interface if=%s", v);
        goto out;
    }
    if (format && strcmp(format, "raw")) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive: format '%s' is not supported (only raw)",
                    format);
        goto out;
    }
    if (media && strcmp(media, "disk") && strcmp(media, "cdrom")) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive: media '%s' must be disk or cdrom", media);
        goto out;
    }
    if ((v = keyval_get(kv, "readonly")) && !parse_bool(v, &read_only)) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive: readonly expects on or off, not '%s'", v);
        goto out;
    }
    if (!parse_index(kv, "bus", &bus, err) || !parse_index(kv, "unit", &unit, err) ||
        !parse_index(kv, "index", &index, err)) {
        goto out;
    }
    if (!file || !*file) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive: no file= given");
        goto out;
    }
    if (media && !strcmp(media, "cdrom")) {
        read_only = true;
    }
    int fd = open(file, read_only ? O_RDONLY : O_RDWR);
    if (fd < 0 && errno == EACCES && !read_only) {
        g_set_error(err, CHIMERA_ERROR, 0,
                    "-drive file=%s: cannot open for writing: %s (add readonly=on)", file,
                    g_strerror(errno));
        goto out;
    }
    if (fd < 0) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive file=%s: %s", file, g_strerror(errno));
        goto out;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive file=%s: not a regular file", file);
        close(fd);
        goto out;
    }
    blk = g_new0(BlockBackend, 1);
    blk->fd = fd;
    blk->filename = g_strdup(file);
    blk->size = st.st_size;
    blk->read_only = read_only;
    blk->is_cdrom = media && !strcmp(media, "cdrom");
    blk->interface = interface;
    blk->bus = bus;
    blk->unit = unit;
    blk->index = index;
    if (!drives) {
        drives = g_ptr_array_new();
        link_resolver_register("drive", blk_resolve);
    }
    /* Drives without an index take the next free one on their interface. */
    if (blk->index < 0) {
        int n = 0;
        while (blk_find(interface, n)) {
            n++;
        }
        blk->index = n;
    }
    blk->id = g_strdup(keyval_get(kv, "id") ? keyval_get(kv, "id")
                                            : g_strdup_printf("%s%d", interface_names[interface],
                                                              blk->index));
    g_ptr_array_add(drives, blk);
out:
    keyval_list_free(kv);
    return blk;
}

BlockBackend *blk_find(BlockInterface interface, int index)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        BlockBackend *b = g_ptr_array_index(drives, i);
        if (b->interface == interface && b->index == index) {
            return b;
        }
    }
    return NULL;
}

BlockBackend *blk_by_id(const char *id)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        BlockBackend *b = g_ptr_array_index(drives, i);
        if (!strcmp(b->id, id)) {
            return b;
        }
    }
    return NULL;
}

GPtrArray *blk_all(void)
{
    if (!drives) {
        drives = g_ptr_array_new();
    }
    return drives;
}

bool blk_pread(BlockBackend *blk, uint64_t offset, void *buf, size_t len)
{
    if (offset > blk->size || len > blk->size - offset) {
        return false;
    }
    while (len) {
        ssize_t n = pread(blk->fd, buf, len, offset);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            return false;
        }
        buf = (char *)buf + n;
        offset += n;
        len -= n;
    }
    return true;
}

bool blk_pwrite(BlockBackend *blk, uint64_t offset, const void *buf, size_t len)
{
    if (blk->read_only || offset > blk->size || len > blk->size - offset) {
        return false;
    }
    while (len) {
        ssize_t n = pwrite(blk->fd, buf, len, offset);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            return false;
        }
        buf = (const char *)buf + n;
        offset += n;
        len -= n;
    }
    return true;
}

bool blk_flush(BlockBackend *blk)
{
    return blk->read_only || fdatasync(blk->fd) == 0;
}

void blk_flush_all(void)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        blk_flush(g_ptr_array_index(drives, i));
    }
}
