/*
 * Soft-float public entry points: the encodings of float32, float64,
 * float128 and floatx80, and the per-format functions of fpu/softfloat.h.
 *
 * Every function unpacks its operands into FloatParts, calls the one
 * implementation in softfloat-parts.c, and rounds the result into its
 * format; the functions are stamped out per format by SOFTFLOAT_DEFINE so
 * that the formats cannot drift apart. x87 precision control (Intel SDM
 * 8.1.5.2) applies only to add, sub, mul, div and sqrt.
 */
#include <string.h>

#include "fpu/softfloat-internal.h"

const FloatFmt float32_fmt = { .exp_bits = 8, .frac_bits = 23, .precision = 24 };
const FloatFmt float64_fmt = { .exp_bits = 11, .frac_bits = 52, .precision = 53 };
const FloatFmt float128_fmt = { .exp_bits = 15, .frac_bits = 112, .precision = 113 };
const FloatFmt floatx80_fmt = {
    .exp_bits = 15, .frac_bits = 63, .precision = 64, .explicit_int = true,
};

static FloatRaw float32_raw(float32 a)
{
    return (FloatRaw) { a >> 31, a >> 23 & 0xff, a & 0x7fffff };
}

static float32 float32_from_raw(FloatRaw r)
{
    return (uint32_t)r.sign << 31 | r.exp << 23 | (uint32_t)r.frac;
}

static FloatRaw float64_raw(float64 a)
{
    return (FloatRaw) { a >> 63, a >> 52 & 0x7ff, a & 0xfffffffffffffull };
}

static float64 float64_from_raw(FloatRaw r)
{
    return (uint64_t)r.sign << 63 | (uint64_t)r.exp << 52 | (uint64_t)r.frac;
}

static FloatRaw float128_raw(float128 a)
{
    return (FloatRaw) {
        a.hi >> 63, a.hi >> 48 & 0x7fff, (u128)(a.hi & 0xffffffffffffull) << 64 | a.lo,
    };
}

static float128 float128_from_raw(FloatRaw r)
{
    return (float128) {
        .hi = (uint64_t)r.sign << 63 | (uint64_t)r.exp << 48 | (uint64_t)(r.frac >> 64),
        .lo = (uint64_t)r.frac,
    };
}

static FloatRaw floatx80_raw(floatx80 a)
{
    return (FloatRaw) { a.sign_exp >> 15, a.sign_exp & 0x7fff, a.mant };
}

static floatx80 floatx80_from_raw(FloatRaw r)
{
    return (floatx80) { .mant = (uint64_t)r.frac, .sign_exp = r.sign << 15 | r.exp };
}

/*
 * F_unpack, F_pack (rounds to the format's precision) and F_pack_pc (rounds
 * as x87 precision control says; the format's precision elsewhere).
 */
