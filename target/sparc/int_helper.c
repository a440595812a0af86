/*
 * Integer-unit helpers: the V8 divide instructions with their Y register
 * dividend and overflow rules (V8 B.19), and the conditional traps the
 * translator cannot express inline (Ticc, tagged overflow, alignment).
 */
#include "target/sparc/cpu.h"
#include "tcg/exec.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"

/* Result of a divide for the translator: quotient in bits 31:0, the
 * overflow (icc.V) in bit 32. */
#define DIV_OVERFLOW (1ull << 32)

void helper_raise_exception(CPUSPARCState *env, uint32_t tt)
{
    sparc_raise_exception(env, tt, GETPC());
}

/* Ticc (V8 B.27): tt = 128 + ((rs1 + operand2) mod 128) */
void helper_trap_if(CPUSPARCState *env, uint32_t cond, uint32_t trapno)
{
    if (cond) {
        sparc_raise_exception(env, TT_TRAP_INSTRUCTION + (trapno & 0x7f), GETPC());
    }
}

void helper_check_align(CPUSPARCState *env, uint32_t addr, uint32_t mask)
{
    if (addr & mask) {
        sparc_raise_exception(env, TT_MEM_ADDRESS_NOT_ALIGNED, GETPC());
    }
}

/* TADDccTV/TSUBccTV: v is the would-be icc.V in bit 31 */
void helper_check_tag_overflow(CPUSPARCState *env, uint32_t v)
{
    if (v & 0x80000000u) {
        sparc_raise_exception(env, TT_TAG_OVERFLOW, GETPC());
    }
}

uint64_t helper_udiv(CPUSPARCState *env, uint32_t a, uint32_t b)
{
    uint64_t dividend = ((uint64_t)env->y << 32) | a;
    uint64_t q;

    if (b == 0) {
        sparc_raise_exception(env, TT_DIVISION_BY_ZERO, GETPC());
    }
    q = dividend / b;
    if (q > UINT32_MAX) {
        return DIV_OVERFLOW | UINT32_MAX;
    }
    return q;
}

uint64_t helper_sdiv(CPUSPARCState *env, uint32_t a, uint32_t b)
{
    int64_t dividend = (int64_t)(((uint64_t)env->y << 32) | a);
    int32_t divisor = (int32_t)b;
    int64_t q;

    if (divisor == 0) {
        sparc_raise_exception(env, TT_DIVISION_BY_ZERO, GETPC());
    }
    if (dividend == INT64_MIN && divisor == -1) {
        /* the true quotient 2^63 is positive and too large */
        return DIV_OVERFLOW | INT32_MAX;
    }
    q = dividend / divisor;
    if (q > INT32_MAX) {
        return DIV_OVERFLOW | INT32_MAX;
    }
    if (q < INT32_MIN) {
        return DIV_OVERFLOW | (uint32_t)INT32_MIN;
    }
    return (uint32_t)q;
}
