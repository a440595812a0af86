/*
 * Text consoles (ui/vc.h): the "vc" chardev backend. Bytes written to it go
 * through a small VT100/ANSI terminal into a grid of character cells, drawn
 * with the 8x16 font (ui/font8x16.c) into a 16-colour palette surface that
 * its display console (ui/console.h) shows. Keys typed while the console is
 * shown come back to the chardev's frontend as the bytes a VT100 sends.
 *
 * The terminal understands the controls CR, LF (also VT, FF), BS, TAB and
 * the escape sequences of ECMA-48 / DEC VT100 that serial consoles and the
 * monitor use: CSI n A/B/C/D (cursor motion), G, d, H/f (positioning),
 * J and K (erase in display / line), m (SGR: bold, reverse, 8 foreground
 * and background colours), s/u and ESC 7/8 (save and restore), ?25 h/l
 * (cursor on/off), 6n (cursor position report), ESC D/E/M (index, next
 * line, reverse index) and ESC c (reset). The screen scrolls at the bottom.
 *
 * Output is drawn into the surface at once (from any thread holding the
 * global lock); the changed cells are reported to the console when it
 * refreshes, on the main loop, so user interfaces are only called there.
 */
#include "ui/vc.h"

#include <stdlib.h>
#include <string.h>

#include "chardev/char-internal.h"
#include "ui/font8x16.h"
#include "ui/input.h"
#include "util/cutils.h"
#include "util/error.h"
#include "util/log.h"

#define VC_PARAMS_MAX 8         /* numeric parameters kept per control sequence */
#define VC_PARAM_LIMIT 9999
#define VC_INPUT_MAX 4096       /* typed bytes held while the frontend is busy */
#define VC_TAB_WIDTH 8
#define VC_COLS_MAX 400
#define VC_ROWS_MAX 200

/* SGR colour numbers (ECMA-48 8.3.117): 30-37 and 40-47 select 0-7; bold
 * selects the bright half of the palette for the foreground. */
enum {
    VC_COLOR_BLACK = 0,
    VC_COLOR_WHITE = 7,
    VC_COLOR_BRIGHT = 8,
};

/* The VGA text-mode colours in ANSI order: black, red, green, yellow (VGA's
 * brown), blue, magenta, cyan, white; then their bright forms. */
