/*
 * FPU helpers (V8 4.4 and B.2x): the FPops on single and double through
 * fpu/softfloat with the SPARC NaN rule, the FSR's rounding direction,
 * current and accrued exceptions, and the fp_exception trap with its
 * one-entry FQ holding the trapping FPop's address and instruction.
 */
#include "softmmu/memory.h"
#include "target/sparc/cpu.h"
#include "tcg/exec.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"

/* FSR.RD to softfloat: nearest, toward zero, toward +inf, toward -inf */
static const uint8_t fsr_rd_mode[4] = {
    float_round_nearest_even, float_round_to_zero, float_round_up, float_round_down,
};

void sparc_fsr_set(CPUSPARCState *env, uint32_t fsr)
{
    env->fsr = fsr;
    env->fp_status.rounding_mode = fsr_rd_mode[fsr >> FSR_RD_SHIFT];
}

void helper_set_fsr(CPUSPARCState *env, uint32_t val)
{
    sparc_fsr_set(env, (env->fsr & ~FSR_WRITABLE) | (val & FSR_WRITABLE));
}

/* The instruction word at pc, read the way the IU fetched it. */
static uint32_t fp_fetch_insn(CPUSPARCState *env, uint32_t pc)
{
    CPUState *cs = env_cpu(env);
    SPARCMMUResult r;

    sparc_mmu_translate(env, cs->as, pc, MMU_INST_FETCH, sparc_mmu_index(env), false, &r);
    return r.fault_type ? 0 : address_space_ldl_be(cs->as, r.paddr, NULL);
}

/* Enters the fp_exception trap with ftt, queueing the FPop (V8 4.4: the
 * FQ holds the address and instruction of the trapping FPop). */
static G_NORETURN void fp_raise(CPUSPARCState *env, uint32_t ftt, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);

    cpu_restore_state(cs, ra);
    env->fsr = (env->fsr & ~FSR_FTT) | (ftt << FSR_FTT_SHIFT) | FSR_QNE;
    env->fq.addr = env->pc;
    env->fq.insn = fp_fetch_insn(env, env->pc);
    cs->exception_index = TT_FP_EXCEPTION;
    cpu_loop_exit(cs);
}

void helper_fp_trap(CPUSPARCState *env, uint32_t ftt)
{
    fp_raise(env, ftt, GETPC());
}

static uint32_t fp_cexc(uint8_t flags)
{
    return (flags & float_flag_invalid ? FSR_NVC : 0) |
           (flags & float_flag_overflow ? FSR_OFC : 0) |
           (flags & float_flag_underflow ? FSR_UFC : 0) |
           (flags & float_flag_divbyzero ? FSR_DZC : 0) |
           (flags & float_flag_inexact ? FSR_NXC : 0);
}

/* After an FPop: cexc from this operation's flags; a trap when one is
 * enabled in TEM (aexc then unchanged), else accrue into aexc. */
static void fp_finish(CPUSPARCState *env, uintptr_t ra)
{
    uint32_t cexc = fp_cexc(env->fp_status.exception_flags);
    uint32_t fsr = env->fsr & ~(FSR_FTT | FSR_CEXC);

    env->fp_status.exception_flags = 0;
    if (cexc & (fsr >> FSR_TEM_SHIFT)) {
        env->fsr = fsr | cexc;
        fp_raise(env, FTT_IEEE_754_EXCEPTION, ra);
    }
    env->fsr = fsr | cexc | (cexc << FSR_AEXC_SHIFT);
}

#define FOP_BINARY(name, T, op)                                                \
    T helper_##name(CPUSPARCState *env, T a, T b)                             \
    {                                                                          \
        T r = op(a, b, &env->fp_status);                                       \
        fp_finish(env, GETPC());                                               \
        return r;                                                              \
    }
#define FOP_UNARY(name, R, T, op)                                              \
    R helper_##name(CPUSPARCState *env, T a)                                  \
    {                                                                          \
        R r = op(a, &env->fp_status);                                          \
        fp_finish(env, GETPC());                                               \
        return r;                                                              \
    }

FOP_BINARY(fadds, uint32_t, float32_add)
FOP_BINARY(fsubs, uint32_t, float32_sub)
FOP_BINARY(fmuls, uint32_t, float32_mul)
FOP_BINARY(fdivs, uint32_t, float32_div)
FOP_BINARY(faddd, uint64_t, float64_add)
FOP_BINARY(fsubd, uint64_t, float64_sub)
FOP_BINARY(fmuld, uint64_t, float64_mul)
FOP_BINARY(fdivd, uint64_t, float64_div)
FOP_UNARY(fsqrts, uint32_t, uint32_t, float32_sqrt)
FOP_UNARY(fsqrtd, uint64_t, uint64_t, float64_sqrt)
FOP_UNARY(fstod, uint64_t, uint32_t, float32_to_float64)
FOP_UNARY(fdtos, uint32_t, uint64_t, float64_to_float32)
/* fstoi/fdtoi always truncate (V8 B.23) */
FOP_UNARY(fstoi, uint32_t, uint32_t, (uint32_t)float32_to_int32_round_to_zero)
FOP_UNARY(fdtoi, uint32_t, uint64_t, (uint32_t)float64_to_int32_round_to_zero)

uint32_t helper_fitos(CPUSPARCState *env, uint32_t a)
{
    uint32_t r = int32_to_float32((int32_t)a, &env->fp_status);
    fp_finish(env, GETPC());
    return r;
}

uint64_t helper_fitod(CPUSPARCState *env, uint32_t a)
{
    uint64_t r = int32_to_float64((int32_t)a, &env->fp_status);
    fp_finish(env, GETPC());
    return r;
}

/* FsMULd: exact widening, then one rounding of the product */
uint64_t helper_fsmuld(CPUSPARCState *env, uint32_t a, uint32_t b)
{
    uint64_t r = float64_mul(float32_to_float64(a, &env->fp_status),
                             float32_to_float64(b, &env->fp_status), &env->fp_status);
    fp_finish(env, GETPC());
    return r;
}

/* fcc encoding (V8 4.4): 0 =, 1 <, 2 >, 3 unordered */
static void fp_set_fcc(CPUSPARCState *env, FloatRelation rel, uintptr_t ra)
{
    static const uint32_t fcc_of[4] = { 1, 0, 2, 3 };   /* by rel + 1 */

    fp_finish(env, ra);
    env->fsr = (env->fsr & ~FSR_FCC) | (fcc_of[rel + 1] << FSR_FCC_SHIFT);
}

void helper_fcmps(CPUSPARCState *env, uint32_t a, uint32_t b)
{
    fp_set_fcc(env, float32_compare_quiet(a, b, &env->fp_status), GETPC());
}

void helper_fcmpes(CPUSPARCState *env, uint32_t a, uint32_t b)
{
    fp_set_fcc(env, float32_compare(a, b, &env->fp_status), GETPC());
}

void helper_fcmpd(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    fp_set_fcc(env, float64_compare_quiet(a, b, &env->fp_status), GETPC());
}

void helper_fcmped(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    fp_set_fcc(env, float64_compare(a, b, &env->fp_status), GETPC());
}

/* STDFQ (V8 B.6): the queue's entry as a doubleword (address, then the
 * instruction); with the queue empty it is a sequence_error. */
uint64_t helper_stdfq_take(CPUSPARCState *env)
{
    if (!(env->fsr & FSR_QNE)) {
        fp_raise(env, FTT_SEQUENCE_ERROR, GETPC());
    }
    env->fsr &= ~FSR_QNE;
    return ((uint64_t)env->fq.addr << 32) | env->fq.insn;
}
