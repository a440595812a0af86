/*
 * The SDL 2 window (ui/sdl2.c): built only when SDL is (CONFIG_SDL).
 */
#ifndef UI_SDL2_H
#define UI_SDL2_H

#include <glib.h>
#include <stdbool.h>

/* Opens the window and starts polling its events on the main loop. */
bool sdl2_display_init(GError **err);

#endif
