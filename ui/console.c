/*
 * Display consoles (ui/console.h): the link between a display device and
 * the user interfaces. Each console keeps a host image (x8r8g8b8) that
 * mirrors the device's surface; the device reports changed rectangles, the
 * console converts only those, draws the hardware cursor over them, and
 * passes them on to the listeners.
 */
#include "ui/console.h"

#include "softmmu/timer.h"

struct DisplayConsole {
    int index;
    const DisplayConsoleOps *ops;
    void *opaque;
    DisplaySurface *surface;
    pixman_image_t *host;       /* x8r8g8b8, the surface's size */
    /* hardware cursor */
    pixman_image_t *cursor;     /* a8r8g8b8, or NULL */
    int cursor_hot_x, cursor_hot_y;
    int cursor_x, cursor_y;     /* the hot spot's position on the screen */
    bool cursor_visible;
};

typedef struct DisplayListener {
    const DisplayListenerOps *ops;
    void *opaque;
} DisplayListener;

static GPtrArray *consoles;         /* DisplayConsole *, by index */
static GArray *listeners;           /* DisplayListener */
static Timer *refresh_timer;
static int refresh_interval_ms;

DisplayConsole *display_console_new(const DisplayConsoleOps *ops, void *opaque)
{
    DisplayConsole *con = g_new0(DisplayConsole, 1);

    if (!consoles) {
        consoles = g_ptr_array_new();
    }
    con->ops = ops;
    con->opaque = opaque;
    con->index = (int)consoles->len;
    g_ptr_array_add(consoles, con);
    return con;
}

int display_console_count(void)
{
    return consoles ? (int)consoles->len : 0;
}

DisplayConsole *display_console_lookup(int index)
{
    if (index < 0 || index >= display_console_count()) {
        return NULL;
    }
    return g_ptr_array_index(consoles, index);
}

int display_console_index(DisplayConsole *con)
{
    return con->index;
}

bool display_console_is_graphic(DisplayConsole *con)
{
    return !con->ops->key_event;
}

DisplaySurface *display_console_surface(DisplayConsole *con)
{
    return con->surface;
}

pixman_image_t *display_console_host_image(DisplayConsole *con)
{
    return con->host;
}

#define LISTENERS_FOREACH(l)                                                   \
    for (DisplayListener *l = listeners ? (DisplayListener *)listeners->data : NULL; \
         listeners && l < (DisplayListener *)listeners->data + listeners->len; l++)

void display_console_set_surface(DisplayConsole *con, DisplaySurface *surface)
{
    if (con->surface != surface) {
        display_surface_free(con->surface);
        con->surface = surface;
    }
    if (!con->host || pixman_image_get_width(con->host) != surface->width ||
        pixman_image_get_height(con->host) != surface->height) {
        if (con->host) {
            pixman_image_unref(con->host);
        }
        con->host = pixman_image_create_bits(PIXMAN_x8r8g8b8, surface->width, surface->height,
                                             NULL, 0);
    }
    LISTENERS_FOREACH(l) {
        l->ops->gfx_switch(l->opaque, con, con->host);
    }
    dpy_gfx_update_full(con);
}

DisplaySurface *display_surface_resize(DisplayConsole *con, int width, int height,
                                       DisplayFormat format)
{
    DisplaySurface *s = display_surface_new(width, height, format);

    display_console_set_surface(con, s);
    return s;
}

void display_console_refresh(DisplayConsole *con)
{
    if (con->ops->update) {
        con->ops->update(con->opaque);
    }
}

void display_console_key(DisplayConsole *con, int qcode, int ch)
{
    if (con->ops->key_event) {
        con->ops->key_event(con->opaque, qcode, ch);
    }
}

void display_console_invalidate(DisplayConsole *con)
{
    if (con->ops->invalidate) {
        con->ops->invalidate(con->opaque);
    } else if (con->surface) {
        dpy_gfx_update_full(con);
    }
}

/* The screen rectangle the cursor image covers. */
static pixman_box32_t console_cursor_box(DisplayConsole *con)
{
    int x0 = con->cursor_x - con->cursor_hot_x, y0 = con->cursor_y - con->cursor_hot_y;

    return (pixman_box32_t){ x0, y0, x0 + pixman_image_get_width(con->cursor),
                             y0 + pixman_image_get_height(con->cursor) };
}

