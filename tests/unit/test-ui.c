/*
 * Unit tests for the display and input front ends (ui/): surface formats
 * and their conversion, consoles and listeners, dirty tracking, the
 * hardware cursor, the PPM and PNG writers (the PNG decoded back here with
 * GIO's zlib decompressor), the key tables and sendkey combinations.
 */
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hw/core/loader.h"
#include "util/crc32.h"
#include "util/symbols.h"
#include "hw/core/machine.h"
#include "hw/display/tcx.h"
#include "softmmu/timer.h"
#include "ui/console.h"
#include "ui/input.h"

/* The timers call this to wake a main loop; the tests run timers by hand. */
void main_loop_wakeup(void)
{
}

/* The TCX looks for its PROM through the machine; there is none here. */
MachineState *current_machine;

char *machine_find_firmware(MachineState *ms, const char *name)
{
    return NULL;
}

static uint32_t host_pixel(pixman_image_t *img, int x, int y)
{
    const uint8_t *base = (const uint8_t *)pixman_image_get_data(img);
    return ((const uint32_t *)(base + (size_t)y * pixman_image_get_stride(img)))[x] & 0xffffff;
}

/* ---- formats ---- */

typedef struct FormatCase {
    DisplayFormat format;
    uint8_t bytes[8];           /* two pixels as stored in memory */
    uint32_t rgb[2];            /* what they must look like */
} FormatCase;

static const FormatCase format_cases[] = {
    { DISPLAY_FORMAT_RGB565_LE, { 0x00, 0xf8, 0x1f, 0x00 }, { 0xff0000, 0x0000ff } },
    { DISPLAY_FORMAT_RGB565_BE, { 0xf8, 0x00, 0x07, 0xe0 }, { 0xff0000, 0x00ff00 } },
    { DISPLAY_FORMAT_RGB555_LE, { 0x00, 0x7c, 0xe0, 0x03 }, { 0xff0000, 0x00ff00 } },
    { DISPLAY_FORMAT_RGB555_BE, { 0x00, 0x1f, 0x7c, 0x00 }, { 0x0000ff, 0xff0000 } },
    { DISPLAY_FORMAT_RGB888, { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 }, { 0x112233, 0x445566 } },
    { DISPLAY_FORMAT_BGR888, { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 }, { 0x332211, 0x665544 } },
    { DISPLAY_FORMAT_XRGB8888_LE, { 0x33, 0x22, 0x11, 0x00, 0x66, 0x55, 0x44, 0xff },
      { 0x112233, 0x445566 } },
    { DISPLAY_FORMAT_XRGB8888_BE, { 0x00, 0x11, 0x22, 0x33, 0xff, 0x44, 0x55, 0x66 },
      { 0x112233, 0x445566 } },
    { DISPLAY_FORMAT_XBGR8888_LE, { 0x11, 0x22, 0x33, 0x00, 0x44, 0x55, 0x66, 0x00 },
      { 0x112233, 0x445566 } },
    { DISPLAY_FORMAT_XBGR8888_BE, { 0x00, 0x33, 0x22, 0x11, 0x00, 0x66, 0x55, 0x44 },
      { 0x112233, 0x445566 } },
};

static void test_formats(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(format_cases); i++) {
        const FormatCase *c = &format_cases[i];
        DisplaySurface *s = display_surface_new(2, 1, c->format);
        pixman_image_t *host = pixman_image_create_bits(PIXMAN_x8r8g8b8, 2, 1, NULL, 0);

        memcpy(s->data, c->bytes, 2 * display_format_bytes(c->format));
        display_surface_convert(s, host, 0, 0, 2, 1);
        g_assert_cmphex(host_pixel(host, 0, 0), ==, c->rgb[0]);
        g_assert_cmphex(host_pixel(host, 1, 0), ==, c->rgb[1]);
        pixman_image_unref(host);
        display_surface_free(s);
    }
}

