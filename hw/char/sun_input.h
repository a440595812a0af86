/*
 * The Sun keyboard and mouse behind the sun4m keyboard/mouse ESCC
 * (hw/char/sun_input.c): host key and mouse events (ui/input.h) become the
 * bytes a Type 5 keyboard and a Mouse Systems mouse send on its channels.
 */
#ifndef HW_CHAR_SUN_INPUT_H
#define HW_CHAR_SUN_INPUT_H

#include "hw/core/qdev.h"

/*
 * Makes escc's channel A the keyboard and channel B the mouse for the
 * user's input: the board calls it once the ESCC (chnA-type keyboard,
 * chnB-type mouse) is realized. The keyboard's answers to the commands the
 * host sends it (reset, layout, LEDs) are the ESCC's own (hw/char/escc.c).
 */
void sun_input_attach(Device *escc);

#endif
