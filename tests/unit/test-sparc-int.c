/*
 * Unit tests for the SPARC integer-unit helpers: UDIV/SDIV with the Y
 * dividend and overflow rules, Ticc and tag-overflow traps, register
 * windows (SAVE/RESTORE with WIM traps, the last-window wrap), the PSR,
 * trap entry, RETT, error mode and interrupt levels against PIL. The
 * exec-loop entry points the helpers call are stubbed.
 */
#include <setjmp.h>

#include "softmmu/runstate.h"
#include "target/sparc/cpu.h"
#include "tcg/exec.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"

static SPARCCPU test_cpu;
static CPUState *cs = &test_cpu.parent;
static CPUSPARCState *env = &test_cpu.env;
static jmp_buf exit_jmp;
static int reset_requests;

void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr) { longjmp(exit_jmp, 1); }
void cpu_interrupt(CPUState *cpu, uint32_t mask) { cpu->interrupt_request |= mask; }
void cpu_reset_interrupt(CPUState *cpu, uint32_t mask) { cpu->interrupt_request &= ~mask; }
void system_reset_request(void) { reset_requests++; }

static const SPARCModel model = { .name = "test", .iu_version = 0x04000000 };

static void setup(void)
{
    memset(&test_cpu, 0, sizeof(test_cpu));
    cs->env = env;
    cs->exception_index = -1;
    env->model = &model;
    env->regwptr = env->regbase;
    env->psr = model.iu_version | PSR_S | PSR_ET;
    env->cc_Z = 1;
    reset_requests = 0;
}

/* Runs fn; returns the trap it raised, or -1. */
#define TRAP_OF(stmt)                                       \
    ({                                                      \
        volatile int tt_ = -1;                              \
        cs->exception_index = -1;                           \
        if (setjmp(exit_jmp) == 0) {                        \
            stmt;                                           \
        } else {                                            \
            tt_ = cs->exception_index;                      \
        }                                                   \
        tt_;                                                \
    })

static void test_udiv(void)
{
    uint64_t r = 0;

    setup();
    env->y = 0;
    g_assert_cmphex(helper_udiv(env, 100, 7), ==, 14);
    env->y = 1;                                 /* dividend 0x1_00000000 */
    g_assert_cmphex(helper_udiv(env, 0, 2), ==, 0x80000000u);
    g_assert_cmphex(helper_udiv(env, 0, 1), ==, (1ull << 32) | 0xffffffffu);  /* overflow */
    g_assert_cmpint(TRAP_OF(r = helper_udiv(env, 1, 0)), ==, TT_DIVISION_BY_ZERO);
    (void)r;
}

static void test_sdiv(void)
{
    uint64_t r = 0;

    setup();
    env->y = 0xffffffff;                        /* dividend -100 */
    g_assert_cmphex(helper_sdiv(env, (uint32_t)-100, 7), ==, (uint32_t)-14);
    env->y = 0;
    g_assert_cmphex(helper_sdiv(env, 100, (uint32_t)-7), ==, (uint32_t)-14);
    env->y = 1;                                 /* 2^32 / 1: positive overflow */
    g_assert_cmphex(helper_sdiv(env, 0, 1), ==, (1ull << 32) | 0x7fffffffu);
    env->y = 0xfffffffe;                        /* -2^33 / 1: negative overflow */
    g_assert_cmphex(helper_sdiv(env, 0, 1), ==, (1ull << 32) | 0x80000000u);
    env->y = 0x80000000;                        /* INT64_MIN / -1 */
    g_assert_cmphex(helper_sdiv(env, 0, 0xffffffff), ==, (1ull << 32) | 0x7fffffffu);
    env->y = 0xffffffff;                        /* -2^31 exactly fits */
    g_assert_cmphex(helper_sdiv(env, 0x80000000u, 1), ==, 0x80000000u);
    g_assert_cmpint(TRAP_OF(r = helper_sdiv(env, 1, 0)), ==, TT_DIVISION_BY_ZERO);
    (void)r;
}

