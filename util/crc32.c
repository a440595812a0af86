/*
 * CRC-32 as zlib, PNG and U-Boot compute it (reflected, polynomial
 * 0x04c11db7), table-driven.
 */
#include <glib.h>

#include "util/crc32.h"

static uint32_t crc32_table[256];

static void crc32_init(void)
{
    /* Reflected CRC-32, polynomial 0x04c11db7 (IEEE 802.3). */
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        crc32_table[i] = c;
    }
}

uint32_t crc32_update(uint32_t crc, const void *buf, size_t len)
{
    static gsize once;
    const uint8_t *p = buf;

    if (g_once_init_enter(&once)) {
        crc32_init();
        g_once_init_leave(&once, 1);
    }
    crc = ~crc;
    while (len--) {
        crc = crc32_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}
