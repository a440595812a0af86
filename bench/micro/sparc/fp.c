/*
 * Micro-benchmark "fp": double-precision arithmetic through the FPU
 * helpers and the soft-float: add, multiply, divide and square root
 * (fsqrtd), and int <-> double conversions (fitod, fdtoi), in a loop
 * whose values stay finite and normal.
 */
#ifndef SCALE
#define SCALE 80  /* about 1 s on Chimera (docs/performance.md) */
#endif

#include "bench.h"

#define FP_ITERS (SCALE * 20000u)

/* fsqrtd itself (V8 B.13), not a library call; the host reference build
 * (bench/micro.py) uses the host's. */
static inline double fp_sqrt(double x)
{
#ifdef __sparc__
    double r;
    __asm__("fsqrtd %1, %0" : "=e"(r) : "e"(x));
    return r;
#else
    return __builtin_sqrt(x);
#endif
}

int main(void)
{
    double x = 1.5, acc = 0.0;
    u32 isum = 0;

    bench_start("fp");
    for (u32 i = 1; i <= FP_ITERS; i++) {
        double d = (double)(s32)(i & 0xffff);
        x = x * 0.75 + 1.0 / (d + 3.0);
        double r = fp_sqrt(x + d);
        acc += r / (x + 1.0) - d * 1e-6;
        isum += (u32)(s32)(r * 1024.0);
        if (acc > 1e6) {
            acc -= 1e6;
        }
    }
    union { double d; u32 w[2]; } bits = { .d = acc };
    bench_result("fp", isum ^ bits.w[0] ^ bits.w[1]);
    bench_end("fp");
}
