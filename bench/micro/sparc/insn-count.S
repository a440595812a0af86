/*
 * A guest whose executed-instruction count is known exactly, for the test
 * of -accel tcg,insn-count=on (tests/functional/test_bench.py). It runs
 * from reset on the test board with no runtime: a counted loop of LOOPS
 * iterations, a console line "D", then a write to the exit register. With
 * -no-shutdown the guest stops there (no guest code runs once an exit is
 * requested), and the monitor reads `info jit`.
 *
 * Blocks count all their instructions at entry, so the last block counts
 * its branch-to-self and delay slot too:
 *   executed = 3 (sethi, set LOOPS) + 3 * LOOPS + 4 (mov, st twice)
 *            + 3 (st to TB_EXIT, ba, nop) = 3 * LOOPS + 10
 */
#ifndef LOOPS
#define LOOPS 100000
#endif

    .section .note.GNU-stack, "", @progbits
    .section .text.start, "ax"
    .global _start
_start:
    sethi   %hi(0xf0000000), %g2        /* TB_CONSOLE */
    sethi   %hi(LOOPS), %g1
    or      %g1, %lo(LOOPS), %g1
1:  subcc   %g1, 1, %g1
    bne     1b
     nop
    mov     'D', %g3
    st      %g3, [%g2]
    mov     10, %g3                     /* newline */
    st      %g3, [%g2]
    st      %g0, [%g2 + 4]              /* TB_EXIT, status 0 */
1:  ba      1b
     nop
