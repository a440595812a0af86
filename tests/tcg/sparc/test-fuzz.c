/*
 * Random instruction words, one at a time in user mode (fuzz-run.S), to
 * show that no guest input crashes or hangs the emulator. Control
 * transfers (CALL, Bicc/FBfcc/CBccc, JMPL) are left out so the program
 * keeps control; every other encoding runs, privileged and illegal ones
 * included. Registers point into a scratch area, so stores land there.
 */
#include "tb.h"

#define ITERATIONS 200000
#define SCRATCH 0x00200000u

u32 fuzz_run(u32 *slot, u32 s);

static u32 slot[4] __attribute__((aligned(16)));

static u32 lcg(u32 *x)
{
    *x = *x * 1664525u + 1013904223u;
    return *x;
}

static int is_control_transfer(u32 w)
{
    u32 op = w >> 30, op2 = (w >> 22) & 7, op3 = (w >> 19) & 0x3f;

    return op == 1 || (op == 0 && (op2 == 2 || op2 == 6 || op2 == 7)) ||
           (op == 2 && (op3 == 0x38 || op3 == 0x39));
}

int main(void)
{
    u32 seed = 0x5eed1234, ran = 0, trapped = 0;

    slot[1] = 0x91d02070;       /* ta 0x70 */
    slot[2] = 0x91d02070;
    for (int i = 0; i < ITERATIONS; i++) {
        u32 w = lcg(&seed) ^ (lcg(&seed) >> 16);
        if (is_control_transfer(w)) {
            continue;
        }
        slot[0] = w;
        __asm__ volatile("flush %0" : : "r"(slot) : "memory");
        ran++;
        if (fuzz_run(slot, SCRATCH + (i & 0xff0)) != 0xf0) {
            trapped++;
        }
    }
    /* the machine still works */
    check("ran", ran > ITERATIONS / 2, 1);
    check("some trapped", trapped > 0, 1);
    check("psr S ET", rd_psr() & 0xa0, 0xa0);
    report("fuzz");
    return 0;
}
