/*
 * CRC-32 as zlib, PNG and U-Boot compute it.
 */
#ifndef UTIL_CRC32_H
#define UTIL_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Continues a CRC over buf; start with crc 0. */
uint32_t crc32_update(uint32_t crc, const void *buf, size_t len);

#endif
