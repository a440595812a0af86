/*
 * Unit tests for fpu/ (the soft-float).
 *
 * float32 and float64 are checked against the host's SSE unit, an IEEE 754
 * oracle: each operation runs on random operands drawn to hit zeros,
 * denormals, infinities, NaNs, the overflow edge and exact halves, in all
 * four rounding modes, with and without FTZ/DAZ; result bits and MXCSR
 * flags must match softfloat under the x86 SSE rule (SSE detects tininess
 * after rounding). float128 is checked against libgcc's __float128
 * software arithmetic and known exact values; floatx80 against the x87.
 * The other targets' NaN, default-NaN and conversion rules are checked with
 * explicit values.
 */
#include <glib.h>
#include <inttypes.h>
#include <fenv.h>
#include <math.h>
#include <string.h>

#include "fpu/softfloat.h"

/* ---- random operands ---------------------------------------------------- */

static uint64_t rng_state = 0x5eed5eed12345678ull;

static uint64_t rnd64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t rnd_below(uint64_t n)
{
    return rnd64() % n;
}

typedef struct BitsFmt {
    int exp_bits, frac_bits;
} BitsFmt;

static const BitsFmt bits32 = { 8, 23 }, bits64 = { 11, 52 };

/* A float32 or float64 encoding chosen to hit the special cases often. */
static uint64_t rand_float(const BitsFmt *f)
{
    uint64_t emax = (1ull << f->exp_bits) - 1, bias = emax >> 1;
    uint64_t fmask = (1ull << f->frac_bits) - 1, quiet = 1ull << (f->frac_bits - 1);
    uint64_t sign = rnd64() & 1, frac = rnd64() & fmask, exp;

    switch (rnd_below(12)) {
    case 0:
        exp = 0;
        frac = 0;
        break;
    case 1:
        exp = 0;
        break;
    case 2:
        exp = 0;
        frac >>= rnd_below(f->frac_bits);
        break;
    case 3:
        exp = 1 + rnd_below(2);
        break;
    case 4:
        exp = emax - 1 - rnd_below(2);
        break;
    case 5:
        exp = emax;
        frac = 0;
        break;
    case 6:
        exp = emax;
        frac |= quiet;
        break;
    case 7:
        exp = emax;
        frac &= ~quiet;
        frac |= frac ? 0 : 1;
        break;
    case 8:
        /* integers and exact halves: few significant bits */
        exp = bias - 1 + rnd_below(f->frac_bits + 3);
        frac &= ~((1ull << rnd_below(f->frac_bits + 1)) - 1);
        break;
    case 9:
        exp = bias - 2 + rnd_below(5);
        break;
    default:
        exp = rnd_below(emax + 1);
        break;
    }
    return sign << (f->exp_bits + f->frac_bits) | exp << f->frac_bits | frac;
}

static float f32_of(uint64_t b);
static double f64_of(uint64_t b);
static uint64_t bits_of_f32(float f);
static uint64_t bits_of_f64(double d);

/* A second operand, often close to the first to make sums cancel. */
static uint64_t rand_float_near(const BitsFmt *f, uint64_t a)
{
    uint64_t sign_bit = 1ull << (f->exp_bits + f->frac_bits), mask = sign_bit * 2 - 1;

    switch (rnd_below(5)) {
    case 2: {
        /* a * b near the smallest normal: where tininess detection matters */
        double q = f == &bits32 ? 0x1p-126 / f32_of(a) : 0x1p-1022 / f64_of(a);
        uint64_t qb = f == &bits32 ? bits_of_f32(q) : bits_of_f64(q);
        return (qb + rnd_below(5) - 2) & mask;
    }
    case 0:
        return (a ^ (rnd64() & ((1ull << rnd_below(f->frac_bits)) - 1))) ^
               (rnd64() & 1 ? sign_bit : 0);
    case 1:
        return (a + (rnd_below(5) << f->frac_bits) - (2ull << f->frac_bits) + rnd_below(3)) &
               mask;
    default:
        return rand_float(f);
    }
}

static uint64_t rand_int(void)
{
    uint64_t v = rnd64() >> rnd_below(64);
    return rnd64() & 1 ? -v : v;
}

/* ---- the host SSE unit -------------------------------------------------- */

#define MXCSR_DEFAULT 0x1f80u     /* all exceptions masked, nearest */
#define MXCSR_FLAGS 0x3du        /* IE ZE OE UE PE; DE means something else here */
#define MXCSR_DAZ 0x40u
#define MXCSR_FZ 0x8000u

static const struct {
    int mode;
    unsigned rc;
} rounding_modes[] = {
    { float_round_nearest_even, 0 << 13 },
    { float_round_down, 1 << 13 },
    { float_round_up, 2 << 13 },
    { float_round_to_zero, 3 << 13 },
};

static unsigned mxcsr_get(void)
{
    unsigned m;
    asm volatile("stmxcsr %0" : "=m"(m));
    return m;
}

static void mxcsr_set(unsigned m)
{
    asm volatile("ldmxcsr %0" : : "m"(m));
}

static float f32_of(uint64_t b)
{
    uint32_t w = b;
    float f;
    memcpy(&f, &w, 4);
    return f;
}