#define SOFTFLOAT_CODEC(F, T)                                                  \
    static FloatParts F##_unpack(T a, FloatStatus *s)                          \
    {                                                                          \
        return parts_unpack(F##_raw(a), &F##_fmt, s);                          \
    }                                                                          \
    static T F##_pack(FloatParts p, FloatStatus *s)                            \
    {                                                                          \
        return F##_from_raw(parts_round_pack(p, &F##_fmt, F##_fmt.precision, s)); \
    }                                                                          \
    static T F##_pack_pc(FloatParts p, FloatStatus *s)                         \
    {                                                                          \
        int prec = fmt_precision(&F##_fmt, s);                                 \
        return F##_from_raw(parts_round_pack(p, &F##_fmt, prec, s));           \
    }

SOFTFLOAT_CODEC(float32, float32)
SOFTFLOAT_CODEC(float64, float64)
SOFTFLOAT_CODEC(float128, float128)
SOFTFLOAT_CODEC(floatx80, floatx80)

/* A NaN converted to another format keeps its sign and high payload, quieted. */
static FloatParts convert_operand(FloatParts p, FloatStatus *s)
{
    return parts_is_nan(&p) ? parts_pick_nan(&p, 1, false, s) : p;
}

#define SOFTFLOAT_TO_INT(F, T, NAME, RT, MIN, MAX)                             \
    RT F##_to_##NAME(T a, FloatStatus *s)                                      \
    {                                                                          \
        return parts_to_int(F##_unpack(a, s), s->rounding_mode, MIN, MAX, s);  \
    }                                                                          \
    RT F##_to_##NAME##_round_to_zero(T a, FloatStatus *s)                      \
    {                                                                          \
        return parts_to_int(F##_unpack(a, s), float_round_to_zero, MIN, MAX, s); \
    }

static FloatParts parts_from_sint(int64_t v)
{
    return parts_from_uint(v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
}

static FloatParts parts_from_unsigned(uint64_t v)
{
    return parts_from_uint(v, false);
}

#define SOFTFLOAT_FROM_INT(F, T, NAME, IT, PARTS)                              \
    T NAME##_to_##F(IT v, FloatStatus *s)                                      \
    {                                                                          \
        return F##_pack(PARTS(v), s);                                          \
    }

/*
 * The host FPU fast path ("hardfloat", as QEMU calls it). In round-to-
 * nearest, add, sub, mul and div of float64 operands well inside the normal
 * range produce the same bits on the host as here, and the only flag they
 * can raise is inexact, which an error-free transformation finds exactly
 * (TwoSum for add/sub, the FMA residual for mul/div) without touching MXCSR.
 * Anything else (other rounding modes, zeros from underflow, results near
 * either end of the range, x / 0, specials) takes the soft path, which
 * applies the target's rules. float32 uses it for mul only: the product of
 * two floats is exact in double, so one rounding to float is correct; sums
 * and quotients would round twice.
 */
#include <math.h>

enum { HARD_ADD, HARD_SUB, HARD_MUL, HARD_DIV };
/* Biased exponents (float64) the residuals stay exact within. */
#define HARD_EXP_MIN 110
#define HARD_EXP_MAX (0x7fe - 2)

static bool hard_has_fma;

static inline int f64_exp(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u >> 52 & 0x7ff;
}

static inline bool f64_operand_ok(double d)
{
    int e = f64_exp(d);
    return d == 0 || (e >= HARD_EXP_MIN && e <= HARD_EXP_MAX);
}

__attribute__((target("fma")))
static bool f64_hard_fma(double a, double b, int op, double *out, bool *inexact)
{
    double r, err;

    switch (op) {
    case HARD_ADD:
    case HARD_SUB: {
        double bb = op == HARD_ADD ? b : -b, t;
        r = a + bb;
        t = r - a;
        err = (a - (r - t)) + (bb - t);
        break;
    }
    case HARD_MUL:
        r = a * b;
        err = __builtin_fma(a, b, -r);
        break;
    default:
        if (b == 0) {
            return false;
        }
        r = a / b;
        err = __builtin_fma(-r, b, a);
        break;
    }
    /* a zero is exact only from a zero operand or a cancelling sum;
     * a product or quotient may have underflowed all the way */
    if (!f64_operand_ok(r) ||
        (r == 0 && (op == HARD_MUL ? a != 0 && b != 0 : op == HARD_DIV ? a != 0 : err != 0))) {
        return false;
    }
    *out = r;
    *inexact = err != 0;
    return true;
}

static bool float64_hard(float64 a, float64 b, int op, float64 *out, FloatStatus *s)
{
    double da, db, r;
    bool inexact;

    if (!hard_has_fma || s->soft_only || s->rounding_mode != float_round_nearest_even) {
        return false;
    }
    memcpy(&da, &a, 8);
    memcpy(&db, &b, 8);
    if (!f64_operand_ok(da) || !f64_operand_ok(db) || !f64_hard_fma(da, db, op, &r, &inexact)) {
        return false;
    }
    if (inexact) {
        float_raise(float_flag_inexact, s);
    }
    memcpy(out, &r, 8);
    return true;
}

static bool float32_hard(float32 a, float32 b, int op, float32 *out, FloatStatus *s)
{
    float fa, fb, fr;
    double p;
    uint32_t ea = a >> 23 & 0xff, eb = b >> 23 & 0xff, er;

    if (op != HARD_MUL || s->soft_only || s->rounding_mode != float_round_nearest_even ||
        ea == 0 || ea == 0xff || eb == 0 || eb == 0xff) {
        return false;
    }
    memcpy(&fa, &a, 4);
    memcpy(&fb, &b, 4);
    p = (double)fa * fb;    /* exact: 48 significant bits */
    fr = (float)p;
    memcpy(&er, &fr, 4);
    er = er >> 23 & 0xff;
    if (er <= 1 || er == 0xff) {
        return false;
    }
    if ((double)fr != p) {
        float_raise(float_flag_inexact, s);
    }
    memcpy(out, &fr, 4);
    return true;
}

/*
 * Square roots: the host's is correctly rounded too, and in round-to-
 * nearest the root of a positive normal number raises at most inexact,
 * which the FMA residual r * r - a finds. For float32 the root is taken in
 * double and rounded to float: with 53 >= 2 * 24 + 2 bits that double
 * rounding is always correct, and the square of a float is exact in double.
 */
__attribute__((target("fma")))
static bool float64_hard_sqrt(float64 a, float64 *out, FloatStatus *s)
{
    double da, r;
    int e = a >> 52 & 0x7ff;

    if (!hard_has_fma || s->soft_only || s->rounding_mode != float_round_nearest_even ||
        (a >> 63) || e < HARD_EXP_MIN || e > HARD_EXP_MAX) {
        return false;
    }
    memcpy(&da, &a, 8);
    r = sqrt(da);
    if (__builtin_fma(r, r, -da) != 0) {
        float_raise(float_flag_inexact, s);
    }
    memcpy(out, &r, 8);
    return true;
}

static bool float32_hard_sqrt(float32 a, float32 *out, FloatStatus *s)
{
    uint32_t e = a >> 23 & 0xff;
    float fa, fr;

    if (s->soft_only || s->rounding_mode != float_round_nearest_even || (a >> 31) ||
        e == 0 || e == 0xff) {
        return false;
    }
    memcpy(&fa, &a, 4);
    fr = (float)sqrt((double)fa);
    if ((double)fr * fr != (double)fa) {
        float_raise(float_flag_inexact, s);
    }
    memcpy(out, &fr, 4);
    return true;
}

static inline bool float128_hard_sqrt(float128 a, float128 *out, FloatStatus *s)
{
    return false;
}

static inline bool floatx80_hard_sqrt(floatx80 a, floatx80 *out, FloatStatus *s)
{
    return false;
}

__attribute__((constructor)) static void hard_init(void)
{
    hard_has_fma = __builtin_cpu_supports("fma");
}

/* compare_quiet of two non-NaN operands needs no flags at all */
static inline int float64_hard_compare(float64 a, float64 b, FloatStatus *s)
{
    double da, db;
    if (s->soft_only || s->flush_inputs_to_zero || ((a >> 52 & 0x7ff) == 0x7ff && (a << 12)) || ((b >> 52 & 0x7ff) == 0x7ff && (b << 12))) {
        return -2;
    }
    memcpy(&da, &a, 8);
    memcpy(&db, &b, 8);
    return da < db ? float_relation_less : da == db ? float_relation_equal : float_relation_greater;
}

static inline int float32_hard_compare(float32 a, float32 b, FloatStatus *s)
{
    return -2;
}

static inline int float128_hard_compare(float128 a, float128 b, FloatStatus *s)
{
    return -2;
}

static inline int floatx80_hard_compare(floatx80 a, floatx80 b, FloatStatus *s)
{
    return -2;
}

static inline bool float128_hard(float128 a, float128 b, int op, float128 *out, FloatStatus *s)
{
    return false;
}

static inline bool floatx80_hard(floatx80 a, floatx80 b, int op, floatx80 *out, FloatStatus *s)
{
    return false;
}

#define SOFTFLOAT_DEFINE(F, T)                                                 \
    T F##_add(T a, T b, FloatStatus *s)                                        \
    {                                                                          \
        T r;                                                                   \
        if (F##_hard(a, b, HARD_ADD, &r, s)) {                                   \
            return r;                                                          \
        }                                                                      \
        return F##_pack_pc(parts_addsub(F##_unpack(a, s), F##_unpack(b, s), false, s), s); \
    }                                                                          \
    T F##_sub(T a, T b, FloatStatus *s)                                        \
    {                                                                          \
        T r;                                                                   \
        if (F##_hard(a, b, HARD_SUB, &r, s)) {                                   \
            return r;                                                          \
        }                                                                      \
        return F##_pack_pc(parts_addsub(F##_unpack(a, s), F##_unpack(b, s), true, s), s); \
    }                                                                          \
    T F##_mul(T a, T b, FloatStatus *s)                                        \
    {                                                                          \
        T r;                                                                   \
        if (F##_hard(a, b, HARD_MUL, &r, s)) {                                   \
            return r;                                                          \
        }                                                                      \
        return F##_pack_pc(parts_mul(F##_unpack(a, s), F##_unpack(b, s), s), s); \
    }                                                                          \
    T F##_div(T a, T b, FloatStatus *s)                                        \
    {                                                                          \
        T r;                                                                   \
        if (F##_hard(a, b, HARD_DIV, &r, s)) {                                   \
            return r;                                                          \
        }                                                                      \
        return F##_pack_pc(parts_div(F##_unpack(a, s), F##_unpack(b, s), s), s); \
    }                                                                          \
    T F##_sqrt(T a, FloatStatus *s)                                            \
    {                                                                          \
        T r;                                                                   \
        if (F##_hard_sqrt(a, &r, s)) {                                         \
            return r;                                                          \
        }                                                                      \
        int prec = fmt_precision(&F##_fmt, s);                                 \
        return F##_pack_pc(parts_sqrt(F##_unpack(a, s), prec, s), s);          \
    }                                                                          \
    T F##_rem(T a, T b, FloatStatus *s)                                        \
    {                                                                          \
        return F##_pack(parts_rem(F##_unpack(a, s), F##_unpack(b, s), s), s);  \
    }                                                                          \
    T F##_round_to_int(T a, FloatStatus *s)                                    \
    {                                                                          \
        return F##_pack(parts_round_to_int(F##_unpack(a, s), s->rounding_mode, s), s); \
    }                                                                          \
    T F##_muladd(T a, T b, T c, int flags, FloatStatus *s)                     \
    {                                                                          \
        FloatParts r = parts_muladd(F##_unpack(a, s), F##_unpack(b, s),        \
                                    F##_unpack(c, s), flags, s);               \
        /* Negating after rounding (PowerISA fnmadd) is a sign flip of the     \
         * rounded result; a NaN keeps its sign. */                            \
        if ((flags & float_muladd_negate_result) && !parts_is_nan(&r)) {       \
            return F##_chs(F##_pack(r, s));                                    \
        }                                                                      \
        return F##_pack(r, s);                                                 \
    }                                                                          \
    T F##_scalbn(T a, int n, FloatStatus *s)                                   \
    {                                                                          \
        return F##_pack(parts_scalbn(F##_unpack(a, s), n, s), s);              \
    }                                                                          \
    T F##_min(T a, T b, FloatStatus *s)                                        \
    {                                                                          \
        return F##_pack(parts_minmax(F##_unpack(a, s), F##_unpack(b, s), false, false, s), s); \
    }                                                                          \
    T F##_max(T a, T b, FloatStatus *s)                                        \
    {                                                                          \
        return F##_pack(parts_minmax(F##_unpack(a, s), F##_unpack(b, s), true, false, s), s); \
    }                                                                          \
    T F##_minnum(T a, T b, FloatStatus *s)                                     \
    {                                                                          \
        return F##_pack(parts_minmax(F##_unpack(a, s), F##_unpack(b, s), false, true, s), s); \
    }                                                                          \
    T F##_maxnum(T a, T b, FloatStatus *s)                                     \
    {                                                                          \
        return F##_pack(parts_minmax(F##_unpack(a, s), F##_unpack(b, s), true, true, s), s); \
    }                                                                          \
    FloatRelation F##_compare(T a, T b, FloatStatus *s)                        \
    {                                                                          \
        return parts_compare(F##_unpack(a, s), F##_unpack(b, s), false, s);    \
    }                                                                          \
    FloatRelation F##_compare_quiet(T a, T b, FloatStatus *s)                  \
    {                                                                          \
        int rel = F##_hard_compare(a, b, s);                                   \
        if (rel != -2) {                                                       \
            return (FloatRelation)rel;                                         \
        }                                                                      \
        return parts_compare(F##_unpack(a, s), F##_unpack(b, s), true, s);     \
    }                                                                          \
    T F##_default_nan(FloatStatus *s)                                          \
    {                                                                          \
        return F##_pack(parts_default_nan(s), s);                              \
    }                                                                          \
    T F##_silence_nan(T a, FloatStatus *s)                                     \
    {                                                                          \
        FloatParts p = F##_unpack(a, s);                                       \
        if (!parts_is_nan(&p)) {                                               \
            return a;                                                          \
        }                                                                      \
        p.cls = FLOAT_CLASS_QNAN;                                              \
        p.frac |= FRAC_QUIET;                                                  \
        return F##_pack(p, s);                                                 \
    }                                                                          \
    float32 F##_to_float32(T a, FloatStatus *s)                                \
    {                                                                          \
        return float32_pack(convert_operand(F##_unpack(a, s), s), s);          \
    }                                                                          \
    float64 F##_to_float64(T a, FloatStatus *s)                                \
    {                                                                          \
        return float64_pack(convert_operand(F##_unpack(a, s), s), s);          \
    }                                                                          \
    float128 F##_to_float128(T a, FloatStatus *s)                              \
    {                                                                          \
        return float128_pack(convert_operand(F##_unpack(a, s), s), s);         \
    }                                                                          \
    floatx80 F##_to_floatx80(T a, FloatStatus *s)                              \
    {                                                                          \
        return floatx80_pack(convert_operand(F##_unpack(a, s), s), s);         \
    }                                                                          \
    SOFTFLOAT_TO_INT(F, T, int32, int32_t, INT32_MIN, INT32_MAX)               \
    SOFTFLOAT_TO_INT(F, T, uint32, uint32_t, 0, UINT32_MAX)                    \
    SOFTFLOAT_TO_INT(F, T, int64, int64_t, INT64_MIN, INT64_MAX)               \
    SOFTFLOAT_TO_INT(F, T, uint64, uint64_t, 0, UINT64_MAX)                    \
    SOFTFLOAT_FROM_INT(F, T, int32, int32_t, parts_from_sint)                  \
    SOFTFLOAT_FROM_INT(F, T, uint32, uint32_t, parts_from_unsigned)            \
    SOFTFLOAT_FROM_INT(F, T, int64, int64_t, parts_from_sint)                  \
    SOFTFLOAT_FROM_INT(F, T, uint64, uint64_t, parts_from_unsigned)

SOFTFLOAT_DEFINE(float32, float32)
SOFTFLOAT_DEFINE(float64, float64)
SOFTFLOAT_DEFINE(float128, float128)
SOFTFLOAT_DEFINE(floatx80, floatx80)
