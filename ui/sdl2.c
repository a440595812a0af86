/*
 * The SDL 2 window (-display sdl): shows one console, scaled to the window,
 * and turns the host's keyboard and mouse into guest input (ui/input.h).
 *
 * It is a display listener (ui/console.h): updates go into a streaming
 * texture and are presented once per event poll. SDL's events are polled
 * from a GLib timeout on the main loop, which holds the global lock while
 * it dispatches. Hot keys hold Ctrl-Alt as QEMU's do: G releases the mouse
 * grab, F toggles full screen, 1 to 9 show console 1 to 9: the guest's
 * screen first, then the text consoles (ui/vc.c) such as the monitor and the
 * serial port. Keys typed on a text console go to it, not to the guest.
 */
#include "ui/sdl2.h"

#include <SDL.h>

#include "hw/core/machine.h"
#include "softmmu/runstate.h"
#include "ui/console.h"
#include "ui/input.h"
#include "util/error.h"

#define SDL2_POLL_MS 10
#define SDL2_REFRESH_MS 33

typedef struct Sdl2Display {
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *texture;
    DisplayConsole *con;        /* the console shown */
    int width, height;          /* of the texture */
    bool dirty;                 /* present at the end of this poll */
    bool grabbed;
    bool fullscreen;
    unsigned buttons;           /* UI_BUTTON_* held */
} Sdl2Display;

static Sdl2Display sdl2;

static void sdl2_update_title(void)
{
    /* Before the first start (-S, prelaunch) counts as paused too: vm_stop
     * from there announces nothing, and vm_start will. */
    RunState state = runstate_get();
    bool paused = state != RUN_STATE_RUNNING && state != RUN_STATE_SHUTDOWN;
    g_autofree char *title = g_strdup_printf(
        "Chimera - %s%s%s", current_machine ? current_machine->type->name : "none",
        paused ? " [Paused]" : "", sdl2.grabbed ? " - Press Ctrl-Alt-G to exit grab" : "");

    SDL_SetWindowTitle(sdl2.window, title);
}

static void sdl2_runstate_changed(void *opaque, RunEvent event, ShutdownCause cause)
{
    sdl2_update_title();
}

static void sdl2_set_grab(bool grab)
{
    sdl2.grabbed = grab;
    SDL_SetRelativeMouseMode(grab ? SDL_TRUE : SDL_FALSE);
    sdl2_update_title();
}

/* ---- listener ---- */

static void sdl2_gfx_switch(void *opaque, DisplayConsole *con, pixman_image_t *host)
{
    int w = pixman_image_get_width(host), h = pixman_image_get_height(host);

    if (!sdl2.con && display_console_is_graphic(con)) {
        sdl2.con = con;
    }
    if (con != sdl2.con) {
        return;
    }
    if (sdl2.texture && w == sdl2.width && h == sdl2.height) {
        return;
    }
    if (sdl2.texture) {
        SDL_DestroyTexture(sdl2.texture);
    }
    sdl2.texture = SDL_CreateTexture(sdl2.renderer, SDL_PIXELFORMAT_ARGB8888,
                                     SDL_TEXTUREACCESS_STREAMING, w, h);
    sdl2.width = w;
    sdl2.height = h;
    /* The window follows the guest's resolution; full screen scales it. */
    SDL_RenderSetLogicalSize(sdl2.renderer, w, h);
    if (!sdl2.fullscreen) {
        SDL_SetWindowSize(sdl2.window, w, h);
    }
    SDL_ShowWindow(sdl2.window);
}

static void sdl2_gfx_update(void *opaque, DisplayConsole *con, int x, int y, int w, int h)
{
    pixman_image_t *host = display_console_host_image(con);
    int stride = pixman_image_get_stride(host);
    SDL_Rect r = { x, y, w, h };

    if (con != sdl2.con || !sdl2.texture) {
        return;
    }
    SDL_UpdateTexture(sdl2.texture, &r,
                      (const uint8_t *)pixman_image_get_data(host) + (size_t)y * stride + x * 4,
                      stride);
    sdl2.dirty = true;
}

