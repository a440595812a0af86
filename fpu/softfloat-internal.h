/*
 * Soft-float internals shared by fpu/softfloat*.c: the unpacked form every
 * operation works on, the format descriptions, and the per-target rules.
 *
 * A value is unpacked into FloatParts: a class, a sign, an unbiased
 * exponent and a 128-bit significand with its leading one at bit 127
 * (denormals are normalized on the way in). The operations compute on parts
 * with enough extra low bits that the last one can hold a sticky bit, and
 * parts_round_pack() rounds once into the destination format. A NaN keeps
 * its stored fraction left-aligned (the quiet bit at bit 127), so
 * conversions between formats keep the payload's high bits.
 */
#ifndef FPU_SOFTFLOAT_INTERNAL_H
#define FPU_SOFTFLOAT_INTERNAL_H

#include "fpu/softfloat.h"

typedef unsigned __int128 u128;

typedef enum FloatClass {
    FLOAT_CLASS_ZERO,
    FLOAT_CLASS_NORMAL,     /* finite non-zero, denormals included */
    FLOAT_CLASS_INF,
    FLOAT_CLASS_QNAN,
    FLOAT_CLASS_SNAN,
} FloatClass;

typedef struct FloatParts {
    u128 frac;      /* NORMAL: leading one at bit 127; NaN: payload, see above */
    int32_t exp;    /* NORMAL: value = frac / 2^127 * 2^exp */
    uint8_t cls;    /* FloatClass */
    bool sign;
} FloatParts;

#define FRAC_TOP ((u128)1 << 127)
#define FRAC_QUIET ((u128)1 << 127)

static inline bool parts_is_nan(const FloatParts *p)
{
    return p->cls == FLOAT_CLASS_QNAN || p->cls == FLOAT_CLASS_SNAN;
}

typedef struct FloatFmt {
    int exp_bits;       /* width of the biased exponent field */
    int frac_bits;      /* width of the stored fraction (x80: without the integer bit) */
    int precision;      /* significand bits, leading bit included */
    bool explicit_int;  /* the leading bit is stored (x87 extended) */
} FloatFmt;

extern const FloatFmt float32_fmt, float64_fmt, float128_fmt, floatx80_fmt;

static inline int fmt_bias(const FloatFmt *f)
{
    return (1 << (f->exp_bits - 1)) - 1;
}

static inline int fmt_exp_max(const FloatFmt *f)
{
    return (1 << f->exp_bits) - 1;
}

/*
 * A format's fields before they are put together: a sign, the biased
 * exponent and the stored fraction (x80: the whole 64-bit significand),
 * right-aligned.
 */
typedef struct FloatRaw {
    bool sign;
    uint32_t exp;
    u128 frac;
} FloatRaw;

/* Significand bits a result is rounded to: x87 precision control for x80. */
static inline int fmt_precision(const FloatFmt *f, const FloatStatus *s)
{
    if (f->explicit_int && s->floatx80_precision == 32) {
        return 24;
    }
    if (f->explicit_int && s->floatx80_precision == 64) {
        return 53;
    }
    return f->precision;
}

/* Decodes raw fields; flushes a denormal when the status asks for it. */
FloatParts parts_unpack(FloatRaw r, const FloatFmt *f, FloatStatus *s);
/* Rounds to precision significand bits in the format's exponent range, and encodes. */
FloatRaw parts_round_pack(FloatParts p, const FloatFmt *f, int precision, FloatStatus *s);

FloatParts parts_addsub(FloatParts a, FloatParts b, bool subtract, FloatStatus *s);
FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts parts_div(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts parts_rem(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts parts_sqrt(FloatParts a, int precision, FloatStatus *s);
FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c, int flags,
                        FloatStatus *s);
FloatParts parts_round_to_int(FloatParts a, int rounding_mode, FloatStatus *s);
FloatParts parts_scalbn(FloatParts a, int n, FloatStatus *s);
FloatParts parts_minmax(FloatParts a, FloatParts b, bool is_max, bool is_num,
                        FloatStatus *s);
FloatRelation parts_compare(FloatParts a, FloatParts b, bool is_quiet,
                            FloatStatus *s);

/*
 * Rounds to an integer in [-2^63, 2^64 - 1] and checks it against the
 * destination range [min, max]; out of range and NaN give the rule's value.
 */
uint64_t parts_to_int(FloatParts a, int rounding_mode, int64_t min, uint64_t max,
                      FloatStatus *s);
FloatParts parts_from_uint(uint64_t v, bool negative);

/* fpu/softfloat-specialize.c: NaN selection and the per-target table. */
typedef enum FloatNanPick {
    FLOAT_NAN_PICK_SNAN_FIRST,  /* the first SNaN in priority order, else the first NaN */
    FLOAT_NAN_PICK_FIRST,       /* the first NaN in priority order */
    FLOAT_NAN_PICK_LARGER,      /* x87: a QNaN over a SNaN, then the larger significand */
} FloatNanPick;

typedef enum FloatIntInvalid {
    FLOAT_INT_SAT_BY_SIGN,  /* the destination bound on the operand's side */
    FLOAT_INT_SAT_NEG,      /* as for a negative operand: min (0 when unsigned) */
    FLOAT_INT_ZERO,
    FLOAT_INT_INDEFINITE,   /* x86 "integer indefinite": min signed, all ones unsigned */
} FloatIntInvalid;

typedef struct FloatTargetRule {
    uint8_t pick;               /* FloatNanPick */
    uint8_t order2[2];          /* operand priority for two inputs: 0 = a, 1 = b */
    uint8_t order3[3];          /* priority for muladd a*b+c: 0 = a, 1 = b, 2 = c */
    bool infzero_default_nan;   /* 0*inf + QNaN gives the default NaN */
    bool infzero_qnan_quiet;    /* 0*inf + QNaN does not raise invalid */
    bool default_nan_sign;
    bool default_nan_all_ones;  /* fraction all ones, else only the quiet bit */
    bool flush_sets_inexact;    /* flushing a tiny result also raises inexact */
    uint8_t int_nan;            /* FloatIntInvalid for a NaN operand */
    uint8_t int_overflow;       /* FloatIntInvalid for infinity and out of range */
} FloatTargetRule;

const FloatTargetRule *float_target_rule(const FloatStatus *s);
FloatParts parts_default_nan(FloatStatus *s);
/*
 * The NaN result of an operation on n inputs (1 to 3), at least one of them
 * a NaN or, for muladd, infzero (a*b is 0*inf and c is the NaN). Raises
 * invalid for a SNaN or infzero. One input: a format conversion's NaN.
 */
FloatParts parts_pick_nan(const FloatParts *in, int n, bool infzero, FloatStatus *s);

#endif