static void test_traps(void)
{
    setup();
    g_assert_cmpint(TRAP_OF(helper_trap_if(env, 0, 5)), ==, -1);
    g_assert_cmpint(TRAP_OF(helper_trap_if(env, 1, 0x85)), ==, 0x85);   /* mod 128 */
    g_assert_cmpint(TRAP_OF(helper_check_tag_overflow(env, 0x7fffffff)), ==, -1);
    g_assert_cmpint(TRAP_OF(helper_check_tag_overflow(env, 0x80000000)), ==, TT_TAG_OVERFLOW);
    g_assert_cmpint(TRAP_OF(helper_check_align(env, 0x1002, 3)), ==,
                    TT_MEM_ADDRESS_NOT_ALIGNED);
    g_assert_cmpint(TRAP_OF(helper_check_align(env, 0x1004, 3)), ==, -1);
}

static void test_psr(void)
{
    setup();
    sparc_cpu_put_psr(env, 0xffffffff & ~PSR_CWP);
    /* impl/ver read-only, icc round-trips, reserved bits stay clear */
    g_assert_cmphex(sparc_cpu_get_psr(env), ==, 0x04f03fe0);
    sparc_cpu_put_psr(env, PSR_Z | PSR_S | 3);
    g_assert_cmphex(sparc_cpu_get_psr(env), ==, 0x04000000 | PSR_Z | PSR_S | 3);
    g_assert_cmpint(env->cwp, ==, 3);
    g_assert_true(env->regwptr == env->regbase + 48);
    g_assert_cmpint(TRAP_OF(helper_wrpsr(env, 8)), ==, TT_ILLEGAL_INSTRUCTION);
}

static void test_windows(void)
{
    setup();
    /* outs of window 0 are the ins of window 7 (a SAVE from 0 lands there) */
    env->regwptr[1] = 0x1111;               /* %o1 in window 0 */
    helper_save(env);
    g_assert_cmpint(env->cwp, ==, 7);
    g_assert_cmphex(env->regwptr[16 + 1], ==, 0x1111);   /* %i1 */
    env->regwptr[16 + 2] = 0x2222;          /* %i2 of window 7 = %o2 of window 0 */
    env->regwptr[8] = 0x7777;               /* %l0 of window 7 */
    helper_restore(env);
    g_assert_cmpint(env->cwp, ==, 0);
    g_assert_cmphex(env->regwptr[2], ==, 0x2222);
    /* each window's locals are its own */
    helper_save(env);
    g_assert_cmphex(env->regwptr[8], ==, 0x7777);
    helper_save(env);
    g_assert_cmpint(env->cwp, ==, 6);
    g_assert_cmphex(env->regwptr[8], ==, 0);

    /* WIM: overflow on SAVE into an invalid window, underflow on RESTORE */
    env->wim = 1u << 5;
    g_assert_cmpint(TRAP_OF(helper_save(env)), ==, TT_WINDOW_OVERFLOW);
    g_assert_cmpint(env->cwp, ==, 6);
    env->wim = 1u << 7;
    g_assert_cmpint(TRAP_OF(helper_restore(env)), ==, TT_WINDOW_UNDERFLOW);
    g_assert_cmpint(env->cwp, ==, 6);
}