void dpy_gfx_update(DisplayConsole *con, int x, int y, int w, int h)
{
    DisplaySurface *s = con->surface;
    int x1, y1;

    if (!s) {
        return;
    }
    x1 = MIN(x + w, s->width);
    y1 = MIN(y + h, s->height);
    x = MAX(x, 0);
    y = MAX(y, 0);
    if (x >= x1 || y >= y1) {
        return;
    }
    w = x1 - x;
    h = y1 - y;
    display_surface_convert(s, con->host, x, y, w, h);
    if (con->cursor && con->cursor_visible) {
        pixman_box32_t c = console_cursor_box(con);
        int cx0 = MAX(c.x1, x), cy0 = MAX(c.y1, y);
        int cx1 = MIN(c.x2, x1), cy1 = MIN(c.y2, y1);
        if (cx0 < cx1 && cy0 < cy1) {
            pixman_image_composite32(PIXMAN_OP_OVER, con->cursor, NULL, con->host,
                                     cx0 - c.x1, cy0 - c.y1, 0, 0, cx0, cy0,
                                     cx1 - cx0, cy1 - cy0);
        }
    }
    LISTENERS_FOREACH(l) {
        l->ops->gfx_update(l->opaque, con, x, y, w, h);
    }
}

void dpy_gfx_update_full(DisplayConsole *con)
{
    if (con->surface) {
        dpy_gfx_update(con, 0, 0, con->surface->width, con->surface->height);
    }
}

/* Redraws what the cursor covers, if it was drawn there (shown): with the
 * cursor when it is visible now, without it otherwise. */
static void console_cursor_damage(DisplayConsole *con, bool shown)
{
    if (con->cursor && shown) {
        pixman_box32_t c = console_cursor_box(con);
        dpy_gfx_update(con, c.x1, c.y1, c.x2 - c.x1, c.y2 - c.y1);
    }
}

void dpy_cursor_define(DisplayConsole *con, int w, int h, int hot_x, int hot_y,
                       const uint32_t *argb)
{
    bool visible = con->cursor_visible;

    con->cursor_visible = false;
    console_cursor_damage(con, visible);
    if (con->cursor) {
        g_free(pixman_image_get_data(con->cursor));
        pixman_image_unref(con->cursor);
    }
    con->cursor = pixman_image_create_bits(PIXMAN_a8r8g8b8, w, h,
                                           g_memdup2(argb, (gsize)w * h * 4), w * 4);
    con->cursor_hot_x = hot_x;
    con->cursor_hot_y = hot_y;
    con->cursor_visible = visible;
    console_cursor_damage(con, visible);
}

void dpy_cursor_move(DisplayConsole *con, int x, int y, bool visible)
{
    bool was_visible = con->cursor_visible;

    if (x == con->cursor_x && y == con->cursor_y && visible == was_visible) {
        return;
    }
    con->cursor_visible = false;
    console_cursor_damage(con, was_visible);
    con->cursor_x = x;
    con->cursor_y = y;
    con->cursor_visible = visible;
    console_cursor_damage(con, visible);
}

void display_listener_register(const DisplayListenerOps *ops, void *opaque)
{
    DisplayListener l = { ops, opaque };

    if (!listeners) {
        listeners = g_array_new(FALSE, FALSE, sizeof(DisplayListener));
    }
    g_array_append_val(listeners, l);
    for (int i = 0; i < display_console_count(); i++) {
        DisplayConsole *con = display_console_lookup(i);
        if (con->host) {
            ops->gfx_switch(opaque, con, con->host);
        }
    }
}

void display_listener_unregister(void *opaque)
{
    for (guint i = 0; listeners && i < listeners->len; i++) {
        if (g_array_index(listeners, DisplayListener, i).opaque == opaque) {
            g_array_remove_index(listeners, i);
            return;
        }
    }
}

static void display_refresh_tick(void *opaque)
{
    for (int i = 0; i < display_console_count(); i++) {
        display_console_refresh(display_console_lookup(i));
    }
    if (refresh_interval_ms > 0) {
        timer_mod_ns(refresh_timer, clock_get_ns(CLOCK_TYPE_REALTIME) +
                     (int64_t)refresh_interval_ms * 1000000);
    }
}

void display_refresh_set_interval(int ms)
{
    if (!refresh_timer) {
        refresh_timer = timer_new_ns(CLOCK_TYPE_REALTIME, display_refresh_tick, NULL);
    }
    refresh_interval_ms = ms;
    if (ms > 0) {
        timer_mod_ns(refresh_timer, clock_get_ns(CLOCK_TYPE_REALTIME) + (int64_t)ms * 1000000);
    } else {
        timer_del(refresh_timer);
    }
}
