/*
 * Integer unit: arithmetic and logic with and without icc, shifts, SETHI,
 * UMUL/SMUL, UDIV/SDIV with Y and overflow, tagged arithmetic, MULScc, the
 * Y and PSR registers, every Bicc condition against every icc value, and
 * delay slots with the annul bit. Expected values are from the SPARC V8
 * manual's definitions (B.11-B.21, table F-7).
 */
#include "tb.h"

#define ICC(psr) (((psr) >> 20) & 0xf)
enum { C = 1, V = 2, Z = 4, N = 8 };

/* op a, b -> res, and icc after it */
#define OPCC(op, a, b, res, icc)                                              \
    do {                                                                      \
        u32 psr_;                                                             \
        __asm__ volatile(op " %2, %3, %0\n\trd %%psr, %1"                     \
                         : "=&r"(res), "=&r"(psr_) : "r"(a), "r"(b) : "cc");  \
        icc = ICC(psr_);                                                      \
    } while (0)

/* Sets icc (supervisor: wr %psr keeps the other fields) */
static void set_icc(u32 icc)
{
    wr_psr((rd_psr() & ~0x00f00000u) | (icc << 20));
}

static void test_addsub(void)
{
    u32 r, icc;

    OPCC("addcc", 0x7fffffff, 1, r, icc);
    check("addcc overflow", r, 0x80000000);
    check("addcc overflow icc", icc, N | V);
    OPCC("addcc", 0xffffffff, 1, r, icc);
    check("addcc carry", r, 0);
    check("addcc carry icc", icc, Z | C);
    OPCC("addcc", 0x80000000, 0x80000000, r, icc);
    check("addcc both", icc, Z | V | C);
    OPCC("subcc", 1, 2, r, icc);
    check("subcc borrow", r, 0xffffffff);
    check("subcc borrow icc", icc, N | C);
    OPCC("subcc", 0x80000000, 1, r, icc);
    check("subcc overflow icc", icc, V);
    OPCC("subcc", 5, 5, r, icc);
    check("subcc equal icc", icc, Z);

    /* addx/subx use C; a non-cc op leaves icc alone */
    set_icc(C);
    OPCC("addxcc", 0xffffffff, 0, r, icc);
    check("addxcc", r, 0);
    check("addxcc icc", icc, Z | C);
    set_icc(C);
    OPCC("subxcc", 0, 0, r, icc);
    check("subxcc", r, 0xffffffff);
    check("subxcc icc", icc, N | C);
    set_icc(C);
    OPCC("addx", 5, 6, r, icc);
    check("addx", r, 12);
    check("addx keeps icc", icc, C);
    set_icc(C);
    OPCC("subx", 5, 6, r, icc);
    check("subx", r, 0xfffffffe);
    set_icc(0);
    OPCC("subx", 5, 6, r, icc);
    check("subx no carry", r, 0xffffffff);
    OPCC("add", 1, 2, r, icc);
    check("add", r, 3);
    OPCC("sub", 1, 2, r, icc);
    check("sub", r, 0xffffffff);
    report("add-sub");
}

static void test_logic(void)
{
    u32 r, icc;

    OPCC("andcc", 0xf0f0, 0x0ff0, r, icc);
    check("andcc", r, 0x00f0);
    check("andcc icc", icc, 0);
    OPCC("andncc", 0xff, 0x0f, r, icc);
    check("andncc", r, 0xf0);
    OPCC("orcc", 0x80000000, 1, r, icc);
    check("orcc", r, 0x80000001);
    check("orcc icc", icc, N);
    OPCC("orncc", 0, 0, r, icc);
    check("orncc", r, 0xffffffff);
    OPCC("xorcc", 5, 5, r, icc);
    check("xorcc icc", icc, Z);
    OPCC("xnorcc", 0x0f0f0f0f, 0xf0f0f0f0, r, icc);
    check("xnorcc", r, 0);
    OPCC("and", 6, 3, r, icc);
    check("and", r, 2);
    OPCC("andn", 6, 3, r, icc);
    check("andn", r, 4);
    OPCC("or", 6, 3, r, icc);
    check("or", r, 7);
    OPCC("orn", 0, 0xfffffff0, r, icc);
    check("orn", r, 0xf);
    OPCC("xor", 6, 3, r, icc);
    check("xor", r, 5);
    OPCC("xnor", 6, 3, r, icc);
    check("xnor", r, 0xfffffffa);
    /* logic cc ops clear V and C */
    set_icc(V | C);
    OPCC("andcc", 1, 1, r, icc);
    check("andcc clears vc", icc, 0);
    report("logic");
}