static void test_trap_entry_and_rett(void)
{
    setup();
    env->tbr = 0x40000000;
    env->pc = 0x1000;
    env->npc = 0x1004;
    env->cwp = 2;
    env->regwptr = env->regbase + 32;
    env->psr &= ~PSR_S;                     /* from user mode */
    cs->exception_index = TT_TRAP_INSTRUCTION + 3;
    sparc_cpu_do_interrupt(cs);
    g_assert_cmphex(env->pc, ==, 0x40000830);
    g_assert_cmphex(env->npc, ==, 0x40000834);
    g_assert_cmphex(env->tbr, ==, 0x40000830);
    g_assert_cmpint(env->cwp, ==, 1);       /* no WIM check on trap entry */
    g_assert_cmphex(env->regwptr[8 + 1], ==, 0x1000);
    g_assert_cmphex(env->regwptr[8 + 2], ==, 0x1004);
    g_assert_true(env->psr & PSR_S);
    g_assert_false(env->psr & PSR_PS);
    g_assert_false(env->psr & PSR_ET);

    /* RETT back: CWP + 1, S = PS, ET = 1 */
    g_assert_cmpint(TRAP_OF(helper_rett(env, 0x1006)), ==, TT_MEM_ADDRESS_NOT_ALIGNED);
    helper_rett(env, 0x1004);
    g_assert_cmpint(env->cwp, ==, 2);
    g_assert_false(env->psr & PSR_S);
    g_assert_true(env->psr & PSR_ET);
    /* with traps enabled RETT is privileged (user) or illegal (supervisor) */
    g_assert_cmpint(TRAP_OF(helper_rett(env, 0x1004)), ==, TT_PRIVILEGED_INSTRUCTION);
    env->psr |= PSR_S;
    g_assert_cmpint(TRAP_OF(helper_rett(env, 0x1004)), ==, TT_ILLEGAL_INSTRUCTION);
}

static void test_error_mode(void)
{
    setup();
    env->psr &= ~PSR_ET;
    env->pc = 0x2000;
    cs->exception_index = TT_ILLEGAL_INSTRUCTION;
    sparc_cpu_do_interrupt(cs);
    g_assert_cmpint(reset_requests, ==, 1);
    g_assert_true(cs->halted);
    g_assert_cmphex(env->pc, ==, 0x2000);
    g_assert_cmphex(env->tbr & 0xff0, ==, TT_ILLEGAL_INSTRUCTION << 4);
}

static void test_interrupt_levels(void)
{
    setup();
    env->tbr = 0;
    env->psr |= 5 << PSR_PIL_SHIFT;
    sparc_cpu_set_irq(cs, 4, 1);
    g_assert_true(cs->interrupt_request & CPU_INTERRUPT_HARD);
    g_assert_false(sparc_cpu_exec_interrupt(cs, cs->interrupt_request));   /* 4 <= PIL */
    /* a masked level still wakes a halted CPU (the APC idle with PIL 15) */
    g_assert_true(sparc_cpu_has_work(cs));
    env->psr &= ~PSR_ET;
    g_assert_false(sparc_cpu_has_work(cs));
    env->psr |= PSR_ET;
    sparc_cpu_set_irq(cs, 10, 1);
    g_assert_cmpint(env->pil_in, ==, 10);
    g_assert_true(sparc_cpu_exec_interrupt(cs, cs->interrupt_request));
    g_assert_cmphex(env->pc, ==, (TT_INTERRUPT_LEVEL_1 + 9) << 4);
    /* traps now disabled: nothing more is taken, not even level 15 */
    sparc_cpu_set_irq(cs, 15, 1);
    g_assert_false(sparc_cpu_exec_interrupt(cs, cs->interrupt_request));
    /* level 15 is taken whatever the PIL once traps are enabled */
    env->psr |= PSR_ET | (15 << PSR_PIL_SHIFT);
    g_assert_true(sparc_cpu_exec_interrupt(cs, cs->interrupt_request));
    g_assert_cmphex(env->tbr & 0xff0, ==, 0x1f0);
    sparc_cpu_set_irq(cs, 15, 0);
    sparc_cpu_set_irq(cs, 10, 0);
    sparc_cpu_set_irq(cs, 4, 0);
    g_assert_false(cs->interrupt_request & CPU_INTERRUPT_HARD);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sparc/int/udiv", test_udiv);
    g_test_add_func("/sparc/int/sdiv", test_sdiv);
    g_test_add_func("/sparc/int/traps", test_traps);
    g_test_add_func("/sparc/int/psr", test_psr);
    g_test_add_func("/sparc/int/windows", test_windows);
    g_test_add_func("/sparc/int/trap-entry-rett", test_trap_entry_and_rett);
    g_test_add_func("/sparc/int/error-mode", test_error_mode);
    g_test_add_func("/sparc/int/interrupts", test_interrupt_levels);
    return g_test_run();
}
