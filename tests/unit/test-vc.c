/*
 * Text consoles (ui/vc.c): escape sequences drawn into the console's
 * surface (glyph pixels, colours, cursor motion, erasing, scrolling,
 * wrapping), the consoles' numbering after the graphic ones, the legacy
 * "vc:" specs, and the chardev round trip: output in, typed keys out.
 */
#include <glib.h>
#include <string.h>

#include "chardev/char.h"
#include "hw/core/qdev.h"
#include "softmmu/runstate.h"
#include "ui/console.h"
#include "ui/font8x16.h"
#include "ui/input.h"
#include "ui/vc.h"

/* Test doubles for what chardev/ and the console timer need from other layers. */
void link_resolver_register(const char *kind, LinkResolver resolve)
{
}

void system_shutdown_request(ShutdownCause cause)
{
}

void main_loop_wakeup(void)
{
}

/* Palette indices the terminal draws with (ANSI order, then bright). */
enum { BLACK = 0, RED = 1, BLUE = 4, WHITE = 7, BRIGHT_RED = 9 };

/* A frontend that records what the vc passes on as input. */
typedef struct TestFe {
    CharFrontend fe;
    GString *in;
    int budget;         /* bytes it takes now; -1 for any */
} TestFe;

static int fe_can_read(void *opaque)
{
    TestFe *t = opaque;
    return t->budget < 0 ? 1024 : t->budget;
}

static void fe_read(void *opaque, const uint8_t *buf, int len)
{
    TestFe *t = opaque;
    g_string_append_len(t->in, (const char *)buf, len);
    if (t->budget >= 0) {
        t->budget -= len;
    }
}

/* A vc with a frontend; cols x rows characters. */
typedef struct TestVc {
    Chardev *chr;
    DisplayConsole *con;
    DisplaySurface *s;
    TestFe fe;
} TestVc;

static void vc_setup(TestVc *v, const char *id, int cols, int rows)
{
    g_autofree char *opts = g_strdup_printf("vc,id=%s,cols=%d,rows=%d", id, cols, rows);
    GError *err = NULL;

    v->chr = chardev_new_from_options(opts, &err);
    g_assert_no_error(err);
    v->con = vc_console(v->chr);
    g_assert_nonnull(v->con);
    g_assert_false(display_console_is_graphic(v->con));
    v->s = display_console_surface(v->con);
    g_assert_cmpint(v->s->width, ==, cols * 8);
    g_assert_cmpint(v->s->height, ==, rows * 16);
    v->fe.in = g_string_new(NULL);
    v->fe.budget = -1;
    g_assert_true(char_fe_init(&v->fe.fe, v->chr, &err));
    char_fe_set_handlers(&v->fe.fe, fe_can_read, fe_read, NULL, &v->fe);
}

static void vc_out(TestVc *v, const char *text)
{
    g_assert_cmpint(char_fe_write(&v->fe.fe, (const uint8_t *)text, strlen(text)), ==,
                    strlen(text));
}

static uint8_t pixel(TestVc *v, int x, int y)
{
    return v->s->data[(size_t)y * v->s->stride + x];
}

/* Whether the cell shows ch in those colours, pixel for pixel. */
static bool cell_is(TestVc *v, int col, int row, unsigned ch, int fg, int bg)
{
    const uint8_t *glyph = font8x16_glyph(ch);

    for (int r = 0; r < 16; r++) {
        for (int b = 0; b < 8; b++) {
            int want = glyph[r] & (0x80 >> b) ? fg : bg;
            if (pixel(v, col * 8 + b, row * 16 + r) != want) {
                return false;
            }
        }
    }
    return true;
}

static uint32_t host_pixel(DisplayConsole *con, int x, int y)
{
    pixman_image_t *img = display_console_host_image(con);
    const uint8_t *base = (const uint8_t *)pixman_image_get_data(img);
    return ((const uint32_t *)(base + (size_t)y * pixman_image_get_stride(img)))[x] & 0xffffff;
}

/* ---- numbering ---- */

static void graphic_update(void *opaque)
{
}

static const DisplayConsoleOps graphic_ops = { .update = graphic_update };