static void test_palette(void)
{
    static const uint32_t colors[3] = { 0x123456, 0xabcdef, 0xff8000 };
    uint8_t vram[4 * 2] = { 0, 1, 2, 1, 2, 2, 0, 200 };
    DisplaySurface *s = display_surface_new_from(4, 2, DISPLAY_FORMAT_PALETTE8, 4, vram);
    pixman_image_t *host = pixman_image_create_bits(PIXMAN_x8r8g8b8, 4, 2, NULL, 0);

    display_surface_set_palette(s, 0, 3, colors);
    display_surface_convert(s, host, 0, 0, 4, 2);
    g_assert_cmphex(host_pixel(host, 0, 0), ==, 0x123456);
    g_assert_cmphex(host_pixel(host, 1, 0), ==, 0xabcdef);
    g_assert_cmphex(host_pixel(host, 2, 0), ==, 0xff8000);
    g_assert_cmphex(host_pixel(host, 3, 1), ==, 0x000000);
    /* A palette change shows at the next conversion; only the rectangle asked for. */
    display_surface_set_palette(s, 1, 1, (const uint32_t[]){ 0x00ff00 });
    display_surface_convert(s, host, 1, 0, 1, 1);
    g_assert_cmphex(host_pixel(host, 1, 0), ==, 0x00ff00);
    g_assert_cmphex(host_pixel(host, 3, 0), ==, 0xabcdef);
    pixman_image_unref(host);
    display_surface_free(s);
}

/* ---- consoles, listeners, dirty tracking ---- */

typedef struct Recorder {
    int switches;
    int sw_w, sw_h;
    GArray *rects;              /* pixman_box32_t: x1, y1, x2, y2 */
} Recorder;

static void rec_switch(void *opaque, DisplayConsole *con, pixman_image_t *host)
{
    Recorder *r = opaque;
    r->switches++;
    r->sw_w = pixman_image_get_width(host);
    r->sw_h = pixman_image_get_height(host);
}

static void rec_update(void *opaque, DisplayConsole *con, int x, int y, int w, int h)
{
    Recorder *r = opaque;
    pixman_box32_t b = { x, y, x + w, y + h };
    g_array_append_val(r->rects, b);
}

static const DisplayListenerOps rec_ops = { rec_switch, rec_update };

/* A fake 8-bit framebuffer device: its update scans for changes. */
typedef struct FakeFb {
    DisplayConsole *con;
    uint8_t vram[64 * 32];
    DisplayDirty dirty;
    int updates;
} FakeFb;

static void fakefb_update(void *opaque)
{
    FakeFb *fb = opaque;
    fb->updates++;
    display_dirty_scan(&fb->dirty, fb->vram, 64, fb->con);
}

static void fakefb_invalidate(void *opaque)
{
    display_dirty_reset(&((FakeFb *)opaque)->dirty);
}

static const DisplayConsoleOps fakefb_ops = {
    .update = fakefb_update, .invalidate = fakefb_invalidate,
};

