/*
 * FPU (V8 4.4, B.22-B.26): single and double arithmetic, square root,
 * conversions and moves, compares with every FBfcc condition, the FSR
 * rounding direction, current and accrued exceptions, the IEEE trap with
 * TEM and its FQ entry (STDFQ), unimplemented FPops (quad), and the SPARC
 * NaN rules (V8 N.4). Expected bit patterns are IEEE 754 values.
 */
#include "tb.h"

static u32 fsr_read(void)
{
    u32 v;
    __asm__ volatile("st %%fsr, [%0]" : : "r"(&v) : "memory");
    return v;
}

static void fsr_write(u32 v)
{
    __asm__ volatile("ld [%0], %%fsr" : : "r"(&v) : "memory");
}

/* op %f0, %f1 -> %f2 on singles */
#define FOP_S(op, a, b)                                                       \
    ({                                                                        \
        u32 a_ = (a), b_ = (b), r_ = 0;                                       \
        __asm__ volatile("ld [%1], %%f0\n\tld [%2], %%f1\n\t"                 \
                         op " %%f0, %%f1, %%f2\n\tst %%f2, [%0]"              \
                         : : "r"(&r_), "r"(&a_), "r"(&b_) : "memory");        \
        r_;                                                                   \
    })
/* op %f1 -> %f2 */
#define FOP_S1(op, a)                                                         \
    ({                                                                        \
        u32 a_ = (a), r_ = 0;                                                 \
        __asm__ volatile("ld [%1], %%f1\n\t" op " %%f1, %%f2\n\tst %%f2, [%0]" \
                         : : "r"(&r_), "r"(&a_) : "memory");                  \
        r_;                                                                   \
    })
/* op %f0:f1, %f2:f3 -> %f4:f5 on doubles */
#define FOP_D(op, a, b)                                                       \
    ({                                                                        \
        u64 a_ = (a), b_ = (b), r_ = 0;                                       \
        __asm__ volatile("ldd [%1], %%f0\n\tldd [%2], %%f2\n\t"               \
                         op " %%f0, %%f2, %%f4\n\tstd %%f4, [%0]"             \
                         : : "r"(&r_), "r"(&a_), "r"(&b_) : "memory");        \
        r_;                                                                   \
    })
#define FOP_D1(op, a)                                                         \
    ({                                                                        \
        u64 a_ = (a), r_ = 0;                                                 \
        __asm__ volatile("ldd [%1], %%f2\n\t" op " %%f2, %%f4\n\tstd %%f4, [%0]" \
                         : : "r"(&r_), "r"(&a_) : "memory");                  \
        r_;                                                                   \
    })

static void check64(const char *what, u64 got, u64 want)
{
    check(what, (u32)(got >> 32), (u32)(want >> 32));
    check(what, (u32)got, (u32)want);
}

static void test_arith(void)
{
    fsr_write(0);
    check("fadds", FOP_S("fadds", 0x3fc00000, 0x40100000), 0x40700000);
    check("fsubs", FOP_S("fsubs", 0x3fc00000, 0x40100000), 0xbf400000);
    check("fmuls", FOP_S("fmuls", 0x3fc00000, 0x40100000), 0x40580000);
    check("fdivs", FOP_S("fdivs", 0x3fc00000, 0x40100000), 0x3f2aaaab);
    check64("faddd", FOP_D("faddd", 0x3ff8000000000000ull, 0x4002000000000000ull),
            0x400e000000000000ull);
    check64("fsubd", FOP_D("fsubd", 0x3ff8000000000000ull, 0x4002000000000000ull),
            0xbfe8000000000000ull);
    check64("fmuld", FOP_D("fmuld", 0x3ff8000000000000ull, 0x4002000000000000ull),
            0x400b000000000000ull);
    check64("fdivd", FOP_D("fdivd", 0x400e000000000000ull, 0x3ff8000000000000ull),
            0x4004000000000000ull);
    check("fsqrts", FOP_S1("fsqrts", 0x40000000), 0x3fb504f3);
    check64("fsqrtd", FOP_D1("fsqrtd", 0x4000000000000000ull), 0x3ff6a09e667f3bcdull);
    {
        u32 a = 0x3fc00000, b = 0x40100000;
        u64 r;
        __asm__ volatile("ld [%1], %%f0\n\tld [%2], %%f1\n\tfsmuld %%f0, %%f1, %%f4\n\t"
                         "std %%f4, [%0]" : : "r"(&r), "r"(&a), "r"(&b) : "memory");
        check64("fsmuld", r, 0x400b000000000000ull);
    }
    report("arith");
}

