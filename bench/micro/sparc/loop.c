/*
 * Micro-benchmark "loop": an integer ALU loop with no memory traffic: a
 * linear congruential step, shifts, rotates, xor/and/or, compares and a
 * multiply. It measures raw translated-code speed on register work, and
 * after the first iterations runs entirely in chained blocks.
 */
#ifndef SCALE
#define SCALE 800  /* about 1 s on Chimera (docs/performance.md) */
#endif

#include "bench.h"

#define LOOP_ITERS (SCALE * 100000u)

static u32 loop_run(u32 iters)
{
    u32 x = 1, y = 0x9e3779b9u, z = 0;

    for (u32 i = 0; i < iters; i++) {
        x = x * 1103515245u + 12345u;
        y ^= x >> 7;
        y = (y << 5) | (y >> 27);
        z += (x & 0xff) | (y << 3);
        if ((s32)z < 0) {
            z -= y;
        }
        z ^= i;
    }
    return x ^ y ^ z;
}

int main(void)
{
    bench_start("loop");
    bench_result("loop", loop_run(LOOP_ITERS));
    bench_end("loop");
}
