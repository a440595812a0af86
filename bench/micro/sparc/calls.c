/*
 * Micro-benchmark "calls": indirect calls through a table of function
 * pointers and a dense switch (a jump table), chosen by a pseudo-random
 * sequence so the targets keep changing. Every call and return is an
 * indirect jump (jmpl): the block lookup at run time (lookup_and_goto_ptr
 * and the per-CPU jump cache) is what this measures. The small functions
 * also save and restore register windows.
 */
#ifndef SCALE
#define SCALE 250  /* about 1 s on Chimera (docs/performance.md) */
#endif

#include "bench.h"

#define CALL_ITERS (SCALE * 40000u)

typedef u32 (*CallFn)(u32 a, u32 b);

/* noinline: the calls must stay calls. */
#define CALL_FN(name, expr) \
    static __attribute__((noinline)) u32 name(u32 a, u32 b) { return expr; }
CALL_FN(fn_add, a + b)
CALL_FN(fn_sub, a - b)
CALL_FN(fn_xor, a ^ (b << 1))
CALL_FN(fn_mul, a * (b | 1))
CALL_FN(fn_rot, (a << (b & 31)) | (a >> ((32 - b) & 31)))
CALL_FN(fn_and, (a & b) + 7)
CALL_FN(fn_or, (a | b) - 3)
CALL_FN(fn_shr, (a >> (b & 7)) + b)

static CallFn const fn_table[8] = {
    fn_add, fn_sub, fn_xor, fn_mul, fn_rot, fn_and, fn_or, fn_shr,
};

static __attribute__((noinline)) u32 call_switch(u32 sel, u32 v)
{
    switch (sel & 7) {
    case 0: return v + 0x11;
    case 1: return v ^ 0x2222;
    case 2: return v * 3;
    case 3: return v - 0x44;
    case 4: return v >> 1;
    case 5: return v << 2;
    case 6: return ~v;
    default: return v + sel;
    }
}

int main(void)
{
    u32 seed = 12345, acc = 1;

    bench_start("calls");
    for (u32 i = 0; i < CALL_ITERS; i++) {
        seed = seed * 1664525u + 1013904223u;
        acc = fn_table[seed >> 29](acc, seed);
        acc = call_switch(seed >> 13, acc);
        acc = fn_table[(seed >> 20) & 7](acc, i);
    }
    bench_result("calls", acc);
    bench_end("calls");
}
