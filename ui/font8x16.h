/*
 * The text consoles' 8x16 bitmap font (ui/font8x16.c): printable ASCII,
 * one byte per pixel row, bit 7 the leftmost pixel.
 */
#ifndef UI_FONT8X16_H
#define UI_FONT8X16_H

#include <stdint.h>

#define FONT8X16_WIDTH 8
#define FONT8X16_HEIGHT 16
#define FONT8X16_FIRST 0x20
#define FONT8X16_LAST 0x7e

/* The 16 rows of ch's glyph; a hollow box for characters the font lacks. */
const uint8_t *font8x16_glyph(unsigned ch);

#endif
