/*
 * Traps (V8 chapter 7): window overflow and underflow through deep calls,
 * Ticc, illegal and privileged instructions, unimplemented and coprocessor
 * instructions, fp_disabled, misaligned JMPL, RETT misuse, a trap in a
 * delay slot, and the test board's timer interrupt against PIL.
 */
#include "tb.h"

static u32 __attribute__((noinline)) deep(u32 n)
{
    if (n == 0) {
        return 0;
    }
    u32 r = deep(n - 1);
    __asm__ volatile("" : "+r"(r));     /* keep it a real recursion */
    return n + r;
}

static void test_windows(void)
{
    u32 ov = overflow_count, un = underflow_count;

    check("deep sum", deep(40), 40 * 41 / 2);
    check("overflows", overflow_count - ov >= 33, 1);
    check("underflows", underflow_count - un >= 33, 1);
    check("no other traps", TRAP_OF(deep(20)), 0);
    report("windows");
}

static void test_ticc(void)
{
    u32 r = 3;

    check("ta 5", TRAP_OF(__asm__ volatile("ta 5")), 0x85);
    check("ta reg+imm", TRAP_OF(__asm__ volatile("ta %0 + 2" : : "r"(r))), 0x85);
    check("ta reg+reg", TRAP_OF(__asm__ volatile("ta %0 + %1" : : "r"(r), "r"(0x7e))), 0x81);
    check("tne not taken", TRAP_OF(__asm__ volatile("cmp %%g0, 0\n\ttne 9" ::: "cc")), 0);
    check("te taken", TRAP_OF(__asm__ volatile("cmp %%g0, 0\n\tte 9" ::: "cc")), 0x89);
    check("tn", TRAP_OF(__asm__ volatile("tn 9")), 0);
    check("trap pc", last_pc != 0, 1);
    report("ticc");
}

static void test_illegal(void)
{
    check("unimp", TRAP_OF(__asm__ volatile("unimp 0x123")), 0x02);
    check("op3 0x09", TRAP_OF(__asm__ volatile(".word 0x80480000")), 0x02);
    check("cpop1", TRAP_OF(__asm__ volatile(".word 0x81b00000")), 0x24);
    check("ldc", TRAP_OF(__asm__ volatile(".word 0xc1800000")), 0x24);
    check("cbccc", TRAP_OF(__asm__ volatile(".word 0x01c00000\n\tnop")), 0x24);
    /* RETT with traps enabled, in supervisor mode */
    check("rett ET=1", TRAP_OF(__asm__ volatile("rett %%g0 + 0" ::: "memory")), 0x02);
    /* WRPSR with CWP >= NWINDOWS */
    check("wrpsr bad cwp", TRAP_OF(__asm__ volatile("wr %0, 8, %%psr\n\tnop\n\tnop\n\tnop"
                                                    : : "r"(rd_psr()) : "cc")), 0x02);
    report("illegal");
}

static u32 user_trap(int which)
{
    u32 n = trap_count, v = 0;

    /* clear PS... S: enter user mode; "ta 0x7f" comes back */
    wr_psr(rd_psr() & ~0x80u);
    switch (which) {
    case 0: __asm__ volatile("rd %%psr, %0" : "=r"(v)); break;
    case 1: __asm__ volatile("wr %%g0, %%psr\n\tnop\n\tnop\n\tnop" ::: "cc"); break;
    case 2: __asm__ volatile("rd %%wim, %0" : "=r"(v)); break;
    case 3: __asm__ volatile("rd %%tbr, %0" : "=r"(v)); break;
    case 4: __asm__ volatile("wr %%g0, %%wim" ::: "memory"); break;
    case 5: __asm__ volatile("lda [%%g0] 0x0b, %0" : "=r"(v)); break;
    case 6: __asm__ volatile("sta %%g0, [%%g0] 0x0b" ::: "memory"); break;
    case 7: __asm__ volatile("rett %%g0 + 0" ::: "memory"); break;
    case 8: __asm__ volatile("rd %%y, %0" : "=r"(v)); break;
    }
    __asm__ volatile("ta 0x7f" ::: "memory");
    (void)v;
    return trap_count != n ? last_tt : 0;
}

static void test_privileged(void)
{
    static const char *const names[] = { "rdpsr", "wrpsr", "rdwim", "rdtbr", "wrwim",
                                         "lda", "sta", "rett" };
    for (int i = 0; i < 8; i++) {
        check(names[i], user_trap(i), 0x03);
    }
    check("rdy unprivileged", user_trap(8), 0);
    check("back in supervisor", (rd_psr() >> 7) & 1, 1);
    report("privileged");
}

static void test_fp_disabled(void)
{
    u32 psr = rd_psr();

    wr_psr(psr & ~0x1000u);
    check("fadds", TRAP_OF(__asm__ volatile("fadds %f0, %f1, %f2")), 0x04);
    check("ldf", TRAP_OF(__asm__ volatile("ld [%0], %%f0" : : "r"(&psr))), 0x04);
    check("stfsr", TRAP_OF(__asm__ volatile("st %%fsr, [%0]" : : "r"(&psr) : "memory")), 0x04);
    check("fbe", TRAP_OF(__asm__ volatile("fbe 1f\n\tnop\n1:")), 0x04);
    wr_psr(psr);
    check("fadds enabled", TRAP_OF(__asm__ volatile("fadds %f0, %f1, %f2")), 0);
    report("fp-disabled");
}

static void test_control_traps(void)
{
    u32 r = 0, target;

    check("jmpl misaligned", TRAP_OF(__asm__ volatile("sethi %%hi(1f), %%o1\n\t"
                                                      "or %%o1, %%lo(1f), %%o1\n\t"
                                                      "jmpl %%o1 + 2, %%g0\n\t nop\n1:"
                                                      ::: "o1")), 0x07);
    /* a trap in a delay slot resumes at the branch target */
    __asm__ volatile("sethi %%hi(1f), %1\n\tor %1, %%lo(1f), %1\n\t"
                     "mov 0, %0\n\tba 1f\n\t ta 1\n\tmov 7, %0\n1:"
                     : "=&r"(r), "=&r"(target));
    check("delay slot trap skipped", r, 0);
    check("delay slot trap npc", last_npc, target);
    check("delay slot trap tt", last_tt, 0x81);
    report("control-traps");
}

static void test_timer_interrupt(void)
{
    u32 psr = rd_psr(), n = trap_count;
    volatile u32 spin;

    /* masked by PIL 15 (the board's timer is level 10) */
    wr_psr(psr | 0xf00);
    mmio_write(TB_TIMER_PERIOD, 10000);
    mmio_write(TB_TIMER_CTRL, 1 | 4);
    for (spin = 0; spin < 200000; spin++) {
    }
    check("masked", trap_count - n, 0);
    wr_psr(psr | 0xa00);                /* PIL 10: still masked */
    for (spin = 0; spin < 1000; spin++) {
    }
    check("pil 10 masks 10", trap_count - n, 0);
    wr_psr(psr);                        /* PIL 0: taken */
    for (spin = 0; spin < 2000000 && trap_count == n; spin++) {
    }
    check("taken", trap_count - n, 1);
    check("level 10", last_tt, 0x1a);
    mmio_write(TB_TIMER_CTRL, 0);
    report("interrupts");
}

int main(void)
{
    test_windows();
    test_ticc();
    test_illegal();
    test_privileged();
    test_fp_disabled();
    test_control_traps();
    test_timer_interrupt();
    return 0;
}
