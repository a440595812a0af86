/*
 * u32 fuzz_run(u32 *slot, u32 s): runs the instruction at slot[0] once,
 * in user mode, with every register it can reach set to s and every other
 * window fenced off by WIM, and returns the type of the trap that ends it
 * (slot[1] is "ta 0x70"). The callers' windows are flushed to their
 * frames first, and fuzz_trap puts everything back.
 */
    .section .note.GNU-stack, "", @progbits
    .text
    .global fuzz_run
fuzz_run:
    save    %sp, -96, %sp
    /* flush the callers' windows to memory */
    .rept 7
    save    %sp, -96, %sp
    .endr
    .rept 7
    restore
    .endr
    set     fuzz_ctx, %l0
    st      %sp, [%l0 + 0]
    st      %fp, [%l0 + 4]
    st      %i7, [%l0 + 8]
    rd      %psr, %l1
    st      %l1, [%l0 + 12]
    rd      %wim, %l2
    st      %l2, [%l0 + 16]
    std     %g2, [%l0 + 24]
    std     %g4, [%l0 + 32]
    std     %g6, [%l0 + 40]
    set     fuzz_trap, %l3
    set     trap_redirect, %l4
    st      %l3, [%l4]
    /* g2: the PSR for RETT (CWP - 1, S, not PS, traps off);
     * g3: WIM with only this window valid */
    and     %l1, 0x1f, %l5
    mov     1, %g3
    sll     %g3, %l5, %g3
    xor     %g3, 0xff, %g3
    add     %l5, 7, %l5
    and     %l5, 7, %l5
    andn    %l1, 0x7f, %g2
    or      %g2, 0x80, %g2
    or      %g2, %l5, %g2
    mov     %i0, %g1
    wr      %g0, %wim
    nop
    nop
    nop
    mov     %i1, %o0
    mov     %i1, %o1
    mov     %i1, %o2
    mov     %i1, %o3
    mov     %i1, %o4
    mov     %i1, %o5
    mov     %i1, %o6
    mov     %i1, %o7
    mov     %i1, %l0
    mov     %i1, %l1
    mov     %i1, %l2
    mov     %i1, %l3
    mov     %i1, %l4
    mov     %i1, %l5
    mov     %i1, %l6
    mov     %i1, %l7
    mov     %i1, %i0
    mov     %i1, %i2
    mov     %i1, %i3
    mov     %i1, %i4
    mov     %i1, %i5
    mov     %i1, %i6
    mov     %i1, %i7
    save    %g0, %g0, %g0
    wr      %g2, %psr
    nop
    nop
    nop
    wr      %g3, %wim
    nop
    nop
    nop
    mov     %g1, %l0            /* out of the fuzzed window's reach */
    mov     %i0, %g1
    mov     %i0, %g2
    mov     %i0, %g3
    mov     %i0, %g4
    mov     %i0, %g5
    mov     %i0, %g6
    mov     %i0, %g7
    jmp     %l0
     rett   %l0 + 4

/* from trap_dispatch: traps disabled, %l3 = the trap type */
fuzz_trap:
    mov     %l3, %g1
    set     trap_redirect, %l4
    st      %g0, [%l4]
    set     fuzz_ctx, %g2
    ld      [%g2 + 16], %g3
    wr      %g3, %wim
    nop
    nop
    nop
    ld      [%g2 + 12], %g3
    wr      %g3, %psr           /* back to fuzz_run's window, traps on */
    nop
    nop
    nop
    ld      [%g2 + 0], %sp
    ld      [%g2 + 4], %fp
    ld      [%g2 + 8], %i7
    mov     %g1, %i0
    ldd     [%g2 + 40], %g6
    ldd     [%g2 + 32], %g4
    ldd     [%g2 + 24], %g2
    ret
     restore

    .data
    .align 8
fuzz_ctx:
    .skip 48
