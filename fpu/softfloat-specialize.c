/*
 * Soft-float per-target rules: which NaN an operation returns, the default
 * NaN, and what an invalid float-to-integer conversion produces.
 *
 * Everything target-specific in fpu/ is one row of float_target_rules,
 * selected by FloatStatus.nan_rule; the arithmetic in softfloat-parts.c
 * asks parts_pick_nan() and parts_default_nan() and never tests a target.
 * Sources: SPARC V8 manual Appendix N.4 (NaN table, default NaN) and N.7
 * (fdtoi/fstoi); PowerISA 2.07 Book I 4.3.2, 4.6 (NaN precedence frA, frB,
 * frC; fcti* results); ARM ARM FPProcessNaNs/FPProcessNaNs3, FPDefaultNaN,
 * FPToFixed; Intel SDM vol. 1 4.8.3.5 Table 4-7 (x87 and SSE NaN rules),
 * 4.8.3.7 (QNaN floating-point indefinite), 10.2.3.4 (FTZ).
 */
#include <stddef.h>

#include "fpu/softfloat-internal.h"

static const FloatTargetRule float_target_rules[FLOAT_NAN_RULE_COUNT] = {
    /*
     * V8 N.4: a SNaN wins over a QNaN, and between two of a kind the rs2
     * (second) operand's; the default NaN is 0x7fffffff. N.7: NaN and
     * overflow give 0x7fffffff or 0x80000000 by the operand's sign.
     * V8 has no fused multiply-add: later operands first, as for rs2.
     */
    [float_nan_rule_sparc] = {
        .pick = FLOAT_NAN_PICK_SNAN_FIRST, .order2 = { 1, 0 }, .order3 = { 2, 1, 0 },
        .default_nan_all_ones = true, .flush_sets_inexact = true,
        .int_nan = FLOAT_INT_SAT_BY_SIGN, .int_overflow = FLOAT_INT_SAT_BY_SIGN,
    },
    /*
     * PowerISA: the first NaN of frA, frB, frC whatever its kind; for
     * fmadd (frA*frC + frB = a*b + c) that is a, c, b. Default NaN
     * 0x7ff8000000000000; fcti* of a NaN gives the most negative integer
     * (0 for the unsigned forms).
     */
    [float_nan_rule_ppc] = {
        .pick = FLOAT_NAN_PICK_FIRST, .order2 = { 0, 1 }, .order3 = { 0, 2, 1 },
        .flush_sets_inexact = true,
        .int_nan = FLOAT_INT_SAT_NEG, .int_overflow = FLOAT_INT_SAT_BY_SIGN,
    },
    /*
     * ARM: the first SNaN, then the first QNaN; FPMulAdd orders them
     * addend, op1, op2, and gives the default NaN for 0*inf + QNaN.
     * Default NaN 0x7fc00000. FZ flushing raises UFC but not IXC;
     * FPToFixed gives 0 for a NaN.
     */
    [float_nan_rule_arm] = {
        .pick = FLOAT_NAN_PICK_SNAN_FIRST, .order2 = { 0, 1 }, .order3 = { 2, 0, 1 },
        .infzero_default_nan = true,
        .int_nan = FLOAT_INT_ZERO, .int_overflow = FLOAT_INT_SAT_BY_SIGN,
    },
    /*
     * SSE: the first source operand if it is a NaN, else the second. The
     * default NaN is the negative "QNaN floating-point indefinite"
     * 0xffc00000, invalid conversions give the integer indefinite, and FTZ
     * raises underflow and precision. FMA takes the first NaN in the
     * formula's order (a*b + c whatever the 132/213/231 encoding), and
     * 0*inf + QNaN returns the QNaN without invalid (checked on hardware).
     */
    [float_nan_rule_x86_sse] = {
        .pick = FLOAT_NAN_PICK_FIRST, .order2 = { 0, 1 }, .order3 = { 0, 1, 2 },
        .infzero_qnan_quiet = true,
        .default_nan_sign = true, .flush_sets_inexact = true,
        .int_nan = FLOAT_INT_INDEFINITE, .int_overflow = FLOAT_INT_INDEFINITE,
    },
    /* x87: as SSE, except that two NaNs resolve by Table 4-7's x87 column. */
    [float_nan_rule_x87] = {
        .pick = FLOAT_NAN_PICK_LARGER, .order2 = { 0, 1 }, .order3 = { 0, 1, 2 },
        .default_nan_sign = true, .flush_sets_inexact = true,
        .int_nan = FLOAT_INT_INDEFINITE, .int_overflow = FLOAT_INT_INDEFINITE,
    },
};

const FloatTargetRule *float_target_rule(const FloatStatus *s)
{
    /* An out-of-range rule is a front-end bug; fall back to the first row. */
    return &float_target_rules[s->nan_rule < FLOAT_NAN_RULE_COUNT ? s->nan_rule : 0];
}

FloatParts parts_default_nan(FloatStatus *s)
{
    const FloatTargetRule *r = float_target_rule(s);

    return (FloatParts) {
        .cls = FLOAT_CLASS_QNAN,
        .sign = r->default_nan_sign,
        .frac = r->default_nan_all_ones ? ~(u128)0 : FRAC_QUIET,
    };
}

/* x87 Table 4-7: between NaNs of one kind the larger significand, then the positive. */
static bool nan_beats(const FloatParts *x, const FloatParts *y)
{
    u128 fx = x->frac & ~FRAC_QUIET, fy = y->frac & ~FRAC_QUIET;

    if (x->cls != y->cls) {
        return x->cls == FLOAT_CLASS_QNAN;
    }
    if (fx != fy) {
        return fx > fy;
    }
    return !x->sign && y->sign;
}

static const FloatParts *nan_choose(const FloatTargetRule *r, const FloatParts *in, int n)
{
    const uint8_t *order = n == 3 ? r->order3 : r->order2;
    const FloatParts *best = NULL;

    if (n == 1) {
        return &in[0];
    }
    if (r->pick == FLOAT_NAN_PICK_SNAN_FIRST) {
        for (int i = 0; i < n; i++) {
            if (in[order[i]].cls == FLOAT_CLASS_SNAN) {
                return &in[order[i]];
            }
        }
    }
    for (int i = 0; i < n; i++) {
        const FloatParts *p = &in[order[i]];
        if (!parts_is_nan(p)) {
            continue;
        }
        if (r->pick != FLOAT_NAN_PICK_LARGER) {
            return p;
        }
        if (!best || nan_beats(p, best)) {
            best = p;
        }
    }
    return best;
}

FloatParts parts_pick_nan(const FloatParts *in, int n, bool infzero, FloatStatus *s)
{
    const FloatTargetRule *r = float_target_rule(s);
    bool any_snan = false;
    FloatParts ret;

    for (int i = 0; i < n; i++) {
        any_snan |= in[i].cls == FLOAT_CLASS_SNAN;
    }
    if (any_snan || (infzero && !r->infzero_qnan_quiet)) {
        float_raise(float_flag_invalid, s);
    }
    /* With infzero, a and b are numbers: the NaN is the addend c. */
    if (s->default_nan_mode ||
        (infzero && r->infzero_default_nan && in[2].cls == FLOAT_CLASS_QNAN)) {
        return parts_default_nan(s);
    }
    ret = *nan_choose(r, in, n);
    ret.cls = FLOAT_CLASS_QNAN;
    ret.frac |= FRAC_QUIET;
    return ret;
}
