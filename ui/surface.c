/*
 * Display surfaces (ui/console.h): guest-format pixel buffers wrapped as
 * pixman images, their conversion to the host's x8r8g8b8, and the shadow-copy
 * dirty tracker devices use to find what changed.
 *
 * pixman formats are defined on the pixel read as a native number, so the
 * guest's byte order picks a different pixman format on each host byte
 * order; 16-bit pixels in the foreign order have no pixman format and are
 * swapped row by row while converting.
 */
#include "ui/console.h"

#include <string.h>

typedef struct FormatInfo {
    int bytes;
    pixman_format_code_t le_host;   /* the pixman format on a little-endian host */
    pixman_format_code_t be_host;
    bool big_endian;                /* 16-bit: stored big-endian */
} FormatInfo;

static const FormatInfo format_info[DISPLAY_FORMAT__MAX] = {
    [DISPLAY_FORMAT_PALETTE8] = { 1, PIXMAN_c8, PIXMAN_c8, false },
    [DISPLAY_FORMAT_RGB555_LE] = { 2, PIXMAN_x1r5g5b5, PIXMAN_x1r5g5b5, false },
    [DISPLAY_FORMAT_RGB555_BE] = { 2, PIXMAN_x1r5g5b5, PIXMAN_x1r5g5b5, true },
    [DISPLAY_FORMAT_RGB565_LE] = { 2, PIXMAN_r5g6b5, PIXMAN_r5g6b5, false },
    [DISPLAY_FORMAT_RGB565_BE] = { 2, PIXMAN_r5g6b5, PIXMAN_r5g6b5, true },
    [DISPLAY_FORMAT_RGB888] = { 3, PIXMAN_b8g8r8, PIXMAN_r8g8b8, false },
    [DISPLAY_FORMAT_BGR888] = { 3, PIXMAN_r8g8b8, PIXMAN_b8g8r8, false },
    [DISPLAY_FORMAT_XRGB8888_LE] = { 4, PIXMAN_x8r8g8b8, PIXMAN_b8g8r8x8, false },
    [DISPLAY_FORMAT_XRGB8888_BE] = { 4, PIXMAN_b8g8r8x8, PIXMAN_x8r8g8b8, false },
    [DISPLAY_FORMAT_XBGR8888_LE] = { 4, PIXMAN_x8b8g8r8, PIXMAN_r8g8b8x8, false },
    [DISPLAY_FORMAT_XBGR8888_BE] = { 4, PIXMAN_r8g8b8x8, PIXMAN_x8b8g8r8, false },
};

static const bool host_big_endian = G_BYTE_ORDER == G_BIG_ENDIAN;

int display_format_bytes(DisplayFormat format)
{
    return format_info[format].bytes;
}

DisplaySurface *display_surface_new_from(int width, int height, DisplayFormat format,
                                         int stride, uint8_t *data)
{
    const FormatInfo *fi = &format_info[format];
    DisplaySurface *s = g_new0(DisplaySurface, 1);

    s->width = width;
    s->height = height;
    s->format = format;
    s->stride = stride;
    s->data = data;
    s->swap16 = fi->bytes == 2 && fi->big_endian != host_big_endian;
    s->image = pixman_image_create_bits(host_big_endian ? fi->be_host : fi->le_host,
                                        width, height, (uint32_t *)data, stride);
    if (format == DISPLAY_FORMAT_PALETTE8) {
        s->palette = g_new0(pixman_indexed_t, 1);
        s->palette->color = TRUE;
        for (int i = 0; i < 256; i++) {
            s->palette->rgba[i] = 0xff000000;
        }
        pixman_image_set_indexed(s->image, s->palette);
    }
    return s;
}

DisplaySurface *display_surface_new(int width, int height, DisplayFormat format)
{
    /* pixman wants rows in whole 32-bit words. */
    int stride = (width * format_info[format].bytes + 3) & ~3;
    DisplaySurface *s = display_surface_new_from(width, height, format, stride,
                                                 g_malloc0((size_t)stride * height));
    s->owned = true;
    return s;
}

