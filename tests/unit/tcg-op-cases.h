/*
 * IR op test cases shared by the backends' unit tests (TCI in
 * test-tcg-ir.c; the x86-64 backend's test can include this too).
 *
 * Each case emits one front-end operation on inputs loaded from a TestEnv
 * (or given as constants, to exercise the optimizer's folding), stores
 * its outputs back, and has a plain-C reference written here, apart from
 * the translator's own evaluator. A backend test builds the block with
 * tcg_op_case_build(), runs it its own way, and compares with
 * tcg_op_case_expect(); tcg_op_case_input() supplies edge and random
 * inputs.
 */
#ifndef TESTS_UNIT_TCG_OP_CASES_H
#define TESTS_UNIT_TCG_OP_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/tcg.h"

typedef struct TestEnv {
    uint64_t in[4];
    uint64_t out[2];
} TestEnv;

/* Input restrictions */
#define CASE_DIVS 1u   /* b != 0, and not MIN / -1 */
#define CASE_DIVU 2u   /* b != 0 */

typedef struct TCGOpCase {
    const char *name;
    unsigned obits, ibits;     /* output and input widths (32 or 64) */
    unsigned nin, nout;
    unsigned flags;
    void (*emit)(void **out, void **in);   /* TCGv_i32 / TCGv_i64 handles */
    void (*ref)(uint64_t *out, const uint64_t *in);
} TCGOpCase;

#define TCGV_32 TCGv_i32
#define TCGV_64 TCGv_i64
#define UT_32 uint32_t
#define UT_64 uint64_t
#define ST_32 int32_t
#define ST_64 int64_t

/* Independent references for the less obvious ops. */
static inline uint64_t ref_clz(uint64_t v, unsigned w, uint64_t zero)
{
    if (v == 0) {
        return zero;
    }
    unsigned n = 0;
    for (int bit = w - 1; bit >= 0 && !((v >> bit) & 1); bit--) {
        n++;
    }
    return n;
}

static inline uint64_t ref_ctz(uint64_t v, unsigned w, uint64_t zero)
{
    if (v == 0) {
        return zero;
    }
    unsigned n = 0;
    while (!((v >> n) & 1)) {
        n++;
    }
    return n;
}

static inline uint64_t ref_ctpop(uint64_t v)
{
    unsigned n = 0;
    for (; v; v >>= 1) {
        n += v & 1;
    }
    return n;
}

static inline uint64_t ref_bswap(uint64_t v, unsigned bytes)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < bytes; i++) {
        r = (r << 8) | ((v >> (8 * i)) & 0xff);
    }
    return r;
}

static inline uint64_t ref_field(uint64_t v, unsigned ofs, unsigned len)
{
    return len == 64 ? v : (v >> ofs) & (((uint64_t)1 << len) - 1);
}

static inline int64_t ref_sfield(uint64_t v, unsigned ofs, unsigned len)
{
    uint64_t f = ref_field(v, ofs, len);
    return len < 64 && (f >> (len - 1)) & 1 ? (int64_t)(f | ~(((uint64_t)1 << len) - 1))
                                            : (int64_t)f;
}

static inline uint64_t ref_deposit(uint64_t a, uint64_t b, unsigned ofs, unsigned len)
{
    uint64_t m = (len == 64 ? ~(uint64_t)0 : (((uint64_t)1 << len) - 1)) << ofs;
    return (a & ~m) | ((b << ofs) & m);
}

/* Rotate left by n (mod w) on a w-bit value. */
static inline uint64_t ref_rotl(uint64_t a, unsigned n, unsigned w)
{
    uint64_t m = w == 64 ? ~(uint64_t)0 : (((uint64_t)1 << w) - 1);
    n %= w;
    a &= m;
    return n ? ((a << n) | (a >> (w - n))) & m : a;
}

