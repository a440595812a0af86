/*
 * Soft-float: IEEE 754-2008 binary arithmetic for every guest FPU.
 *
 * One implementation serves all targets; what differs between them (which
 * input NaN an operation returns, the default NaN, what an invalid
 * float-to-integer conversion yields, whether flushing a tiny result also
 * raises inexact) is selected by FloatStatus.nan_rule from the table in
 * fpu/softfloat-specialize.c. Formats: float32, float64, float128 and the
 * x87 80-bit extended format (floatx80, rounded to 24, 53 or 64 bits as
 * FloatStatus.floatx80_precision says). Names follow QEMU's so front ends
 * read familiarly. Every function takes the FloatStatus whose
 * exception_flags it ORs its flags into; nothing here ever aborts.
 */
#ifndef FPU_SOFTFLOAT_H
#define FPU_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t float32;
typedef uint64_t float64;
typedef struct float128 {
    uint64_t hi;    /* sign, 15-bit exponent, top 48 fraction bits */
    uint64_t lo;    /* low 64 fraction bits */
} float128;
typedef struct floatx80 {
    uint64_t mant;      /* significand with its explicit integer bit 63 */
    uint16_t sign_exp;  /* sign in bit 15, 15-bit biased exponent */
} floatx80;

enum {
    float_round_nearest_even,
    float_round_down,
    float_round_up,
    float_round_to_zero,
    float_round_ties_away,
};

/* Exception flags, in x86 MXCSR bit order so the x86 front end maps 1:1. */
enum {
    float_flag_invalid = 0x01,
    float_flag_input_denormal = 0x02,   /* an input was flushed to zero */
    float_flag_divbyzero = 0x04,
    float_flag_overflow = 0x08,
    float_flag_underflow = 0x10,
    float_flag_inexact = 0x20,
    float_flag_output_denormal = 0x40,  /* a tiny result was flushed to zero */
};

/*
 * Per-target conventions (see the table in fpu/softfloat-specialize.c).
 * The x86 SSE and x87 units differ in how they pick between two NaNs.
 */
typedef enum FloatNanRule {
    float_nan_rule_sparc,
    float_nan_rule_ppc,
    float_nan_rule_arm,
    float_nan_rule_x86_sse,
    float_nan_rule_x87,
    FLOAT_NAN_RULE_COUNT,
} FloatNanRule;

typedef enum FloatRelation {
    float_relation_less = -1,
    float_relation_equal = 0,
    float_relation_greater = 1,
    float_relation_unordered = 2,
} FloatRelation;

/* Flags for the fused multiply-add, as for PowerPC fnmadd/fmsub and ARM fnmla. */
enum {
    float_muladd_negate_c = 1,        /* a*b - c */
    float_muladd_negate_product = 2,  /* -(a*b) + c */
    float_muladd_negate_result = 4,   /* -(a*b + c); a NaN result is not negated */
};

typedef struct FloatStatus {
    uint8_t rounding_mode;          /* float_round_* */
    uint8_t exception_flags;        /* sticky float_flag_* bits */
    bool flush_to_zero;             /* tiny results become zero (x86 FTZ, ARM FZ) */
    bool flush_inputs_to_zero;      /* denormal inputs read as zero (x86 DAZ, ARM FZ) */
    bool default_nan_mode;          /* every NaN result is the default NaN (ARM DN) */
    uint8_t nan_rule;               /* FloatNanRule */
    bool tininess_before_rounding;  /* else tininess is detected after rounding */
    uint8_t floatx80_precision;     /* 32, 64 or 80: x87 precision control */
    bool soft_only;                 /* never use the host FPU fast path (tests) */
} FloatStatus;

static inline void float_raise(uint8_t flags, FloatStatus *s)
{
    s->exception_flags |= flags;
}