static void test_shifts_sethi(void)
{
    u32 r, icc;

    OPCC("sll", 1, 31, r, icc);
    check("sll", r, 0x80000000);
    OPCC("sll", 3, 32, r, icc);          /* only the low 5 bits count */
    check("sll 32", r, 3);
    OPCC("srl", 0x80000000, 31, r, icc);
    check("srl", r, 1);
    OPCC("sra", 0x80000000, 31, r, icc);
    check("sra", r, 0xffffffff);
    OPCC("sra", 0x80000000, 1, r, icc);
    check("sra 1", r, 0xc0000000);
    __asm__ volatile("sll %1, 4, %0" : "=r"(r) : "r"(0x12345678));
    check("sll imm", r, 0x23456780);
    (void)icc;
    __asm__ volatile("sethi %%hi(0xdeadbc00), %0" : "=r"(r));
    check("sethi", r, 0xdeadbc00);
    __asm__ volatile("sethi 0, %%g0\n\tmov 7, %0" : "=r"(r));
    check("nop", r, 7);
    report("shift-sethi");
}

static u32 rd_y(void)
{
    u32 y;
    __asm__ volatile("rd %%y, %0" : "=r"(y));
    return y;
}

static void wr_y(u32 v)
{
    __asm__ volatile("wr %0, 0, %%y\n\tnop\n\tnop\n\tnop" : : "r"(v));
}

static void test_muldiv(void)
{
    u32 r, icc;

    OPCC("umul", 0xffffffff, 0xffffffff, r, icc);
    check("umul lo", r, 1);
    check("umul hi", rd_y(), 0xfffffffe);
    OPCC("smul", 0xffffffff, 0xffffffff, r, icc);
    check("smul lo", r, 1);
    check("smul hi", rd_y(), 0);
    OPCC("smul", 0x80000000, 2, r, icc);
    check("smul neg hi", rd_y(), 0xffffffff);
    OPCC("umulcc", 0x10000, 0x10000, r, icc);
    check("umulcc", r, 0);
    check("umulcc icc", icc, Z);
    check("umulcc y", rd_y(), 1);
    OPCC("smulcc", 0xfffffffe, 3, r, icc);
    check("smulcc", r, 0xfffffffa);
    check("smulcc icc", icc, N);

    wr_y(0);
    OPCC("udiv", 100, 7, r, icc);
    check("udiv", r, 14);
    wr_y(1);
    OPCC("udiv", 0, 2, r, icc);
    check("udiv y", r, 0x80000000);
    wr_y(1);
    OPCC("udivcc", 0, 1, r, icc);
    check("udivcc overflow", r, 0xffffffff);
    check("udivcc overflow icc", icc, N | V);
    wr_y(0xffffffff);
    OPCC("sdivcc", 0xffffff9c, 7, r, icc);
    check("sdivcc", r, 0xfffffff2);
    check("sdivcc icc", icc, N);
    wr_y(0);
    OPCC("sdivcc", 0x80000000, 1, r, icc);
    check("sdivcc overflow", r, 0x7fffffff);
    check("sdivcc overflow icc", icc, V);
    wr_y(0xffffffff);
    OPCC("sdiv", 0, 1, r, icc);
    check("sdiv negative overflow", r, 0x80000000);
    wr_y(0);
    check("udiv by zero", TRAP_OF(OPCC("udiv", 1, 0, r, icc)), 0x2a);
    check("sdiv by zero", TRAP_OF(OPCC("sdivcc", 1, 0, r, icc)), 0x2a);

    wr_y(0x12345678);
    __asm__ volatile("wr %1, 0xff, %%y\n\tnop\n\tnop\n\tnop\n\trd %%y, %0" : "=r"(r) : "r"(0xf0));
    check("wr y xor", r, 0x0f);
    report("mul-div");
}

