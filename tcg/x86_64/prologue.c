/*
 * Entering and leaving generated code on x86-64: the prologue that
 * tcg_qemu_tb_exec calls (System V: save the callee-saved registers, env in
 * rbp, reserve the spill frame, jump to the block), the epilogue exit_tb and
 * goto_ptr return through, and the patching of goto_tb jumps for chaining.
 * The prologue lives in its own small mapping placed within rel32 reach of
 * the code buffer, so a flush of the buffer never touches it.
 */
#include <sys/mman.h>

#include "tcg/x86_64/backend.h"

#define PROLOGUE_SIZE 4096

const uint8_t *tcg_code_epilogue;
const uint8_t *tcg_code_epilogue_zero;
static uintptr_t (*tcg_prologue_fn)(void *env, const void *tc_ptr);
static const uint8_t *prologue_buf;

static const TCGReg callee_saved[] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };

/* True when every byte of [lo, hi) reaches p with a 32-bit displacement. */
static bool within_rel32(const uint8_t *p, const uint8_t *lo, const uint8_t *hi)
{
    intptr_t span = INT32_MAX - 2 * PROLOGUE_SIZE;

    return (intptr_t)(p - lo) < span && (intptr_t)(hi - p) < span;
}

static uint8_t *prologue_map_near(const uint8_t *lo, const uint8_t *hi)
{
    const uint8_t *hints[] = { lo - (1 << 20), hi + (1 << 20), NULL };

    for (unsigned i = 0; i < G_N_ELEMENTS(hints); i++) {
        void *p = mmap((void *)hints[i], PROLOGUE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS | (hints[i] ? MAP_FIXED_NOREPLACE : 0),
                       -1, 0);
        if (p == MAP_FAILED) {
            continue;
        }
        if (within_rel32(p, lo, hi)) {
            return p;
        }
        munmap(p, PROLOGUE_SIZE);
    }
    return NULL;
}

void tcg_target_prologue_init(TCGContext *s)
{
    const uint8_t *lo = s->code_gen_buffer, *hi = lo + s->code_gen_buffer_size;
    uint8_t *buf;
    X86Code c;

    if (prologue_buf && within_rel32(prologue_buf, lo, hi)) {
        return;
    }
    tcg_target_init();
    buf = prologue_map_near(lo, hi);
    if (!buf) {
        g_error("tcg: cannot map the prologue near the code buffer");
    }
    c.ptr = buf;
    for (unsigned i = 0; i < G_N_ELEMENTS(callee_saved); i++) {
        x86_push(&c, callee_saved[i]);
    }
    x86_mov_rr(&c, true, X86_RBP, X86_RDI);
    x86_arith_ri(&c, X86_SUB, true, X86_RSP, TCG_FRAME_SIZE);
    x86_jmp_reg(&c, X86_RSI);

    tcg_code_epilogue_zero = c.ptr;
    x86_arith_rr(&c, X86_XOR, false, X86_RAX, X86_RAX);
    tcg_code_epilogue = c.ptr;
    x86_arith_ri(&c, X86_ADD, true, X86_RSP, TCG_FRAME_SIZE);
    for (int i = G_N_ELEMENTS(callee_saved) - 1; i >= 0; i--) {
        x86_pop(&c, callee_saved[i]);
    }
    x86_ret(&c);

    prologue_buf = buf;
    tcg_prologue_fn = (uintptr_t (*)(void *, const void *))(void *)buf;
}

uintptr_t tcg_qemu_tb_exec(void *env, const void *tc_ptr)
{
    return tcg_prologue_fn(env, tc_ptr);
}

void tcg_x86_patch_jump(uintptr_t jmp_insn_addr, uintptr_t target)
{
    intptr_t disp = (intptr_t)target - (intptr_t)(jmp_insn_addr + 5);

    g_assert(disp == (int32_t)disp);
    /* the displacement is 4-aligned (tcg_out_goto_tb): one atomic store */
    __atomic_store_n((int32_t *)(jmp_insn_addr + 1), (int32_t)disp, __ATOMIC_RELEASE);
}