/*
 * The operations, declared once for every format through the macros below.
 * For a format F of type T (float32, float64, float128, floatx80):
 *   T F_add/sub/mul/div/rem(T a, T b, s)     rem is the IEEE remainder
 *   T F_sqrt(T a, s), T F_round_to_int(T a, s)
 *   T F_muladd(T a, T b, T c, int flags, s)  fused a*b + c, float_muladd_*
 *   T F_scalbn(T a, int n, s)                a * 2^n, rounded once
 *   T F_min/max(a, b, s)                     NaN in gives NaN out (ARM FMIN/FMAX)
 *   T F_minnum/maxnum(a, b, s)               IEEE 754-2008 minNum/maxNum
 *   FloatRelation F_compare(a, b, s)         signals invalid for any NaN
 *   FloatRelation F_compare_quiet(a, b, s)   signals invalid only for a SNaN
 *   int32_t F_to_int32(a, s) ... uint64_t F_to_uint64(a, s), and the
 *     _round_to_zero variants: current rounding mode or truncation
 *   T int32_to_F(v, s) ... uint64_to_F(v, s)
 *   T F_default_nan(s), T F_silence_nan(a, s)
 *   bool F_is_nan/is_signaling_nan/is_quiet_nan/is_infinity/is_zero/
 *     is_denormal/is_neg(a), T F_abs/neg/chs(a) (sign-bit operations only)
 *   bool F_eq/le/lt/unordered (signalling) and F_eq_quiet/le_quiet/
 *     lt_quiet/unordered_quiet
 * Conversions between formats are F_to_G for every pair; F_to_F re-encodes
 * (quiets a SNaN, flushes a denormal as the status says).
 */
#define SOFTFLOAT_DECLARE(F, T)                                             \
    T F##_add(T a, T b, FloatStatus *s);                                    \
    T F##_sub(T a, T b, FloatStatus *s);                                    \
    T F##_mul(T a, T b, FloatStatus *s);                                    \
    T F##_div(T a, T b, FloatStatus *s);                                    \
    T F##_rem(T a, T b, FloatStatus *s);                                    \
    T F##_sqrt(T a, FloatStatus *s);                                        \
    T F##_round_to_int(T a, FloatStatus *s);                                \
    T F##_muladd(T a, T b, T c, int flags, FloatStatus *s);                 \
    T F##_scalbn(T a, int n, FloatStatus *s);                               \
    T F##_min(T a, T b, FloatStatus *s);                                    \
    T F##_max(T a, T b, FloatStatus *s);                                    \
    T F##_minnum(T a, T b, FloatStatus *s);                                 \
    T F##_maxnum(T a, T b, FloatStatus *s);                                 \
    FloatRelation F##_compare(T a, T b, FloatStatus *s);                    \
    FloatRelation F##_compare_quiet(T a, T b, FloatStatus *s);              \
    int32_t F##_to_int32(T a, FloatStatus *s);                              \
    int32_t F##_to_int32_round_to_zero(T a, FloatStatus *s);                \
    uint32_t F##_to_uint32(T a, FloatStatus *s);                            \
    uint32_t F##_to_uint32_round_to_zero(T a, FloatStatus *s);              \
    int64_t F##_to_int64(T a, FloatStatus *s);                              \
    int64_t F##_to_int64_round_to_zero(T a, FloatStatus *s);                \
    uint64_t F##_to_uint64(T a, FloatStatus *s);                            \
    uint64_t F##_to_uint64_round_to_zero(T a, FloatStatus *s);              \
    T int32_to_##F(int32_t v, FloatStatus *s);                              \
    T uint32_to_##F(uint32_t v, FloatStatus *s);                            \
    T int64_to_##F(int64_t v, FloatStatus *s);                              \
    T uint64_to_##F(uint64_t v, FloatStatus *s);                            \
    T F##_default_nan(FloatStatus *s);                                      \
    T F##_silence_nan(T a, FloatStatus *s);                                 \
    float32 F##_to_float32(T a, FloatStatus *s);                            \
    float64 F##_to_float64(T a, FloatStatus *s);                            \
    float128 F##_to_float128(T a, FloatStatus *s);                          \
    floatx80 F##_to_floatx80(T a, FloatStatus *s);                          \
                                                                            \
    static inline bool F##_eq(T a, T b, FloatStatus *s)                     \
    {                                                                       \
        return F##_compare(a, b, s) == float_relation_equal;                \
    }                                                                       \
    static inline bool F##_le(T a, T b, FloatStatus *s)                     \
    {                                                                       \
        FloatRelation r = F##_compare(a, b, s);                             \
        return r == float_relation_less || r == float_relation_equal;       \
    }                                                                       \
    static inline bool F##_lt(T a, T b, FloatStatus *s)                     \
    {                                                                       \
        return F##_compare(a, b, s) == float_relation_less;                 \
    }                                                                       \
    static inline bool F##_unordered(T a, T b, FloatStatus *s)              \
    {                                                                       \
        return F##_compare(a, b, s) == float_relation_unordered;            \
    }                                                                       \
    static inline bool F##_eq_quiet(T a, T b, FloatStatus *s)               \
    {                                                                       \
        return F##_compare_quiet(a, b, s) == float_relation_equal;          \
    }                                                                       \
    static inline bool F##_le_quiet(T a, T b, FloatStatus *s)               \
    {                                                                       \
        FloatRelation r = F##_compare_quiet(a, b, s);                       \
        return r == float_relation_less || r == float_relation_equal;       \
    }                                                                       \
    static inline bool F##_lt_quiet(T a, T b, FloatStatus *s)               \
    {                                                                       \
        return F##_compare_quiet(a, b, s) == float_relation_less;           \
    }                                                                       \
    static inline bool F##_unordered_quiet(T a, T b, FloatStatus *s)        \
    {                                                                       \
        return F##_compare_quiet(a, b, s) == float_relation_unordered;      \
    }