static void test_convert_move(void)
{
    u32 r;
    u64 d;

    check("fitos", FOP_S1("fitos", 7), 0x40e00000);
    check("fitos neg", FOP_S1("fitos", (u32)-7), 0xc0e00000);
    check("fstoi", FOP_S1("fstoi", 0x402ccccd), 2);
    check("fstoi neg", FOP_S1("fstoi", 0xc02ccccd), (u32)-2);
    check("fstoi nan", FOP_S1("fstoi", 0x7fc00000), 0x7fffffff);
    check("fstoi big neg", FOP_S1("fstoi", 0xdf000001), 0x80000000);
    check("fmovs", FOP_S1("fmovs", 0x3fc00000), 0x3fc00000);
    check("fnegs", FOP_S1("fnegs", 0x3fc00000), 0xbfc00000);
    check("fabss", FOP_S1("fabss", 0xbf400000), 0x3f400000);
    {
        u32 a = 7;
        __asm__ volatile("ld [%1], %%f1\n\tfitod %%f1, %%f4\n\tstd %%f4, [%0]"
                         : : "r"(&d), "r"(&a) : "memory");
        check64("fitod", d, 0x401c000000000000ull);
        a = 0x3fc00000;
        __asm__ volatile("ld [%1], %%f1\n\tfstod %%f1, %%f4\n\tstd %%f4, [%0]"
                         : : "r"(&d), "r"(&a) : "memory");
        check64("fstod", d, 0x3ff8000000000000ull);
        d = 0x400599999999999aull;
        __asm__ volatile("ldd [%1], %%f2\n\tfdtoi %%f2, %%f5\n\tst %%f5, [%0]"
                         : : "r"(&r), "r"(&d) : "memory");
        check("fdtoi", r, 2);
        d = 0x4002000000000000ull;
        __asm__ volatile("ldd [%1], %%f2\n\tfdtos %%f2, %%f5\n\tst %%f5, [%0]"
                         : : "r"(&r), "r"(&d) : "memory");
        check("fdtos", r, 0x40100000);
    }
    report("convert-move");
}

/* FBfcc: the taken mask of all 16 conditions after a compare */
#define FB_TAKEN(mn)                                                          \
    static u32 fb_##mn(void)                                                  \
    {                                                                         \
        u32 r;                                                                \
        __asm__ volatile("mov 1, %0\n\t" #mn " 1f\n\t nop\n\tmov 0, %0\n1:"   \
                         : "=&r"(r));                                         \
        return r;                                                             \
    }
FB_TAKEN(fba) FB_TAKEN(fbn) FB_TAKEN(fbu) FB_TAKEN(fbg) FB_TAKEN(fbug) FB_TAKEN(fbl)
FB_TAKEN(fbul) FB_TAKEN(fblg) FB_TAKEN(fbne) FB_TAKEN(fbe) FB_TAKEN(fbue) FB_TAKEN(fbge)
FB_TAKEN(fbuge) FB_TAKEN(fble) FB_TAKEN(fbule) FB_TAKEN(fbo)

static u32 fb_mask(void)
{
    /* bit = cond field value (V8 table F-8 order) */
    return fb_fbn() << 0 | fb_fbne() << 1 | fb_fblg() << 2 | fb_fbul() << 3 | fb_fbl() << 4 |
           fb_fbug() << 5 | fb_fbg() << 6 | fb_fbu() << 7 | fb_fba() << 8 | fb_fbe() << 9 |
           fb_fbue() << 10 | fb_fbge() << 11 | fb_fbuge() << 12 | fb_fble() << 13 |
           fb_fbule() << 14 | fb_fbo() << 15;
}

/* fcmps a, b; returns fcc (0 =, 1 <, 2 >, 3 unordered) and the FBfcc mask */
static u32 fcmps(u32 a, u32 b, u32 *mask)
{
    __asm__ volatile("ld [%0], %%f0\n\tld [%1], %%f1\n\tfcmps %%f0, %%f1\n\tnop"
                     : : "r"(&a), "r"(&b) : "memory");
    *mask = fb_mask();
    return (fsr_read() >> 10) & 3;
}

