/*
 * Soft-float arithmetic on unpacked values (FloatParts), for every format.
 *
 * Each operation takes exact operands and returns a result that is exact
 * or carries its lost low bits as a sticky bit 0, far enough below the
 * rounding point of the widest format (float128: 15 bits) that one final
 * rounding in parts_round_pack() gives the IEEE 754-2008 result: 4.3
 * (rounding), 7.2 to 7.5 (invalid, division by zero, overflow, underflow,
 * inexact). Products and fused multiply-adds use 256-bit intermediates.
 */
#include "fpu/softfloat-internal.h"

/* 256-bit unsigned integers for exact products. */
typedef struct U256 {
    u128 hi, lo;
} U256;

static int clz128(u128 x)
{
    uint64_t hi = x >> 64;
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)x);
}

/* x >> n, ORing every bit shifted out into bit 0. */
static u128 shr_jam(u128 x, int n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 128) {
        return x != 0;
    }
    return (x >> n) | ((x << (128 - n)) != 0);
}

static U256 mul128(u128 a, u128 b)
{
    uint64_t a0 = a, a1 = a >> 64, b0 = b, b1 = b >> 64;
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
    u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;

    return (U256) {
        .hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64),
        .lo = (mid << 64) | (uint64_t)p00,
    };
}

static U256 shr_jam256(U256 x, int n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 256) {
        return (U256) { 0, (x.hi | x.lo) != 0 };
    }
    if (n >= 128) {
        return (U256) { 0, shr_jam(x.hi, n - 128) | (x.lo != 0) };
    }
    return (U256) { x.hi >> n, (x.hi << (128 - n)) | shr_jam(x.lo, n) };
}

static U256 shl256(U256 x, int n)
{
    if (n == 0) {
        return x;
    }
    if (n >= 128) {
        return (U256) { x.lo << (n - 128), 0 };
    }
    return (U256) { (x.hi << n) | (x.lo >> (128 - n)), x.lo << n };
}

/* The top 128 bits, the rest ORed into bit 0. */
static u128 narrow_jam(U256 x)
{
    return x.hi | (x.lo != 0);
}

