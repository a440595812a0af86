/*
 * The Sun keyboard and mouse as the host's user drives them (hw/char/
 * sun_input.h): a front end between ui/input.h and the keyboard/mouse ESCC,
 * which queues the bytes as received characters (escc_input_bytes).
 *
 * Keyboard (Sun Type 5 Keyboard Technical Reference): each key press sends
 * the key's station number, its release the number with bit 7 set. The
 * keyboard does not repeat keys itself (the host's driver does), so a
 * press of a key already down, as a host's auto-repeat makes, is dropped.
 *
 * Mouse: the Mouse Systems 5-byte protocol at 1200 baud that Sun mice
 * speak: a sync byte 0x80 | buttons, where bits 2, 1, 0 are the left,
 * middle and right button, each 0 while pressed; then two pairs of signed
 * motion bytes (x right, y up) that the host adds up. A move larger than a
 * packet carries goes out as several packets.
 */
#include "hw/char/sun_input.h"

#include "hw/char/escc.h"
#include "ui/input.h"

#define SUN_KBD_BREAK 0x80          /* release: the station number | 0x80 */
#define SUN_MOUSE_SYNC 0x80         /* first byte of a packet */
#define SUN_MOUSE_LEFT 0x04         /* button bits, 0 while pressed */
#define SUN_MOUSE_MIDDLE 0x02
#define SUN_MOUSE_RIGHT 0x01
#define SUN_MOUSE_DELTA_MAX 127     /* one signed motion byte */

typedef struct SunInput {
    Device *escc;
    bool down[Q_KEY_CODE__MAX];     /* keys the guest has seen pressed */
} SunInput;

static void sun_keyboard_event(void *opaque, QKeyCode key, bool down)
{
    SunInput *s = opaque;
    int code = qcode_to_sun_type5(key);
    uint8_t byte;

    if (code < 0 || s->down[key] == down) {
        return;     /* no such key on a Type 5, or a repeat */
    }
    s->down[key] = down;
    byte = (uint8_t)(code | (down ? 0 : SUN_KBD_BREAK));
    escc_input_bytes(s->escc, ESCC_CHN_A, &byte, 1);
}

/* Takes up to one motion byte's worth of *rest. */
static int8_t sun_mouse_take(int *rest)
{
    int d = CLAMP(*rest, -SUN_MOUSE_DELTA_MAX, SUN_MOUSE_DELTA_MAX);

    *rest -= d;
    return (int8_t)d;
}

static void sun_mouse_event(void *opaque, int dx, int dy, int dz, unsigned buttons)
{
    SunInput *s = opaque;
    uint8_t sync = SUN_MOUSE_SYNC | SUN_MOUSE_LEFT | SUN_MOUSE_MIDDLE | SUN_MOUSE_RIGHT;
    int rest_x = dx, rest_y = -dy;  /* the mouse counts y upwards, the screen down */

    if (buttons & UI_BUTTON_LEFT) {
        sync &= ~SUN_MOUSE_LEFT;
    }
    if (buttons & UI_BUTTON_MIDDLE) {
        sync &= ~SUN_MOUSE_MIDDLE;
    }
    if (buttons & UI_BUTTON_RIGHT) {
        sync &= ~SUN_MOUSE_RIGHT;
    }
    /* At least one packet (a button change moves nothing). */
    do {
        uint8_t packet[5] = { sync };
        for (int i = 1; i < 5; i += 2) {
            packet[i] = (uint8_t)sun_mouse_take(&rest_x);
            packet[i + 1] = (uint8_t)sun_mouse_take(&rest_y);
        }
        escc_input_bytes(s->escc, ESCC_CHN_B, packet, sizeof(packet));
    } while (rest_x || rest_y);
}

void sun_input_attach(Device *escc)
{
    SunInput *s = g_new0(SunInput, 1);

    s->escc = escc;
    ui_input_register_keyboard(sun_keyboard_event, s);
    ui_input_register_mouse(sun_mouse_event, s, false);
}