SOFTFLOAT_DECLARE(float32, float32)
SOFTFLOAT_DECLARE(float64, float64)
SOFTFLOAT_DECLARE(float128, float128)
SOFTFLOAT_DECLARE(floatx80, floatx80)
#undef SOFTFLOAT_DECLARE

/*
 * Classification and sign operations on the encoding. A NaN is signalling
 * when the top fraction bit is clear (IEEE 754-2008 6.2.1; every target we
 * emulate follows it), and quieting a NaN sets that bit.
 */
#define SOFTFLOAT_CLASSIFY_BITS(F, T, EXP_SHIFT, EXP_MASK, FRAC_MASK, QUIET)  \
    static inline bool F##_is_infinity(T a)                                   \
    {                                                                         \
        return ((a >> EXP_SHIFT) & EXP_MASK) == EXP_MASK && !(a & FRAC_MASK); \
    }                                                                         \
    static inline bool F##_is_nan(T a)                                        \
    {                                                                         \
        return ((a >> EXP_SHIFT) & EXP_MASK) == EXP_MASK && (a & FRAC_MASK);  \
    }                                                                         \
    static inline bool F##_is_quiet_nan(T a, FloatStatus *s)                  \
    {                                                                         \
        return F##_is_nan(a) && (a & QUIET);                                  \
    }                                                                         \
    static inline bool F##_is_signaling_nan(T a, FloatStatus *s)              \
    {                                                                         \
        return F##_is_nan(a) && !(a & QUIET);                                 \
    }                                                                         \
    static inline bool F##_is_zero(T a)                                       \
    {                                                                         \
        return !(a & (((T)EXP_MASK << EXP_SHIFT) | FRAC_MASK));               \
    }                                                                         \
    static inline bool F##_is_denormal(T a)                                   \
    {                                                                         \
        return !((a >> EXP_SHIFT) & EXP_MASK) && (a & FRAC_MASK);             \
    }                                                                         \
    static inline bool F##_is_neg(T a)                                        \
    {                                                                         \
        return a >> (sizeof(T) * 8 - 1);                                      \
    }                                                                         \
    static inline T F##_abs(T a)                                              \
    {                                                                         \
        return a & ~((T)1 << (sizeof(T) * 8 - 1));                            \
    }                                                                         \
    static inline T F##_chs(T a)                                              \
    {                                                                         \
        return a ^ ((T)1 << (sizeof(T) * 8 - 1));                             \
    }                                                                         \
    static inline T F##_neg(T a)                                              \
    {                                                                         \
        return F##_chs(a);                                                    \
    }