/* Chardevs come before the devices, yet the guest's screen is console 0. */
static void test_order(void)
{
    GError *err = NULL;
    Chardev *early = chardev_new_from_legacy("compat_monitor0", "vc", &err);
    DisplayConsole *graphic;

    g_assert_no_error(err);
    g_assert_null(vc_console(early));
    graphic = display_console_new(&graphic_ops, NULL);
    vc_consoles_init();
    g_assert_cmpint(display_console_index(graphic), ==, 0);
    g_assert_cmpint(display_console_index(vc_console(early)), ==, 1);
    g_assert_true(display_console_is_graphic(display_console_lookup(0)));
    /* The default size, as QEMU's default consoles. */
    g_assert_cmpint(display_console_surface(vc_console(early))->width, ==, VC_DEFAULT_COLS * 8);
    g_assert_cmpint(display_console_surface(vc_console(early))->height, ==,
                    VC_DEFAULT_ROWS * 16);
    /* Not a vc: no console. */
    g_assert_null(vc_console(chardev_new_from_legacy("serial9", "null", &err)));
}

/* ---- drawing ---- */

static void test_glyph(void)
{
    TestVc v;

    vc_setup(&v, "glyph", 10, 3);
    vc_out(&v, "A");
    /* 'A' in light grey on black: its apex, crossbar and legs. */
    g_assert_cmpint(pixel(&v, 3, 4), ==, WHITE);
    g_assert_cmpint(pixel(&v, 4, 4), ==, WHITE);
    g_assert_cmpint(pixel(&v, 2, 4), ==, BLACK);
    for (int x = 1; x <= 6; x++) {
        g_assert_cmpint(pixel(&v, x, 9), ==, WHITE);
    }
    g_assert_cmpint(pixel(&v, 1, 12), ==, WHITE);
    g_assert_cmpint(pixel(&v, 3, 12), ==, BLACK);
    g_assert_cmpint(pixel(&v, 0, 0), ==, BLACK);
    g_assert_true(cell_is(&v, 0, 0, 'A', WHITE, BLACK));
    /* The cursor waits in the next cell, in inverse video. */
    g_assert_true(cell_is(&v, 1, 0, ' ', BLACK, WHITE));
    /* The refresh reports it; the host image has the palette's colours. */
    display_console_refresh(v.con);
    g_assert_cmphex(host_pixel(v.con, 3, 4), ==, 0xaaaaaa);
    g_assert_cmphex(host_pixel(v.con, 2, 4), ==, 0x000000);
    /* A hidden cursor leaves the cell alone. */
    vc_out(&v, "\033[?25l");
    g_assert_true(cell_is(&v, 1, 0, ' ', WHITE, BLACK));
    vc_out(&v, "\033[?25h");
    g_assert_true(cell_is(&v, 1, 0, ' ', BLACK, WHITE));
    /* Characters the font lacks (a UTF-8 box-drawing one) take one cell. */
    vc_out(&v, "\r\n\xe2\x94\x80x");
    g_assert_true(cell_is(&v, 0, 1, 0x100, WHITE, BLACK));
    g_assert_true(cell_is(&v, 1, 1, 'x', WHITE, BLACK));
    /* Character set designations are swallowed whole. */
    vc_out(&v, "\033(By");
    g_assert_true(cell_is(&v, 2, 1, 'y', WHITE, BLACK));
}

static void test_colors(void)
{
    TestVc v;

    vc_setup(&v, "colors", 10, 3);
    vc_out(&v, "\033[31mr\033[1;44mB\033[7mv\033[0mn\033[;41m \033[49;39mw");
    g_assert_true(cell_is(&v, 0, 0, 'r', RED, BLACK));
    g_assert_true(cell_is(&v, 1, 0, 'B', BRIGHT_RED, BLUE));
    g_assert_true(cell_is(&v, 2, 0, 'v', BLUE, BRIGHT_RED));
    g_assert_true(cell_is(&v, 3, 0, 'n', WHITE, BLACK));
    g_assert_true(cell_is(&v, 4, 0, ' ', WHITE, RED));
    g_assert_true(cell_is(&v, 5, 0, 'w', WHITE, BLACK));
    display_console_refresh(v.con);
    g_assert_cmphex(host_pixel(v.con, 8 + 0, 0), ==, 0x0000aa);
    g_assert_cmphex(host_pixel(v.con, 8 + 1, 8), ==, 0xff5555);   /* B's stem */
    g_assert_cmphex(host_pixel(v.con, 4 * 8, 0), ==, 0xaa0000);
}