void display_surface_free(DisplaySurface *s)
{
    if (!s) {
        return;
    }
    pixman_image_unref(s->image);
    if (s->owned) {
        g_free(s->data);
    }
    g_free(s->palette);
    g_free(s);
}

void display_surface_set_palette(DisplaySurface *s, int first, int n, const uint32_t *rgb)
{
    if (!s->palette) {
        return;
    }
    for (int i = 0; i < n && first + i < 256; i++) {
        s->palette->rgba[first + i] = 0xff000000 | (rgb[i] & 0xffffff);
    }
}

/* Converts through a copy of the rectangle with each 16-bit pixel swapped. */
static void surface_convert_swapped(DisplaySurface *s, pixman_image_t *dst, int x, int y,
                                    int w, int h)
{
    int tstride = (w * 2 + 3) & ~3;
    uint8_t *tmp = g_malloc((size_t)tstride * h);
    pixman_image_t *src;

    for (int row = 0; row < h; row++) {
        const uint8_t *in = s->data + (size_t)(y + row) * s->stride + x * 2;
        uint8_t *out = tmp + (size_t)row * tstride;
        for (int i = 0; i < w * 2; i += 2) {
            out[i] = in[i + 1];
            out[i + 1] = in[i];
        }
    }
    src = pixman_image_create_bits(pixman_image_get_format(s->image), w, h, (uint32_t *)tmp,
                                   tstride);
    pixman_image_composite32(PIXMAN_OP_SRC, src, NULL, dst, 0, 0, 0, 0, x, y, w, h);
    pixman_image_unref(src);
    g_free(tmp);
}

void display_surface_convert(DisplaySurface *s, pixman_image_t *dst, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0) {
        return;
    }
    if (s->swap16) {
        surface_convert_swapped(s, dst, x, y, w, h);
    } else {
        pixman_image_composite32(PIXMAN_OP_SRC, s->image, NULL, dst, x, y, 0, 0, x, y, w, h);
    }
}

/* ---- dirty tracking ---- */

void display_dirty_init(DisplayDirty *d, size_t size, size_t page)
{
    d->size = size;
    d->page = page;
    d->shadow = g_malloc0(size);
    display_dirty_reset(d);
}

void display_dirty_destroy(DisplayDirty *d)
{
    g_clear_pointer(&d->shadow, g_free);
}

void display_dirty_reset(DisplayDirty *d)
{
    d->all = true;
}

bool display_dirty_range(DisplayDirty *d, const uint8_t *mem, size_t off, size_t len)
{
    if (off >= d->size) {
        return false;
    }
    len = MIN(len, d->size - off);
    if (!d->all && !memcmp(d->shadow + off, mem + off, len)) {
        return false;
    }
    memcpy(d->shadow + off, mem + off, len);
    return true;
}

void display_dirty_end_pass(DisplayDirty *d)
{
    d->all = false;
}

/* Reports rows first..last (inclusive) as changed. */
static void dirty_report(DisplayConsole *con, long first, long last)
{
    DisplaySurface *s = con ? display_console_surface(con) : NULL;

    if (s && first <= last) {
        dpy_gfx_update(con, 0, (int)first, s->width, (int)(last - first + 1));
    }
}

size_t display_dirty_scan(DisplayDirty *d, const uint8_t *mem, int stride,
                          DisplayConsole *con)
{
    size_t changed = 0;
    long first = 0, last = -1;      /* the band of rows being gathered */

    for (size_t off = 0; off < d->size; off += d->page) {
        size_t len = MIN(d->page, d->size - off);
        long r0, r1;

        if (!display_dirty_range(d, mem, off, len)) {
            continue;
        }
        changed++;
        r0 = (long)(off / stride);
        r1 = (long)((off + len - 1) / stride);
        if (r0 > last + 1) {
            dirty_report(con, first, last);
            first = r0;
        }
        last = r1;
    }
    dirty_report(con, first, last);
    display_dirty_end_pass(d);
    return changed;
}