SOFTFLOAT_CLASSIFY_BITS(float32, float32, 23, 0xffu, 0x7fffffu, 0x400000u)
SOFTFLOAT_CLASSIFY_BITS(float64, float64, 52, 0x7ffu, 0xfffffffffffffull,
                        0x8000000000000ull)
#undef SOFTFLOAT_CLASSIFY_BITS

static inline bool float128_is_infinity(float128 a)
{
    return ((a.hi >> 48) & 0x7fff) == 0x7fff && !(a.hi & 0xffffffffffffull) && !a.lo;
}
static inline bool float128_is_nan(float128 a)
{
    return ((a.hi >> 48) & 0x7fff) == 0x7fff && ((a.hi & 0xffffffffffffull) || a.lo);
}
static inline bool float128_is_quiet_nan(float128 a, FloatStatus *s)
{
    return float128_is_nan(a) && (a.hi >> 47 & 1);
}
static inline bool float128_is_signaling_nan(float128 a, FloatStatus *s)
{
    return float128_is_nan(a) && !(a.hi >> 47 & 1);
}
static inline bool float128_is_zero(float128 a)
{
    return !(a.hi << 1) && !a.lo;
}
static inline bool float128_is_denormal(float128 a)
{
    return !((a.hi >> 48) & 0x7fff) && !float128_is_zero(a);
}
static inline bool float128_is_neg(float128 a)
{
    return a.hi >> 63;
}
static inline float128 float128_abs(float128 a)
{
    a.hi &= ~(1ull << 63);
    return a;
}
static inline float128 float128_chs(float128 a)
{
    a.hi ^= 1ull << 63;
    return a;
}
static inline float128 float128_neg(float128 a)
{
    return float128_chs(a);
}

/* x87 encodings with the integer bit wrong for the exponent (pseudo-NaN,
 * pseudo-infinity, unnormal) are "unsupported" (Intel SDM 8.2.2): invalid. */
static inline bool floatx80_is_infinity(floatx80 a)
{
    return (a.sign_exp & 0x7fff) == 0x7fff && a.mant == 1ull << 63;
}
static inline bool floatx80_is_nan(floatx80 a)
{
    return (a.sign_exp & 0x7fff) == 0x7fff && (a.mant << 1);
}
static inline bool floatx80_is_quiet_nan(floatx80 a, FloatStatus *s)
{
    return floatx80_is_nan(a) && (a.mant >> 62 & 1);
}
static inline bool floatx80_is_signaling_nan(floatx80 a, FloatStatus *s)
{
    return floatx80_is_nan(a) && !(a.mant >> 62 & 1);
}
static inline bool floatx80_is_zero(floatx80 a)
{
    return !(a.sign_exp & 0x7fff) && !a.mant;
}
static inline bool floatx80_is_denormal(floatx80 a)
{
    return !(a.sign_exp & 0x7fff) && a.mant;
}
static inline bool floatx80_is_neg(floatx80 a)
{
    return a.sign_exp >> 15;
}
static inline floatx80 floatx80_abs(floatx80 a)
{
    a.sign_exp &= 0x7fff;
    return a;
}
static inline floatx80 floatx80_chs(floatx80 a)
{
    a.sign_exp ^= 0x8000;
    return a;
}
static inline floatx80 floatx80_neg(floatx80 a)
{
    return floatx80_chs(a);
}

#endif