static const uint32_t vc_palette[16] = {
    0x000000, 0xaa0000, 0x00aa00, 0xaa5500, 0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,
    0x555555, 0xff5555, 0x55ff55, 0xffff55, 0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

typedef struct VcCell {
    uint8_t ch;
    uint8_t fg, bg;             /* palette indices */
} VcCell;

typedef enum VcParse {
    VC_PARSE_TEXT,
    VC_PARSE_ESC,               /* after ESC */
    VC_PARSE_CSI,               /* after ESC [ */
    VC_PARSE_ESC_SKIP,          /* ESC and an intermediate: a character set
                                 * designation (ESC ( B); its final byte goes */
} VcParse;

typedef struct VcTerm {
    Chardev *chr;               /* NULL once the chardev is closed */
    DisplayConsole *con;        /* NULL until vc_consoles_init */
    DisplaySurface *surface;    /* PALETTE8, cols * 8 by rows * 16 */
    int cols, rows;
    VcCell *cells;              /* rows * cols, row by row */
    int x, y;                   /* the cursor; x == cols: wrap before the next character */
    int saved_x, saved_y;
    uint8_t fg, bg;             /* SGR colours 0-7 */
    bool bold, reverse;
    bool cursor_visible;        /* CSI ?25 h / l */
    int cursor_x, cursor_y;     /* where the cursor is drawn; -1 when it is not */
    VcParse state;
    bool private_mode;          /* CSI ? ... (DEC private parameters) */
    int params[VC_PARAMS_MAX];
    int nparams;
    int utf8_left;              /* continuation bytes of a UTF-8 character to skip */
    int dirty_x0, dirty_y0, dirty_x1, dirty_y1;   /* changed cells; empty when x0 >= x1 */
    GByteArray *input;          /* typed bytes the frontend has not taken yet */
} VcTerm;

typedef struct VcChardev {
    Chardev parent;
    VcTerm *term;
} VcChardev;

static GPtrArray *vc_terms;         /* open terminals, in creation order */
static bool vc_consoles_ready;      /* vc_consoles_init ran */

/* ---- drawing ---- */

static void vc_dirty(VcTerm *t, int x0, int y0, int x1, int y1)
{
    if (t->dirty_x0 >= t->dirty_x1) {
        t->dirty_x0 = x0;
        t->dirty_y0 = y0;
        t->dirty_x1 = x1;
        t->dirty_y1 = y1;
        return;
    }
    t->dirty_x0 = MIN(t->dirty_x0, x0);
    t->dirty_y0 = MIN(t->dirty_y0, y0);
    t->dirty_x1 = MAX(t->dirty_x1, x1);
    t->dirty_y1 = MAX(t->dirty_y1, y1);
}

/* Draws a cell's glyph; the cell under the cursor in inverse colours. */
static void vc_cell_draw(VcTerm *t, int col, int row)
{
    const VcCell *c = &t->cells[row * t->cols + col];
    bool cursor = col == t->cursor_x && row == t->cursor_y;
    uint8_t fg = cursor ? c->bg : c->fg, bg = cursor ? c->fg : c->bg;
    const uint8_t *glyph = font8x16_glyph(c->ch);
    int stride = t->surface->stride;
    uint8_t *p = t->surface->data + (size_t)row * FONT8X16_HEIGHT * stride +
                 col * FONT8X16_WIDTH;

    for (int r = 0; r < FONT8X16_HEIGHT; r++, p += stride) {
        for (int b = 0; b < FONT8X16_WIDTH; b++) {
            p[b] = glyph[r] & (0x80 >> b) ? fg : bg;
        }
    }
    vc_dirty(t, col, row, col + 1, row + 1);
}

static void vc_cursor_hide(VcTerm *t)
{
    int x = t->cursor_x, y = t->cursor_y;

    if (x >= 0) {
        t->cursor_x = t->cursor_y = -1;
        vc_cell_draw(t, x, y);
    }
}

static void vc_cursor_show(VcTerm *t)
{
    if (t->cursor_visible) {
        t->cursor_x = MIN(t->x, t->cols - 1);
        t->cursor_y = t->y;
        vc_cell_draw(t, t->cursor_x, t->cursor_y);
    }
}

/* The cell a character written now gets: the SGR colours applied. */
static VcCell vc_cell_make(VcTerm *t, uint8_t ch)
{
    uint8_t fg = t->fg | (t->bold ? VC_COLOR_BRIGHT : 0);

    return t->reverse ? (VcCell){ ch, t->bg, fg } : (VcCell){ ch, fg, t->bg };
}

/* Blanks cells [from, to) of the grid, counted row by row, in the current
 * background (as xterm and the Linux console erase). */
static void vc_erase(VcTerm *t, int from, int to)
{
    VcCell blank = vc_cell_make(t, ' ');

    for (int i = from; i < to; i++) {
        t->cells[i] = blank;
        vc_cell_draw(t, i % t->cols, i / t->cols);
    }
}

/* Moves the whole screen up (n = 1) or down (n = -1) a line, blanking the
 * line that comes in. */
static void vc_scroll(VcTerm *t, int n)
{
    size_t row_cells = t->cols, row_bytes = (size_t)t->surface->stride * FONT8X16_HEIGHT;
    size_t keep = t->rows - 1;
    int blank_row = n > 0 ? t->rows - 1 : 0;

    if (n > 0) {
        memmove(t->cells, t->cells + row_cells, keep * row_cells * sizeof(VcCell));
        memmove(t->surface->data, t->surface->data + row_bytes, keep * row_bytes);
    } else {
        memmove(t->cells + row_cells, t->cells, keep * row_cells * sizeof(VcCell));
        memmove(t->surface->data + row_bytes, t->surface->data, keep * row_bytes);
    }
    vc_erase(t, blank_row * t->cols, (blank_row + 1) * t->cols);
    vc_dirty(t, 0, 0, t->cols, t->rows);
}

/* ---- input: typed bytes and replies to the frontend ---- */

/* Passes typed bytes to the frontend as far as it takes them now; the rest
 * waits for accept_input. */
static void vc_input_flush(VcTerm *t)
{
    while (t->chr && t->input->len > 0) {
        uint8_t chunk[256];
        int n = MIN(chardev_be_can_read(t->chr), (int)MIN(t->input->len, sizeof(chunk)));
        if (n <= 0) {
            return;
        }
        /* Copied out first: the frontend may type (reply) into input meanwhile. */
        memcpy(chunk, t->input->data, n);
        g_byte_array_remove_range(t->input, 0, n);
        chardev_be_write(t->chr, chunk, n);
    }
}

static void vc_input_queue(VcTerm *t, const char *bytes, size_t len)
{
    if (t->input->len + len <= VC_INPUT_MAX) {
        g_byte_array_append(t->input, (const uint8_t *)bytes, len);
    }
    /* else nobody reads: drop keys rather than grow without end */
}

static void vc_send(VcTerm *t, const char *bytes, size_t len)
{
    vc_input_queue(t, bytes, len);
    vc_input_flush(t);
}

/* ---- the terminal ---- */

static void vc_linefeed(VcTerm *t)
{
    if (t->y == t->rows - 1) {
        vc_scroll(t, 1);
    } else {
        t->y++;
    }
}

static void vc_reverse_index(VcTerm *t)
{
    if (t->y == 0) {
        vc_scroll(t, -1);
    } else {
        t->y--;
    }
}

static void vc_print(VcTerm *t, uint8_t ch)
{
    /* Autowrap (DECAWM, on as the VT100 comes up): the character that no
     * longer fits starts the next line. */
    if (t->x >= t->cols) {
        t->x = 0;
        vc_linefeed(t);
    }
    t->cells[t->y * t->cols + t->x] = vc_cell_make(t, ch);
    vc_cell_draw(t, t->x, t->y);
    t->x++;
}

static void vc_sgr_reset(VcTerm *t)
{
    t->fg = VC_COLOR_WHITE;
    t->bg = VC_COLOR_BLACK;
    t->bold = t->reverse = false;
}

static void vc_term_reset(VcTerm *t)
{
    vc_sgr_reset(t);
    t->x = t->y = t->saved_x = t->saved_y = 0;
    t->cursor_visible = true;
    t->state = VC_PARSE_TEXT;
    t->utf8_left = 0;
    vc_erase(t, 0, t->rows * t->cols);
}

/* C0 controls act wherever they come, even inside an escape sequence. */
static void vc_control(VcTerm *t, uint8_t b)
{
    switch (b) {
    case '\r':
        t->x = 0;
        break;
    case '\n':
    case '\v':
    case '\f':
        vc_linefeed(t);
        break;
    case '\b':
        t->x = MIN(t->x, t->cols - 1);
        if (t->x > 0) {
            t->x--;
        }
        break;
    case '\t':
        t->x = MIN((t->x / VC_TAB_WIDTH + 1) * VC_TAB_WIDTH, t->cols - 1);
        break;
    case 0x18:                  /* CAN and SUB abort a sequence */
    case 0x1a:
        t->state = VC_PARSE_TEXT;
        break;
    default:                    /* BEL and the rest: nothing to show */
        break;
    }
}

/* UTF-8 (what Linux writes): each character takes one cell, shown as the
 * missing-glyph box since the font is ASCII only. */
static void vc_text(VcTerm *t, uint8_t b)
{
    if (t->utf8_left > 0 && (b & 0xc0) == 0x80) {
        t->utf8_left--;
        return;
    }
    t->utf8_left = 0;
    if (b == 0x7f) {
        return;                 /* DEL is ignored on output */
    }
    if ((b & 0xe0) == 0xc0) {
        t->utf8_left = 1;
    } else if ((b & 0xf0) == 0xe0) {
        t->utf8_left = 2;
    } else if ((b & 0xf8) == 0xf0) {
        t->utf8_left = 3;
    }
    vc_print(t, b);
}

static void vc_escape(VcTerm *t, uint8_t b)
{
    t->state = b >= 0x20 && b <= 0x2f ? VC_PARSE_ESC_SKIP : VC_PARSE_TEXT;
    switch (b) {
    case '[':
        t->state = VC_PARSE_CSI;
        t->private_mode = false;
        t->nparams = 0;
        memset(t->params, 0, sizeof(t->params));
        break;
    case '7':
        t->saved_x = t->x;
        t->saved_y = t->y;
        break;
    case '8':
        t->x = t->saved_x;
        t->y = t->saved_y;
        break;
    case 'D':
        vc_linefeed(t);
        break;
    case 'E':
        t->x = 0;
        vc_linefeed(t);
        break;
    case 'M':
        vc_reverse_index(t);
        break;
    case 'c':
        vc_term_reset(t);
        break;
    default:
        if (t->state == VC_PARSE_TEXT) {
            log_unimp("vc: ESC %c is not supported\n", b);
        }
        break;
    }
}

/* Parameter i of the sequence; def when absent or 0 (ECMA-48 5.4.2). */
static int vc_param(VcTerm *t, int i, int def)
{
    return i < t->nparams && t->params[i] ? t->params[i] : def;
}

/* Select Graphic Rendition (ECMA-48 8.3.117). */
static void vc_sgr(VcTerm *t)
{
    for (int i = 0; i < MAX(t->nparams, 1); i++) {
        int p = t->params[i];
        if (p == 0) {
            vc_sgr_reset(t);
        } else if (p == 1) {
            t->bold = true;
        } else if (p == 22) {
            t->bold = false;
        } else if (p == 7) {
            t->reverse = true;
        } else if (p == 27) {
            t->reverse = false;
        } else if (p >= 30 && p <= 37) {
            t->fg = p - 30;
        } else if (p == 39) {
            t->fg = VC_COLOR_WHITE;
        } else if (p >= 40 && p <= 47) {
            t->bg = p - 40;
        } else if (p == 49) {
            t->bg = VC_COLOR_BLACK;
        }
    }
}

/* Erase in display (J) and in line (K): 0 from the cursor on, 1 up to and
 * including it, 2 all. */
static void vc_erase_from_cursor(VcTerm *t, int mode, int start, int end)
{
    int at = t->y * t->cols + MIN(t->x, t->cols - 1);

    if (mode == 0) {
        vc_erase(t, at, end);
    } else if (mode == 1) {
        vc_erase(t, start, at + 1);
    } else {
        vc_erase(t, start, end);
    }
}

static void vc_csi_dispatch(VcTerm *t, uint8_t final)
{
    int n = vc_param(t, 0, 1);
    int line = t->y * t->cols;

    if (t->private_mode) {
        /* DECTCEM: the text cursor shown or not; other modes are fixed. */
        if ((final == 'h' || final == 'l') && vc_param(t, 0, 0) == 25) {
            t->cursor_visible = final == 'h';
        }
        return;
    }
    switch (final) {
    case 'A':
        t->y = MAX(t->y - n, 0);
        t->x = MIN(t->x, t->cols - 1);
        break;
    case 'B':
        t->y = MIN(t->y + n, t->rows - 1);
        t->x = MIN(t->x, t->cols - 1);
        break;
    case 'C':
        t->x = MIN(t->x + n, t->cols - 1);
        break;
    case 'D':
        t->x = MAX(MIN(t->x, t->cols - 1) - n, 0);
        break;
    case 'G':
        t->x = MIN(n, t->cols) - 1;
        break;
    case 'd':
        t->y = MIN(n, t->rows) - 1;
        break;
    case 'H':
    case 'f':
        t->y = MIN(n, t->rows) - 1;
        t->x = MIN(vc_param(t, 1, 1), t->cols) - 1;
        break;
    case 'J':
        vc_erase_from_cursor(t, vc_param(t, 0, 0), 0, t->rows * t->cols);
        break;
    case 'K':
        vc_erase_from_cursor(t, vc_param(t, 0, 0), line, line + t->cols);
        break;
    case 'm':
        vc_sgr(t);
        break;
    case 's':
        t->saved_x = t->x;
        t->saved_y = t->y;
        break;
    case 'u':
        t->x = t->saved_x;
        t->y = t->saved_y;
        break;
    case 'n':
        if (vc_param(t, 0, 0) == 6) {
            g_autofree char *report = g_strdup_printf("\033[%d;%dR", t->y + 1,
                                                      MIN(t->x, t->cols - 1) + 1);
            vc_input_queue(t, report, strlen(report));
        }
        break;
    default:
        log_unimp("vc: CSI %c is not supported\n", final);
        break;
    }
}

static void vc_csi(VcTerm *t, uint8_t b)
{
    if (b >= '0' && b <= '9') {
        t->nparams = MAX(t->nparams, 1);
        int *p = &t->params[t->nparams - 1];
        *p = MIN(*p * 10 + (b - '0'), VC_PARAM_LIMIT);
    } else if (b == ';') {
        /* An empty first parameter still counts: "ESC[;5H" is row 1, column 5. */
        t->nparams = MAX(t->nparams, 1);
        if (t->nparams < VC_PARAMS_MAX) {
            t->params[t->nparams++] = 0;
        }
    } else if (b >= '<' && b <= '?') {
        t->private_mode = true;
    } else if (b >= 0x40 && b <= 0x7e) {
        t->state = VC_PARSE_TEXT;
        vc_csi_dispatch(t, b);
    } else if (b > 0x7e) {
        t->state = VC_PARSE_TEXT;   /* not a control sequence after all */
    }
    /* ':' and the intermediate bytes 0x20-0x2f: no sequence here uses them. */
}

static void vc_put_byte(VcTerm *t, uint8_t b)
{
    if (b == 0x1b) {
        t->state = VC_PARSE_ESC;    /* ESC also cancels a sequence under way */
        t->utf8_left = 0;
    } else if (b < 0x20) {
        vc_control(t, b);
    } else if (t->state == VC_PARSE_ESC) {
        vc_escape(t, b);
    } else if (t->state == VC_PARSE_CSI) {
        vc_csi(t, b);
    } else if (t->state == VC_PARSE_ESC_SKIP) {
        t->state = b >= 0x20 && b <= 0x2f ? VC_PARSE_ESC_SKIP : VC_PARSE_TEXT;
    } else {
        vc_text(t, b);
    }
}

/* The cursor is off while the bytes are processed: scrolling then moves no
 * inverse cell, and the cursor comes back once, where it ends up. */
static void vc_term_write(VcTerm *t, const uint8_t *buf, int len)
{
    vc_cursor_hide(t);
    for (int i = 0; i < len; i++) {
        vc_put_byte(t, buf[i]);
    }
    vc_cursor_show(t);
    /* Replies (cursor position reports) go once the screen is consistent:
     * the frontend may write again from its read handler. */
    vc_input_flush(t);
}

/* ---- keys ---- */

/* What a VT100 (and xterm, for the editing keys) sends for keys that type
 * no character. */
static const struct {
    QKeyCode key;
    const char *seq;
} vc_key_seqs[] = {
    { Q_KEY_CODE_ESC, "\033" },
    { Q_KEY_CODE_KP_ENTER, "\r" },
    { Q_KEY_CODE_UP, "\033[A" },
    { Q_KEY_CODE_DOWN, "\033[B" },
    { Q_KEY_CODE_RIGHT, "\033[C" },
    { Q_KEY_CODE_LEFT, "\033[D" },
    { Q_KEY_CODE_HOME, "\033[1~" },
    { Q_KEY_CODE_INSERT, "\033[2~" },
    { Q_KEY_CODE_DELETE, "\033[3~" },
    { Q_KEY_CODE_END, "\033[4~" },
    { Q_KEY_CODE_PGUP, "\033[5~" },
    { Q_KEY_CODE_PGDN, "\033[6~" },
};

static void vc_console_key(void *opaque, int qcode, int ch)
{
    VcTerm *t = opaque;

    if (ch) {
        char c = (char)ch;
        vc_send(t, &c, 1);
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(vc_key_seqs); i++) {
        if (vc_key_seqs[i].key == qcode) {
            vc_send(t, vc_key_seqs[i].seq, strlen(vc_key_seqs[i].seq));
            return;
        }
    }
}

/* ---- the display console ---- */

/* Refresh: report the cells drawn since the last one. */
static void vc_console_update(void *opaque)
{
    VcTerm *t = opaque;

    if (t->dirty_x0 < t->dirty_x1) {
        dpy_gfx_update(t->con, t->dirty_x0 * FONT8X16_WIDTH, t->dirty_y0 * FONT8X16_HEIGHT,
                       (t->dirty_x1 - t->dirty_x0) * FONT8X16_WIDTH,
                       (t->dirty_y1 - t->dirty_y0) * FONT8X16_HEIGHT);
        t->dirty_x0 = t->dirty_x1 = 0;
    }
}

static void vc_console_invalidate(void *opaque)
{
    VcTerm *t = opaque;

    vc_dirty(t, 0, 0, t->cols, t->rows);
}

static const DisplayConsoleOps vc_console_ops = {
    .update = vc_console_update,
    .invalidate = vc_console_invalidate,
    .key_event = vc_console_key,
};

static void vc_console_create(VcTerm *t)
{
    t->con = display_console_new(&vc_console_ops, t);
    /* The console owns the surface from now on; set_surface shows it all. */
    display_console_set_surface(t->con, t->surface);
    t->dirty_x0 = t->dirty_x1 = 0;
}

void vc_consoles_init(void)
{
    vc_consoles_ready = true;
    for (guint i = 0; vc_terms && i < vc_terms->len; i++) {
        VcTerm *t = g_ptr_array_index(vc_terms, i);
        if (!t->con) {
            vc_console_create(t);
        }
    }
}

/* ---- the chardev backend ---- */

static const char *const vc_keys[] = { "cols", "rows", "width", "height", NULL };

/* A size option: in characters (key), or in pixels (pixel_key) divided by
 * the cell's size unit; def when neither is given. */
static bool vc_opt_size(GArray *opts, const char *key, const char *pixel_key, int unit,
                        int def, int max, int *out, GError **err)
{
    const char *v = keyval_get(opts, key);
    const char *name = key;
    char *end;
    long n;

    if (!v && (v = keyval_get(opts, pixel_key))) {
        name = pixel_key;
        max *= unit;
    } else {
        unit = 1;
    }
    if (!v) {
        *out = def;
        return true;
    }
    n = strtol(v, &end, 10);
    if (end == v || *end || n < unit || n > max) {
        g_set_error(err, CHIMERA_ERROR, 0, "vc: invalid value '%s' for '%s' (%d to %d)", v,
                    name, unit, max);
        return false;
    }
    *out = (int)(n / unit);
    return true;
}

static VcTerm *vc_term_new(int cols, int rows)
{
    VcTerm *t = g_new0(VcTerm, 1);

    t->cols = cols;
    t->rows = rows;
    t->cells = g_new0(VcCell, (size_t)cols * rows);
    t->surface = display_surface_new(cols * FONT8X16_WIDTH, rows * FONT8X16_HEIGHT,
                                     DISPLAY_FORMAT_PALETTE8);
    display_surface_set_palette(t->surface, 0, G_N_ELEMENTS(vc_palette), vc_palette);
    t->input = g_byte_array_new();
    t->cursor_x = t->cursor_y = -1;
    vc_term_reset(t);
    vc_cursor_show(t);
    return t;
}

static bool vc_open(Chardev *chr, GArray *opts, GError **err)
{
    VcChardev *vc = (VcChardev *)chr;
    int cols, rows;

    if (!vc_opt_size(opts, "cols", "width", FONT8X16_WIDTH, VC_DEFAULT_COLS, VC_COLS_MAX,
                     &cols, err) ||
        !vc_opt_size(opts, "rows", "height", FONT8X16_HEIGHT, VC_DEFAULT_ROWS, VC_ROWS_MAX,
                     &rows, err)) {
        return false;
    }
    vc->term = vc_term_new(cols, rows);
    vc->term->chr = chr;
    if (!vc_terms) {
        vc_terms = g_ptr_array_new();
    }
    g_ptr_array_add(vc_terms, vc->term);
    if (vc_consoles_ready) {
        vc_console_create(vc->term);
    }
    /* Always connected, like a terminal that is switched on. */
    chr->be_open = true;
    return true;
}

static int vc_write(Chardev *chr, const uint8_t *buf, int len)
{
    vc_term_write(((VcChardev *)chr)->term, buf, len);
    return len;
}

static void vc_accept_input(Chardev *chr, CharFrontend *fe)
{
    vc_input_flush(((VcChardev *)chr)->term);
}

static void vc_close(Chardev *chr)
{
    VcTerm *t = ((VcChardev *)chr)->term;

    g_ptr_array_remove(vc_terms, t);
    t->chr = NULL;
    if (t->con) {
        return;     /* the console keeps showing it (consoles live for good) */
    }
    display_surface_free(t->surface);
    g_free(t->cells);
    g_byte_array_unref(t->input);
    g_free(t);
}

/* One size from QEMU's "vc:" spec: N characters with a C suffix, else pixels. */
static bool vc_legacy_size(const char *text, GArray *opts, const char *key,
                           const char *pixel_key)
{
    char *end;
    long n = strtol(text, &end, 10);

    if (end == text || n <= 0) {
        return false;
    }
    if (*end == 'C' || *end == 'c') {
        end++;
        pixel_key = key;
    }
    if (*end) {
        return false;
    }
    g_autofree char *value = g_strdup_printf("%ld", n);
    chardev_opt_add(opts, pixel_key, value);
    return true;
}

/* "vc:80Cx24C" (characters) or "vc:640x480" (pixels). */
static bool vc_parse_legacy(const char *arg, GArray *opts, GError **err)
{
    const char *x = strchr(arg, 'x');
    g_autofree char *w = x ? g_strndup(arg, x - arg) : NULL;

    if (!x || !vc_legacy_size(w, opts, "cols", "width") ||
        !vc_legacy_size(x + 1, opts, "rows", "height")) {
        g_set_error(err, CHIMERA_ERROR, 0,
                    "vc: expected COLSCxROWSC or WIDTHxHEIGHT, got '%s'", arg);
        return false;
    }
    return true;
}

static const ChardevOps char_vc_ops = {
    .name = "vc",
    .keys = vc_keys,
    .size = sizeof(VcChardev),
    .open = vc_open,
    .write = vc_write,
    .accept_input = vc_accept_input,
    .close = vc_close,
    .parse_legacy = vc_parse_legacy,
};

DisplayConsole *vc_console(Chardev *chr)
{
    if (!chr || chr->ops != &char_vc_ops) {
        return NULL;
    }
    return ((VcChardev *)chr)->term->con;
}

static void __attribute__((constructor)) vc_register(void)
{
    chardev_register_backend(&char_vc_ops);
}
