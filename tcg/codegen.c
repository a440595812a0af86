/*
 * The code generator's driver: walks the TB's ops after liveness, lets the
 * register allocator (regalloc.c) place operands and the host emitter
 * (tcg/x86_64/) write instructions, then emits the guest-memory miss paths,
 * records the jump slots and the search data for precise state restore, and
 * logs the result for -d out_asm. The exec side calls tcg_gen_code with the
 * code pointer set to where the block's code goes.
 */
#include <inttypes.h>

#include "config-host.h"
#include "tcg/x86_64/backend.h"
#include "util/log.h"

#if CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

static void log_out_asm(const uint8_t *code, size_t size)
{
#if CONFIG_CAPSTONE
    csh cs;
    cs_insn *insn;
    size_t n;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        return;
    }
    n = cs_disasm(cs, code, size, (uintptr_t)code, 0, &insn);
    log_printf("OUT: [size=%zu]\n", size);
    for (size_t i = 0; i < n; i++) {
        log_printf("  0x%016" PRIx64 ":  %s %s\n", insn[i].address, insn[i].mnemonic,
                   insn[i].op_str);
    }
    log_printf("\n");
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&cs);
#else
    log_printf("OUT: [size=%zu] (no disassembler)\n", size);
#endif
}

static void gen_insn_start(TCGGen *g, const TCGOp *op)
{
    TCGSearchEntry *e;

    if (g->nb_insns == g->s->nb_insns) {
        return;  /* more insn_starts than counted: cannot happen, keep the first ones */
    }
    e = &g->insns[g->nb_insns++];
    e->host_offset = g->c.ptr - g->s->code_buf;
    for (unsigned i = 0; i < TCG_INSN_START_WORDS; i++) {
        e->data[i] = op->args[i];
    }
}

/* Encodes the search data right after the code; false when it does not fit. */
static bool gen_search_data(TCGGen *g)
{
    TCGContext *s = g->s;
    TranslationBlock *tb = g->tb;
    size_t room = g->code_end - g->c.ptr;
    size_t len = tcg_search_data_encode(g->c.ptr, room, g->insns, g->nb_insns,
                                        s->insn_start_words);

    if (len == 0 && g->nb_insns) {
        return false;
    }
    tb->search_data = g->c.ptr;
    tb->search_len = len;
    s->code_gen_ptr = g->c.ptr + len;
    return true;
}

int tcg_gen_code(TCGContext *s, TranslationBlock *tb)
{
    TCGGen g = { .s = s, .tb = tb };
    TCGOp *op;
    size_t size;
    bool has_goto_tb = false;

    tcg_target_prologue_init(s);
    s->code_buf = s->code_gen_ptr;
    g.c.ptr = s->code_buf;
    g.code_end = s->code_gen_highwater;
    g.insns = tcg_malloc(s, sizeof(TCGSearchEntry) * (s->nb_insns + 1));
    for (int n = 0; n < 2; n++) {
        tb->jmp_insn_offset[n] = tb->jmp_reset_offset[n] = 0;
    }
    tcg_regalloc_start(&g);

    tcg_op_foreach(op, s) {
        bool keeps_flags = op->opc == INDEX_op_insn_start;

        switch (op->opc) {
        case INDEX_op_insn_start:
            gen_insn_start(&g, op);
            break;
        case INDEX_op_discard:
            tcg_regalloc_discard(&g, arg_temp(op->args[0]));
            break;
        case INDEX_op_set_label:
            tcg_regalloc_bb_end(&g);
            tcg_out_label(&g, arg_label(op->args[0]));
            break;
        case INDEX_op_br:
            tcg_regalloc_bb_end(&g);
            tcg_out_op(&g, op->opc, op->args, (bool[TCG_MAX_OP_ARGS]){ false });
            break;
        case INDEX_op_call:
            tcg_regalloc_call(&g, op);
            break;
        case INDEX_op_mov_i32:
        case INDEX_op_mov_i64:
            tcg_regalloc_mov(&g, op);
            break;
        case INDEX_op_goto_tb:
            tcg_regalloc_bb_end(&g);
            tcg_out_goto_tb(&g, op->args[0]);
            has_goto_tb = true;
            break;
        case INDEX_op_exit_tb:
            tcg_regalloc_bb_end(&g);
            tcg_out_exit_tb(&g, op->args[0]);
            break;
        default:
            tcg_regalloc_op(&g, op);
            keeps_flags = true;  /* it tracks them itself */
            break;
        }
        if (!keeps_flags) {
            /* what the host flags hold is known only from op to op */
            g.flags_kind = FLAGS_NONE;
        }
        if (g.c.ptr > g.code_end) {
            return -1;
        }
    }
    if (!tcg_out_slow_paths(&g)) {
        return -1;
    }
    size = g.c.ptr - s->code_buf;
    /* TranslationBlock keeps 16-bit jump offsets: a longer block must be
     * retranslated smaller (-2, as TCI does) */
    if (has_goto_tb && size > UINT16_MAX) {
        return -2;
    }
    if (!gen_search_data(&g)) {
        return -1;
    }
    tb->tc_ptr = s->code_buf;
    tb->tc_size = size;
    __builtin___clear_cache((char *)s->code_buf, (char *)g.c.ptr);
    if (log_enabled(LOG_OUT_ASM)) {
        log_out_asm(s->code_buf, size);
    }
    return (int)size;
}
