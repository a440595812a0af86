/*
 * Loads and stores of host memory in a given byte order, and byte swaps.
 * Unaligned pointers are fine: everything goes through memcpy, which the
 * compiler turns into a single move.
 */
#ifndef UTIL_BSWAP_H
#define UTIL_BSWAP_H

#include <stdint.h>
#include <string.h>

static inline uint16_t bswap16(uint16_t x) { return __builtin_bswap16(x); }
static inline uint32_t bswap32(uint32_t x) { return __builtin_bswap32(x); }
static inline uint64_t bswap64(uint64_t x) { return __builtin_bswap64(x); }

#define DEFINE_LDST(name, type, swap)                                   \
    static inline type ld##name##_le_p(const void *p)                  \
    {                                                                   \
        type v;                                                         \
        memcpy(&v, p, sizeof(v));                                       \
        return v;                                                       \
    }                                                                   \
    static inline type ld##name##_be_p(const void *p)                  \
    {                                                                   \
        return swap(ld##name##_le_p(p));                                \
    }                                                                   \
    static inline void st##name##_le_p(void *p, type v)                \
    {                                                                   \
        memcpy(p, &v, sizeof(v));                                       \
    }                                                                   \
    static inline void st##name##_be_p(void *p, type v)                \
    {                                                                   \
        st##name##_le_p(p, swap(v));                                    \
    }

DEFINE_LDST(uw, uint16_t, bswap16)
DEFINE_LDST(l, uint32_t, bswap32)
DEFINE_LDST(q, uint64_t, bswap64)
#undef DEFINE_LDST

static inline uint8_t ldub_p(const void *p) { return *(const uint8_t *)p; }
static inline void stb_p(void *p, uint8_t v) { *(uint8_t *)p = v; }

/* Loads/stores of 1, 2, 4 or 8 bytes, zero-extended, in the given order. */
static inline uint64_t ldn_p(const void *p, unsigned size, int big_endian)
{
    switch (size) {
    case 1: return ldub_p(p);
    case 2: return big_endian ? lduw_be_p(p) : lduw_le_p(p);
    case 4: return big_endian ? ldl_be_p(p) : ldl_le_p(p);
    default: return big_endian ? ldq_be_p(p) : ldq_le_p(p);
    }
}

static inline void stn_p(void *p, unsigned size, int big_endian, uint64_t v)
{
    switch (size) {
    case 1: stb_p(p, v); break;
    case 2: big_endian ? stuw_be_p(p, v) : stuw_le_p(p, v); break;
    case 4: big_endian ? stl_be_p(p, v) : stl_le_p(p, v); break;
    default: big_endian ? stq_be_p(p, v) : stq_le_p(p, v); break;
    }
}

#endif