static const DisplayListenerOps sdl2_listener_ops = {
    .gfx_switch = sdl2_gfx_switch,
    .gfx_update = sdl2_gfx_update,
};

static void sdl2_show_console(int index)
{
    DisplayConsole *con = display_console_lookup(index);
    pixman_image_t *host;

    if (!con || con == sdl2.con) {
        return;
    }
    /* Keys the guest saw go down (Ctrl and Alt of the hot key itself) would
     * stay down while their releases go to another console. */
    ui_input_release_all();
    sdl2.con = con;
    host = display_console_host_image(con);
    if (host) {
        if (sdl2.texture) {
            SDL_DestroyTexture(sdl2.texture);
        }
        sdl2.texture = NULL;
        sdl2_gfx_switch(NULL, con, host);
        dpy_gfx_update_full(con);
    }
}

/* ---- input ---- */

/* Ctrl-Alt hot keys; true when the key was one. */
static bool sdl2_hotkey(const SDL_KeyboardEvent *ev)
{
    if (!(ev->keysym.mod & KMOD_CTRL) || !(ev->keysym.mod & KMOD_ALT)) {
        return false;
    }
    if (ev->keysym.scancode >= SDL_SCANCODE_1 && ev->keysym.scancode <= SDL_SCANCODE_9) {
        if (ev->type == SDL_KEYDOWN) {
            sdl2_show_console(ev->keysym.scancode - SDL_SCANCODE_1);
        }
        return true;
    }
    switch (ev->keysym.scancode) {
    case SDL_SCANCODE_G:
        if (ev->type == SDL_KEYDOWN) {
            sdl2_set_grab(!sdl2.grabbed);
        }
        return true;
    case SDL_SCANCODE_F:
        if (ev->type == SDL_KEYDOWN) {
            sdl2.fullscreen = !sdl2.fullscreen;
            SDL_SetWindowFullscreen(sdl2.window,
                                    sdl2.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        }
        return true;
    default:
        return false;
    }
}

static void sdl2_key(const SDL_KeyboardEvent *ev)
{
    QKeyCode key = qcode_from_usb(ev->keysym.scancode);
    bool down = ev->type == SDL_KEYDOWN;

    if (sdl2_hotkey(ev) || key == Q_KEY_CODE_UNMAPPED) {
        return;
    }
    if (sdl2.con && !display_console_is_graphic(sdl2.con)) {
        int ch = qcode_to_ascii(key, ev->keysym.mod & KMOD_SHIFT);
        if (down && (ev->keysym.mod & KMOD_CTRL) && ch >= '@') {
            ch &= 0x1f;     /* Ctrl-letter: the control character */
        }
        if (down) {
            display_console_key(sdl2.con, key, ch);
        }
        return;
    }
    ui_input_send_key(key, down);
}

static unsigned sdl2_button_mask(Uint8 button)
{
    switch (button) {
    case SDL_BUTTON_LEFT:
        return UI_BUTTON_LEFT;
    case SDL_BUTTON_MIDDLE:
        return UI_BUTTON_MIDDLE;
    case SDL_BUTTON_RIGHT:
        return UI_BUTTON_RIGHT;
    default:
        return 0;
    }
}

/* Absolute devices get the pointer's place on the guest screen. */
static void sdl2_mouse_abs(int wx, int wy, int dz)
{
    float gx = 0, gy = 0;

    SDL_RenderWindowToLogical(sdl2.renderer, wx, wy, &gx, &gy);
    gx = CLAMP(gx, 0, sdl2.width - 1);
    gy = CLAMP(gy, 0, sdl2.height - 1);
    ui_input_send_mouse((int)(gx * UI_INPUT_ABS_MAX / MAX(sdl2.width - 1, 1)),
                        (int)(gy * UI_INPUT_ABS_MAX / MAX(sdl2.height - 1, 1)), dz, sdl2.buttons);
}

static void sdl2_mouse(const SDL_Event *ev)
{
    bool absolute = ui_input_mouse_is_absolute();
    int x, y;

    switch (ev->type) {
    case SDL_MOUSEMOTION:
        if (absolute) {
            sdl2_mouse_abs(ev->motion.x, ev->motion.y, 0);
        } else if (sdl2.grabbed) {
            ui_input_send_mouse(ev->motion.xrel, ev->motion.yrel, 0, sdl2.buttons);
        }
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (!absolute && !sdl2.grabbed) {
            /* The first click into the window grabs the mouse and goes no further. */
            if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
                sdl2_set_grab(true);
            }
            break;
        }
        if (ev->type == SDL_MOUSEBUTTONDOWN) {
            sdl2.buttons |= sdl2_button_mask(ev->button.button);
        } else {
            sdl2.buttons &= ~sdl2_button_mask(ev->button.button);
        }
        if (absolute) {
            sdl2_mouse_abs(ev->button.x, ev->button.y, 0);
        } else {
            ui_input_send_mouse(0, 0, 0, sdl2.buttons);
        }
        break;
    case SDL_MOUSEWHEEL:
        if (absolute) {
            SDL_GetMouseState(&x, &y);
            sdl2_mouse_abs(x, y, ev->wheel.y);
        } else if (sdl2.grabbed) {
            ui_input_send_mouse(0, 0, ev->wheel.y, sdl2.buttons);
        }
        break;
    default:
        break;
    }
}

