/*
 * The PSR and the register windows (V8 4.2, 4.5): assembling the PSR from
 * its lazily kept parts, moving CWP over the window file, and SAVE,
 * RESTORE and RETT with their window overflow/underflow traps.
 */
#include <string.h>

#include "target/sparc/cpu.h"
#include "tcg/exec.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"

uint32_t sparc_cpu_get_psr(const CPUSPARCState *env)
{
    uint32_t icc = ((env->cc_N >> 31) ? PSR_N : 0) | (env->cc_Z == 0 ? PSR_Z : 0) |
                   ((env->cc_V >> 31) ? PSR_V : 0) | (env->cc_C ? PSR_C : 0);

    return env->psr | icc | env->cwp;
}

void sparc_cpu_put_psr(CPUSPARCState *env, uint32_t val)
{
    env->cc_N = val & PSR_N ? 0x80000000u : 0;
    env->cc_Z = !(val & PSR_Z);
    env->cc_V = val & PSR_V ? 0x80000000u : 0;
    env->cc_C = !!(val & PSR_C);
    /* impl and ver are read-only */
    env->psr = (env->psr & PSR_IMPL_VER) | (val & PSR_STORED & ~PSR_IMPL_VER);
    sparc_cpu_set_cwp(env, val & PSR_CWP);
}

/* The last window's ins are window 0's outs: keep the copy at
 * regbase[NWINDOWS * 16] current while CWP is there. */
void sparc_cpu_set_cwp(CPUSPARCState *env, uint32_t new_cwp)
{
    uint32_t *wrap = env->regbase + SPARC_NWINDOWS * 16;

    if (env->cwp == SPARC_NWINDOWS - 1) {
        memcpy(env->regbase, wrap, 8 * sizeof(uint32_t));
    }
    env->cwp = new_cwp;
    if (new_cwp == SPARC_NWINDOWS - 1) {
        memcpy(wrap, env->regbase, 8 * sizeof(uint32_t));
    }
    env->regwptr = env->regbase + new_cwp * 16;
}

uint32_t helper_rdpsr(CPUSPARCState *env)
{
    return sparc_cpu_get_psr(env);
}

void helper_wrpsr(CPUSPARCState *env, uint32_t val)
{
    if ((val & PSR_CWP) >= SPARC_NWINDOWS) {
        sparc_raise_exception(env, TT_ILLEGAL_INSTRUCTION, GETPC());
    }
    sparc_cpu_put_psr(env, val);
}

void helper_save(CPUSPARCState *env)
{
    uint32_t cwp = sparc_cwp_dec(env->cwp);

    if (env->wim & (1u << cwp)) {
        sparc_raise_exception(env, TT_WINDOW_OVERFLOW, GETPC());
    }
    sparc_cpu_set_cwp(env, cwp);
}

void helper_restore(CPUSPARCState *env)
{
    uint32_t cwp = sparc_cwp_inc(env->cwp);

    if (env->wim & (1u << cwp)) {
        sparc_raise_exception(env, TT_WINDOW_UNDERFLOW, GETPC());
    }
    sparc_cpu_set_cwp(env, cwp);
}

/* RETT (V8 B.28). With ET = 0 its traps put the CPU in error mode, which
 * sparc_cpu_do_interrupt does for any trap taken with ET = 0. */
void helper_rett(CPUSPARCState *env, uint32_t target)
{
    uint32_t cwp = sparc_cwp_inc(env->cwp);

    if (env->psr & PSR_ET) {
        sparc_raise_exception(env, (env->psr & PSR_S) ? TT_ILLEGAL_INSTRUCTION
                                                       : TT_PRIVILEGED_INSTRUCTION, GETPC());
    }
    if (!(env->psr & PSR_S)) {
        sparc_raise_exception(env, TT_PRIVILEGED_INSTRUCTION, GETPC());
    }
    if (env->wim & (1u << cwp)) {
        sparc_raise_exception(env, TT_WINDOW_UNDERFLOW, GETPC());
    }
    if (target & 3) {
        sparc_raise_exception(env, TT_MEM_ADDRESS_NOT_ALIGNED, GETPC());
    }
    sparc_cpu_set_cwp(env, cwp);
    env->psr = (env->psr & ~PSR_S) | ((env->psr & PSR_PS) ? PSR_S : 0) | PSR_ET;
}
