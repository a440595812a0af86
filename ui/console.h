/*
 * The display front-end interface: what display devices (TCX, VGA, the text
 * consoles) and user interfaces (the SDL window, screendump) share.
 *
 * A device owns a DisplaySurface, its pixels in the guest's own format
 * (palette indices, 15/16/24/32-bit in either byte order), often wrapping
 * the device's video RAM directly. It creates a DisplayConsole, and on each
 * refresh (ops->update) reports the rectangles that changed with
 * dpy_gfx_update(). The console converts exactly those rectangles into its
 * host image (x8r8g8b8, through pixman), draws the hardware cursor over
 * them, and tells the listeners (UIs). Everything runs on the main loop
 * with the global lock held.
 */
#ifndef UI_CONSOLE_H
#define UI_CONSOLE_H

#include <glib.h>
#include <pixman.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Pixel formats, named by the color order of the pixel read as a number,
 * with the byte order it is stored in. */
typedef enum DisplayFormat {
    DISPLAY_FORMAT_PALETTE8,     /* byte indices into a 256-entry palette */
    DISPLAY_FORMAT_RGB555_LE,    /* 16-bit x:1 r:5 g:5 b:5 */
    DISPLAY_FORMAT_RGB555_BE,
    DISPLAY_FORMAT_RGB565_LE,
    DISPLAY_FORMAT_RGB565_BE,
    DISPLAY_FORMAT_RGB888,       /* packed bytes r, g, b */
    DISPLAY_FORMAT_BGR888,       /* packed bytes b, g, r */
    DISPLAY_FORMAT_XRGB8888_LE,  /* 32-bit 0xXXRRGGBB */
    DISPLAY_FORMAT_XRGB8888_BE,
    DISPLAY_FORMAT_XBGR8888_LE,  /* 32-bit 0xXXBBGGRR */
    DISPLAY_FORMAT_XBGR8888_BE,
    DISPLAY_FORMAT__MAX
} DisplayFormat;

/* Bytes per pixel of a format. */
int display_format_bytes(DisplayFormat format);

typedef struct DisplaySurface {
    int width, height;
    int stride;                 /* bytes per row */
    DisplayFormat format;
    uint8_t *data;              /* the pixels, owned or the device's memory */
    pixman_image_t *image;      /* data seen by pixman */
    bool swap16;                /* 16-bit pixels in the non-host byte order:
                                 * pixman has no such format, so rows are
                                 * swapped while converting */
    bool owned;                 /* data was allocated by the surface */
    pixman_indexed_t *palette;  /* PALETTE8: the colors as 0xffRRGGBB */
} DisplaySurface;

/* A zeroed surface that owns its pixels (stride 0: the tightest). */
DisplaySurface *display_surface_new(int width, int height, DisplayFormat format);
/* A surface over memory the device owns (its VRAM); data must outlive it. */
DisplaySurface *display_surface_new_from(int width, int height, DisplayFormat format,
                                         int stride, uint8_t *data);
void display_surface_free(DisplaySurface *s);
/* Sets palette entries first..first+n-1 from 0xRRGGBB values. */
void display_surface_set_palette(DisplaySurface *s, int first, int n, const uint32_t *rgb);
/* Converts the rectangle to x8r8g8b8 in dst (host byte order) at the same place. */
void display_surface_convert(DisplaySurface *s, pixman_image_t *dst, int x, int y, int w, int h);

typedef struct DisplayConsole DisplayConsole;

typedef struct DisplayConsoleOps {
    /* Refresh: find what changed and report it with dpy_gfx_update(). */
    void (*update)(void *opaque);
    /* Optional: everything must be reported at the next update. */
    void (*invalidate)(void *opaque);
    /* Optional: text consoles take the keys typed while they are shown:
     * the QKeyCode and the character it types with the modifiers held
     * (0 for none). */
    void (*key_event)(void *opaque, int qcode, int ch);
} DisplayConsoleOps;

/* Creates a console, numbered in creation order. The first graphic one is
 * what screendump and the window show by default. */
DisplayConsole *display_console_new(const DisplayConsoleOps *ops, void *opaque);
/* Hands the console a surface (freeing the previous one); width and height
 * become the screen size and every listener hears of the switch. */