static gboolean sdl2_poll(gpointer opaque)
{
    SDL_Event ev;

    while (SDL_PollEvent(&ev)) {
        switch (ev.type) {
        case SDL_QUIT:
            system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
            break;
        case SDL_KEYDOWN:
        case SDL_KEYUP:
            sdl2_key(&ev.key);
            break;
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEWHEEL:
            sdl2_mouse(&ev);
            break;
        case SDL_WINDOWEVENT:
            if (ev.window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
                ui_input_release_all();
            }
            sdl2.dirty |= ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
                          ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED;
            break;
        default:
            break;
        }
    }
    if (sdl2.dirty && sdl2.texture) {
        sdl2.dirty = false;
        SDL_RenderClear(sdl2.renderer);
        SDL_RenderCopy(sdl2.renderer, sdl2.texture, NULL, NULL);
        SDL_RenderPresent(sdl2.renderer);
    }
    return G_SOURCE_CONTINUE;
}

bool sdl2_display_init(GError **err)
{
    /* Ctrl-C and SIGTERM stay ours: they shut the machine down cleanly. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        g_set_error(err, CHIMERA_ERROR, 0, "-display sdl: could not initialize SDL: %s",
                    SDL_GetError());
        return false;
    }
    sdl2.window = SDL_CreateWindow("Chimera", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                   640, 480, SDL_WINDOW_HIDDEN | SDL_WINDOW_RESIZABLE);
    sdl2.renderer = sdl2.window ? SDL_CreateRenderer(sdl2.window, -1, 0) : NULL;
    if (!sdl2.renderer) {
        g_set_error(err, CHIMERA_ERROR, 0, "-display sdl: could not open a window: %s",
                    SDL_GetError());
        SDL_Quit();
        return false;
    }
    sdl2_update_title();
    runstate_add_listener(sdl2_runstate_changed, NULL);
    display_listener_register(&sdl2_listener_ops, NULL);
    /* A machine without a display device shows its first text console. */
    if (!sdl2.con) {
        sdl2_show_console(0);
    }
    display_refresh_set_interval(SDL2_REFRESH_MS);
    g_timeout_add(SDL2_POLL_MS, sdl2_poll, NULL);
    return true;
}
