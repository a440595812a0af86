/*
 * The user interface's entry point: what softmmu/vl.c calls once the
 * machine exists. It picks the display (-display none|sdl, -nographic),
 * and registers the monitor's display and input commands (screendump,
 * sendkey, QMP screendump and input-send-event), which work headless too.
 * Text consoles (ui/vc.h) get their display consoles here, after the
 * devices' graphic ones.
 */
#ifndef UI_UI_H
#define UI_UI_H

#include <glib.h>
#include <stdbool.h>

/*
 * display: "none", "sdl", or NULL for the default (a window when SDL is
 * built in, $DISPLAY is set and nographic is false). False with *err set
 * when the display cannot be had.
 */
bool ui_init(const char *display, bool nographic, GError **err);

/*
 * Whether ui_init with these arguments will open a window: softmmu/vl.c
 * then puts the monitor and the first serial port on text consoles (vc),
 * as QEMU does, instead of leaving them out.
 */
bool ui_will_show_window(const char *display, bool nographic);

#endif