static void test_tagged(void)
{
    u32 r = 0x55, icc;

    OPCC("taddcc", 1, 2, r, icc);
    check("taddcc tag", r, 3);
    check("taddcc tag icc", icc, V);
    OPCC("taddcc", 4, 8, r, icc);
    check("taddcc clean icc", icc, 0);
    OPCC("taddcc", 0x7ffffffc, 4, r, icc);
    check("taddcc overflow icc", icc, N | V);
    OPCC("tsubcc", 8, 4, r, icc);
    check("tsubcc icc", icc, 0);
    OPCC("tsubcc", 8, 1, r, icc);
    check("tsubcc tag icc", icc, V);
    r = 0x55;
    set_icc(0);
    check("taddcctv trap", TRAP_OF(OPCC("taddcctv", 1, 2, r, icc)), 0x0a);
    /* the trap leaves icc as it was: read it right after, in one asm */
    __asm__ volatile("wr %1, %%psr\n\tnop\n\tnop\n\tnop\n\t"
                     "taddcctv %2, %2, %%g0\n\trd %%psr, %0"
                     : "=r"(icc) : "r"(rd_psr() & ~0x00f00000u), "r"(1) : "cc");
    check("taddcctv icc kept", ICC(icc), 0);
    check("tsubcctv trap", TRAP_OF(OPCC("tsubcctv", 0x80000000, 4, r, icc)), 0x0a);
    check("taddcctv ok", TRAP_OF(OPCC("taddcctv", 4, 4, r, icc)), 0);
    check("taddcctv sum", r, 8);
    report("tagged");
}

/* 32 MULScc steps and a final shift: the V8 manual's multiply */
static u32 mulscc_mul(u32 a, u32 b, u32 *hi)
{
    u32 acc, lo;

    __asm__ volatile("wr %3, 0, %%y\n\tnop\n\tnop\n\tnop\n\t"
                     "andcc %%g0, %%g0, %0\n\t"
                     ".rept 32\n\tmulscc %0, %2, %0\n\t.endr\n\t"
                     "mulscc %0, %%g0, %0\n\t"
                     "rd %%y, %1"
                     : "=&r"(acc), "=&r"(lo) : "r"(a), "r"(b) : "cc");
    *hi = acc;
    return lo;
}

static void test_mulscc(void)
{
    u32 hi, lo;

    lo = mulscc_mul(1234567, 7654321, &hi);
    check("mulscc lo", lo, 0x324f6057);
    check("mulscc hi", hi, 0x898);
    lo = mulscc_mul(0x12345678, 0x1b, &hi);
    check("mulscc small", lo, 0x12345678u * 0x1b);
    report("mulscc");
}

/* Bicc: each condition against all 16 icc values (V8 table F-7) */
#define BRANCH_TAKEN(mn)                                                      \
    static u32 taken_##mn(u32 psr)                                            \
    {                                                                         \
        u32 r;                                                                \
        __asm__ volatile("wr %1, %%psr\n\tnop\n\tnop\n\tnop\n\t"              \
                         "mov 1, %0\n\t" #mn " 1f\n\t nop\n\tmov 0, %0\n1:"   \
                         : "=&r"(r) : "r"(psr) : "cc");                       \
        return r;                                                             \
    }
BRANCH_TAKEN(ba) BRANCH_TAKEN(bn) BRANCH_TAKEN(bne) BRANCH_TAKEN(be)
BRANCH_TAKEN(bg) BRANCH_TAKEN(ble) BRANCH_TAKEN(bge) BRANCH_TAKEN(bl)
BRANCH_TAKEN(bgu) BRANCH_TAKEN(bleu) BRANCH_TAKEN(bcc) BRANCH_TAKEN(bcs)
BRANCH_TAKEN(bpos) BRANCH_TAKEN(bneg) BRANCH_TAKEN(bvc) BRANCH_TAKEN(bvs)

static void test_bicc(void)
{
    u32 base = rd_psr() & ~0x00f00000u;

    for (u32 icc = 0; icc < 16; icc++) {
        u32 n = !!(icc & N), z = !!(icc & Z), v = !!(icc & V), c = !!(icc & C);
        u32 p = base | (icc << 20);
        u32 got = taken_ba(p) | taken_bn(p) << 1 | taken_bne(p) << 2 | taken_be(p) << 3 |
                  taken_bg(p) << 4 | taken_ble(p) << 5 | taken_bge(p) << 6 |
                  taken_bl(p) << 7 | taken_bgu(p) << 8 | taken_bleu(p) << 9 |
                  taken_bcc(p) << 10 | taken_bcs(p) << 11 | taken_bpos(p) << 12 |
                  taken_bneg(p) << 13 | taken_bvc(p) << 14 | taken_bvs(p) << 15;
        u32 want = 1 | 0 << 1 | !z << 2 | z << 3 | !(z | (n ^ v)) << 4 | (z | (n ^ v)) << 5 |
                   !(n ^ v) << 6 | (n ^ v) << 7 | !(c | z) << 8 | (c | z) << 9 | !c << 10 |
                   c << 11 | !n << 12 | n << 13 | !v << 14 | v << 15;
        check("bicc conditions", got, want);
    }
    report("bicc");
}