static bool lt256(U256 a, U256 b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

/* Whether dropping rem (of which half is the midpoint) rounds the magnitude up. */
static bool round_increment(int mode, bool sign, bool odd, u128 rem, u128 half)
{
    switch (mode) {
    case float_round_nearest_even:
        return rem > half || (rem == half && odd);
    case float_round_ties_away:
        return rem >= half;
    case float_round_up:
        return !sign && rem;
    case float_round_down:
        return sign && rem;
    default:
        return false;
    }
}

/* frac / 2^shift (shift 1..127) rounded to an integer. */
static u128 frac_round(u128 frac, int shift, int mode, bool sign, bool *inexact)
{
    u128 rem = frac & (((u128)1 << shift) - 1), q = frac >> shift;

    *inexact = rem != 0;
    return q + round_increment(mode, sign, q & 1, rem, (u128)1 << (shift - 1));
}

static bool overflow_to_inf(int mode, bool sign)
{
    return mode == float_round_nearest_even || mode == float_round_ties_away ||
           (mode == float_round_up && !sign) || (mode == float_round_down && sign);
}

FloatParts parts_unpack(FloatRaw r, const FloatFmt *f, FloatStatus *s)
{
    FloatParts p = { .sign = r.sign, .cls = FLOAT_CLASS_NORMAL };
    int bias = fmt_bias(f), fbits = f->frac_bits;
    u128 frac = r.frac;

    if (f->explicit_int) {
        bool int_bit = frac >> 63 & 1;
        /*
         * Pseudo-NaN, pseudo-infinity and unnormals are unsupported
         * encodings (Intel SDM 8.2.2): read them as a SNaN without payload,
         * which quiets to the negative indefinite with invalid raised.
         */
        if (r.exp != 0 && !int_bit) {
            return (FloatParts) { .cls = FLOAT_CLASS_SNAN, .sign = true };
        }
        if (r.exp != 0) {
            frac &= ~((u128)1 << 63);
        }
    }
    if (r.exp == (uint32_t)fmt_exp_max(f)) {
        if (frac == 0) {
            p.cls = FLOAT_CLASS_INF;
            return p;
        }
        p.cls = frac >> (fbits - 1) & 1 ? FLOAT_CLASS_QNAN : FLOAT_CLASS_SNAN;
        p.frac = frac << (128 - fbits);
        return p;
    }
    if (r.exp == 0) {
        int n;

        if (frac == 0) {
            p.cls = FLOAT_CLASS_ZERO;
            return p;
        }
        if (s->flush_inputs_to_zero) {
            float_raise(float_flag_input_denormal, s);
            p.cls = FLOAT_CLASS_ZERO;
            return p;
        }
        /* value = frac * 2^(emin - fbits); x80 pseudo-denormals included */
        n = clz128(frac);
        p.frac = frac << n;
        p.exp = 1 - bias - fbits + 127 - n;
        return p;
    }
    p.frac = (frac | (u128)1 << fbits) << (127 - fbits);
    p.exp = (int)r.exp - bias;
    return p;
}

/* A tiny result flushed to zero (x86 FTZ, ARM FZ). */
static FloatRaw round_pack_flush(bool sign, FloatStatus *s)
{
    uint8_t flags = float_flag_underflow | float_flag_output_denormal;

    if (float_target_rule(s)->flush_sets_inexact) {
        flags |= float_flag_inexact;
    }
    float_raise(flags, s);
    return (FloatRaw) { .sign = sign };
}

FloatRaw parts_round_pack(FloatParts p, const FloatFmt *f, int prec, FloatStatus *s)
{
    int shift = 128 - prec, mode = s->rounding_mode;
    int emax = fmt_exp_max(f), e;
    u128 int_bit = f->explicit_int ? (u128)1 << 63 : 0, q;
    FloatRaw r = { .sign = p.sign };
    bool tiny = false, inexact;

    switch (p.cls) {
    case FLOAT_CLASS_ZERO:
        return r;
    case FLOAT_CLASS_INF:
        r.exp = emax;
        r.frac = int_bit;
        return r;
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        r.exp = emax;
        r.frac = int_bit | p.frac >> (128 - f->frac_bits);
        return r;
    }

    e = p.exp + fmt_bias(f);
    if (e <= 0) {
        /* IEEE 7.5: tiny before rounding, or after rounding to prec bits with an
         * unbounded exponent: only a carry into 2^emin makes it not tiny. */
        tiny = s->tininess_before_rounding || e < 0 ||
               frac_round(p.frac, shift, mode, p.sign, &inexact) >> prec == 0;
        if (tiny && s->flush_to_zero) {
            return round_pack_flush(p.sign, s);
        }
        q = frac_round(shr_jam(p.frac, 1 - e), shift, mode, p.sign, &inexact);
        e = q >> (prec - 1) ? 1 : 0;
    } else {
        q = frac_round(p.frac, shift, mode, p.sign, &inexact);
        if (q >> prec) {
            q >>= 1;
            e++;
        }
    }
    if (e >= emax) {
        float_raise(float_flag_overflow | float_flag_inexact, s);
        if (overflow_to_inf(mode, p.sign)) {
            r.exp = emax;
            r.frac = int_bit;
            return r;
        }
        e = emax - 1;
        q = ((u128)1 << prec) - 1;
    } else if (inexact) {
        float_raise(tiny ? float_flag_inexact | float_flag_underflow : float_flag_inexact, s);
    }
    r.exp = e;
    r.frac = f->explicit_int ? q << (64 - prec) : q & (((u128)1 << f->frac_bits) - 1);
    return r;
}

static FloatParts pick_nan2(FloatParts a, FloatParts b, FloatStatus *s)
{
    FloatParts in[2] = { a, b };
    return parts_pick_nan(in, 2, false, s);
}

static FloatParts invalid_nan(FloatStatus *s)
{
    float_raise(float_flag_invalid, s);
    return parts_default_nan(s);
}

static FloatParts signed_zero(bool sign)
{
    return (FloatParts) { .cls = FLOAT_CLASS_ZERO, .sign = sign };
}

static FloatParts signed_inf(bool sign)
{
    return (FloatParts) { .cls = FLOAT_CLASS_INF, .sign = sign };
}

/* IEEE 6.3: an exact zero sum of opposite signs is +0, or -0 rounding down. */
static FloatParts exact_zero_sum(FloatStatus *s)
{
    return signed_zero(s->rounding_mode == float_round_down);
}

FloatParts parts_addsub(FloatParts a, FloatParts b, bool subtract, FloatStatus *s)
{
    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        return pick_nan2(a, b, s);
    }
    b.sign ^= subtract;
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF) {
        if (a.cls == b.cls && a.sign != b.sign) {
            return invalid_nan(s);
        }
        return a.cls == FLOAT_CLASS_INF ? a : b;
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO) {
        if (a.cls == b.cls && a.sign != b.sign) {
            return exact_zero_sum(s);
        }
        return a.cls == FLOAT_CLASS_ZERO ? b : a;
    }
    if (a.exp < b.exp || (a.exp == b.exp && a.frac < b.frac)) {
        FloatParts t = a;
        a = b;
        b = t;
    }
    b.frac = shr_jam(b.frac, a.exp - b.exp);
    if (a.sign == b.sign) {
        u128 sum = a.frac + b.frac;
        if (sum < a.frac) {
            sum = FRAC_TOP | shr_jam(sum, 1);
            a.exp++;
        }
        a.frac = sum;
    } else {
        u128 diff = a.frac - b.frac;
        int n;
        if (diff == 0) {
            return exact_zero_sum(s);
        }
        n = clz128(diff);
        a.frac = diff << n;
        a.exp -= n;
    }
    return a;
}