/* Double-width products via 32-bit pieces (no __int128). */
static inline void ref_mulu64(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    *lo = (mid << 32) | (uint32_t)ll;
    *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

static inline void ref_mul2(uint64_t a, uint64_t b, unsigned w, int sa, int sb, uint64_t *lo,
                            uint64_t *hi)
{
    if (w == 32) {
        int64_t x = sa ? (int64_t)(int32_t)a : (int64_t)(uint32_t)a;
        int64_t y = sb ? (int64_t)(int32_t)b : (int64_t)(uint32_t)b;
        uint64_t p = (uint64_t)x * (uint64_t)y;  /* wraps: the low 64 bits are exact */
        *lo = (uint32_t)p;
        *hi = (uint32_t)(p >> 32);
        return;
    }
    ref_mulu64(a, b, lo, hi);
    /* Signed corrections: a negative factor weighs 2^64 less. */
    if (sa && (int64_t)a < 0) {
        *hi -= b;
    }
    if (sb && (int64_t)b < 0) {
        *hi -= a;
    }
}

/*
 * Width-generic cases: X(name, obits, ibits, nin, nout, flags, EMIT, REF).
 * EMIT uses G(op) for tcg_gen_op_iW and o0, o1, i0..i3; REF computes r0, r1
 * from a, b, c, d (W-bit unsigned; S is the signed type, W the width).
 */
#define TCG_OP_CASES_W(X, W)                                                                  \
    X(mov, W, W, 1, 1, 0, G(mov)(o0, i0), r0 = a)                                             \
    X(add, W, W, 2, 1, 0, G(add)(o0, i0, i1), r0 = a + b)                                     \
    X(sub, W, W, 2, 1, 0, G(sub)(o0, i0, i1), r0 = a - b)                                     \
    X(mul, W, W, 2, 1, 0, G(mul)(o0, i0, i1), r0 = a * b)                                     \
    X(div, W, W, 2, 1, CASE_DIVS, G(div)(o0, i0, i1), r0 = (S)a / (S)b)                       \
    X(rem, W, W, 2, 1, CASE_DIVS, G(rem)(o0, i0, i1), r0 = (S)a % (S)b)                       \
    X(divu, W, W, 2, 1, CASE_DIVU, G(divu)(o0, i0, i1), r0 = a / b)                           \
    X(remu, W, W, 2, 1, CASE_DIVU, G(remu)(o0, i0, i1), r0 = a % b)                           \
    X(neg, W, W, 1, 1, 0, G(neg)(o0, i0), r0 = -a)                                            \
    X(not, W, W, 1, 1, 0, G(not)(o0, i0), r0 = ~a)                                            \
    X(and, W, W, 2, 1, 0, G(and)(o0, i0, i1), r0 = a & b)                                     \
    X(or, W, W, 2, 1, 0, G(or)(o0, i0, i1), r0 = a | b)                                       \
    X(xor, W, W, 2, 1, 0, G(xor)(o0, i0, i1), r0 = a ^ b)                                     \
    X(andc, W, W, 2, 1, 0, G(andc)(o0, i0, i1), r0 = a & ~b)                                  \
    X(orc, W, W, 2, 1, 0, G(orc)(o0, i0, i1), r0 = a | ~b)                                    \
    X(eqv, W, W, 2, 1, 0, G(eqv)(o0, i0, i1), r0 = ~(a ^ b))                                  \
    X(nand, W, W, 2, 1, 0, G(nand)(o0, i0, i1), r0 = ~(a & b))                                \
    X(nor, W, W, 2, 1, 0, G(nor)(o0, i0, i1), r0 = ~(a | b))                                  \
    X(shl, W, W, 2, 1, 0, G(shl)(o0, i0, i1), r0 = a << (b % W))                              \
    X(shr, W, W, 2, 1, 0, G(shr)(o0, i0, i1), r0 = a >> (b % W))                              \
    X(sar, W, W, 2, 1, 0, G(sar)(o0, i0, i1), r0 = (S)a >> (b % W))                           \
    X(rotl, W, W, 2, 1, 0, G(rotl)(o0, i0, i1), r0 = ref_rotl(a, b % W, W))                   \
    X(rotr, W, W, 2, 1, 0, G(rotr)(o0, i0, i1), r0 = ref_rotl(a, (W - b % W) % W, W))         \
    X(shli_1, W, W, 1, 1, 0, G(shli)(o0, i0, 1), r0 = a << 1)                                 \
    X(shli_max, W, W, 1, 1, 0, G(shli)(o0, i0, W - 1), r0 = a << (W - 1))                     \
    X(shri_0, W, W, 1, 1, 0, G(shri)(o0, i0, 0), r0 = a)                                      \
    X(shri_max, W, W, 1, 1, 0, G(shri)(o0, i0, W - 1), r0 = a >> (W - 1))                     \
    X(sari_max, W, W, 1, 1, 0, G(sari)(o0, i0, W - 1), r0 = (S)a >> (W - 1))                  \
    X(sari_3, W, W, 1, 1, 0, G(sari)(o0, i0, 3), r0 = (S)a >> 3)                              \
    X(rotli_0, W, W, 1, 1, 0, G(rotli)(o0, i0, 0), r0 = a)                                    \
    X(rotli_max, W, W, 1, 1, 0, G(rotli)(o0, i0, W - 1), r0 = ref_rotl(a, W - 1, W))          \
    X(rotri_5, W, W, 1, 1, 0, G(rotri)(o0, i0, 5), r0 = ref_rotl(a, W - 5, W))                \
    X(addi, W, W, 1, 1, 0, G(addi)(o0, i0, 0x12345), r0 = a + 0x12345)                        \
    X(addi_0, W, W, 1, 1, 0, G(addi)(o0, i0, 0), r0 = a)                                      \
    X(subi, W, W, 1, 1, 0, G(subi)(o0, i0, 7), r0 = a - 7)                                    \
    X(subfi, W, W, 1, 1, 0, G(subfi)(o0, 100, i0), r0 = 100 - a)                              \
    X(subfi_0, W, W, 1, 1, 0, G(subfi)(o0, 0, i0), r0 = -a)                                   \
    X(muli_8, W, W, 1, 1, 0, G(muli)(o0, i0, 8), r0 = a * 8)                                  \
    X(muli_7, W, W, 1, 1, 0, G(muli)(o0, i0, 7), r0 = a * 7)                                  \
    X(andi_ff, W, W, 1, 1, 0, G(andi)(o0, i0, 0xff), r0 = a & 0xff)                           \
    X(andi_m1, W, W, 1, 1, 0, G(andi)(o0, i0, -1), r0 = a)                                    \
    X(andi_f0f, W, W, 1, 1, 0, G(andi)(o0, i0, 0xf0f), r0 = a & 0xf0f)                        \
    X(ori, W, W, 1, 1, 0, G(ori)(o0, i0, 0x8001), r0 = a | 0x8001)                            \
    X(xori_m1, W, W, 1, 1, 0, G(xori)(o0, i0, -1), r0 = ~a)                                   \
    X(ext8s, W, W, 1, 1, 0, G(ext8s)(o0, i0), r0 = (S)(int8_t)a)                              \
    X(ext8u, W, W, 1, 1, 0, G(ext8u)(o0, i0), r0 = (uint8_t)a)                                \
    X(ext16s, W, W, 1, 1, 0, G(ext16s)(o0, i0), r0 = (S)(int16_t)a)                           \
    X(ext16u, W, W, 1, 1, 0, G(ext16u)(o0, i0), r0 = (uint16_t)a)                             \
    X(bswap16, W, W, 1, 1, 0, G(bswap16)(o0, i0), r0 = ref_bswap(a, 2))                       \
    X(bswap32, W, W, 1, 1, 0, G(bswap32)(o0, i0), r0 = ref_bswap(a, 4))                       \
    X(clz, W, W, 2, 1, 0, G(clz)(o0, i0, i1), r0 = ref_clz(a, W, b))                          \
    X(ctz, W, W, 2, 1, 0, G(ctz)(o0, i0, i1), r0 = ref_ctz(a, W, b))                          \
    X(clzi, W, W, 1, 1, 0, G(clzi)(o0, i0, W), r0 = ref_clz(a, W, W))                         \
    X(ctpop, W, W, 1, 1, 0, G(ctpop)(o0, i0), r0 = ref_ctpop(a))                              \
    X(deposit_0_1, W, W, 2, 1, 0, G(deposit)(o0, i0, i1, 0, 1), r0 = ref_deposit(a, b, 0, 1)) \
    X(deposit_8_8, W, W, 2, 1, 0, G(deposit)(o0, i0, i1, 8, 8), r0 = ref_deposit(a, b, 8, 8)) \
    X(deposit_top, W, W, 2, 1, 0, G(deposit)(o0, i0, i1, W - 1, 1),                           \
      r0 = ref_deposit(a, b, W - 1, 1))                                                       \
    X(deposit_1_rest, W, W, 2, 1, 0, G(deposit)(o0, i0, i1, 1, W - 1),                        \
      r0 = ref_deposit(a, b, 1, W - 1))                                                       \
    X(deposit_full, W, W, 2, 1, 0, G(deposit)(o0, i0, i1, 0, W), r0 = b)                      \
    X(deposit_z_4_12, W, W, 1, 1, 0, G(deposit_z)(o0, i0, 4, 12), r0 = ref_deposit(0, a, 4, 12)) \
    X(deposit_z_0_5, W, W, 1, 1, 0, G(deposit_z)(o0, i0, 0, 5), r0 = ref_deposit(0, a, 0, 5)) \
    X(extract_3_7, W, W, 1, 1, 0, G(extract)(o0, i0, 3, 7), r0 = ref_field(a, 3, 7))          \
    X(extract_top, W, W, 1, 1, 0, G(extract)(o0, i0, W - 1, 1), r0 = ref_field(a, W - 1, 1))  \
    X(extract_0_16, W, W, 1, 1, 0, G(extract)(o0, i0, 0, 16), r0 = ref_field(a, 0, 16))       \
    X(sextract_3_7, W, W, 1, 1, 0, G(sextract)(o0, i0, 3, 7), r0 = ref_sfield(a, 3, 7))       \
    X(sextract_top, W, W, 1, 1, 0, G(sextract)(o0, i0, W - 1, 1),                             \
      r0 = ref_sfield(a, W - 1, 1))                                                           \
    X(sextract_0_8, W, W, 1, 1, 0, G(sextract)(o0, i0, 0, 8), r0 = ref_sfield(a, 0, 8))       \
    X(extract2_1, W, W, 2, 1, 0, G(extract2)(o0, i0, i1, 1), r0 = a >> 1 | b << (W - 1))      \
    X(extract2_half, W, W, 2, 1, 0, G(extract2)(o0, i0, i1, W / 2),                           \
      r0 = a >> (W / 2) | b << (W / 2))                                                       \
    X(extract2_max, W, W, 2, 1, 0, G(extract2)(o0, i0, i1, W - 1), r0 = a >> (W - 1) | b << 1) \
    X(setcond_eq, W, W, 2, 1, 0, G(setcond)(TCG_COND_EQ, o0, i0, i1), r0 = a == b)            \
    X(setcond_ne, W, W, 2, 1, 0, G(setcond)(TCG_COND_NE, o0, i0, i1), r0 = a != b)            \
    X(setcond_lt, W, W, 2, 1, 0, G(setcond)(TCG_COND_LT, o0, i0, i1), r0 = (S)a < (S)b)       \
    X(setcond_ge, W, W, 2, 1, 0, G(setcond)(TCG_COND_GE, o0, i0, i1), r0 = (S)a >= (S)b)      \
    X(setcond_le, W, W, 2, 1, 0, G(setcond)(TCG_COND_LE, o0, i0, i1), r0 = (S)a <= (S)b)      \
    X(setcond_gt, W, W, 2, 1, 0, G(setcond)(TCG_COND_GT, o0, i0, i1), r0 = (S)a > (S)b)       \
    X(setcond_ltu, W, W, 2, 1, 0, G(setcond)(TCG_COND_LTU, o0, i0, i1), r0 = a < b)           \
    X(setcond_geu, W, W, 2, 1, 0, G(setcond)(TCG_COND_GEU, o0, i0, i1), r0 = a >= b)          \
    X(setcond_leu, W, W, 2, 1, 0, G(setcond)(TCG_COND_LEU, o0, i0, i1), r0 = a <= b)          \
    X(setcond_gtu, W, W, 2, 1, 0, G(setcond)(TCG_COND_GTU, o0, i0, i1), r0 = a > b)           \
    X(setcondi_lt, W, W, 1, 1, 0, G(setcondi)(TCG_COND_LT, o0, i0, 0), r0 = (S)a < 0)         \
    X(movcond_lt, W, W, 4, 1, 0, G(movcond)(TCG_COND_LT, o0, i0, i1, i2, i3),                 \
      r0 = (S)a < (S)b ? c : d)                                                               \
    X(movcond_geu, W, W, 4, 1, 0, G(movcond)(TCG_COND_GEU, o0, i0, i1, i2, i3),               \
      r0 = a >= b ? c : d)                                                                    \
    X(add2, W, W, 4, 2, 0, G(add2)(o0, o1, i0, i1, i2, i3),                                   \
      (r0 = a + c, r1 = b + d + (r0 < a)))                                                    \
    X(sub2, W, W, 4, 2, 0, G(sub2)(o0, o1, i0, i1, i2, i3),                                   \
      (r0 = a - c, r1 = b - d - (a < c)))                                                     \
    X(mulu2, W, W, 2, 2, 0, G(mulu2)(o0, o1, i0, i1), ref_mul2(a, b, W, 0, 0, &l_, &h_))      \
    X(muls2, W, W, 2, 2, 0, G(muls2)(o0, o1, i0, i1), ref_mul2(a, b, W, 1, 1, &l_, &h_))      \
    X(mulsu2, W, W, 2, 2, 0, G(mulsu2)(o0, o1, i0, i1), ref_mul2(a, b, W, 1, 0, &l_, &h_))    \
    X(smin, W, W, 2, 1, 0, G(smin)(o0, i0, i1), r0 = (S)a < (S)b ? a : b)                     \
    X(smax, W, W, 2, 1, 0, G(smax)(o0, i0, i1), r0 = (S)a > (S)b ? a : b)                     \
    X(umin, W, W, 2, 1, 0, G(umin)(o0, i0, i1), r0 = a < b ? a : b)                           \
    X(umax, W, W, 2, 1, 0, G(umax)(o0, i0, i1), r0 = a > b ? a : b)                           \
    X(abs, W, W, 1, 1, 0, G(abs)(o0, i0), r0 = (S)a < 0 ? -a : a)                             \
    X(brcond_lt, W, W, 2, 1, 0, tcg_op_case_brcond_##W(TCG_COND_LT, o0, i0, i1),              \
      r0 = (S)a < (S)b ? 1 : 2)                                                               \
    X(brcond_eq, W, W, 2, 1, 0, tcg_op_case_brcond_##W(TCG_COND_EQ, o0, i0, i1),              \
      r0 = a == b ? 1 : 2)

/* Cases that exist at one width only, or cross widths. */
#define TCG_OP_CASES_MIXED(X)                                                                 \
    X(ext32s_i64, 64, 64, 1, 1, 0, tcg_gen_ext32s_i64(o0, i0), r0 = (int64_t)(int32_t)a)      \
    X(ext32u_i64, 64, 64, 1, 1, 0, tcg_gen_ext32u_i64(o0, i0), r0 = (uint32_t)a)              \
    X(bswap64_i64, 64, 64, 1, 1, 0, tcg_gen_bswap64_i64(o0, i0), r0 = ref_bswap(a, 8))        \
    X(andi_ffffffff, 64, 64, 1, 1, 0, tcg_gen_andi_i64(o0, i0, 0xffffffffu), r0 = (uint32_t)a) \
    X(extrl_i64_i32, 32, 64, 1, 1, 0, tcg_gen_extrl_i64_i32(o0, i0), r0 = (uint32_t)a)        \
    X(extrh_i64_i32, 32, 64, 1, 1, 0, tcg_gen_extrh_i64_i32(o0, i0), r0 = a >> 32)            \
    X(ext_i32_i64, 64, 32, 1, 1, 0, tcg_gen_ext_i32_i64(o0, i0), r0 = (int64_t)(int32_t)a)    \
    X(extu_i32_i64, 64, 32, 1, 1, 0, tcg_gen_extu_i32_i64(o0, i0), r0 = a)                    \
    X(concat_i32_i64, 64, 32, 2, 1, 0, tcg_gen_concat_i32_i64(o0, i0, i1),                    \
      r0 = (uint64_t)b << 32 | a)

/* A branch around a move: ret = (a cond b) ? 1 : 2. */
#define TCG_OP_CASE_BRCOND(W)                                                                 \
    static inline void tcg_op_case_brcond_##W(TCGCond cond, TCGv_i##W r, TCGv_i##W a,         \
                                              TCGv_i##W b)                                    \
    {                                                                                         \
        TCGLabel *taken = gen_new_label(), *done = gen_new_label();                          \
        tcg_gen_brcond_i##W(cond, a, b, taken);                                               \
        tcg_gen_movi_i##W(r, 2);                                                              \
        tcg_gen_br(done);                                                                     \
        gen_set_label(taken);                                                                 \
        tcg_gen_movi_i##W(r, 1);                                                              \
        gen_set_label(done);                                                                  \
    }
TCG_OP_CASE_BRCOND(32)
TCG_OP_CASE_BRCOND(64)

#define TCG_OP_CASE_FN(name, OB, IB, nin, nout, flags, EMIT, REF)                             \
    static void tcase_emit_##name##_##OB##_##IB(void **o_, void **i_)                        \
    {                                                                                         \
        TCGV_##OB o0 = o_[0], o1 = o_[1];                                                     \
        TCGV_##IB i0 = i_[0], i1 = i_[1], i2 = i_[2], i3 = i_[3];                             \
        (void)o0, (void)o1, (void)i0, (void)i1, (void)i2, (void)i3;                           \
        EMIT;                                                                                 \
    }                                                                                         \
    static void tcase_ref_##name##_##OB##_##IB(uint64_t *r_, const uint64_t *in_)            \
    {                                                                                         \
        typedef ST_##IB S G_GNUC_UNUSED;                                                      \
        const unsigned W = IB;                                                                \
        UT_##IB a = in_[0], b = in_[1], c = in_[2], d = in_[3];                               \
        UT_##OB r0 = 0, r1 = 0;                                                               \
        uint64_t l_ = 0, h_ = 0;                                                              \
        (void)W, (void)a, (void)b, (void)c, (void)d;                                          \
        REF;                                                                                  \
        if (l_ | h_) {                                                                        \
            r0 = l_;                                                                          \
            r1 = h_;                                                                          \
        }                                                                                     \
        r_[0] = r0;                                                                           \
        r_[1] = r1;                                                                           \
    }
#define TCG_OP_CASE_ENTRY(nm, OB, IB, nin, nout, fl, EMIT, REF)                               \
    { #nm "_" #OB, OB, IB, nin, nout, fl, tcase_emit_##nm##_##OB##_##IB,                      \
      tcase_ref_##nm##_##OB##_##IB },

#define G(x) tcg_gen_##x##_i32
TCG_OP_CASES_W(TCG_OP_CASE_FN, 32)
#undef G
#define G(x) tcg_gen_##x##_i64
TCG_OP_CASES_W(TCG_OP_CASE_FN, 64)
#undef G
TCG_OP_CASES_MIXED(TCG_OP_CASE_FN)

static const TCGOpCase tcg_op_cases[] = {
    TCG_OP_CASES_W(TCG_OP_CASE_ENTRY, 32)
    TCG_OP_CASES_W(TCG_OP_CASE_ENTRY, 64)
    TCG_OP_CASES_MIXED(TCG_OP_CASE_ENTRY)
};

static inline uint64_t tcg_op_case_mask(unsigned bits)
{
    return bits == 64 ? ~(uint64_t)0 : 0xffffffffu;
}

/* The expected outputs for inputs in[] (out[1] is 0 for one-output ops). */
static inline void tcg_op_case_expect(const TCGOpCase *c, const uint64_t *in, uint64_t *out)
{
    c->ref(out, in);
    out[0] &= tcg_op_case_mask(c->obits);
    out[1] &= tcg_op_case_mask(c->obits);
}

/*
 * Input vector number idx (0, 1, ...) for case c: first every pairing of
 * edge values, then pseudo-random ones; false once past count. Vectors a
 * case's flags forbid are replaced by harmless ones.
 */
static inline bool tcg_op_case_input(const TCGOpCase *c, unsigned idx, unsigned count,
                                     uint64_t *in)
{
    static const uint64_t edges[] = {
        0, 1, ~(uint64_t)0, 0x80000000u, 0x7fffffffu, 0x80, 0xff, 0x7f, 0x8000000000000000ull,
        0x7fffffffffffffffull, 31, 63, 0x123456789abcdef0ull, 0xffff0000u,
    };
    const unsigned ne = sizeof(edges) / sizeof(edges[0]);
    uint64_t m = tcg_op_case_mask(c->ibits);

    if (idx >= count) {
        return false;
    }
    uint64_t seed = idx * 0x9e3779b97f4a7c15ull + 0x1234567;
    for (unsigned i = 0; i < 4; i++) {
        seed ^= seed >> 29;
        seed *= 0xbf58476d1ce4e5b9ull;
        seed ^= seed >> 32;
        in[i] = seed & m;
    }
    if (idx < ne * ne) {
        in[0] = edges[idx % ne] & m;
        in[1] = edges[idx / ne] & m;
    }
    uint64_t min = c->ibits == 64 ? 0x8000000000000000ull : 0x80000000u;
    if ((c->flags & (CASE_DIVS | CASE_DIVU)) && in[1] == 0) {
        in[1] = 3;
    }
    if ((c->flags & CASE_DIVS) && in[0] == min && in[1] == m) {
        in[1] = 5;
    }
    return true;
}

/*
 * Emits the block for case c into the current context (after
 * tcg_func_start): inputs loaded from the TestEnv at env_ofs from env, or
 * constants in[] when consts; outputs stored back; then exit_tb(0).
 */
static inline void tcg_op_case_build(const TCGOpCase *c, intptr_t env_ofs, bool consts,
                                     const uint64_t *in)
{
    void *vin[4] = { 0 }, *vout[2] = { 0 };

    for (unsigned i = 0; i < c->nin; i++) {
        intptr_t ofs = env_ofs + offsetof(TestEnv, in) + 8 * i;
        if (c->ibits == 32) {
            TCGv_i32 t = consts ? tcg_constant_i32(in[i]) : tcg_temp_new_i32();
            if (!consts) {
                tcg_gen_ld_i32(t, tcg_env, ofs);
            }
            vin[i] = t;
        } else {
            TCGv_i64 t = consts ? tcg_constant_i64(in[i]) : tcg_temp_new_i64();
            if (!consts) {
                tcg_gen_ld_i64(t, tcg_env, ofs);
            }
            vin[i] = t;
        }
    }
    /* TB-lifetime outputs: a case may set them on both sides of a branch. */
    for (unsigned i = 0; i < 2; i++) {
        vout[i] = c->obits == 32 ? (void *)tcg_temp_local_new_i32()
                                 : (void *)tcg_temp_local_new_i64();
    }
    c->emit(vout, vin);
    for (unsigned i = 0; i < c->nout; i++) {
        intptr_t ofs = env_ofs + offsetof(TestEnv, out) + 8 * i;
        if (c->obits == 32) {
            tcg_gen_st_i32(vout[i], tcg_env, ofs);
        } else {
            tcg_gen_st_i64(vout[i], tcg_env, ofs);
        }
    }
    tcg_gen_exit_tb(NULL, 0);
}

#endif