static void test_motion(void)
{
    TestVc v;

    vc_setup(&v, "motion", 10, 4);
    vc_out(&v, "\033[2;3Ha\033[Bb\033[3Dc\033[2Ad\033[Ce\033[HF\033[4;10Hg\033[99;99Hh");
    g_assert_true(cell_is(&v, 2, 1, 'a', WHITE, BLACK));
    g_assert_true(cell_is(&v, 3, 2, 'b', WHITE, BLACK));
    g_assert_true(cell_is(&v, 1, 2, 'c', WHITE, BLACK));
    g_assert_true(cell_is(&v, 2, 0, 'd', WHITE, BLACK));
    g_assert_true(cell_is(&v, 4, 0, 'e', WHITE, BLACK));
    g_assert_true(cell_is(&v, 0, 0, 'F', WHITE, BLACK));
    /* Clamped to the screen: h overwrites g in the last cell; the cursor
     * stays on it until the next character wraps. */
    g_assert_true(cell_is(&v, 9, 3, 'h', BLACK, WHITE));
    /* CR, BS, TAB; save and restore. */
    vc_out(&v, "\033[2;1Hxy\bz\tT\0337\033[Hq\0338!");
    g_assert_true(cell_is(&v, 0, 1, 'x', WHITE, BLACK));
    g_assert_true(cell_is(&v, 1, 1, 'z', WHITE, BLACK));
    g_assert_true(cell_is(&v, 8, 1, 'T', WHITE, BLACK));
    g_assert_true(cell_is(&v, 9, 1, '!', BLACK, WHITE));     /* under the cursor */
    g_assert_true(cell_is(&v, 0, 0, 'q', WHITE, BLACK));
}

static void test_erase(void)
{
    TestVc v;

    vc_setup(&v, "erase", 4, 3);
    vc_out(&v, "\033[?25l");                /* no inverse cursor cell to mind */
    vc_out(&v, "abcd" "efgh" "ijkl");      /* wraps: fills the screen */
    g_assert_true(cell_is(&v, 0, 1, 'e', WHITE, BLACK));
    g_assert_true(cell_is(&v, 3, 2, 'l', WHITE, BLACK));
    vc_out(&v, "\033[2;2H\033[K");          /* rest of line 2 */
    g_assert_true(cell_is(&v, 0, 1, 'e', WHITE, BLACK));
    g_assert_true(cell_is(&v, 2, 1, ' ', WHITE, BLACK));
    g_assert_true(cell_is(&v, 3, 1, ' ', WHITE, BLACK));
    vc_out(&v, "\033[1;3H\033[1K");         /* line 1 up to the cursor */
    g_assert_true(cell_is(&v, 1, 0, ' ', WHITE, BLACK));
    g_assert_true(cell_is(&v, 3, 0, 'd', WHITE, BLACK));
    vc_out(&v, "\033[3;2H\033[44m\033[J");  /* to the end, in the background colour */
    g_assert_true(cell_is(&v, 0, 2, 'i', WHITE, BLACK));
    g_assert_true(cell_is(&v, 3, 2, ' ', WHITE, BLUE));
    vc_out(&v, "\033[0m\033[2J");
    for (int row = 0; row < 3; row++) {
        for (int col = 0; col < 4; col++) {
            g_assert_true(cell_is(&v, col, row, ' ', WHITE, BLACK));
        }
    }
}

static void test_scroll(void)
{
    TestVc v;

    vc_setup(&v, "scroll", 5, 3);
    vc_out(&v, "one\r\ntwo\r\nthree\r\nfour");
    g_assert_true(cell_is(&v, 0, 0, 't', WHITE, BLACK));
    g_assert_true(cell_is(&v, 1, 0, 'w', WHITE, BLACK));
    g_assert_true(cell_is(&v, 4, 1, 'e', WHITE, BLACK));
    g_assert_true(cell_is(&v, 3, 2, 'r', WHITE, BLACK));
    /* The cursor's inverse cell did not travel up with the text. */
    g_assert_true(cell_is(&v, 4, 2, ' ', BLACK, WHITE));
    g_assert_true(cell_is(&v, 4, 0, ' ', WHITE, BLACK));
    /* Autowrap scrolls too; reverse index at the top scrolls down. */
    vc_out(&v, "!abcde");
    g_assert_true(cell_is(&v, 0, 0, 't', WHITE, BLACK));
    g_assert_true(cell_is(&v, 4, 0, 'e', WHITE, BLACK));
    g_assert_true(cell_is(&v, 4, 1, '!', WHITE, BLACK));
    g_assert_true(cell_is(&v, 0, 2, 'a', WHITE, BLACK));
    vc_out(&v, "\033[H\033M^");
    g_assert_true(cell_is(&v, 0, 0, '^', WHITE, BLACK));
    g_assert_true(cell_is(&v, 0, 1, 't', WHITE, BLACK));
    g_assert_true(cell_is(&v, 4, 2, '!', WHITE, BLACK));
    /* The refresh reports the whole screen after a scroll. */
    display_console_refresh(v.con);
    g_assert_cmphex(host_pixel(v.con, 3, 4 + 16), ==, 0x000000);
}