/* The exact product of two normal values, leading one at bit 255. */
static U256 mul_frac(const FloatParts *a, const FloatParts *b, int *exp)
{
    U256 p = mul128(a->frac, b->frac);

    /* a.frac * b.frac / 2^254 is in [1, 4) */
    *exp = a->exp + b->exp;
    if (p.hi >> 127) {
        (*exp)++;
        return p;
    }
    return shl256(p, 1);
}

FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s)
{
    bool sign = a.sign ^ b.sign;
    U256 p;

    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        return pick_nan2(a, b, s);
    }
    if ((a.cls == FLOAT_CLASS_INF && b.cls == FLOAT_CLASS_ZERO) ||
        (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_INF)) {
        return invalid_nan(s);
    }
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF) {
        return signed_inf(sign);
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO) {
        return signed_zero(sign);
    }
    p = mul_frac(&a, &b, &a.exp);
    a.frac = narrow_jam(p);
    a.sign = sign;
    return a;
}

FloatParts parts_div(FloatParts a, FloatParts b, FloatStatus *s)
{
    bool sign = a.sign ^ b.sign;

    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        return pick_nan2(a, b, s);
    }
    if (a.cls == b.cls && (a.cls == FLOAT_CLASS_INF || a.cls == FLOAT_CLASS_ZERO)) {
        return invalid_nan(s);
    }
    if (a.cls == FLOAT_CLASS_INF) {
        return signed_inf(sign);
    }
    if (b.cls == FLOAT_CLASS_INF || a.cls == FLOAT_CLASS_ZERO) {
        return signed_zero(sign);
    }
    if (b.cls == FLOAT_CLASS_ZERO) {
        float_raise(float_flag_divbyzero, s);
        return signed_inf(sign);
    }
    a.sign = sign;
    a.exp -= b.exp;
    if ((uint64_t)a.frac == 0 && (uint64_t)b.frac == 0) {
        /* Significands of up to 64 bits: two 128/64 divisions give 128 quotient bits. */
        uint64_t n = a.frac >> 64, d = b.frac >> 64;
        u128 num = (u128)n << (n < d ? 64 : 63), rem;
        a.exp -= n < d;
        rem = (num % d) << 64;
        a.frac = (num / d) << 64 | rem / d | (rem % d != 0);
    } else {
        /* Restoring division, one quotient bit a step, 127 bits. */
        u128 n = a.frac >> 1, d = b.frac >> 1, q = 0;
        if (n < d) {
            n <<= 1;
            a.exp--;
        }
        for (int i = 0; i < 127; i++) {
            q <<= 1;
            if (n >= d) {
                n -= d;
                q |= 1;
            }
            n <<= 1;
        }
        a.frac = q << 1 | (n != 0);
    }
    return a;
}

