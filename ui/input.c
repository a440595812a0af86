/*
 * Keyboard and mouse input (ui/input.h): the key table's lookups, the
 * guest devices' handlers, and the monitor's key combinations.
 *
 * Every mapping is a column of the table in ui/keycodes.h, expanded here
 * into arrays indexed by QKeyCode; reverse lookups search those arrays.
 */
#include "ui/input.h"

#include <stdlib.h>
#include <string.h>

#include "softmmu/timer.h"
#include "util/error.h"

typedef struct KeyInfo {
    const char *name;
    int set1, set2, sun, adb, usb;
    char lo, hi;
} KeyInfo;

static const KeyInfo key_table[Q_KEY_CODE__MAX] = {
    [Q_KEY_CODE_UNMAPPED] = { "unmapped", -1, -1, -1, -1, -1, 0, 0 },
#define UI_KEY_INFO(sym, nm, s1, s2, sn, ad, us, l, h) \
    [Q_KEY_CODE_##sym] = { nm, s1, s2, sn, ad, us, l, h },
    UI_KEYCODES(UI_KEY_INFO)
#undef UI_KEY_INFO
};

static const KeyInfo *key_info(QKeyCode key)
{
    return &key_table[key > 0 && key < Q_KEY_CODE__MAX ? key : Q_KEY_CODE_UNMAPPED];
}

const char *qcode_name(QKeyCode key)
{
    return key_info(key)->name;
}

QKeyCode qcode_from_name(const char *name)
{
    for (QKeyCode k = 1; k < Q_KEY_CODE__MAX; k++) {
        if (!strcmp(key_table[k].name, name)) {
            return k;
        }
    }
    return Q_KEY_CODE_UNMAPPED;
}

int qcode_to_sun_type5(QKeyCode key) { return key_info(key)->sun; }
int qcode_to_adb(QKeyCode key) { return key_info(key)->adb; }
int qcode_to_ps2_set1(QKeyCode key) { return key_info(key)->set1; }
int qcode_to_ps2_set2(QKeyCode key) { return key_info(key)->set2; }
static int key_usb(QKeyCode key) { return key_info(key)->usb; }

int qcode_to_ascii(QKeyCode key, bool shift)
{
    return (unsigned char)(shift ? key_info(key)->hi : key_info(key)->lo);
}

/* The first key whose column holds code: the table lists the primary name
 * of a key (asterisk, print) before its alias (kp_multiply, sysrq). */
static QKeyCode key_find(int (*code_of)(QKeyCode), int code)
{
    if (code < 0) {
        return Q_KEY_CODE_UNMAPPED;
    }
    for (QKeyCode k = 1; k < Q_KEY_CODE__MAX; k++) {
        if (code_of(k) == code) {
            return k;
        }
    }
    return Q_KEY_CODE_UNMAPPED;
}

QKeyCode qcode_from_usb(int usage)
{
    return key_find(key_usb, usage);
}

QKeyCode qcode_from_ps2_set1(int code)
{
    return key_find(qcode_to_ps2_set1, code);
}

/* ---- handlers ---- */

typedef struct InputState {
    UiKeyboardEvent kbd;
    void *kbd_opaque;
    UiMouseEvent mouse;
    void *mouse_opaque;
    bool mouse_absolute;
    bool down[Q_KEY_CODE__MAX];     /* keys the guest has seen pressed */
    /* sendkey: the keys to release when the hold time is up */
    Timer *combo_timer;
    QKeyCode combo[16];
    int combo_len;
} InputState;

static InputState input;

void ui_input_register_keyboard(UiKeyboardEvent event, void *opaque)
{
    input.kbd = event;
    input.kbd_opaque = opaque;
}

void ui_input_register_mouse(UiMouseEvent event, void *opaque, bool absolute)
{
    input.mouse = event;
    input.mouse_opaque = opaque;
    input.mouse_absolute = absolute;
}

void ui_input_send_key(QKeyCode key, bool down)
{
    if (key <= 0 || key >= Q_KEY_CODE__MAX) {
        return;
    }
    input.down[key] = down;
    if (input.kbd) {
        input.kbd(input.kbd_opaque, key, down);
    }
}

void ui_input_send_mouse(int dx, int dy, int dz, unsigned buttons)
{
    if (input.mouse) {
        input.mouse(input.mouse_opaque, dx, dy, dz, buttons);
    }
}

bool ui_input_mouse_is_absolute(void)
{
    return input.mouse && input.mouse_absolute;
}

void ui_input_release_all(void)
{
    input.combo_len = 0;
    for (QKeyCode k = 1; k < Q_KEY_CODE__MAX; k++) {
        if (input.down[k]) {
            ui_input_send_key(k, false);
        }
    }
}

/* ---- sendkey ---- */

static void input_combo_release(void *opaque)
{
    while (input.combo_len > 0) {
        ui_input_send_key(input.combo[--input.combo_len], false);
    }
}

/* A key by name, or a number: a set 1 scan code as QEMU's sendkey takes. */
static QKeyCode input_parse_key(const char *word)
{
    char *end;
    long code;

    if (g_ascii_isdigit(word[0]) && word[1] != '\0') {
        code = strtol(word, &end, 0);
        return *end == '\0' ? qcode_from_ps2_set1((int)code) : Q_KEY_CODE_UNMAPPED;
    }
    return qcode_from_name(word);
}

bool ui_input_send_combo(const char *keys, int hold_ms, GError **err)
{
    g_auto(GStrv) words = g_strsplit(keys, "-", -1);
    QKeyCode parsed[G_N_ELEMENTS(input.combo)];
    int n = 0;

    for (int i = 0; words[i]; i++) {
        QKeyCode k = input_parse_key(words[i]);
        if (k == Q_KEY_CODE_UNMAPPED) {
            g_set_error(err, CHIMERA_ERROR, 0, "invalid parameter: %s", words[i]);
            return false;
        }
        if (n == (int)G_N_ELEMENTS(parsed)) {
            g_set_error(err, CHIMERA_ERROR, 0, "too many keys");
            return false;
        }
        parsed[n++] = k;
    }
    if (n == 0) {
        g_set_error(err, CHIMERA_ERROR, 0, "no key given");
        return false;
    }
    /* A combination still held is released first, as a typist would. */
    input_combo_release(NULL);
    if (!input.combo_timer) {
        input.combo_timer = timer_new_ns(CLOCK_TYPE_REALTIME, input_combo_release, NULL);
    }
    for (int i = 0; i < n; i++) {
        ui_input_send_key(parsed[i], true);
        input.combo[input.combo_len++] = parsed[i];
    }
    timer_mod_ns(input.combo_timer, clock_get_ns(CLOCK_TYPE_REALTIME) +
                 (int64_t)(hold_ms > 0 ? hold_ms : 100) * 1000000);
    return true;
}