/* ---- the chardev ---- */

static void test_roundtrip(void)
{
    TestVc v;

    vc_setup(&v, "keys", 10, 3);
    g_assert_true(char_fe_backend_connected(&v.fe.fe));
    display_console_key(v.con, Q_KEY_CODE_A, 'a');
    display_console_key(v.con, Q_KEY_CODE_RET, '\r');
    display_console_key(v.con, Q_KEY_CODE_UP, 0);
    display_console_key(v.con, Q_KEY_CODE_DELETE, 0);
    display_console_key(v.con, Q_KEY_CODE_KP_ENTER, 0);
    display_console_key(v.con, Q_KEY_CODE_F1, 0);      /* nothing to send */
    g_assert_cmpstr(v.fe.in->str, ==, "a\r\033[A\033[3~\r");
    /* A busy frontend gets the keys when it can take them. */
    g_string_truncate(v.fe.in, 0);
    v.fe.budget = 0;
    display_console_key(v.con, Q_KEY_CODE_H, 'h');
    display_console_key(v.con, Q_KEY_CODE_I, 'i');
    g_assert_cmpstr(v.fe.in->str, ==, "");
    v.fe.budget = 1;
    char_fe_accept_input(&v.fe.fe);
    g_assert_cmpstr(v.fe.in->str, ==, "h");
    v.fe.budget = -1;
    char_fe_accept_input(&v.fe.fe);
    g_assert_cmpstr(v.fe.in->str, ==, "hi");
    /* Output in, the cursor position report back. */
    g_string_truncate(v.fe.in, 0);
    vc_out(&v, "\033[2;5H\033[6n");
    g_assert_cmpstr(v.fe.in->str, ==, "\033[2;5R");
}

static void test_legacy_specs(void)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_legacy("serial1", "vc:20Cx5C", &err);

    g_assert_no_error(err);
    g_assert_cmpint(display_console_surface(vc_console(chr))->width, ==, 160);
    g_assert_cmpint(display_console_surface(vc_console(chr))->height, ==, 80);
    chr = chardev_new_from_legacy("serial2", "vc:320x160", &err);
    g_assert_no_error(err);
    g_assert_cmpint(display_console_surface(vc_console(chr))->width, ==, 320);
    g_assert_cmpint(display_console_surface(vc_console(chr))->height, ==, 160);
    g_assert_null(chardev_new_from_legacy("serial3", "vc:big", &err));
    g_assert_cmpstr(err->message, ==,
                    "-serial: vc: expected COLSCxROWSC or WIDTHxHEIGHT, got 'big'");
    g_clear_error(&err);
    g_assert_null(chardev_new_from_options("vc,id=bad,cols=0", &err));
    g_assert_cmpstr(err->message, ==, "-chardev: vc: invalid value '0' for 'cols' (1 to 400)");
    g_clear_error(&err);
    g_assert_null(chardev_new_from_options("vc,id=bad,speed=9600", &err));
    g_assert_cmpstr(err->message, ==, "-chardev: invalid parameter 'speed' for backend 'vc'");
    g_clear_error(&err);
    /* A monitor-style mux over a vc. */
    chr = chardev_new_from_legacy("serial4", "mon:vc", &err);
    g_assert_no_error(err);
    g_assert_true(chardev_is_mux(chr));
    g_assert_true(chardev_wants_monitor(chr));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* First: it checks the numbering before any other console exists. */
    g_test_add_func("/vc/order", test_order);
    g_test_add_func("/vc/glyph", test_glyph);
    g_test_add_func("/vc/colors", test_colors);
    g_test_add_func("/vc/motion", test_motion);
    g_test_add_func("/vc/erase", test_erase);
    g_test_add_func("/vc/scroll", test_scroll);
    g_test_add_func("/vc/roundtrip", test_roundtrip);
    g_test_add_func("/vc/legacy-specs", test_legacy_specs);
    return g_test_run();
}