FloatParts parts_sqrt(FloatParts a, int precision, FloatStatus *s)
{
    int nbits = precision + 2;
    u128 radicand, rem = 0, q = 0;

    if (parts_is_nan(&a)) {
        return parts_pick_nan(&a, 1, false, s);
    }
    if (a.cls == FLOAT_CLASS_ZERO) {
        return a;
    }
    if (a.sign) {
        return invalid_nan(s);
    }
    if (a.cls == FLOAT_CLASS_INF) {
        return a;
    }
    /* Make the exponent even: radicand / 2^126 in [1, 4). */
    radicand = a.exp & 1 ? a.frac : a.frac >> 1;
    a.exp = (a.exp - (a.exp & 1)) / 2;
    /* Digit by digit: each step brings down two radicand bits, gives one root bit. */
    for (int i = 0; i < nbits; i++) {
        u128 trial;
        rem = rem << 2 | (i < 64 ? radicand >> (126 - 2 * i) & 3 : 0);
        trial = q << 2 | 1;
        q <<= 1;
        if (rem >= trial) {
            rem -= trial;
            q |= 1;
        }
    }
    /* Radicand bits not brought down (x87 precision control) are sticky too. */
    if (nbits < 64) {
        rem |= radicand << (2 * nbits);
    }
    a.frac = q << (128 - nbits) | (rem != 0);
    return a;
}

/* An exact intermediate of a fused multiply-add: m * 2^exp / 2^255. */
typedef struct FloatWide {
    U256 m;
    int exp;
    bool sign;
} FloatWide;

/* The exact sum of two non-zero wide values, as parts with a sticky bit. */
static FloatParts wide_add(FloatWide x, FloatWide y, FloatStatus *s)
{
    U256 r;
    int n;

    if (y.exp > x.exp || (y.exp == x.exp && lt256(x.m, y.m))) {
        FloatWide t = x;
        x = y;
        y = t;
    }
    y.m = shr_jam256(y.m, x.exp - y.exp);
    if (x.sign == y.sign) {
        r.lo = x.m.lo + y.m.lo;
        r.hi = x.m.hi + y.m.hi + (r.lo < x.m.lo);
        if (lt256(r, x.m)) {
            r = shr_jam256(r, 1);
            r.hi |= FRAC_TOP;
            x.exp++;
        }
    } else {
        r.hi = x.m.hi - y.m.hi - (x.m.lo < y.m.lo);
        r.lo = x.m.lo - y.m.lo;
        if (!r.hi && !r.lo) {
            return exact_zero_sum(s);
        }
        n = r.hi ? clz128(r.hi) : 128 + clz128(r.lo);
        r = shl256(r, n);
        x.exp -= n;
    }
    return (FloatParts) {
        .cls = FLOAT_CLASS_NORMAL, .sign = x.sign, .exp = x.exp,
        .frac = narrow_jam(r),
    };
}

FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c, int flags,
                        FloatStatus *s)
{
    bool infzero = (a.cls == FLOAT_CLASS_INF && b.cls == FLOAT_CLASS_ZERO) ||
                   (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_INF);
    FloatWide prod;

    if (parts_is_nan(&a) || parts_is_nan(&b) || parts_is_nan(&c)) {
        FloatParts in[3] = { a, b, c };
        return parts_pick_nan(in, 3, infzero, s);
    }
    if (infzero) {
        return invalid_nan(s);
    }
    c.sign ^= !!(flags & float_muladd_negate_c);
    prod.sign = a.sign ^ b.sign ^ !!(flags & float_muladd_negate_product);
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF) {
        if (c.cls == FLOAT_CLASS_INF && c.sign != prod.sign) {
            return invalid_nan(s);
        }
        return signed_inf(prod.sign);
    }
    if (c.cls == FLOAT_CLASS_INF) {
        return c;
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO) {
        if (c.cls == FLOAT_CLASS_ZERO && c.sign != prod.sign) {
            return exact_zero_sum(s);
        }
        return c.cls == FLOAT_CLASS_ZERO ? signed_zero(prod.sign) : c;
    }
    prod.m = mul_frac(&a, &b, &prod.exp);
    if (c.cls == FLOAT_CLASS_ZERO) {
        return (FloatParts) {
            .cls = FLOAT_CLASS_NORMAL, .sign = prod.sign, .exp = prod.exp,
            .frac = narrow_jam(prod.m),
        };
    }
    return wide_add(prod, (FloatWide) { { c.frac, 0 }, c.exp, c.sign }, s);
}

FloatParts parts_rem(FloatParts a, FloatParts b, FloatStatus *s)
{
    int d = a.exp - b.exp, shift, uexp;
    u128 r, m;
    bool q_odd = false;

    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        return pick_nan2(a, b, s);
    }
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_ZERO) {
        return invalid_nan(s);
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_INF || d < -1) {
        return a;
    }
    /*
     * r and m are a and b in units of 2^uexp; a = (Q * m + r) units with
     * r < m. Significands of up to 64 bits divide 64 quotient bits at a time.
     */
    shift = (uint64_t)a.frac == 0 && (uint64_t)b.frac == 0 ? 64 : 1;
    r = a.frac >> shift;
    m = b.frac >> shift;
    uexp = b.exp - (127 - shift);
    if (d < 0) {
        m <<= 1;
        uexp--;
        d = 0;
    } else if (r >= m) {
        r -= m;
        q_odd = true;
    }
    while (d > 0) {
        int k = d < shift ? d : shift;
        u128 num = r << k;
        q_odd = num / m & 1;
        r = num % m;
        d -= k;
    }
    /* IEEE 5.3.1: the quotient rounds to nearest, ties to even. */
    if (r > m - r || (r == m - r && q_odd)) {
        r = m - r;
        a.sign ^= 1;
    }
    if (r == 0) {
        return signed_zero(a.sign);
    }
    d = clz128(r);
    a.frac = r << d;
    a.exp = uexp + 127 - d;
    return a;
}

/* |a| rounded to an integer; a is normal with exp < 127. */
static u128 round_magnitude(const FloatParts *a, int mode, bool *inexact)
{
    if (a->exp < 0) {
        return frac_round(shr_jam(a->frac, -a->exp), 127, mode, a->sign, inexact);
    }
    return frac_round(a->frac, 127 - a->exp, mode, a->sign, inexact);
}

FloatParts parts_round_to_int(FloatParts a, int rounding_mode, FloatStatus *s)
{
    bool inexact;
    u128 q;
    int n;

    if (parts_is_nan(&a)) {
        return parts_pick_nan(&a, 1, false, s);
    }
    if (a.cls != FLOAT_CLASS_NORMAL || a.exp >= 127) {
        return a;
    }
    q = round_magnitude(&a, rounding_mode, &inexact);
    if (inexact) {
        float_raise(float_flag_inexact, s);
    }
    if (q == 0) {
        return signed_zero(a.sign);
    }
    n = clz128(q);
    a.frac = q << n;
    a.exp = 127 - n;
    return a;
}

static uint64_t int_invalid_value(int kind, bool sign, int64_t min, uint64_t max)
{
    switch (kind) {
    case FLOAT_INT_SAT_BY_SIGN:
        return sign ? (uint64_t)min : max;
    case FLOAT_INT_SAT_NEG:
        return min;
    case FLOAT_INT_ZERO:
        return 0;
    default:
        return min ? (uint64_t)min : max;
    }
}

