/*
 * The generic translation loop (translator.h) and instruction fetch for
 * front ends. The loop frames every block the same way: an exit_request
 * check at entry (how an interrupt or cpu_exit reaches chained code),
 * insn_start before each instruction, and a stop at the instruction limit,
 * at the end of the guest page (so SMC and TLB changes are tracked per
 * page), or after one instruction when single-stepping. With
 * -accel tcg,insn-count=on each block also adds its length to the CPU's
 * executed-instruction counter.
 *
 * Instruction bytes are read straight from the host RAM the soft TLB
 * translated the block's page to; a block may reach one more page, which
 * is looked up here and reported to tb_gen_code for the page lists.
 */
#include <string.h>

#include "tcg/exec-internal.h"
#include "tcg/helper-info.h"
#include "tcg/tcg.h"
#include "tcg/translator.h"
#include "util/bswap.h"
#include "util/log.h"

__thread sigjmp_buf *translator_retry_jmp;

/* The block being translated on this thread. */
static __thread struct {
    uint64_t page0;          /* virtual page of the first instruction */
    uint8_t *host0;          /* host address of that page */
    uint64_t page1;          /* virtual page of the second page, if any */
    TBCodePage p1;           /* its translation, for the start of the page */
} tr;

void translator_begin(CPUState *cpu, TranslationBlock *tb, const TBCodePage *page)
{
    tr.page0 = tb->pc & TARGET_PAGE_MASK;
    tr.host0 = page->host - (tb->pc - tr.page0);
    memset(&tr.p1, 0, sizeof(tr.p1));
}

const TBCodePage *translator_second_page(void)
{
    return tr.p1.host ? &tr.p1 : NULL;
}

/* The host address of guest code byte pc, looking up a second page once. */
static const uint8_t *translator_code_ptr(CPUState *cpu, DisasContextBase *db, uint64_t pc)
{
    uint64_t page = pc & TARGET_PAGE_MASK;

    if (page == tr.page0) {
        return tr.host0 + (pc - page);
    }
    if (tr.p1.host && page == tr.page1) {
        return tr.p1.host + (pc - page);
    }
    /*
     * A later instruction that cannot be fetched must not fault now: the
     * guest reaches it only if the earlier ones do not branch away. Retry
     * the block without it (the fault is then raised when it runs first).
     */
    bool later = db->num_insns > 1;
    TBCodePage p;
    if (tr.p1.host || !tlb_get_code_page(cpu, page, later, &p) || !p.host) {
        if (later && translator_retry_jmp) {
            siglongjmp(*translator_retry_jmp, db->num_insns - 1);
        }
        /* The first instruction spans into a third page: cannot happen for
         * instructions shorter than a page. */
        log_guest_error("translator: cannot fetch code at 0x%" G_GINT64_MODIFIER "x\n", pc);
        static const uint8_t zeros[16];
        return zeros;
    }
    tr.page1 = page;
    tr.p1 = p;
    db->tb->phys_page2 = p.phys;
    return p.host + (pc - page);
}

static void translator_read(CPUState *cpu, DisasContextBase *db, uint64_t pc, uint8_t *buf,
                            unsigned len)
{
    while (len) {
        unsigned chunk = MIN(len, TARGET_PAGE_SIZE - (unsigned)(pc & ~TARGET_PAGE_MASK));
        memcpy(buf, translator_code_ptr(cpu, db, pc), chunk);
        buf += chunk;
        pc += chunk;
        len -= chunk;
    }
}

uint8_t translator_ldub(CPUState *cpu, DisasContextBase *db, uint64_t pc)
{
    uint8_t b;
    translator_read(cpu, db, pc, &b, 1);
    return b;
}

uint16_t translator_lduw(CPUState *cpu, DisasContextBase *db, uint64_t pc, bool big_endian)
{
    uint8_t b[2];
    translator_read(cpu, db, pc, b, sizeof(b));
    return big_endian ? lduw_be_p(b) : lduw_le_p(b);
}

uint32_t translator_ldl(CPUState *cpu, DisasContextBase *db, uint64_t pc, bool big_endian)
{
    uint8_t b[4];
    translator_read(cpu, db, pc, b, sizeof(b));
    return big_endian ? ldl_be_p(b) : ldl_le_p(b);
}

uint64_t translator_ldq(CPUState *cpu, DisasContextBase *db, uint64_t pc, bool big_endian)
{
    uint8_t b[8];
    translator_read(cpu, db, pc, b, sizeof(b));
    return big_endian ? ldq_be_p(b) : ldq_le_p(b);
}