/* Delay slots and the annul bit (V8 B.21): count which slots ran */
static void test_annul(void)
{
    u32 r;

    __asm__ volatile("mov 0, %0\n\tcmp %%g0, 1\n\tbe,a 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:"
                     : "=&r"(r) : : "cc");
    check("bcc,a not taken annuls", r, 2);
    __asm__ volatile("mov 0, %0\n\tcmp %%g0, 0\n\tbe,a 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:"
                     : "=&r"(r) : : "cc");
    check("bcc,a taken runs slot", r, 1);
    __asm__ volatile("mov 0, %0\n\tcmp %%g0, 1\n\tbe 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:"
                     : "=&r"(r) : : "cc");
    check("bcc not taken runs slot", r, 3);
    __asm__ volatile("mov 0, %0\n\tba,a 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:"
                     : "=&r"(r));
    check("ba,a annuls", r, 0);
    __asm__ volatile("mov 0, %0\n\tba 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:" : "=&r"(r));
    check("ba runs slot", r, 1);
    __asm__ volatile("mov 0, %0\n\tbn,a 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:"
                     : "=&r"(r));
    check("bn,a annuls", r, 2);
    __asm__ volatile("mov 0, %0\n\tbn 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:" : "=&r"(r));
    check("bn runs slot", r, 3);
    /* call: %o7 = address of the call */
    __asm__ volatile("call 1f\n\t nop\n\t nop\n1:\tsethi %%hi(1b), %0\n\t"
                     "or %0, %%lo(1b), %0\n\tsub %0, %%o7, %0" : "=&r"(r) : : "o7");
    check("call o7", r, 12);
    /* jmpl: rd = its own address; target computed from rs1 + simm13 */
    __asm__ volatile("sethi %%hi(1f), %%o1\n\tor %%o1, %%lo(1f), %%o1\n\t"
                     "jmpl %%o1 + 0, %%o2\n\t mov 5, %0\n\tmov 6, %0\n"
                     "1:\tsub %%o1, %%o2, %%o1\n\tadd %0, %%o1, %0"
                     : "=&r"(r) : : "o1", "o2");
    check("jmpl", r, 5 + 12);
    /* a branch in the delay slot of a taken branch (DCTI couple): the
     * second's target runs one instruction, then the first's target */
    __asm__ volatile("mov 0, %0\n\t"
                     "ba 1f\n\t"
                     " ba 2f\n\t"
                     "add %0, 100, %0\n"
                     "1:\tadd %0, 1, %0\n\t"
                     "ba 3f\n\t nop\n"
                     "2:\tadd %0, 10, %0\n\t"
                     "add %0, 1000, %0\n"
                     "3:"
                     : "=&r"(r));
    check("dcti couple", r, 1 + 10 + 1000);
    report("delay-annul");
}

static void test_state_regs(void)
{
    u32 psr = rd_psr(), r;

    check("psr impl/ver", psr >> 24, 0x04);
    check("psr S ET EF", psr & 0x10a0, 0x10a0);
    __asm__ volatile("rd %%wim, %0" : "=r"(r));
    check("wim", r, 2);
    __asm__ volatile("rd %%tbr, %0" : "=r"(r));
    check("tbr base", r & 0xfffff000, 0x4000);
    /* wrwim keeps only NWINDOWS bits */
    __asm__ volatile("rd %%wim, %%o1\n\twr %%g0, -1, %%wim\n\tnop\n\tnop\n\tnop\n\t"
                     "rd %%wim, %0\n\twr %%o1, %%wim\n\tnop\n\tnop\n\tnop"
                     : "=&r"(r) : : "o1");
    check("wim mask", r, 0xff);
    /* wrtbr keeps tt */
    __asm__ volatile("rd %%tbr, %%o1\n\twr %%o1, 0xff0, %%tbr\n\tnop\n\tnop\n\tnop\n\t"
                     "rd %%tbr, %0\n\twr %%o1, %%tbr\n\tnop\n\tnop\n\tnop"
                     : "=&r"(r) : : "o1");
    check("tbr tt kept", r & 0xfffff000, 0x4000);
    /* rdasr reads Y on the microSPARC-II; stbar is a no-op */
    wr_y(0xabcd);
    __asm__ volatile("rd %%asr17, %0\n\tstbar" : "=r"(r));
    check("rdasr", r, 0xabcd);
    report("state-regs");
}

int main(void)
{
    test_addsub();
    test_logic();
    test_shifts_sethi();
    test_muldiv();
    test_tagged();
    test_mulscc();
    test_bicc();
    test_annul();
    test_state_regs();
    return 0;
}