uint64_t parts_to_int(FloatParts a, int rounding_mode, int64_t min, uint64_t max,
                      FloatStatus *s)
{
    const FloatTargetRule *rule = float_target_rule(s);
    /* magnitude of the most negative value allowed */
    u128 neg_limit = min ? (u128)(-(min + 1)) + 1 : 0;
    bool inexact = false;
    u128 q;

    switch (a.cls) {
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        float_raise(float_flag_invalid, s);
        return int_invalid_value(rule->int_nan, a.sign, min, max);
    case FLOAT_CLASS_INF:
        goto overflow;
    case FLOAT_CLASS_ZERO:
        return 0;
    }
    if (a.exp >= 64) {
        goto overflow;
    }
    q = round_magnitude(&a, rounding_mode, &inexact);
    if (a.sign ? q > neg_limit : q > max) {
        goto overflow;
    }
    if (inexact) {
        float_raise(float_flag_inexact, s);
    }
    return a.sign ? -(uint64_t)q : (uint64_t)q;

overflow:
    float_raise(float_flag_invalid, s);
    return int_invalid_value(rule->int_overflow, a.sign, min, max);
}

FloatParts parts_from_uint(uint64_t v, bool negative)
{
    int n;

    if (v == 0) {
        return signed_zero(false);
    }
    n = __builtin_clzll(v);
    return (FloatParts) {
        .cls = FLOAT_CLASS_NORMAL, .sign = negative,
        .frac = (u128)v << (64 + n), .exp = 63 - n,
    };
}

FloatParts parts_scalbn(FloatParts a, int n, FloatStatus *s)
{
    if (parts_is_nan(&a)) {
        return parts_pick_nan(&a, 1, false, s);
    }
    if (a.cls == FLOAT_CLASS_NORMAL) {
        /* Beyond +-2^17 every format has overflowed or underflowed to zero. */
        n = n > 0x20000 ? 0x20000 : n < -0x20000 ? -0x20000 : n;
        a.exp += n;
    }
    return a;
}

/* -1, 0, 1 comparing |a| and |b|; neither is a NaN. */
static int compare_magnitude(const FloatParts *a, const FloatParts *b)
{
    if (a->cls != b->cls) {
        return a->cls < b->cls ? -1 : 1;
    }
    if (a->cls != FLOAT_CLASS_NORMAL || (a->exp == b->exp && a->frac == b->frac)) {
        return 0;
    }
    if (a->exp != b->exp) {
        return a->exp < b->exp ? -1 : 1;
    }
    return a->frac < b->frac ? -1 : 1;
}

/* Total order of non-NaN values with -0 below +0. */
static int compare_signed(const FloatParts *a, const FloatParts *b)
{
    int m;

    if (a->sign != b->sign) {
        return a->sign ? -1 : 1;
    }
    m = compare_magnitude(a, b);
    return a->sign ? -m : m;
}

FloatRelation parts_compare(FloatParts a, FloatParts b, bool is_quiet, FloatStatus *s)
{
    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        if (!is_quiet || a.cls == FLOAT_CLASS_SNAN || b.cls == FLOAT_CLASS_SNAN) {
            float_raise(float_flag_invalid, s);
        }
        return float_relation_unordered;
    }
    if (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_ZERO) {
        return float_relation_equal;
    }
    return (FloatRelation)compare_signed(&a, &b);
}

FloatParts parts_minmax(FloatParts a, FloatParts b, bool is_max, bool is_num,
                        FloatStatus *s)
{
    int c;

    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        /* IEEE 754-2008 5.3.1 minNum/maxNum: a quiet NaN loses to a number. */
        if (is_num && a.cls == FLOAT_CLASS_QNAN && !parts_is_nan(&b)) {
            return b;
        }
        if (is_num && b.cls == FLOAT_CLASS_QNAN && !parts_is_nan(&a)) {
            return a;
        }
        return pick_nan2(a, b, s);
    }
    c = compare_signed(&a, &b);
    return (is_max ? c >= 0 : c <= 0) ? a : b;
}