static void test_console_dirty(void)
{
    FakeFb *fb = g_new0(FakeFb, 1);
    Recorder rec = { .rects = g_array_new(FALSE, FALSE, sizeof(pixman_box32_t)) };
    DisplaySurface *s;
    pixman_box32_t *b;

    fb->con = display_console_new(&fakefb_ops, fb);
    g_assert_true(display_console_lookup(display_console_index(fb->con)) == fb->con);
    g_assert_true(display_console_is_graphic(fb->con));
    display_listener_register(&rec_ops, &rec);
    /* 256-byte pages over 64-byte rows: a page is four rows. */
    display_dirty_init(&fb->dirty, sizeof(fb->vram), 256);
    s = display_surface_new_from(64, 32, DISPLAY_FORMAT_PALETTE8, 64, fb->vram);
    display_surface_set_palette(s, 7, 1, (const uint32_t[]){ 0x00ff00 });
    display_console_set_surface(fb->con, s);
    g_assert_cmpint(rec.switches, ==, 1);
    g_assert_cmpint(rec.sw_w, ==, 64);
    g_assert_cmpint(rec.sw_h, ==, 32);
    g_assert_cmpint(rec.rects->len, ==, 1);       /* the whole new screen */

    /* First scan: everything is new, one band. */
    g_array_set_size(rec.rects, 0);
    display_console_refresh(fb->con);
    g_assert_cmpint(rec.rects->len, ==, 1);
    /* Nothing changed: nothing reported. */
    g_array_set_size(rec.rects, 0);
    display_console_refresh(fb->con);
    g_assert_cmpint(rec.rects->len, ==, 0);
    /* Two separate pages change: rows 4-7 and 20-23, as two bands. */
    fb->vram[5 * 64 + 3] = 7;
    fb->vram[21 * 64 + 10] = 7;
    fb->vram[22 * 64 + 10] = 7;
    display_console_refresh(fb->con);
    g_assert_cmpint(rec.rects->len, ==, 2);
    b = &g_array_index(rec.rects, pixman_box32_t, 0);
    g_assert_cmpint(b->y1, ==, 4);
    g_assert_cmpint(b->y2, ==, 8);
    g_assert_cmpint(b->x2, ==, 64);
    b = &g_array_index(rec.rects, pixman_box32_t, 1);
    g_assert_cmpint(b->y1, ==, 20);
    g_assert_cmpint(b->y2, ==, 24);
    g_assert_cmphex(host_pixel(display_console_host_image(fb->con), 3, 5), ==, 0x00ff00);
    g_assert_cmphex(host_pixel(display_console_host_image(fb->con), 10, 22), ==, 0x00ff00);
    /* Adjacent pages merge into one band. */
    g_array_set_size(rec.rects, 0);
    fb->vram[9 * 64] = 1;
    fb->vram[12 * 64] = 1;
    display_console_refresh(fb->con);
    g_assert_cmpint(rec.rects->len, ==, 1);
    b = &g_array_index(rec.rects, pixman_box32_t, 0);
    g_assert_cmpint(b->y1, ==, 8);
    g_assert_cmpint(b->y2, ==, 16);
    /* Invalidate: the next refresh reports everything again. */
    g_array_set_size(rec.rects, 0);
    display_console_invalidate(fb->con);
    display_console_refresh(fb->con);
    g_assert_cmpint(rec.rects->len, ==, 1);
    b = &g_array_index(rec.rects, pixman_box32_t, 0);
    g_assert_cmpint(b->y2 - b->y1, ==, 32);
    /* Updates are clipped to the surface. */
    g_array_set_size(rec.rects, 0);
    dpy_gfx_update(fb->con, 60, 30, 100, 100);
    dpy_gfx_update(fb->con, 70, 0, 5, 5);
    g_assert_cmpint(rec.rects->len, ==, 1);
    b = &g_array_index(rec.rects, pixman_box32_t, 0);
    g_assert_cmpint(b->x2, ==, 64);
    g_assert_cmpint(b->y2, ==, 32);

    display_listener_unregister(&rec);
    g_array_free(rec.rects, TRUE);
    display_dirty_destroy(&fb->dirty);
}

static void test_cursor(void)
{
    DisplayConsole *con = display_console_new(&(DisplayConsoleOps){ 0 }, NULL);
    DisplaySurface *s = display_surface_resize(con, 16, 16, DISPLAY_FORMAT_XRGB8888_LE);
    uint32_t cursor[2 * 2] = { 0xffff0000, 0x00000000, 0xffff0000, 0xffff0000 };
    pixman_image_t *host;

    memset(s->data, 0x20, (size_t)s->stride * 16);
    dpy_gfx_update_full(con);
    host = display_console_host_image(con);
    g_assert_cmphex(host_pixel(host, 5, 5), ==, 0x202020);
    dpy_cursor_define(con, 2, 2, 1, 1, cursor);
    dpy_cursor_move(con, 5, 5, true);
    /* The hot spot (1,1) sits on (5,5): the image covers 4..5 x 4..5. */
    g_assert_cmphex(host_pixel(host, 4, 4), ==, 0xff0000);
    g_assert_cmphex(host_pixel(host, 5, 4), ==, 0x202020);   /* transparent */
    g_assert_cmphex(host_pixel(host, 5, 5), ==, 0xff0000);
    /* Moving restores what was underneath. */
    dpy_cursor_move(con, 10, 10, true);
    g_assert_cmphex(host_pixel(host, 4, 4), ==, 0x202020);
    g_assert_cmphex(host_pixel(host, 9, 9), ==, 0xff0000);
    /* A guest update under the cursor keeps it on top. */
    dpy_gfx_update_full(con);
    g_assert_cmphex(host_pixel(host, 9, 9), ==, 0xff0000);
    dpy_cursor_move(con, 10, 10, false);
    g_assert_cmphex(host_pixel(host, 9, 9), ==, 0x202020);
}