static uint64_t bits_of_f32(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

static double f64_of(uint64_t b)
{
    double d;
    memcpy(&d, &b, 8);
    return d;
}

static uint64_t bits_of_f64(double d)
{
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

typedef uint64_t (*HostOp)(uint64_t a, uint64_t b, uint64_t c);
typedef uint64_t (*SoftOp)(uint64_t a, uint64_t b, uint64_t c, FloatStatus *s);

#define HOST_BINOP(name, insn, T, OF, BITS)                                    \
    static uint64_t host_##name(uint64_t a, uint64_t b, uint64_t c)            \
    {                                                                          \
        T x = OF(a), y = OF(b);                                                \
        asm volatile(insn " %2, %0" : "=x"(x) : "0"(x), "x"(y));               \
        return BITS(x);                                                        \
    }
#define HOST_UNOP(name, insn, TI, OF, TO, BITS)                                \
    static uint64_t host_##name(uint64_t a, uint64_t b, uint64_t c)            \
    {                                                                          \
        TI x = OF(a);                                                          \
        TO r;                                                                  \
        asm volatile(insn : "=x"(r) : "x"(x));                                 \
        return BITS(r);                                                        \
    }
/* vfmadd231 z, x, y: z = x*y + z, NaN priority in the formula's order */
#define HOST_FMA(name, insn, T, OF, BITS)                                      \
    static uint64_t host_##name(uint64_t a, uint64_t b, uint64_t c)            \
    {                                                                          \
        T x = OF(a), y = OF(b), z = OF(c);                                     \
        asm volatile(insn " %3, %2, %0" : "=x"(z) : "0"(z), "x"(x), "x"(y));   \
        return BITS(z);                                                        \
    }
/* ucomis/comis: ZF PF CF = 111 unordered, 100 equal, 001 less, 000 greater */
#define HOST_CMP(name, insn, T, OF)                                            \
    static uint64_t host_##name(uint64_t a, uint64_t b, uint64_t c)            \
    {                                                                          \
        T x = OF(a), y = OF(b);                                                \
        bool zf, pf, cf;                                                       \
        asm volatile(insn " %4, %3"                                            \
                     : "=@ccz"(zf), "=@ccp"(pf), "=@ccc"(cf) : "x"(x), "x"(y)); \
        if (pf) {                                                              \
            return float_relation_unordered;                                   \
        }                                                                      \
        return zf ? float_relation_equal : cf ? (uint64_t)float_relation_less  \
                                               : float_relation_greater;       \
    }
#define HOST_TO_INT(name, insn, T, OF, IT)                                     \
    static uint64_t host_##name(uint64_t a, uint64_t b, uint64_t c)            \
    {                                                                          \
        IT r;                                                                  \
        asm volatile(insn " %1, %0" : "=r"(r) : "x"(OF(a)));                   \
        return sizeof(r) == 4 ? (uint32_t)r : (uint64_t)r;                     \
    }
#define HOST_FROM_INT(name, insn, IT, T, BITS)                                 \
    static uint64_t host_##name(uint64_t a, uint64_t b, uint64_t c)            \
    {                                                                          \
        T r;                                                                   \
        asm volatile(insn " %1, %0" : "=x"(r) : "r"((IT)a));                   \
        return BITS(r);                                                        \
    }

#define ID(x) (x)
#define U32(x) ((uint64_t)(uint32_t)(x))

HOST_BINOP(add_f32, "addss", float, f32_of, bits_of_f32)
HOST_BINOP(sub_f32, "subss", float, f32_of, bits_of_f32)
HOST_BINOP(mul_f32, "mulss", float, f32_of, bits_of_f32)
HOST_BINOP(div_f32, "divss", float, f32_of, bits_of_f32)
HOST_UNOP(sqrt_f32, "sqrtss %1, %0", float, f32_of, float, bits_of_f32)
HOST_UNOP(rint_f32, "roundss $4, %1, %0", float, f32_of, float, bits_of_f32)
HOST_FMA(fma_f32, "vfmadd231ss", float, f32_of, bits_of_f32)
HOST_CMP(cmp_f32, "comiss", float, f32_of)
HOST_CMP(ucmp_f32, "ucomiss", float, f32_of)
HOST_UNOP(f32_to_f64, "cvtss2sd %1, %0", float, f32_of, double, bits_of_f64)
HOST_TO_INT(f32_to_i32, "cvtss2si", float, f32_of, int32_t)
HOST_TO_INT(f32_to_i32_rz, "cvttss2si", float, f32_of, int32_t)
HOST_TO_INT(f32_to_i64, "cvtss2si", float, f32_of, int64_t)
HOST_TO_INT(f32_to_i64_rz, "cvttss2si", float, f32_of, int64_t)
HOST_FROM_INT(i32_to_f32, "cvtsi2ssl", int32_t, float, bits_of_f32)
HOST_FROM_INT(i64_to_f32, "cvtsi2ssq", int64_t, float, bits_of_f32)

HOST_BINOP(add_f64, "addsd", double, f64_of, bits_of_f64)
HOST_BINOP(sub_f64, "subsd", double, f64_of, bits_of_f64)
HOST_BINOP(mul_f64, "mulsd", double, f64_of, bits_of_f64)
HOST_BINOP(div_f64, "divsd", double, f64_of, bits_of_f64)
HOST_UNOP(sqrt_f64, "sqrtsd %1, %0", double, f64_of, double, bits_of_f64)
HOST_UNOP(rint_f64, "roundsd $4, %1, %0", double, f64_of, double, bits_of_f64)
HOST_FMA(fma_f64, "vfmadd231sd", double, f64_of, bits_of_f64)
HOST_CMP(cmp_f64, "comisd", double, f64_of)
HOST_CMP(ucmp_f64, "ucomisd", double, f64_of)
HOST_UNOP(f64_to_f32, "cvtsd2ss %1, %0", double, f64_of, float, bits_of_f32)
HOST_TO_INT(f64_to_i32, "cvtsd2si", double, f64_of, int32_t)
HOST_TO_INT(f64_to_i32_rz, "cvttsd2si", double, f64_of, int32_t)
HOST_TO_INT(f64_to_i64, "cvtsd2si", double, f64_of, int64_t)
HOST_TO_INT(f64_to_i64_rz, "cvttsd2si", double, f64_of, int64_t)
HOST_FROM_INT(i32_to_f64, "cvtsi2sdl", int32_t, double, bits_of_f64)
HOST_FROM_INT(i64_to_f64, "cvtsi2sdq", int64_t, double, bits_of_f64)

/* ---- the soft-float side, with the same signature ------------------------ */

#define SOFT_BINOP(F, op)                                                      \
    static uint64_t soft_##op##_##F(uint64_t a, uint64_t b, uint64_t c, FloatStatus *s) \
    {                                                                          \
        return F##_##op(a, b, s);                                              \
    }
#define SOFT_UNOP(name, expr)                                                  \
    static uint64_t soft_##name(uint64_t a, uint64_t b, uint64_t c, FloatStatus *s) \
    {                                                                          \
        return expr;                                                           \
    }

SOFT_BINOP(float32, add)
SOFT_BINOP(float32, sub)
SOFT_BINOP(float32, mul)
SOFT_BINOP(float32, div)
SOFT_BINOP(float32, compare)
SOFT_BINOP(float32, compare_quiet)
SOFT_UNOP(sqrt_float32, float32_sqrt(a, s))
SOFT_UNOP(rint_float32, float32_round_to_int(a, s))
SOFT_UNOP(fma_float32, float32_muladd(a, b, c, 0, s))
SOFT_UNOP(f32_to_f64, float32_to_float64(a, s))
SOFT_UNOP(f32_to_i32, U32(float32_to_int32(a, s)))
SOFT_UNOP(f32_to_i32_rz, U32(float32_to_int32_round_to_zero(a, s)))
SOFT_UNOP(f32_to_i64, float32_to_int64(a, s))
SOFT_UNOP(f32_to_i64_rz, float32_to_int64_round_to_zero(a, s))
SOFT_UNOP(i32_to_f32, int32_to_float32(a, s))
SOFT_UNOP(i64_to_f32, int64_to_float32(a, s))

SOFT_BINOP(float64, add)
SOFT_BINOP(float64, sub)
SOFT_BINOP(float64, mul)
SOFT_BINOP(float64, div)
SOFT_BINOP(float64, compare)
SOFT_BINOP(float64, compare_quiet)
SOFT_UNOP(sqrt_float64, float64_sqrt(a, s))
SOFT_UNOP(rint_float64, float64_round_to_int(a, s))
SOFT_UNOP(fma_float64, float64_muladd(a, b, c, 0, s))
SOFT_UNOP(f64_to_f32, float64_to_float32(a, s))
SOFT_UNOP(f64_to_i32, U32(float64_to_int32(a, s)))
SOFT_UNOP(f64_to_i32_rz, U32(float64_to_int32_round_to_zero(a, s)))
SOFT_UNOP(f64_to_i64, float64_to_int64(a, s))
SOFT_UNOP(f64_to_i64_rz, float64_to_int64_round_to_zero(a, s))
SOFT_UNOP(i32_to_f64, int32_to_float64(a, s))
SOFT_UNOP(i64_to_f64, int64_to_float64(a, s))

enum { IN_F32, IN_F64, IN_INT };

typedef struct OracleCase {
    const char *name;
    int input;
    HostOp host;
    SoftOp soft;
} OracleCase;

static const OracleCase oracle_cases[] = {
    { "add_f32", IN_F32, host_add_f32, soft_add_float32 },
    { "sub_f32", IN_F32, host_sub_f32, soft_sub_float32 },
    { "mul_f32", IN_F32, host_mul_f32, soft_mul_float32 },
    { "div_f32", IN_F32, host_div_f32, soft_div_float32 },
    { "sqrt_f32", IN_F32, host_sqrt_f32, soft_sqrt_float32 },
    { "round_to_int_f32", IN_F32, host_rint_f32, soft_rint_float32 },
    { "muladd_f32", IN_F32, host_fma_f32, soft_fma_float32 },
    { "compare_f32", IN_F32, host_cmp_f32, soft_compare_float32 },
    { "compare_quiet_f32", IN_F32, host_ucmp_f32, soft_compare_quiet_float32 },
    { "f32_to_f64", IN_F32, host_f32_to_f64, soft_f32_to_f64 },
    { "f32_to_int32", IN_F32, host_f32_to_i32, soft_f32_to_i32 },
    { "f32_to_int32_rz", IN_F32, host_f32_to_i32_rz, soft_f32_to_i32_rz },
    { "f32_to_int64", IN_F32, host_f32_to_i64, soft_f32_to_i64 },
    { "f32_to_int64_rz", IN_F32, host_f32_to_i64_rz, soft_f32_to_i64_rz },
    { "int32_to_f32", IN_INT, host_i32_to_f32, soft_i32_to_f32 },
    { "int64_to_f32", IN_INT, host_i64_to_f32, soft_i64_to_f32 },
    { "add_f64", IN_F64, host_add_f64, soft_add_float64 },
    { "sub_f64", IN_F64, host_sub_f64, soft_sub_float64 },
    { "mul_f64", IN_F64, host_mul_f64, soft_mul_float64 },
    { "div_f64", IN_F64, host_div_f64, soft_div_float64 },
    { "sqrt_f64", IN_F64, host_sqrt_f64, soft_sqrt_float64 },
    { "round_to_int_f64", IN_F64, host_rint_f64, soft_rint_float64 },
    { "muladd_f64", IN_F64, host_fma_f64, soft_fma_float64 },
    { "compare_f64", IN_F64, host_cmp_f64, soft_compare_float64 },
    { "compare_quiet_f64", IN_F64, host_ucmp_f64, soft_compare_quiet_float64 },
    { "f64_to_f32", IN_F64, host_f64_to_f32, soft_f64_to_f32 },
    { "f64_to_int32", IN_F64, host_f64_to_i32, soft_f64_to_i32 },
    { "f64_to_int32_rz", IN_F64, host_f64_to_i32_rz, soft_f64_to_i32_rz },
    { "f64_to_int64", IN_F64, host_f64_to_i64, soft_f64_to_i64 },
    { "f64_to_int64_rz", IN_F64, host_f64_to_i64_rz, soft_f64_to_i64_rz },
    { "int32_to_f64", IN_INT, host_i32_to_f64, soft_i32_to_f64 },
    { "int64_to_f64", IN_INT, host_i64_to_f64, soft_i64_to_f64 },
};

#define ORACLE_ROUNDS 40000

static FloatStatus x86_status(int mode)
{
    return (FloatStatus) {
        .rounding_mode = mode, .nan_rule = float_nan_rule_x86_sse,
        .tininess_before_rounding = false, .floatx80_precision = 80,
    };
}

static void oracle_run(const OracleCase *oc, bool ftz)
{
    int failures = 0;

    for (unsigned m = 0; m < G_N_ELEMENTS(rounding_modes); m++) {
        for (int i = 0; i < ORACLE_ROUNDS; i++) {
            const BitsFmt *bf = oc->input == IN_F32 ? &bits32 : &bits64;
            uint64_t a, b, c, want, got;
            unsigned want_flags, got_flags;
            FloatStatus st = x86_status(rounding_modes[m].mode);

            if (oc->input == IN_INT) {
                a = rand_int();
                b = c = 0;
            } else {
                a = rand_float(bf);
                b = rand_float_near(bf, a);
                c = rnd64() & 1 ? rand_float(bf) : rand_float_near(bf, a);
            }
            st.flush_to_zero = st.flush_inputs_to_zero = ftz;
            /* Every other round bypasses the host fast path: both must agree. */
            st.soft_only = i & 1;
            mxcsr_set(MXCSR_DEFAULT | rounding_modes[m].rc |
                      (ftz ? MXCSR_FZ | MXCSR_DAZ : 0));
            want = oc->host(a, b, c);
            want_flags = mxcsr_get() & MXCSR_FLAGS;
            mxcsr_set(MXCSR_DEFAULT);
            got = oc->soft(a, b, c, &st);
            got_flags = st.exception_flags & MXCSR_FLAGS;
            if (want != got || want_flags != got_flags) {
                if (failures++ < 8) {
                    g_test_message("%s%s mode %d: a=%#" PRIx64 " b=%#" PRIx64
                                   " c=%#" PRIx64 ": host %#" PRIx64 " flags %#x,"
                                   " softfloat %#" PRIx64 " flags %#x",
                                   oc->name, ftz ? " ftz/daz" : "",
                                   rounding_modes[m].mode, a, b, c, want, want_flags,
                                   got, got_flags);
                }
            }
        }
    }
    g_assert_cmpint(failures, ==, 0);
}

static void test_oracle(gconstpointer data)
{
    oracle_run(data, false);
}

static void test_oracle_ftz(gconstpointer data)
{
    oracle_run(data, true);
}

/* ---- per-target rules, with explicit values ----------------------------- */

#define F32_Q1 0x7fc00001u  /* quiet, payload 1 */
#define F32_Q2 0x7fc00002u
#define F32_Q3 0x7fc00003u
#define F32_S1 0x7f800001u  /* signalling, payload 1 */
#define F32_S2 0x7f800002u
#define F32_ONE 0x3f800000u
#define F32_INF 0x7f800000u

static FloatStatus rule_status(FloatNanRule rule)
{
    return (FloatStatus) { .nan_rule = rule, .floatx80_precision = 80 };
}

typedef struct NanCase {
    uint8_t rule;
    uint32_t a, b, want;
} NanCase;

static void test_nan_propagation(void)
{
    static const NanCase cases[] = {
        /* SPARC V8 N.4: SNaN first, rs2 before rs1 */
        { float_nan_rule_sparc, F32_Q1, F32_Q2, F32_Q2 },
        { float_nan_rule_sparc, F32_S1, F32_Q2, F32_Q1 },
        { float_nan_rule_sparc, F32_Q1, F32_S2, F32_Q2 },
        { float_nan_rule_sparc, F32_S1, F32_S2, F32_Q2 },
        { float_nan_rule_sparc, F32_S1, F32_ONE, F32_Q1 },
        /* PowerPC: the first NaN, whatever its kind */
        { float_nan_rule_ppc, F32_Q1, F32_Q2, F32_Q1 },
        { float_nan_rule_ppc, F32_S1, F32_Q2, F32_Q1 },
        { float_nan_rule_ppc, F32_Q1, F32_S2, F32_Q1 },
        { float_nan_rule_ppc, F32_ONE, F32_S2, F32_Q2 },
        /* ARM: the first SNaN, then the first QNaN */
        { float_nan_rule_arm, F32_Q1, F32_Q2, F32_Q1 },
        { float_nan_rule_arm, F32_Q1, F32_S2, F32_Q2 },
        { float_nan_rule_arm, F32_S1, F32_S2, F32_Q1 },
        /* SSE: the first operand's */
        { float_nan_rule_x86_sse, F32_Q1, F32_S2, F32_Q1 },
        { float_nan_rule_x86_sse, F32_S1 | 0x80000000u, F32_Q2, F32_Q1 | 0x80000000u },
        /* x87: QNaN over SNaN, then the larger significand */
        { float_nan_rule_x87, F32_Q1, F32_Q2, F32_Q2 },
        { float_nan_rule_x87, F32_S1, F32_Q2, F32_Q2 },
        { float_nan_rule_x87, F32_Q1, F32_S2, F32_Q1 },
        { float_nan_rule_x87, F32_S1, F32_S2, F32_Q2 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        FloatStatus st = rule_status(cases[i].rule);
        bool snan = float32_is_signaling_nan(cases[i].a, &st) ||
                    float32_is_signaling_nan(cases[i].b, &st);
        g_assert_cmphex(float32_add(cases[i].a, cases[i].b, &st), ==, cases[i].want);
        g_assert_cmphex(st.exception_flags, ==, snan ? float_flag_invalid : 0);
    }
}

static void test_default_nan(void)
{
    static const struct {
        uint8_t rule;
        uint32_t f32;
        uint64_t f64;
    } cases[] = {
        { float_nan_rule_sparc, 0x7fffffffu, 0x7fffffffffffffffull },
        { float_nan_rule_ppc, 0x7fc00000u, 0x7ff8000000000000ull },
        { float_nan_rule_arm, 0x7fc00000u, 0x7ff8000000000000ull },
        { float_nan_rule_x86_sse, 0xffc00000u, 0xfff8000000000000ull },
        { float_nan_rule_x87, 0xffc00000u, 0xfff8000000000000ull },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        FloatStatus st = rule_status(cases[i].rule);
        float128 q;
        floatx80 x;

        g_assert_cmphex(float32_div(0, 0, &st), ==, cases[i].f32);
        g_assert_cmphex(float64_sqrt(0xbff0000000000000ull, &st), ==, cases[i].f64);
        g_assert_cmphex(float64_mul(0x7ff0000000000000ull, 0, &st), ==, cases[i].f64);
        g_assert_cmphex(st.exception_flags, ==, float_flag_invalid);
        g_assert_cmphex(float32_default_nan(&st), ==, cases[i].f32);
        q = float128_default_nan(&st);
        g_assert_cmphex(q.hi >> 48, ==, cases[i].f64 >> 52 << 4 | 0xf);
        x = floatx80_default_nan(&st);
        g_assert_cmphex(x.sign_exp, ==, cases[i].f32 >> 31 << 15 | 0x7fff);
    }
    /* ARM FPSCR.DN: every NaN result is the default NaN */
    {
        FloatStatus st = rule_status(float_nan_rule_arm);
        st.default_nan_mode = true;
        g_assert_cmphex(float32_add(F32_Q1, F32_ONE, &st), ==, 0x7fc00000u);
        g_assert_cmphex(float32_to_float64(F32_Q1, &st), ==, 0x7ff8000000000000ull);
        g_assert_cmphex(st.exception_flags, ==, 0);
    }
}

static void test_muladd_nan(void)
{
    static const struct {
        uint8_t rule;
        uint32_t a, b, c, want;
        uint8_t flags;
    } cases[] = {
        /* ARM FPProcessNaNs3: addend, op1, op2; SNaN first */
        { float_nan_rule_arm, F32_Q1, F32_Q2, F32_Q3, F32_Q3, 0 },
        { float_nan_rule_arm, F32_Q1, F32_S2, F32_Q3, F32_Q2, float_flag_invalid },
        { float_nan_rule_arm, 0, F32_INF, F32_Q3, 0x7fc00000u, float_flag_invalid },
        { float_nan_rule_arm, 0, F32_INF, F32_S1, F32_Q1, float_flag_invalid },
        /* PowerPC: frA, frB, frC = a, c, b */
        { float_nan_rule_ppc, F32_ONE, F32_Q2, F32_Q3, F32_Q3, 0 },
        { float_nan_rule_ppc, F32_Q1, F32_Q2, F32_S1, F32_Q1, float_flag_invalid },
        { float_nan_rule_ppc, F32_INF, 0, F32_Q3, F32_Q3, float_flag_invalid },
        /* x86: formula order; 0*inf + QNaN is quiet */
        { float_nan_rule_x86_sse, F32_ONE, F32_Q2, F32_Q3, F32_Q2, 0 },
        { float_nan_rule_x86_sse, F32_INF, 0, F32_Q3, F32_Q3, 0 },
        { float_nan_rule_x86_sse, F32_INF, 0, F32_ONE, 0xffc00000u, float_flag_invalid },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        FloatStatus st = rule_status(cases[i].rule);
        g_assert_cmphex(float32_muladd(cases[i].a, cases[i].b, cases[i].c, 0, &st), ==,
                        cases[i].want);
        g_assert_cmphex(st.exception_flags, ==, cases[i].flags);
    }
}

static void test_int_conversion_rules(void)
{
    static const uint64_t nan = 0x7ff8000000000000ull, neg_nan = 0xfff8000000000000ull;
    static const uint64_t inf = 0x7ff0000000000000ull, neg_inf = 0xfff0000000000000ull;
    static const uint64_t big = 0x4202a05f20000000ull;     /* 1e10 */
    static const uint64_t neg_one = 0xbff0000000000000ull;
    static const struct {
        uint8_t rule;
        uint64_t in;
        uint32_t i32, u32;
        uint64_t i64;
    } cases[] = {
        { float_nan_rule_sparc, nan, 0x7fffffff, 0xffffffff, 0x7fffffffffffffffull },
        { float_nan_rule_sparc, neg_nan, 0x80000000, 0, 0x8000000000000000ull },
        { float_nan_rule_sparc, neg_inf, 0x80000000, 0, 0x8000000000000000ull },
        { float_nan_rule_sparc, big, 0x7fffffff, 0xffffffff, 10000000000ull },
        { float_nan_rule_ppc, nan, 0x80000000, 0, 0x8000000000000000ull },
        { float_nan_rule_ppc, inf, 0x7fffffff, 0xffffffff, 0x7fffffffffffffffull },
        { float_nan_rule_ppc, neg_one, 0xffffffff, 0, -1ull },
        { float_nan_rule_arm, neg_nan, 0, 0, 0 },
        { float_nan_rule_arm, neg_inf, 0x80000000, 0, 0x8000000000000000ull },
        { float_nan_rule_arm, big, 0x7fffffff, 0xffffffff, 10000000000ull },
        { float_nan_rule_x86_sse, nan, 0x80000000, 0xffffffff, 0x8000000000000000ull },
        { float_nan_rule_x86_sse, big, 0x80000000, 0xffffffff, 10000000000ull },
        { float_nan_rule_x86_sse, neg_one, 0xffffffff, 0xffffffff, -1ull },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        FloatStatus st = rule_status(cases[i].rule);
        g_assert_cmphex((uint32_t)float64_to_int32(cases[i].in, &st), ==, cases[i].i32);
        g_assert_cmphex(float64_to_uint32_round_to_zero(cases[i].in, &st), ==, cases[i].u32);
        g_assert_cmphex((uint64_t)float64_to_int64(cases[i].in, &st), ==, cases[i].i64);
        /* every row has an out-of-range conversion: invalid, never inexact */
        g_assert_cmphex(st.exception_flags, ==, float_flag_invalid);
    }
    /* -0.5 to unsigned: rounds to 0, only inexact */
    {
        FloatStatus st = rule_status(float_nan_rule_arm);
        g_assert_cmphex(float64_to_uint64(0xbfe0000000000000ull, &st), ==, 0);
        g_assert_cmphex(st.exception_flags, ==, float_flag_inexact);
        g_assert_cmphex(float64_to_uint64(0x43efffffffffffffull, &st), ==,
                        0xfffffffffffff800ull);
        g_assert_cmphex(uint64_to_float64(UINT64_MAX, &st), ==, 0x43f0000000000000ull);
        g_assert_cmphex(uint32_to_float32(UINT32_MAX, &st), ==, 0x4f800000u);
    }
}

static void test_minmax(void)
{
    FloatStatus st = rule_status(float_nan_rule_arm);
    const uint64_t one = 0x3ff0000000000000ull, two = 0x4000000000000000ull;
    const uint64_t nzero = 0x8000000000000000ull, qnan = 0x7ff8000000000001ull;
    const uint64_t snan = 0x7ff0000000000001ull, ninf = 0xfff0000000000000ull;

    g_assert_cmphex(float64_min(one, two, &st), ==, one);
    g_assert_cmphex(float64_max(one, two, &st), ==, two);
    g_assert_cmphex(float64_min(0, nzero, &st), ==, nzero);
    g_assert_cmphex(float64_max(nzero, 0, &st), ==, 0);
    g_assert_cmphex(float64_minnum(nzero, 0, &st), ==, nzero);
    g_assert_cmphex(float64_min(qnan, one, &st), ==, qnan);
    g_assert_cmphex(st.exception_flags, ==, 0);
    g_assert_cmphex(float64_minnum(qnan, two, &st), ==, two);
    g_assert_cmphex(float64_maxnum(ninf, qnan, &st), ==, ninf);
    g_assert_cmphex(st.exception_flags, ==, 0);
    g_assert_cmphex(float64_maxnum(snan, one, &st), ==, 0x7ff8000000000001ull);
    g_assert_cmphex(st.exception_flags, ==, float_flag_invalid);
}

/* Tininess detected before or after rounding (IEEE 754-2008 7.5). */
static void test_tininess(void)
{
    /* (1 - 2^-27) * (1 + 2^-27) * 2^-1022 = 2^-1022 - 2^-1076 rounds up to
     * the smallest normal, also at 53 bits with an unbounded exponent */
    const uint64_t a = 0x3feffffffc000000ull, b = 0x0010000002000000ull;
    FloatStatus st = rule_status(float_nan_rule_sparc);

    g_assert_cmphex(float64_mul(a, b, &st), ==, 0x0010000000000000ull);
    g_assert_cmphex(st.exception_flags, ==, float_flag_inexact);
    st.exception_flags = 0;
    st.tininess_before_rounding = true;
    g_assert_cmphex(float64_mul(a, b, &st), ==, 0x0010000000000000ull);
    g_assert_cmphex(st.exception_flags, ==, float_flag_inexact | float_flag_underflow);
    /* an exact tiny result never signals underflow */
    st.exception_flags = 0;
    g_assert_cmphex(float64_mul(0x3fe0000000000000ull, 0x0010000000000000ull, &st), ==,
                    0x0008000000000000ull);
    g_assert_cmphex(st.exception_flags, ==, 0);
    /* overflow in each rounding mode: infinity or the largest finite */
    for (unsigned m = 0; m < G_N_ELEMENTS(rounding_modes); m++) {
        int mode = rounding_modes[m].mode;
        bool to_inf = mode == float_round_nearest_even || mode == float_round_up;
        st = rule_status(float_nan_rule_sparc);
        st.rounding_mode = mode;
        g_assert_cmphex(float64_mul(0x7fe0000000000000ull, 0x4000000000000000ull, &st), ==,
                        to_inf ? 0x7ff0000000000000ull : 0x7fefffffffffffffull);
        g_assert_cmphex(st.exception_flags, ==, float_flag_overflow | float_flag_inexact);
    }
}

static void test_rem(void)
{
    FloatStatus st = rule_status(float_nan_rule_x86_sse);
    int checked = 0;

    g_assert_cmphex(float64_rem(0x4014000000000000ull, 0x4000000000000000ull, &st), ==,
                    0x3ff0000000000000ull);                     /* 5 rem 2 = 1 */
    g_assert_cmphex(float64_rem(0x401c000000000000ull, 0x4000000000000000ull, &st), ==,
                    0xbff0000000000000ull);                     /* 7 rem 2 = -1 */
    g_assert_cmphex(st.exception_flags, ==, 0);
    g_assert_cmphex(float64_rem(0x3ff0000000000000ull, 0, &st), ==, 0xfff8000000000000ull);
    g_assert_cmphex(st.exception_flags, ==, float_flag_invalid);
    for (int i = 0; i < 20000; i++) {
        uint64_t a = rand_float(&bits64), b = rand_float_near(&bits64, a);
        uint32_t a32 = rand_float(&bits32), b32 = rand_float_near(&bits32, a32);
        double want = remainder(f64_of(a), f64_of(b));
        float want32 = remainderf(f32_of(a32), f32_of(b32));
        uint64_t got = float64_rem(a, b, &st);
        uint32_t got32 = float32_rem(a32, b32, &st);

        if (isnan(want)) {
            g_assert_true(float64_is_nan(got));
        } else {
            g_assert_cmphex(got, ==, bits_of_f64(want));
            checked++;
        }
        if (isnan(want32)) {
            g_assert_true(float32_is_nan(got32));
        } else {
            g_assert_cmphex(got32, ==, bits_of_f32(want32));
        }
    }
    g_assert_cmpint(checked, >, 10000);
}

static void test_scalbn(void)
{
    for (unsigned m = 0; m < G_N_ELEMENTS(rounding_modes); m++) {
        for (int i = 0; i < 20000; i++) {
            FloatStatus s1 = x86_status(rounding_modes[m].mode), s2 = s1;
            uint64_t a = rand_float(&bits64);
            int n = (int)rnd_below(2001) - 1000;
            uint64_t pow2 = n < -1022 ? 0x1ull << (n + 1074) : (uint64_t)(n + 1023) << 52;

            if (n < -1074) {
                continue;
            }
            g_assert_cmphex(float64_scalbn(a, n, &s1), ==, float64_mul(a, pow2, &s2));
            g_assert_cmphex(s1.exception_flags, ==, s2.exception_flags);
        }
    }
    {
        FloatStatus st = x86_status(float_round_nearest_even);
        g_assert_cmphex(float64_scalbn(1, 1074, &st), ==, 0x3ff0000000000000ull);
        g_assert_cmphex(float64_scalbn(0x3ff0000000000000ull, 100000, &st), ==,
                        0x7ff0000000000000ull);
        g_assert_cmphex(float64_scalbn(0x3ff0000000000000ull, INT32_MIN, &st), ==, 0);
        g_assert_cmphex(st.exception_flags, ==, float_flag_overflow | float_flag_underflow |
                                                    float_flag_inexact);
    }
}

static void test_muladd_negate(void)
{
    for (unsigned m = 0; m < G_N_ELEMENTS(rounding_modes); m++) {
        for (int i = 0; i < 20000; i++) {
            FloatStatus s1 = x86_status(rounding_modes[m].mode), s2 = s1;
            uint64_t a = rand_float(&bits64), b = rand_float_near(&bits64, a);
            uint64_t c = rand_float_near(&bits64, a), r;

            if (float64_is_nan(a) || float64_is_nan(b) || float64_is_nan(c)) {
                continue;
            }
            r = float64_muladd(a, b, c, float_muladd_negate_c, &s1);
            g_assert_cmphex(r, ==, float64_muladd(a, b, float64_chs(c), 0, &s2));
            r = float64_muladd(a, b, c, float_muladd_negate_product, &s1);
            g_assert_cmphex(r, ==, float64_muladd(float64_chs(a), b, c, 0, &s2));
            /* rounded, then negated; a NaN result is not negated */
            r = float64_muladd(a, b, c, float_muladd_negate_result, &s1);
            g_assert_cmphex(float64_is_nan(r) ? r : float64_chs(r), ==,
                            float64_muladd(a, b, c, 0, &s2));
            g_assert_cmphex(s1.exception_flags, ==, s2.exception_flags);
        }
    }
}

/* ---- float128 against libgcc's __float128 ------------------------------- */

static const struct {
    int mode, fe;
} x87_modes[] = {
    { float_round_nearest_even, FE_TONEAREST },
    { float_round_down, FE_DOWNWARD },
    { float_round_up, FE_UPWARD },
    { float_round_to_zero, FE_TOWARDZERO },
};

static const struct {
    uint8_t precision;  /* FloatStatus.floatx80_precision */
    uint16_t pc;        /* x87 control word PC field */
} x87_precisions[] = { { 80, 3 << 8 }, { 64, 2 << 8 }, { 32, 0 } };

static unsigned fe_to_float_flags(int fe)
{
    return (fe & FE_INVALID ? float_flag_invalid : 0) |
           (fe & FE_DIVBYZERO ? float_flag_divbyzero : 0) |
           (fe & FE_OVERFLOW ? float_flag_overflow : 0) |
           (fe & FE_UNDERFLOW ? float_flag_underflow : 0) |
           (fe & FE_INEXACT ? float_flag_inexact : 0);
}


static __float128 q_of(float128 a)
{
    uint64_t w[2] = { a.lo, a.hi };
    __float128 q;
    memcpy(&q, w, 16);
    return q;
}

static float128 bits_of_q(__float128 q)
{
    uint64_t w[2];
    memcpy(w, &q, 16);
    return (float128) { .hi = w[1], .lo = w[0] };
}

/* A float128 with the same mix of special cases as rand_float(). */
static float128 rand_float128(void)
{
    static const BitsFmt top = { 15, 48 };
    uint64_t hi = rand_float(&top), lo = rnd64();
    uint64_t exp = hi >> 48 & 0x7fff;

    if ((exp == 0x7fff || exp == 0) && !(hi & 0xffffffffffffull)) {
        lo = 0;                     /* keep zeros and infinities */
    } else if (rnd64() & 1) {
        lo &= ~((1ull << rnd_below(64)) - 1);
    }
    return (float128) { .hi = hi, .lo = lo };
}

static float128 rand_float128_near(float128 a)
{
    float128 b = rand_float128();

    if (rnd64() & 1) {
        b.hi = (a.hi & 0xffff000000000000ull) | (b.hi & 0xffffffffffffull);
        b.hi ^= rnd64() & 1 ? 1ull << 63 : 0;
    }
    return b;
}

typedef float128 (*F128Op)(float128 a, float128 b, FloatStatus *s);

static float128 host_q_add(float128 a, float128 b)
{
    return bits_of_q(q_of(a) + q_of(b));
}

static float128 host_q_sub(float128 a, float128 b)
{
    return bits_of_q(q_of(a) - q_of(b));
}

static float128 host_q_mul(float128 a, float128 b)
{
    return bits_of_q(q_of(a) * q_of(b));
}

static float128 host_q_div(float128 a, float128 b)
{
    return bits_of_q(q_of(a) / q_of(b));
}

static const struct {
    const char *name;
    float128 (*host)(float128 a, float128 b);
    F128Op soft;
} f128_cases[] = {
    { "add", host_q_add, float128_add },
    { "sub", host_q_sub, float128_sub },
    { "mul", host_q_mul, float128_mul },
    { "div", host_q_div, float128_div },
};

static void test_float128_oracle(gconstpointer data)
{
    unsigned idx = GPOINTER_TO_UINT(data);
    int failures = 0;

    for (unsigned m = 0; m < G_N_ELEMENTS(rounding_modes); m++) {
        for (int i = 0; i < 20000; i++) {
            FloatStatus st = x86_status(rounding_modes[m].mode);
            float128 a = rand_float128(), b = rand_float128_near(a), want, got;
            unsigned want_flags;
            bool same;

            /* libgcc raises overflow and underflow in the x87 status word */
            feclearexcept(FE_ALL_EXCEPT);
            fesetround(x87_modes[m].fe);
            want = f128_cases[idx].host(a, b);
            want_flags = fe_to_float_flags(fetestexcept(FE_ALL_EXCEPT));
            fesetround(FE_TONEAREST);
            got = f128_cases[idx].soft(a, b, &st);
            /* libgcc picks between NaNs by its own rule: compare NaN-ness only */
            same = float128_is_nan(want) ? float128_is_nan(got)
                                         : want.hi == got.hi && want.lo == got.lo;
            if (!same || want_flags != (st.exception_flags & MXCSR_FLAGS)) {
                if (failures++ < 8) {
                    g_test_message("float128_%s mode %d: %016" PRIx64 "%016" PRIx64
                                   " %016" PRIx64 "%016" PRIx64 ": libgcc %016" PRIx64
                                   "%016" PRIx64 " %#x, softfloat %016" PRIx64 "%016"
                                   PRIx64 " %#x", f128_cases[idx].name,
                                   rounding_modes[m].mode, a.hi, a.lo, b.hi, b.lo,
                                   want.hi, want.lo, want_flags, got.hi, got.lo,
                                   st.exception_flags);
                }
            }
        }
    }
    g_assert_cmpint(failures, ==, 0);
}

static void test_float128_conversions(void)
{
    for (unsigned m = 0; m < G_N_ELEMENTS(rounding_modes); m++) {
        for (int i = 0; i < 20000; i++) {
            FloatStatus st = x86_status(rounding_modes[m].mode);
            float128 a = rand_float128(), back;
            uint64_t d = rand_float(&bits64), want, got;
            int64_t n = rand_int();
            unsigned want_flags;

            /* float128 -> float64 rounds; compare with libgcc */
            feclearexcept(FE_ALL_EXCEPT);
            fesetround(x87_modes[m].fe);
            want = bits_of_f64((double)q_of(a));
            want_flags = fe_to_float_flags(fetestexcept(FE_ALL_EXCEPT));
            fesetround(FE_TONEAREST);
            got = float128_to_float64(a, &st);
            if (float64_is_nan(want)) {
                g_assert_true(float64_is_nan(got));
            } else {
                g_assert_cmphex(got, ==, want);
            }
            g_assert_cmphex(st.exception_flags & MXCSR_FLAGS, ==, want_flags);

            /* float64 -> float128 -> float64 is exact, NaNs quieted */
            st.exception_flags = 0;
            back = float64_to_float128(d, &st);
            if (!float64_is_nan(d)) {
                float128 q = bits_of_q((__float128)f64_of(d));
                g_assert_cmphex(back.hi, ==, q.hi);
                g_assert_cmphex(back.lo, ==, q.lo);
            }
            g_assert_cmphex(float128_to_float64(back, &st), ==,
                            float64_is_signaling_nan(d, &st) ? d | 1ull << 51 : d);
            g_assert_cmphex(st.exception_flags, ==,
                            float64_is_signaling_nan(d, &st) ? float_flag_invalid : 0);

            /* int64 -> float128 is exact, and back */
            back = int64_to_float128(n, &st);
            g_assert_cmphex(back.hi, ==, bits_of_q((__float128)n).hi);
            g_assert_cmphex(back.lo, ==, bits_of_q((__float128)n).lo);
            g_assert_cmpint(float128_to_int64(back, &st), ==, n);
        }
    }
}

/* 256-bit helpers for the exact check of float128 square roots. */
typedef struct Wide {
    unsigned __int128 hi, lo;
} Wide;

static Wide wide_mul(unsigned __int128 a, unsigned __int128 b)
{
    uint64_t a0 = a, a1 = a >> 64, b0 = b, b1 = b >> 64;
    unsigned __int128 p00 = (unsigned __int128)a0 * b0, p01 = (unsigned __int128)a0 * b1;
    unsigned __int128 p10 = (unsigned __int128)a1 * b0, p11 = (unsigned __int128)a1 * b1;
    unsigned __int128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    return (Wide) { p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), mid << 64 | (uint64_t)p00 };
}

static Wide wide_shl(unsigned __int128 x, int n)
{
    if (n >= 128) {
        return (Wide) { x << (n - 128), 0 };
    }
    return (Wide) { n ? x >> (128 - n) : 0, x << n };
}

static int wide_cmp(Wide a, Wide b)
{
    if (a.hi != b.hi) {
        return a.hi < b.hi ? -1 : 1;
    }
    return a.lo < b.lo ? -1 : a.lo > b.lo;
}

/* Significand and exponent of a finite positive normal float128: X * 2^e. */
static unsigned __int128 q_sig(float128 a, int *e)
{
    *e = (int)(a.hi >> 48 & 0x7fff) - 16383 - 112;
    return (unsigned __int128)((a.hi & 0xffffffffffffull) | 1ull << 48) << 64 | a.lo;
}

static void test_float128_sqrt(void)
{
    FloatStatus st = x86_status(float_round_nearest_even);

    /* perfect squares are exact */
    for (int i = 0; i < 2000; i++) {
        int64_t m = rnd64() >> (8 + rnd_below(50));
        float128 x = float128_mul(int64_to_float128(m, &st), int64_to_float128(m, &st), &st);
        float128 r = float128_sqrt(x, &st);
        g_assert_cmphex(st.exception_flags, ==, 0);
        g_assert_cmpint(float128_to_int64(r, &st), ==, m);
    }
    /* otherwise: truncated root r has r^2 <= x < (r + ulp)^2, and the
     * nearest one is above it exactly when x > (r + ulp/2)^2 */
    for (int i = 0; i < 5000; i++) {
        float128 x = float128_abs(rand_float128()), rz, rn;
        unsigned __int128 xs, rs;
        int ex, er, k;

        if (float128_is_nan(x) || float128_is_infinity(x) || float128_is_zero(x) ||
            float128_is_denormal(x)) {
            continue;
        }
        st.rounding_mode = float_round_to_zero;
        rz = float128_sqrt(x, &st);
        st.rounding_mode = float_round_nearest_even;
        rn = float128_sqrt(x, &st);
        xs = q_sig(x, &ex);
        rs = q_sig(rz, &er);
        k = ex - 2 * er;
        g_assert_cmpint(k, >=, 110);
        g_assert_cmpint(wide_cmp(wide_mul(rs, rs), wide_shl(xs, k)), <=, 0);
        g_assert_cmpint(wide_cmp(wide_mul(rs + 1, rs + 1), wide_shl(xs, k)), >, 0);
        if (wide_cmp(wide_mul(2 * rs + 1, 2 * rs + 1), wide_shl(xs, k + 2)) < 0) {
            rs++;
        }
        g_assert_true(q_sig(rn, &er) == rs || (rs >> 113 && rn.lo == 0));
    }
}

static void test_float128_known(void)
{
    FloatStatus st = x86_status(float_round_nearest_even);
    float128 three = int32_to_float128(3, &st), seven = int32_to_float128(7, &st);
    float128 q, p;

    /* 1 + 2^-112 is exact; + 2^-113 ties to even */
    float128 one = { 0x3fff000000000000ull, 0 }, ulp = { 0x3f8f000000000000ull, 0 };
    float128 half_ulp = { 0x3f8e000000000000ull, 0 };
    q = float128_add(one, ulp, &st);
    g_assert_cmphex(q.hi, ==, 0x3fff000000000000ull);
    g_assert_cmphex(q.lo, ==, 1);
    g_assert_cmphex(st.exception_flags, ==, 0);
    q = float128_add(one, half_ulp, &st);
    g_assert_cmphex(q.lo, ==, 0);
    g_assert_cmphex(st.exception_flags, ==, float_flag_inexact);
    /* exact quotients check by multiplication */
    for (int i = 0; i < 2000; i++) {
        int64_t a = rnd64() >> 20, b = (rnd64() >> 40) | 1;
        float128 fa = int64_to_float128(a, &st), fb = int64_to_float128(b, &st);
        st.exception_flags = 0;
        p = float128_mul(fa, fb, &st);
        q = float128_div(p, fb, &st);
        g_assert_cmphex(st.exception_flags, ==, 0);
        g_assert_cmphex(q.hi, ==, fa.hi);
        g_assert_cmphex(q.lo, ==, fa.lo);
    }
    /* 7 / 3 rounded down, times 3, is below 7 */
    st.rounding_mode = float_round_down;
    q = float128_div(seven, three, &st);
    g_assert_cmpint(float128_compare(float128_mul(q, three, &st), seven, &st), ==,
                    float_relation_less);
    st.rounding_mode = float_round_up;
    q = float128_div(seven, three, &st);
    g_assert_cmpint(float128_compare(float128_mul(q, three, &st), seven, &st), ==,
                    float_relation_greater);
    /* IEEE remainder and fused multiply-add on values exact in float64 */
    st.rounding_mode = float_round_nearest_even;
    for (int i = 0; i < 5000; i++) {
        uint64_t a = rand_float(&bits64), b = rand_float_near(&bits64, a);
        uint64_t c = rand_float(&bits64);
        float128 r = float128_rem(float64_to_float128(a, &st), float64_to_float128(b, &st),
                                  &st);
        double want = remainder(f64_of(a), f64_of(b));
        if (!isnan(want)) {
            g_assert_cmphex(float128_to_float64(r, &st), ==, bits_of_f64(want));
        }
        /* a*b is exact in float128, so muladd equals mul then add */
        if (!float64_is_nan(a) && !float64_is_nan(b) && !float64_is_nan(c)) {
            float128 qa = float64_to_float128(a, &st), qb = float64_to_float128(b, &st);
            float128 qc = float64_to_float128(c, &st);
            float128 fused = float128_muladd(qa, qb, qc, 0, &st);
            float128 split = float128_add(float128_mul(qa, qb, &st), qc, &st);
            if (!float128_is_nan(split)) {
                g_assert_cmphex(fused.hi, ==, split.hi);
                g_assert_cmphex(fused.lo, ==, split.lo);
            }
        }
    }
}

/* ---- floatx80 against the x87 ------------------------------------------ */

static long double ld_of(floatx80 a)
{
    long double x = 0;
    memcpy(&x, &a.mant, 8);
    memcpy((char *)&x + 8, &a.sign_exp, 2);
    return x;
}

static floatx80 bits_of_ld(long double x)
{
    floatx80 a;
    memcpy(&a.mant, &x, 8);
    memcpy(&a.sign_exp, (char *)&x + 8, 2);
    return a;
}

/* Canonical encodings only: the integer bit set exactly when the exponent is not 0. */
static floatx80 rand_floatx80(void)
{
    static const BitsFmt fmt = { 15, 48 };
    uint64_t top = rand_float(&fmt), mant = (top & 0xffffffffffffull) << 15 | rnd_below(1 << 15);
    uint16_t sign_exp = top >> 48;

    if (rnd64() & 1) {
        mant &= ~((1ull << rnd_below(64)) - 1);
    }
    if ((sign_exp & 0x7fff) == 0x7fff && !(top & 0xffffffffffffull)) {
        mant = 0;               /* infinity */
    }
    if ((sign_exp & 0x7fff) == 0) {
        mant = top & 0xffffffffffffull ? mant >> 1 : 0;
    } else {
        mant |= 1ull << 63;
    }
    return (floatx80) { .mant = mant, .sign_exp = sign_exp };
}

static void x87_set_precision(uint16_t pc)
{
    uint16_t cw;
    asm volatile("fnstcw %0" : "=m"(cw));
    cw = (cw & ~0x300) | pc;
    asm volatile("fldcw %0" : : "m"(cw));
}

static const char *const x87_op_names[] = {
    "add", "sub", "mul", "div", "sqrt", "to_float64", "to_float32", "to_int64",
};

/* One operation on the x87 with the current control word; conversions give bits in mant. */
static floatx80 x87_host_op(int op, floatx80 a, floatx80 b)
{
    volatile long double x = ld_of(a), y = ld_of(b);
    volatile double d;
    volatile float f;
    int64_t n;

    switch (op) {
    case 0:
        return bits_of_ld(x + y);
    case 1:
        return bits_of_ld(x - y);
    case 2:
        return bits_of_ld(x * y);
    case 3:
        return bits_of_ld(x / y);
    case 4:
        return bits_of_ld(sqrtl(x));
    /* conversions are not subject to precision control */
    case 5:
        d = x;
        return (floatx80) { .mant = bits_of_f64(d) };
    case 6:
        f = x;
        return (floatx80) { .mant = bits_of_f32(f) };
    default:
        asm volatile("fistpll %0" : "=m"(n) : "t"(x) : "st");
        return (floatx80) { .mant = n };
    }
}

static floatx80 x87_soft_op(int op, floatx80 a, floatx80 b, FloatStatus *st)
{
    switch (op) {
    case 0:
        return floatx80_add(a, b, st);
    case 1:
        return floatx80_sub(a, b, st);
    case 2:
        return floatx80_mul(a, b, st);
    case 3:
        return floatx80_div(a, b, st);
    case 4:
        return floatx80_sqrt(a, st);
    case 5:
        return (floatx80) { .mant = floatx80_to_float64(a, st) };
    case 6:
        return (floatx80) { .mant = floatx80_to_float32(a, st) };
    default:
        return (floatx80) { .mant = floatx80_to_int64(a, st) };
    }
}

static void test_floatx80_oracle(void)
{
    int failures = 0;

    for (unsigned p = 0; p < G_N_ELEMENTS(x87_precisions); p++) {
        for (unsigned m = 0; m < G_N_ELEMENTS(x87_modes); m++) {
            for (int i = 0; i < 10000; i++) {
                FloatStatus st = {
                    .rounding_mode = x87_modes[m].mode, .nan_rule = float_nan_rule_x87,
                    .floatx80_precision = x87_precisions[p].precision,
                };
                floatx80 a = rand_floatx80(), b = rand_floatx80(), want, got;
                int op = rnd_below(G_N_ELEMENTS(x87_op_names));
                unsigned want_flags;

                if (op == 2 && rnd64() & 1) {
                    /* a * b near the smallest normal: the x87 detects tininess after rounding */
                    b = bits_of_ld(0x1p-16382L / ld_of(a));
                    b.mant += (b.sign_exp & 0x7fff) ? rnd_below(5) - 2 : 0;
                }
                feclearexcept(FE_ALL_EXCEPT);
                fesetround(x87_modes[m].fe);
                x87_set_precision(x87_precisions[p].pc);
                want = x87_host_op(op, a, b);
                want_flags = fe_to_float_flags(fetestexcept(FE_ALL_EXCEPT));
                x87_set_precision(3 << 8);
                fesetround(FE_TONEAREST);
                got = x87_soft_op(op, a, b, &st);
                if (want.mant != got.mant || want.sign_exp != got.sign_exp ||
                    want_flags != st.exception_flags) {
                    if (failures++ < 8) {
                        g_test_message("floatx80_%s pc %d mode %d: %04x:%016" PRIx64
                                       " %04x:%016" PRIx64 ": x87 %04x:%016" PRIx64
                                       " %#x, softfloat %04x:%016" PRIx64 " %#x",
                                       x87_op_names[op], x87_precisions[p].precision,
                                       x87_modes[m].mode, a.sign_exp, a.mant, b.sign_exp,
                                       b.mant, want.sign_exp, want.mant, want_flags,
                                       got.sign_exp, got.mant, st.exception_flags);
                    }
                }
            }
        }
    }
    g_assert_cmpint(failures, ==, 0);
}

/* Unsupported encodings (Intel SDM 8.2.2) are invalid; pseudo-denormals are read. */
static void test_floatx80_encodings(void)
{
    static const floatx80 unnormal = { .mant = 0x4000000000000000ull, .sign_exp = 0x3fff };
    static const floatx80 pseudo_inf = { .mant = 0, .sign_exp = 0x7fff };
    static const floatx80 pseudo_denormal = { .mant = 0x8000000000000000ull, .sign_exp = 0 };
    static const floatx80 one = { .mant = 0x8000000000000000ull, .sign_exp = 0x3fff };
    static const floatx80 *const bad[] = { &unnormal, &pseudo_inf };

    for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
        FloatStatus st = rule_status(float_nan_rule_x87);
        floatx80 want, got = floatx80_add(*bad[i], one, &st);

        feclearexcept(FE_ALL_EXCEPT);
        want = x87_host_op(0, *bad[i], one);
        g_assert_cmphex(got.sign_exp, ==, want.sign_exp);
        g_assert_cmphex(got.mant, ==, want.mant);
        g_assert_cmphex(st.exception_flags, ==, fe_to_float_flags(fetestexcept(FE_ALL_EXCEPT)));
    }
    {
        FloatStatus st = rule_status(float_nan_rule_x87);
        floatx80 got = floatx80_add(pseudo_denormal, pseudo_denormal, &st);
        /* 2^-16382 + 2^-16382 */
        g_assert_cmphex(got.sign_exp, ==, 2);
        g_assert_cmphex(got.mant, ==, 0x8000000000000000ull);
        g_assert_cmphex(st.exception_flags, ==, 0);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (unsigned i = 0; i < G_N_ELEMENTS(oracle_cases); i++) {
        char *path = g_strdup_printf("/softfloat/sse/%s", oracle_cases[i].name);
        char *path_ftz = g_strdup_printf("/softfloat/sse-ftz/%s", oracle_cases[i].name);
        g_test_add_data_func(path, &oracle_cases[i], test_oracle);
        g_test_add_data_func(path_ftz, &oracle_cases[i], test_oracle_ftz);
        g_free(path);
        g_free(path_ftz);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(f128_cases); i++) {
        char *path = g_strdup_printf("/softfloat/float128/%s", f128_cases[i].name);
        g_test_add_data_func(path, GUINT_TO_POINTER(i), test_float128_oracle);
        g_free(path);
    }
    g_test_add_func("/softfloat/float128/conversions", test_float128_conversions);
    g_test_add_func("/softfloat/float128/sqrt", test_float128_sqrt);
    g_test_add_func("/softfloat/float128/known", test_float128_known);
    g_test_add_func("/softfloat/floatx80/x87", test_floatx80_oracle);
    g_test_add_func("/softfloat/floatx80/encodings", test_floatx80_encodings);
    g_test_add_func("/softfloat/rules/nan-propagation", test_nan_propagation);
    g_test_add_func("/softfloat/rules/default-nan", test_default_nan);
    g_test_add_func("/softfloat/rules/muladd-nan", test_muladd_nan);
    g_test_add_func("/softfloat/rules/int-conversion", test_int_conversion_rules);
    g_test_add_func("/softfloat/minmax", test_minmax);
    g_test_add_func("/softfloat/tininess-overflow", test_tininess);
    g_test_add_func("/softfloat/rem", test_rem);
    g_test_add_func("/softfloat/scalbn", test_scalbn);
    g_test_add_func("/softfloat/muladd-negate", test_muladd_negate);
    return g_test_run();
}