static u32 fb_expected(u32 fcc)
{
    u32 e = fcc == 0, l = fcc == 1, g = fcc == 2, u = fcc == 3;

    return 0 << 0 | (l | g | u) << 1 | (l | g) << 2 | (u | l) << 3 | l << 4 | (u | g) << 5 |
           g << 6 | u << 7 | 1 << 8 | e << 9 | (u | e) << 10 | (g | e) << 11 |
           (u | g | e) << 12 | (l | e) << 13 | (u | l | e) << 14 | (e | l | g) << 15;
}

static void test_compare(void)
{
    static const struct {
        u32 a, b, fcc;
    } cases[] = {
        { 0x3f800000, 0x3f800000, 0 },  /* 1 = 1 */
        { 0x3f800000, 0x40000000, 1 },  /* 1 < 2 */
        { 0x40000000, 0x3f800000, 2 },  /* 2 > 1 */
        { 0x7fc00000, 0x3f800000, 3 },  /* NaN */
        { 0x80000000, 0x00000000, 0 },  /* -0 = +0 */
    };
    u32 mask, fsr;
    u64 one = 0x3ff0000000000000ull, two = 0x4000000000000000ull;

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        check("fcmps fcc", fcmps(cases[i].a, cases[i].b, &mask), cases[i].fcc);
        check("fbfcc", mask, fb_expected(cases[i].fcc));
    }
    __asm__ volatile("ldd [%0], %%f0\n\tldd [%1], %%f2\n\tfcmpd %%f2, %%f0\n\tnop"
                     : : "r"(&one), "r"(&two) : "memory");
    check("fcmpd", (fsr_read() >> 10) & 3, 2);
    /* fcmps signals invalid only for a SNaN; fcmpes for any NaN */
    fsr_write(0);
    fcmps(0x7fc00000, 0, &mask);
    check("fcmps qnan", fsr_read() & 0x1f, 0);
    fcmps(0x7f800001, 0, &mask);
    check("fcmps snan", fsr_read() & 0x1f, 0x10);
    fsr_write(0);
    {
        u32 a = 0x7fc00000, b = 0;
        __asm__ volatile("ld [%0], %%f0\n\tld [%1], %%f1\n\tfcmpes %%f0, %%f1\n\tnop"
                         : : "r"(&a), "r"(&b) : "memory");
    }
    fsr = fsr_read();
    check("fcmpes qnan", fsr & 0x1f, 0x10);
    check("fcmpes fcc", (fsr >> 10) & 3, 3);
    report("compare");
}

static void test_rounding(void)
{
    static const u32 third_pos[4] = { 0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaab, 0x3eaaaaaa };
    static const u32 third_neg[4] = { 0xbeaaaaab, 0xbeaaaaaa, 0xbeaaaaaa, 0xbeaaaaab };

    for (u32 rd = 0; rd < 4; rd++) {
        fsr_write(rd << 30);
        check("1/3", FOP_S("fdivs", 0x3f800000, 0x40400000), third_pos[rd]);
        check("-1/3", FOP_S("fdivs", 0xbf800000, 0x40400000), third_neg[rd]);
        check("fsr rd", fsr_read() >> 30, rd);
        /* fstoi truncates whatever RD says */
        check("fstoi rd", FOP_S1("fstoi", 0x402ccccd), 2);
    }
    fsr_write(0);
    report("rounding");
}

static void test_exceptions(void)
{
    u32 fsr;

    fsr_write(0);
    check("1/0", FOP_S("fdivs", 0x3f800000, 0), 0x7f800000);
    check("1/0 cexc", fsr_read() & 0x3ff, 0x02 << 5 | 0x02);
    check("0/0", FOP_S("fdivs", 0, 0), 0x7fffffff);
    check("0/0 cexc", fsr_read() & 0x1f, 0x10);
    check("max*2", FOP_S("fmuls", 0x7f7fffff, 0x40000000), 0x7f800000);
    check("max*2 cexc", fsr_read() & 0x1f, 0x09);
    check("tiny", FOP_S("fmuls", 0x0d800000, 0x0d800000), 0);
    check("tiny cexc", fsr_read() & 0x1f, 0x05);
    check("1/3 cexc", (FOP_S("fdivs", 0x3f800000, 0x40400000), fsr_read() & 0x1f), 0x01);
    check("exact cexc", (FOP_S("fadds", 0x3f800000, 0x3f800000), fsr_read() & 0x1f), 0);
    fsr = fsr_read();
    check("aexc", (fsr >> 5) & 0x1f, 0x1f);
    /* ldfsr cannot change ver, ftt or qne */
    fsr_write(0xffffffff);
    fsr = fsr_read();
    check("fsr ver", (fsr >> 17) & 7, 4);
    check("fsr ftt/qne", fsr & 0x1e000, 0);
    fsr_write(0);
    report("exceptions");
}

