/*
 * The Sun keyboard and mouse (hw/char/sun_input.c) on a fake ESCC that
 * records what each channel receives: make and break codes, dropped
 * repeats, Mouse Systems packets for buttons and motion, big moves split.
 */
#include <glib.h>
#include <string.h>

#include "hw/char/escc.h"
#include "hw/char/sun_input.h"
#include "ui/input.h"

/* The fake ESCC: bytes queued per channel. */
static GByteArray *received[2];

void escc_input_bytes(Device *dev, int channel, const uint8_t *buf, int len)
{
    g_byte_array_append(received[channel], buf, len);
}

/* softmmu/timer.c wakes the main loop; there is none here. */
void main_loop_wakeup(void)
{
}

static void take(int channel, const uint8_t *want, size_t len)
{
    g_assert_cmpmem(received[channel]->data, received[channel]->len, want, len);
    g_byte_array_set_size(received[channel], 0);
}

static void test_keyboard(void)
{
    /* Station numbers from the Type 5 reference: A is 0x4d, Return 0x59,
     * left Shift 0x63, Escape 0x1d. */
    ui_input_send_key(Q_KEY_CODE_SHIFT, true);
    ui_input_send_key(Q_KEY_CODE_A, true);
    ui_input_send_key(Q_KEY_CODE_A, true);      /* auto-repeat: no second make */
    ui_input_send_key(Q_KEY_CODE_A, false);
    ui_input_send_key(Q_KEY_CODE_SHIFT, false);
    ui_input_send_key(Q_KEY_CODE_RET, true);
    ui_input_send_key(Q_KEY_CODE_RET, false);
    ui_input_send_key(Q_KEY_CODE_ESC, false);    /* never pressed: nothing */
    take(ESCC_CHN_A, (const uint8_t[]){ 0x63, 0x4d, 0xcd, 0xe3, 0x59, 0xd9 }, 6);
    /* A key the Type 5 lacks sends nothing; the mouse channel stays quiet. */
    ui_input_send_key(Q_KEY_CODE_KP_COMMA, true);
    g_assert_cmpuint(received[ESCC_CHN_A]->len, ==, 0);
    g_assert_cmpuint(received[ESCC_CHN_B]->len, ==, 0);
    /* sendkey goes the same way. */
    g_assert_true(ui_input_send_combo("ctrl-alt-f1", 1000, NULL));
    g_assert_cmpuint(received[ESCC_CHN_A]->len, ==, 3);
    g_assert_cmphex(received[ESCC_CHN_A]->data[0], ==, qcode_to_sun_type5(Q_KEY_CODE_CTRL));
    g_assert_cmphex(received[ESCC_CHN_A]->data[2], ==, 0x05);  /* F1 */
    g_byte_array_set_size(received[ESCC_CHN_A], 0);
    ui_input_release_all();
    g_assert_cmpuint(received[ESCC_CHN_A]->len, ==, 3);
    g_assert_nonnull(memchr(received[ESCC_CHN_A]->data, 0x85, 3));
    g_byte_array_set_size(received[ESCC_CHN_A], 0);
}

static void test_mouse(void)
{
    g_assert_false(ui_input_mouse_is_absolute());
    /* Right and down: x as is, y negated (the mouse counts upwards). */
    ui_input_send_mouse(5, 3, 0, 0);
    take(ESCC_CHN_B, (const uint8_t[]){ 0x87, 0x05, 0xfd, 0x00, 0x00 }, 5);
    /* Buttons pull their bit low: left 4, middle 2, right 1. */
    ui_input_send_mouse(0, 0, 0, UI_BUTTON_LEFT);
    take(ESCC_CHN_B, (const uint8_t[]){ 0x83, 0, 0, 0, 0 }, 5);
    ui_input_send_mouse(-2, -1, 0, UI_BUTTON_MIDDLE | UI_BUTTON_RIGHT);
    take(ESCC_CHN_B, (const uint8_t[]){ 0x84, 0xfe, 0x01, 0, 0 }, 5);
    /* A big move uses the second pair, then more packets. */
    ui_input_send_mouse(300, -200, 0, 0);
    take(ESCC_CHN_B, (const uint8_t[]){ 0x87, 127, 127, 127, 73,
                                        0x87, 46, 0, 0, 0 }, 10);
    g_assert_cmpuint(received[ESCC_CHN_A]->len, ==, 0);
}

int main(int argc, char **argv)
{
    static Device fake_escc_dev;    /* never looked into by the fake */

    g_test_init(&argc, &argv, NULL);
    received[0] = g_byte_array_new();
    received[1] = g_byte_array_new();
    sun_input_attach(&fake_escc_dev);
    g_test_add_func("/sun-input/keyboard", test_keyboard);
    g_test_add_func("/sun-input/mouse", test_mouse);
    return g_test_run();
}