bool translator_use_goto_tb(const DisasContextBase *db, uint64_t dest)
{
    if ((db->tb->cflags & CF_NO_GOTO_TB) || db->singlestep_enabled) {
        return false;
    }
    /* Chains stay within a page: the TLB mapping of another page may change
     * without this block being invalidated. */
    return ((db->pc_first ^ dest) & TARGET_PAGE_MASK) == 0;
}

/*
 * The entry check: leave with TB_EXIT_REQUESTED when exit_request is set.
 * exit_request sits at a negative offset from env (softmmu/cpu.h).
 */
static TCGLabel *gen_tb_start(const TranslationBlock *tb)
{
    if (tb->cflags & CF_NOIRQ) {
        return NULL;
    }
    intptr_t ofs = (intptr_t)offsetof(CPUState, neg.exit_request) - (intptr_t)sizeof(CPUState);
    TCGv_i32 flag = tcg_temp_new_i32();
    TCGLabel *exit = gen_new_label();

    tcg_gen_ld_i32(flag, tcg_env, ofs);
    tcg_gen_brcondi_i32(TCG_COND_NE, flag, 0, exit);
    tcg_temp_free_i32(flag);
    return exit;
}

bool tcg_insn_count_enabled;

/*
 * -accel tcg,insn-count=on: adds the block's instruction count to
 * CPUState.insn_count at block entry (after the exit check, so a block that
 * leaves there counts nothing). The count is known only once the loop is
 * over, so this emits the add with a placeholder constant and returns the
 * op for gen_insn_count_patch to fill in before optimization.
 * A block left early (an exception, a fault in a load, an SMC re-run)
 * has still counted all its instructions: the count may exceed the true
 * one by the rest of such blocks.
 */
static TCGOp *gen_insn_count_start(void)
{
    if (!tcg_insn_count_enabled) {
        return NULL;
    }
    intptr_t ofs = (intptr_t)offsetof(CPUState, insn_count) - (intptr_t)sizeof(CPUState);
    TCGv_i64 count = tcg_temp_new_i64();

    tcg_gen_ld_i64(count, tcg_env, ofs);
    tcg_gen_add_i64(count, count, tcg_constant_i64(0));
    TCGOp *add = tcg_ctx->ops_last;
    tcg_gen_st_i64(count, tcg_env, ofs);
    tcg_temp_free_i64(count);
    return add;
}

static void gen_insn_count_patch(TCGOp *add, int num_insns)
{
    if (add) {
        add->args[2] = temp_arg(tcg_constant_internal(TCG_TYPE_I64, num_insns));
    }
}

const TCGDebugHooks *tcg_debug_hooks;

/*
 * A debugger breakpoint at db->pc_next: a block that reaches it ends just
 * before it; a block that starts there is only the breakpoint, a call that
 * stops the CPU for the debugger. True when translation is over.
 */
static bool translator_breakpoint(CPUState *cpu, DisasContextBase *db, const TranslatorOps *ops)
{
    if (db->num_insns > 0) {
        db->is_jmp = DISAS_TOO_MANY;
        return true;
    }
    db->num_insns++;
    ops->insn_start(db, cpu);
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };
    tcg_gen_callN(tcg_debug_hooks->breakpoint_helper, NULL, args);
    /* The block covers the breakpoint's address, so invalidation finds it. */
    db->pc_next += 1;
    db->is_jmp = DISAS_NORETURN;
    return true;
}

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    db->tb = tb;
    db->pc_first = db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->singlestep_enabled = (tb->cflags & CF_SINGLE_STEP) != 0;
    db->max_insns = db->singlestep_enabled ? 1 : max_insns;

    ops->init_disas_context(db, cpu);
    TCGLabel *exit = gen_tb_start(tb);
    TCGOp *count = gen_insn_count_start();
    ops->tb_start(db, cpu);

    for (;;) {
        if (tcg_debug_hooks && tcg_debug_hooks->breakpoint_test(cpu, db->pc_next)) {
            if (translator_breakpoint(cpu, db, ops)) {
                break;
            }
        }
        db->num_insns++;
        ops->insn_start(db, cpu);
        ops->translate_insn(db, cpu);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns ||
            ((db->pc_next ^ db->pc_first) & TARGET_PAGE_MASK) != 0) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);
    gen_insn_count_patch(count, db->num_insns);

    if (exit) {
        gen_set_label(exit);
        tcg_gen_exit_tb(tb, TB_EXIT_REQUESTED);
    }
    tb->size = db->pc_next - db->pc_first;
    tb->icount = db->num_insns;
}