static void test_traps(void)
{
    u32 fsr, r = 0x12345678, one = 0x3f800000, zero = 0, addr;
    u64 fq;

    /* TEM.DZM: division by zero traps, leaving the destination alone */
    fsr_write(0x02 << 23);
    check("dz trap", TRAP_OF(__asm__ volatile(
                         "ld [%1], %%f2\n\tld [%2], %%f0\n\tld [%3], %%f1\n"
                         "9:\tfdivs %%f0, %%f1, %%f2\n\tst %%f2, [%1]\n\t"
                         "sethi %%hi(9b), %0\n\tor %0, %%lo(9b), %0"
                         : "=&r"(addr) : "r"(&r), "r"(&one), "r"(&zero) : "memory")), 0x08);
    check("dest unchanged", r, 0x12345678);
    fsr = fsr_read();
    check("ftt ieee", (fsr >> 14) & 7, 1);
    check("cexc dz", fsr & 0x1f, 0x02);
    check("aexc unchanged", (fsr >> 5) & 0x1f, 0);
    check("qne", (fsr >> 13) & 1, 1);
    __asm__ volatile("std %%fq, [%0]" : : "r"(&fq) : "memory");
    check("fq addr", (u32)(fq >> 32), addr);
    check("fq insn", (u32)fq, 0x85a009a1);      /* fdivs %f0, %f1, %f2 */
    check("qne cleared", (fsr_read() >> 13) & 1, 0);
    check("stdfq empty", TRAP_OF(__asm__ volatile("std %%fq, [%0]" : : "r"(&fq) : "memory")),
          0x08);
    check("ftt sequence", (fsr_read() >> 14) & 7, 4);
    fsr_write(0);
    /* quad FPops and V9 encodings are unimplemented_FPop */
    check("faddq", TRAP_OF(__asm__ volatile(".word 0x81a00860")), 0x08);
    check("ftt unimplemented", (fsr_read() >> 14) & 7, 3);
    __asm__ volatile("std %%fq, [%0]" : : "r"(&fq) : "memory");
    check("fq faddq", (u32)fq, 0x81a00860);
    check("fmovd (v9)", TRAP_OF(__asm__ volatile(".word 0x81a00040")), 0x08);
    __asm__ volatile("std %%fq, [%0]" : : "r"(&fq) : "memory");
    /* faddd %f1, %f2, %f4: a double on an odd register is invalid_fp_register */
    check("faddd odd", TRAP_OF(__asm__ volatile(".word 0x89a04842")), 0x08);
    check("ftt invalid reg", (fsr_read() >> 14) & 7, 6);
    __asm__ volatile("std %%fq, [%0]" : : "r"(&fq) : "memory");
    fsr_write(0);
    report("fp-traps");
}

static void test_nans(void)
{
    fsr_write(0);
    check("q+q: rs2", FOP_S("fadds", 0x7fc00001, 0x7fc00002), 0x7fc00002);
    check("s+q: snan", FOP_S("fadds", 0x7f800001, 0x7fc00002), 0x7fc00001);
    check("q+s: snan", FOP_S("fadds", 0x7fc00001, 0x7f800002), 0x7fc00002);
    check("s+s: rs2", FOP_S("fadds", 0x7f800001, 0x7f800002), 0x7fc00002);
    check("q+1", FOP_S("fadds", 0x7fc00001, 0x3f800000), 0x7fc00001);
    check("1+q", FOP_S("fadds", 0x3f800000, 0x7fc00002), 0x7fc00002);
    check("inf-inf", FOP_S("fsubs", 0x7f800000, 0x7f800000), 0x7fffffff);
    check64("double default nan",
            FOP_D("fsubd", 0x7ff0000000000000ull, 0x7ff0000000000000ull),
            0x7fffffffffffffffull);
    check("sqrt(-1)", FOP_S1("fsqrts", 0xbf800000), 0x7fffffff);
    fsr_write(0);
    report("nans");
}

int main(void)
{
    test_arith();
    test_convert_move();
    test_compare();
    test_rounding();
    test_exceptions();
    test_traps();
    test_nans();
    return 0;
}
