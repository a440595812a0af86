/*
 * Zilog 8530 SCC / 85C30 ESCC: what boards and input front ends call
 * besides the device's properties (hw/char/escc.c).
 */
#ifndef HW_CHAR_ESCC_H
#define HW_CHAR_ESCC_H

#include <stdint.h>

#include "hw/core/qdev.h"

/* Channel roles ("chnA-type"/"chnB-type" properties). */
enum {
    ESCC_CHN_SERIAL = 0,
    ESCC_CHN_KEYBOARD = 1,   /* a Sun type-5 keyboard on this channel */
    ESCC_CHN_MOUSE = 2,      /* a Sun (Mouse Systems) mouse */
};

enum {
    ESCC_CHN_A = 0,
    ESCC_CHN_B = 1,
};

/* Queues bytes a keyboard or mouse sends on a channel (key codes, mouse
 * packets); the guest reads them as received characters. */
void escc_input_bytes(Device *dev, int channel, const uint8_t *buf, int len);

#endif