/* ---- PPM and PNG ---- */

static pixman_image_t *test_image(int w, int h)
{
    pixman_image_t *img = pixman_image_create_bits(PIXMAN_x8r8g8b8, w, h, NULL, 0);
    uint8_t *base = (uint8_t *)pixman_image_get_data(img);

    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(base + (size_t)y * pixman_image_get_stride(img));
        for (int x = 0; x < w; x++) {
            row[x] = (uint32_t)(x * 7) << 16 | (uint32_t)(y * 13) << 8 | (uint32_t)(x ^ y);
        }
    }
    return img;
}

static void test_ppm(void)
{
    pixman_image_t *img = test_image(5, 3);
    GBytes *b = display_encode_ppm(img);
    gsize len;
    const uint8_t *d = g_bytes_get_data(b, &len);
    const char header[] = "P6\n5 3\n255\n";
    size_t hl = strlen(header);

    g_assert_cmpuint(len, ==, hl + 5 * 3 * 3);
    g_assert_cmpmem(d, hl, header, hl);
    /* pixel (4, 2) */
    g_assert_cmpuint(d[hl + (2 * 5 + 4) * 3 + 0], ==, 28);
    g_assert_cmpuint(d[hl + (2 * 5 + 4) * 3 + 1], ==, 26);
    g_assert_cmpuint(d[hl + (2 * 5 + 4) * 3 + 2], ==, 6);
    g_bytes_unref(b);
    pixman_image_unref(img);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static GBytes *inflate_zlib(const uint8_t *data, size_t len)
{
    GZlibDecompressor *z = g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
    GInputStream *mem = g_memory_input_stream_new_from_data(data, (gssize)len, NULL);
    GInputStream *conv = g_converter_input_stream_new(mem, G_CONVERTER(z));
    GByteArray *out = g_byte_array_new();
    uint8_t buf[4096];
    gssize n;

    while ((n = g_input_stream_read(conv, buf, sizeof(buf), NULL, NULL)) > 0) {
        g_byte_array_append(out, buf, (guint)n);
    }
    g_assert_cmpint(n, ==, 0);
    g_object_unref(conv);
    g_object_unref(mem);
    g_object_unref(z);
    return g_byte_array_free_to_bytes(out);
}

/* Checks the PNG's structure and CRCs and that its pixels are img's. */
static void check_png(const uint8_t *d, size_t len, pixman_image_t *img)
{
    static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    int w = pixman_image_get_width(img), h = pixman_image_get_height(img);
    GByteArray *idat = g_byte_array_new();
    bool seen_end = false;
    size_t pos = 8;
    GBytes *raw;
    const uint8_t *px;
    gsize rawlen;

    g_assert_cmpmem(d, 8, sig, 8);
    while (pos < len) {
        uint32_t clen = be32(d + pos);
        const uint8_t *type = d + pos + 4, *body = d + pos + 8;
        g_assert_cmpuint(pos + 12 + clen, <=, len);
        g_assert_cmphex(be32(body + clen), ==, crc32_update(0, type, 4 + clen));
        if (!memcmp(type, "IHDR", 4)) {
            g_assert_cmpuint(clen, ==, 13);
            g_assert_cmpuint(be32(body), ==, (uint32_t)w);
            g_assert_cmpuint(be32(body + 4), ==, (uint32_t)h);
            g_assert_cmpuint(body[8], ==, 8);
            g_assert_cmpuint(body[9], ==, 2);
        } else if (!memcmp(type, "IDAT", 4)) {
            g_byte_array_append(idat, body, clen);
        } else if (!memcmp(type, "IEND", 4)) {
            seen_end = true;
        }
        pos += 12 + clen;
    }
    g_assert_true(seen_end);
    g_assert_cmpuint(pos, ==, len);

    raw = inflate_zlib(idat->data, idat->len);
    px = g_bytes_get_data(raw, &rawlen);
    g_assert_cmpuint(rawlen, ==, (size_t)h * (1 + w * 3));
    for (int y = 0; y < h; y++) {
        const uint8_t *row = px + (size_t)y * (1 + w * 3);
        g_assert_cmpuint(row[0], ==, 0);
        for (int x = 0; x < w; x++) {
            uint32_t rgb = host_pixel(img, x, y);
            g_assert_cmpuint(row[1 + x * 3], ==, rgb >> 16);
            g_assert_cmpuint(row[2 + x * 3], ==, (rgb >> 8) & 0xff);
            g_assert_cmpuint(row[3 + x * 3], ==, rgb & 0xff);
        }
    }
    g_bytes_unref(raw);
    g_byte_array_unref(idat);
}

static void test_png(void)
{
    pixman_image_t *img = test_image(37, 21);
    GBytes *b = display_encode_png(img, NULL);
    gsize len;
    const uint8_t *d = g_bytes_get_data(b, &len);

    check_png(d, len, img);
    g_bytes_unref(b);
    pixman_image_unref(img);
}

static void test_screendump_file(void)
{
    DisplayConsole *con = display_console_new(&(DisplayConsoleOps){ 0 }, NULL);
    DisplaySurface *s = display_surface_resize(con, 8, 4, DISPLAY_FORMAT_RGB888);
    g_autofree char *dir = g_dir_make_tmp("test-ui-XXXXXX", NULL);
    g_autofree char *png = g_build_filename(dir, "shot.png", NULL);
    g_autofree char *ppm = g_build_filename(dir, "shot", NULL);
    g_autofree char *bad = g_build_filename(dir, "nodir", "x.ppm", NULL);
    GError *err = NULL;
    gchar *data;
    gsize len;

    s->data[0] = 0xff;      /* pixel (0,0) red */
    dpy_gfx_update_full(con);
    g_assert_true(display_screendump(con, png, NULL, &err));
    g_assert_true(g_file_get_contents(png, &data, &len, NULL));
    check_png((const uint8_t *)data, len, display_console_host_image(con));
    g_free(data);
    /* No extension: PPM, QEMU's default; -f overrides. */
    g_assert_true(display_screendump(con, ppm, NULL, &err));
    g_assert_true(g_file_get_contents(ppm, &data, &len, NULL));
    g_assert_true(g_str_has_prefix(data, "P6\n8 4\n255\n"));
    g_assert_cmpuint((uint8_t)data[11], ==, 0xff);
    g_free(data);
    g_assert_true(display_screendump(con, ppm, "png", &err));
    g_assert_true(g_file_get_contents(ppm, &data, &len, NULL));
    g_assert_cmpuint((uint8_t)data[0], ==, 0x89);
    g_free(data);
    g_assert_false(display_screendump(con, ppm, "bmp", &err));
    g_assert_nonnull(strstr(err->message, "bmp"));
    g_clear_error(&err);
    g_assert_false(display_screendump(con, bad, NULL, &err));
    g_clear_error(&err);
    g_unlink(png);
    g_unlink(ppm);
    g_rmdir(dir);
}

/* ---- keys ---- */

static void test_keymaps(void)
{
    QKeyCode a = qcode_from_name("a");

    g_assert_cmpint(a, ==, Q_KEY_CODE_A);
    g_assert_cmpstr(qcode_name(a), ==, "a");
    g_assert_cmphex(qcode_to_ps2_set1(a), ==, 0x1e);
    g_assert_cmphex(qcode_to_ps2_set2(a), ==, 0x1c);
    g_assert_cmphex(qcode_to_sun_type5(a), ==, 0x4d);
    g_assert_cmphex(qcode_to_adb(a), ==, 0x00);
    g_assert_cmpint(qcode_from_usb(4), ==, a);
    g_assert_cmpint(qcode_to_ascii(a, false), ==, 'a');
    g_assert_cmpint(qcode_to_ascii(a, true), ==, 'A');
    /* Keys a Sun keyboard has and a PC does not, and the other way round. */
    g_assert_cmphex(qcode_to_sun_type5(qcode_from_name("stop")), ==, 0x01);
    g_assert_cmphex(qcode_to_sun_type5(qcode_from_name("ret")), ==, 0x59);
    g_assert_cmphex(qcode_to_sun_type5(qcode_from_name("shift")), ==, 0x63);
    g_assert_cmphex(qcode_to_sun_type5(qcode_from_name("f1")), ==, 0x05);
    g_assert_cmpint(qcode_to_sun_type5(qcode_from_name("henkan")), ==, -1);
    g_assert_cmphex(qcode_to_ps2_set1(qcode_from_name("kp_enter")), ==, 0xe01c);
    g_assert_cmphex(qcode_to_ps2_set2(qcode_from_name("right")), ==, 0xe074);
    g_assert_cmpint(qcode_from_usb(224), ==, qcode_from_name("ctrl"));
    g_assert_cmpint(qcode_from_ps2_set1(0x37), ==, qcode_from_name("asterisk"));
    g_assert_cmpint(qcode_from_name("nosuchkey"), ==, Q_KEY_CODE_UNMAPPED);
    g_assert_cmpstr(qcode_name(-5), ==, "unmapped");
    g_assert_cmpint(qcode_to_sun_type5(Q_KEY_CODE__MAX), ==, -1);
    /* Every name is unique and found again. */
    for (QKeyCode k = 1; k < Q_KEY_CODE__MAX; k++) {
        g_assert_cmpint(qcode_from_name(qcode_name(k)), ==, k);
    }
}

typedef struct KeyLog {
    GString *s;
} KeyLog;

static void log_key(void *opaque, QKeyCode key, bool down)
{
    KeyLog *l = opaque;
    g_string_append_printf(l->s, "%c%s ", down ? '+' : '-', qcode_name(key));
}

static void test_sendkey(void)
{
    KeyLog log = { g_string_new(NULL) };
    GError *err = NULL;

    ui_input_register_keyboard(log_key, &log);
    g_assert_true(ui_input_send_combo("ctrl-alt-f1", 10, &err));
    g_assert_cmpstr(log.s->str, ==, "+ctrl +alt +f1 ");
    /* Released in reverse order once the hold time is up. */
    g_usleep(20000);
    g_assert_true(timers_run_expired());
    g_assert_cmpstr(log.s->str, ==, "+ctrl +alt +f1 -f1 -alt -ctrl ");
    /* Numbers are set 1 scan codes; a new combo releases one still held. */
    g_string_truncate(log.s, 0);
    g_assert_true(ui_input_send_combo("shift-0x1e", 1000, &err));
    g_assert_true(ui_input_send_combo("b", 1000, &err));
    g_assert_cmpstr(log.s->str, ==, "+shift +a -a -shift +b ");
    g_string_truncate(log.s, 0);
    ui_input_release_all();
    g_assert_cmpstr(log.s->str, ==, "-b ");
    g_assert_false(ui_input_send_combo("ctrl-bogus", 0, &err));
    g_assert_cmpstr(err->message, ==, "invalid parameter: bogus");
    g_clear_error(&err);
    g_string_free(log.s, TRUE);
}

typedef struct MouseLog {
    int dx, dy, dz;
    unsigned buttons;
    int events;
} MouseLog;

static void log_mouse(void *opaque, int dx, int dy, int dz, unsigned buttons)
{
    MouseLog *m = opaque;
    m->dx = dx;
    m->dy = dy;
    m->dz = dz;
    m->buttons = buttons;
    m->events++;
}

static void test_mouse(void)
{
    MouseLog m = { 0 };

    ui_input_send_mouse(1, 2, 0, 0);    /* no mouse yet: dropped */
    ui_input_register_mouse(log_mouse, &m, false);
    g_assert_false(ui_input_mouse_is_absolute());
    ui_input_send_mouse(-3, 4, 1, UI_BUTTON_LEFT | UI_BUTTON_RIGHT);
    g_assert_cmpint(m.events, ==, 1);
    g_assert_cmpint(m.dx, ==, -3);
    g_assert_cmpint(m.dy, ==, 4);
    g_assert_cmpint(m.dz, ==, 1);
    g_assert_cmpuint(m.buttons, ==, UI_BUTTON_LEFT | UI_BUTTON_RIGHT);
    ui_input_register_mouse(log_mouse, &m, true);
    g_assert_true(ui_input_mouse_is_absolute());
}

/* ---- the TCX through its registers and planes ---- */

#define TCX_BASE 0x50000000ull

static int tcx_irq_level;

static void tcx_irq_handler(void *opaque, int n, int level)
{
    tcx_irq_level = level;
}

/* Sets an entry through the Bt458's address port and a color port: 4 for
 * the palette, 12 for the overlay (cursor) colors. */
static void tcx_set_color(hwaddr dac, hwaddr port, int index, uint32_t rgb)
{
    address_space_stl_be(&address_space_memory, dac, (uint32_t)index << 24, NULL);
    for (int shift = 16; shift >= 0; shift -= 8) {
        address_space_stl_be(&address_space_memory, dac + port, ((rgb >> shift) & 0xff) << 24,
                             NULL);
    }
}

static DisplayConsole *tcx_console(void)
{
    return display_console_lookup(display_console_count() - 1);
}

static void test_tcx8(void)
{
    Irq *irq = irq_new(tcx_irq_handler, NULL, 0);
    hwaddr base = TCX_BASE;
    DisplayConsole *con;
    pixman_image_t *host;

    tcx_create(base, irq, 640, 480, 8);
    devices_reset_all();
    con = tcx_console();
    host = display_console_host_image(con);
    g_assert_cmpint(pixman_image_get_width(host), ==, 640);
    g_assert_cmpint(pixman_image_get_height(host), ==, 480);

    /* Reset palette: 255 is white. Rows are 1024 bytes apart whatever the width. */
    address_space_stb(&address_space_memory, base + 0x800000 + 10 * 1024 + 20, 255, NULL);
    display_console_refresh(con);
    g_assert_cmphex(host_pixel(host, 20, 10), ==, 0xffffff);
    g_assert_cmphex(host_pixel(host, 21, 10), ==, 0x000000);

    /* A palette write shows at the next refresh; reading it back autoincrements. */
    tcx_set_color(base + 0x200000, 4, 255, 0x336699);
    display_console_refresh(con);
    g_assert_cmphex(host_pixel(host, 20, 10), ==, 0x336699);
    address_space_stl_be(&address_space_memory, base + 0x200000, 255u << 24, NULL);
    g_assert_cmphex(address_space_ldl_be(&address_space_memory, base + 0x200004, NULL), ==,
                    0x33000000);
    g_assert_cmphex(address_space_ldl_be(&address_space_memory, base + 0x200004, NULL), ==,
                    0x66000000);

    /* Stipple: latch color 255, then a mask of pixels from pixel 5 * 1024 + 32. */
    address_space_stq_be(&address_space_memory, base + 0x4000000 + (5 * 1024 + 32) * 8,
                         255ull << 32 | 0xa0000000u, NULL);
    display_console_refresh(con);
    g_assert_cmphex(host_pixel(host, 32, 5), ==, 0x336699);
    g_assert_cmphex(host_pixel(host, 33, 5), ==, 0x000000);
    g_assert_cmphex(host_pixel(host, 34, 5), ==, 0x336699);
    /* Blit: copy 4 pixels from row 5 to row 6; fill 3 pixels of row 7 with color 255. */
    address_space_stq_be(&address_space_memory, base + 0x6000000 + (6 * 1024 + 32) * 8,
                         (3ull << 24 | (5 * 1024 + 32)), NULL);
    address_space_stq_be(&address_space_memory, base + 0x6000000 + (7 * 1024) * 8,
                         255ull << 32 | 2u << 24 | 0xffffff, NULL);
    /* A blit past the end of the plane stays inside it. */
    address_space_stq_be(&address_space_memory, base + 0x6000000 + 0xfffffull * 8,
                         31u << 24 | 0xffffff, NULL);
    display_console_refresh(con);
    g_assert_cmphex(host_pixel(host, 34, 6), ==, 0x336699);
    g_assert_cmphex(host_pixel(host, 33, 6), ==, 0x000000);
    g_assert_cmphex(host_pixel(host, 2, 7), ==, 0x336699);
    g_assert_cmphex(host_pixel(host, 3, 7), ==, 0x000000);

    /* The THC cursor: mask and bits MSB first, colors from the overlay entries. */
    tcx_set_color(base + 0x200000, 12, 2, 0x00ff00);    /* overlay 2 is color 0 */
    tcx_set_color(base + 0x200000, 12, 3, 0xff0000);    /* overlay 3 is color 1 */
    address_space_stl_be(&address_space_memory, base + 0x300900, 0xc0000000, NULL);
    address_space_stl_be(&address_space_memory, base + 0x300980, 0x40000000, NULL);
    address_space_stl_be(&address_space_memory, base + 0x3008fc, 100 << 16 | 50, NULL);
    display_console_refresh(con);
    g_assert_cmphex(host_pixel(host, 100, 50), ==, 0x00ff00);
    g_assert_cmphex(host_pixel(host, 101, 50), ==, 0xff0000);
    g_assert_cmphex(host_pixel(host, 102, 50), ==, 0x000000);

    /* The vertical retrace interrupt, while enabled. */
    g_assert_cmphex(address_space_ldl_be(&address_space_memory, base + 0x300818, NULL) &
                    0x30, ==, 0);
    address_space_stl_be(&address_space_memory, base + 0x300818, 0x20, NULL);
    g_assert_cmpint(tcx_irq_level, ==, 0);
}

static void test_tcx24(void)
{
    hwaddr base = TCX_BASE + 0x10000000;
    DisplayConsole *con;
    pixman_image_t *host;
    uint8_t direct[4] = { 0x03, 0x11, 0x22, 0x33 };    /* control: true color; B, G, R */

    tcx_create(base, NULL, 1024, 768, 24);
    devices_reset_all();
    con = tcx_console();
    host = display_console_host_image(con);
    g_assert_cmpint(pixman_image_get_width(host), ==, 1024);
    /* Pixel (4, 3) true color from the 24-bit plane, (5, 3) from the palette. */
    address_space_write(&address_space_memory, base + 0x2000000 + (3 * 1024 + 4) * 4,
                        direct, 4);
    address_space_stl_be(&address_space_memory, base + 0xa000000 + (3 * 1024 + 4) * 4,
                         0x03000000, NULL);
    address_space_stb(&address_space_memory, base + 0x800000 + 3 * 1024 + 5, 255, NULL);
    display_console_refresh(con);
    g_assert_cmphex(host_pixel(host, 4, 3), ==, 0x332211);
    g_assert_cmphex(host_pixel(host, 5, 3), ==, 0xffffff);
    /* A palette change reaches the pseudocolor pixels only. */
    tcx_set_color(base + 0x200000, 4, 255, 0x102030);
    display_console_refresh(con);
    g_assert_cmphex(host_pixel(host, 5, 3), ==, 0x102030);
    g_assert_cmphex(host_pixel(host, 4, 3), ==, 0x332211);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ui/surface/formats", test_formats);
    g_test_add_func("/ui/surface/palette", test_palette);
    g_test_add_func("/ui/console/dirty", test_console_dirty);
    g_test_add_func("/ui/console/cursor", test_cursor);
    g_test_add_func("/ui/screendump/ppm", test_ppm);
    g_test_add_func("/ui/screendump/png", test_png);
    g_test_add_func("/ui/screendump/file", test_screendump_file);
    g_test_add_func("/ui/input/keymaps", test_keymaps);
    g_test_add_func("/ui/input/sendkey", test_sendkey);
    g_test_add_func("/ui/input/mouse", test_mouse);
    memory_system_init();
    g_test_add_func("/ui/tcx/8bit", test_tcx8);
    g_test_add_func("/ui/tcx/24bit", test_tcx24);
    return g_test_run();
}
