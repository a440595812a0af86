/*
 * ST M48T08 / M48T59 timekeeper NVRAM: what boards call besides the
 * device's properties (hw/nvram/m48t59.c).
 */
#ifndef HW_NVRAM_M48T59_H
#define HW_NVRAM_M48T59_H

#include <stdint.h>

#include "hw/core/qdev.h"

/* Fills NVRAM bytes from offset (the board's initial contents: partitions,
 * IDPROM). Bytes past the end are ignored. */
void m48t59_nvram_write(Device *dev, uint32_t offset, const uint8_t *buf, uint32_t len);

#endif
