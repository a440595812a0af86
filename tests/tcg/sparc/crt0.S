/*
 * Start-up and trap table for the SPARC test-board guests.
 *
 * The board starts us in supervisor mode with traps disabled, CWP = 0 and
 * the MMU off. We install the trap table, mark window 1 invalid, enable
 * traps and the FPU and call main; its return value is the exit status.
 *
 * Every trap vector reads the PSR and TBR into %l0/%l3 and goes to
 * trap_dispatch: window overflow/underflow are handled the classic way
 * (V8 manual, appendix D's example handlers); every other trap is counted
 * in trap_count with its type in last_tt and pc in last_pc, interrupts are
 * acknowledged at the test board's timer and resumed, and other traps skip
 * the trapping instruction. "ta 0x7f" returns to supervisor mode (a test's
 * way back from user mode). A test may set trap_redirect to take over.
 */
#define NWINDOWS 8
#define TB_TIMER_STATUS 0xf0000010

    .section .note.GNU-stack, "", @progbits

    .section .text.traps, "ax"
    .global trap_table
    .align 4096
trap_table:
    .rept 256
    rd      %psr, %l0
    rd      %tbr, %l3
    b       trap_dispatch
     nop
    .endr

    .section .text.start, "ax"
    .global _start
_start:
    set     trap_table, %g1
    wr      %g1, %tbr
    mov     2, %g1
    wr      %g1, %wim
    set     0x10e0, %g1             /* EF, S, PS, ET; PIL 0, CWP 0 */
    wr      %g1, %psr
    nop
    nop
    nop
    set     stack_top - 96, %sp
    mov     0, %fp
    call    tb_main
     nop
1:  b       1b
     nop

trap_dispatch:
    srl     %l3, 4, %l3
    and     %l3, 0xff, %l3
    set     trap_redirect, %l4
    ld      [%l4], %l4
    tst     %l4
    bne     trap_taken_over
     cmp    %l3, 5
    be      window_overflow
     cmp    %l3, 6
    be      window_underflow
     nop
    cmp     %l3, 0xff               /* "ta 0x7f": return in supervisor mode */
    be,a    trap_skip
     or     %l0, 0x40, %l0
    set     trap_count, %l4
    ld      [%l4], %l5
    inc     %l5
    st      %l5, [%l4]
    set     last_tt, %l4
    st      %l3, [%l4]
    set     last_pc, %l4
    st      %l1, [%l4]
    set     last_npc, %l4
    st      %l2, [%l4]
    cmp     %l3, 0x11
    bl      trap_skip
     cmp    %l3, 0x1f
    bg      trap_skip
     nop
    /* an interrupt: acknowledge the timer, resume where we were */
    set     TB_TIMER_STATUS, %l4
    mov     1, %l5
    st      %l5, [%l4]
    wr      %l0, %psr
    nop
    nop
    nop
    jmp     %l1
     rett   %l2
trap_skip:
    wr      %l0, %psr
    nop
    nop
    nop
    jmp     %l2
     rett   %l2 + 4

trap_taken_over:                    /* %l4: where; %l3: the trap type */
    jmp     %l4
     nop

/* SAVE found the next window invalid: spill the oldest window (the one
 * after the invalid one, which the trap entered) and rotate WIM right. */
window_overflow:
    mov     %wim, %l3
    mov     %g1, %l7
    srl     %l3, 1, %g1
    sll     %l3, NWINDOWS - 1, %l4
    or      %l4, %g1, %g1
    and     %g1, (1 << NWINDOWS) - 1, %g1
    mov     %g0, %wim
    nop
    nop
    nop
    save
    mov     %g1, %wim
    nop
    nop
    nop
    std     %l0, [%sp + 0]
    std     %l2, [%sp + 8]
    std     %l4, [%sp + 16]
    std     %l6, [%sp + 24]
    std     %i0, [%sp + 32]
    std     %i2, [%sp + 40]
    std     %i4, [%sp + 48]
    std     %i6, [%sp + 56]
    restore
    mov     %l7, %g1
    set     overflow_count, %l4
    ld      [%l4], %l5
    inc     %l5
    st      %l5, [%l4]
    wr      %l0, %psr
    nop
    nop
    nop
    jmp     %l1
     rett   %l2

/* RESTORE found the previous window invalid: reload it from its frame
 * and rotate WIM left. */
window_underflow:
    mov     %wim, %l3
    sll     %l3, 1, %l4
    srl     %l3, NWINDOWS - 1, %l5
    or      %l5, %l4, %l5
    and     %l5, (1 << NWINDOWS) - 1, %l5
    mov     %l5, %wim
    nop
    nop
    nop
    restore
    restore
    ldd     [%sp + 0], %l0
    ldd     [%sp + 8], %l2
    ldd     [%sp + 16], %l4
    ldd     [%sp + 24], %l6
    ldd     [%sp + 32], %i0
    ldd     [%sp + 40], %i2
    ldd     [%sp + 48], %i4
    ldd     [%sp + 56], %i6
    save
    save
    set     underflow_count, %l4
    ld      [%l4], %l5
    inc     %l5
    st      %l5, [%l4]
    wr      %l0, %psr
    nop
    nop
    nop
    jmp     %l1
     rett   %l2

    .data
    .global trap_count, last_tt, last_pc, last_npc, trap_redirect
    .global overflow_count, underflow_count
    .align 4
trap_count:     .word 0
last_tt:        .word 0
last_pc:        .word 0
last_npc:       .word 0
trap_redirect:  .word 0
overflow_count: .word 0
underflow_count: .word 0
