/*
 * Keyboard and mouse input: the front-end interface between user interfaces
 * (the SDL window, the monitor's sendkey, QMP's input-send-event) and the
 * guest's keyboard and mouse devices (the ESCC's Sun keyboard and mouse,
 * ADB, PS/2).
 *
 * Keys travel as QKeyCode, QEMU's names for the physical keys; each device
 * turns them into its own codes with the qcode_to_* tables. A device
 * registers a handler; events go to the most recently registered one. All
 * calls happen on the main loop with the global lock held.
 */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "ui/keycodes.h"

typedef int QKeyCode;

enum {
    Q_KEY_CODE_UNMAPPED = 0,
#define UI_KEY_ENUM(sym, name, set1, set2, sun, adb, usb, lo, hi) Q_KEY_CODE_##sym,
    UI_KEYCODES(UI_KEY_ENUM)
#undef UI_KEY_ENUM
    Q_KEY_CODE__MAX
};

/* The QKeyCode name ("ctrl", "f1", "kp_add"); "unmapped" for anything else. */
const char *qcode_name(QKeyCode key);
/* Q_KEY_CODE_UNMAPPED when the name is not a key. */
QKeyCode qcode_from_name(const char *name);

/* A device's code for the key, or -1 when its keyboard has no such key. */
int qcode_to_sun_type5(QKeyCode key);
int qcode_to_adb(QKeyCode key);
/* PS/2 set 1 and set 2 make codes; 0xe0xx for keys sent with the 0xe0 prefix. */
int qcode_to_ps2_set1(QKeyCode key);
int qcode_to_ps2_set2(QKeyCode key);
/* The US layout's character for the text consoles, 0 if none. */
int qcode_to_ascii(QKeyCode key, bool shift);

/* Reverse lookups: Q_KEY_CODE_UNMAPPED when no key has that code. */
QKeyCode qcode_from_usb(int usage);        /* SDL scancodes are USB usages */
QKeyCode qcode_from_ps2_set1(int code);    /* sendkey's numeric keys */

/* Mouse buttons, a bit each in the button masks below. */
enum {
    UI_BUTTON_LEFT = 1 << 0,
    UI_BUTTON_MIDDLE = 1 << 1,
    UI_BUTTON_RIGHT = 1 << 2,
};

/* Absolute coordinates span 0..UI_INPUT_ABS_MAX across the screen. */
#define UI_INPUT_ABS_MAX 0x7fff

typedef void (*UiKeyboardEvent)(void *opaque, QKeyCode key, bool down);
/*
 * dx/dy: motion (relative devices) or the position 0..UI_INPUT_ABS_MAX
 * (absolute devices); dz: wheel clicks, positive away from the user;
 * buttons: the UI_BUTTON_* held now.
 */
typedef void (*UiMouseEvent)(void *opaque, int dx, int dy, int dz, unsigned buttons);

void ui_input_register_keyboard(UiKeyboardEvent event, void *opaque);
void ui_input_register_mouse(UiMouseEvent event, void *opaque, bool absolute);

/* UI side: deliver an event to the guest's device (dropped when none). */
void ui_input_send_key(QKeyCode key, bool down);
void ui_input_send_mouse(int dx, int dy, int dz, unsigned buttons);
/* Whether the current mouse takes absolute positions. */
bool ui_input_mouse_is_absolute(void);
/* The keys held down now, for releasing them when the window loses focus. */
void ui_input_release_all(void);

/*
 * sendkey: "ctrl-alt-f1" presses the keys in order, holds them for
 * hold_ms (100 by default) and releases them in reverse order. Keys are
 * QKeyCode names or numbers (set 1 scan codes, as QEMU takes them). False
 * with *err set on an unknown key.
 */
bool ui_input_send_combo(const char *keys, int hold_ms, GError **err);

#endif