void display_console_set_surface(DisplayConsole *con, DisplaySurface *surface);
/* Allocates an owned surface of that size and format and sets it. */
DisplaySurface *display_surface_resize(DisplayConsole *con, int width, int height,
                                       DisplayFormat format);
DisplaySurface *display_console_surface(DisplayConsole *con);
/* The host image (x8r8g8b8) the listeners draw from, or NULL before a surface. */
pixman_image_t *display_console_host_image(DisplayConsole *con);
int display_console_index(DisplayConsole *con);
bool display_console_is_graphic(DisplayConsole *con);
/* Console number n, or NULL. */
DisplayConsole *display_console_lookup(int index);
int display_console_count(void);
/* Passes a key typed while a text console is shown (ops->key_event). */
void display_console_key(DisplayConsole *con, int qcode, int ch);
/* Runs the device's update: the host image is current afterwards. */
void display_console_refresh(DisplayConsole *con);
/* Makes the next refresh convert the whole screen. */
void display_console_invalidate(DisplayConsole *con);

/* Device side: the rectangle changed (in the surface); clipped to it. */
void dpy_gfx_update(DisplayConsole *con, int x, int y, int w, int h);
void dpy_gfx_update_full(DisplayConsole *con);

/*
 * The hardware cursor, drawn over the host image: an ARGB image (0xAARRGGBB,
 * alpha 0 or 0xff) of w x h with its hot spot, and its position. The
 * console redraws the areas it leaves and enters.
 */
void dpy_cursor_define(DisplayConsole *con, int w, int h, int hot_x, int hot_y,
                       const uint32_t *argb);
void dpy_cursor_move(DisplayConsole *con, int x, int y, bool visible);

/*
 * Finds which parts of a linear framebuffer changed since the last scan by
 * comparing it with a shadow copy, page by page: simple, exact, and cheap
 * enough at 30 Hz for a few megabytes. Devices then report the rows those
 * pages cover.
 */
typedef struct DisplayDirty {
    uint8_t *shadow;
    size_t size;
    size_t page;        /* comparison granule in bytes */
    bool all;           /* the next scan reports everything */
} DisplayDirty;

void display_dirty_init(DisplayDirty *d, size_t size, size_t page);
void display_dirty_destroy(DisplayDirty *d);
/* Forgets the shadow so the next scan finds everything changed. */
void display_dirty_reset(DisplayDirty *d);
/* Whether mem[off, off + len) changed since it was last compared; updates
 * the shadow. For devices that render rows from several planes. */
bool display_dirty_range(DisplayDirty *d, const uint8_t *mem, size_t off, size_t len);
/* Ends a pass of display_dirty_range calls over the whole memory (after a
 * reset, every range counts as changed until then). */
void display_dirty_end_pass(DisplayDirty *d);
/*
 * Compares mem (size bytes) with the shadow, updates the shadow, and
 * reports each band of rows covering changed pages with dpy_gfx_update on
 * con (rows of stride bytes, the surface's width). Returns the number of
 * changed pages.
 */
size_t display_dirty_scan(DisplayDirty *d, const uint8_t *mem, int stride,
                          DisplayConsole *con);

/* User interfaces listen to every console and show one of them. */
typedef struct DisplayListenerOps {
    /* The console's surface changed size or format; host is its new host image. */
    void (*gfx_switch)(void *opaque, DisplayConsole *con, pixman_image_t *host);
    /* The rectangle of the host image changed. */
    void (*gfx_update)(void *opaque, DisplayConsole *con, int x, int y, int w, int h);
} DisplayListenerOps;

void display_listener_register(const DisplayListenerOps *ops, void *opaque);
void display_listener_unregister(void *opaque);

/* Runs every console's update periodically (for windows); 0 stops it. */
void display_refresh_set_interval(int ms);

/*
 * Screendumps (ui/screendump.c): the console's current picture, refreshed
 * first, as PPM (P6) or PNG (8-bit RGB, no interlace). format NULL: from the
 * file name's extension, PPM when unknown.
 */
bool display_screendump(DisplayConsole *con, const char *filename, const char *format,
                        GError **err);
/* Encoders, exposed for tests: the whole image as a file's bytes. */
GBytes *display_encode_ppm(pixman_image_t *image);
GBytes *display_encode_png(pixman_image_t *image, GError **err);

#endif
