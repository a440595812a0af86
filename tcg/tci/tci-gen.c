/*
 * TCI's code generator: turns the optimized, liveness-analysed op list of
 * a TB into the bytecode of tci.h, placed in the code buffer like host
 * code (so exec's TB lookup by address, chaining and precise restore work
 * the same for both backends), followed by the TB's search data.
 */
#include <string.h>

#include "tcg/tci/tci.h"

typedef struct TCIGen {
    TCGContext *s;
    TranslationBlock *tb;
    GArray *code;            /* uint64_t words */
    GArray *search;          /* TCGSearchEntry per guest instruction */
    int goto_tb_word[2];     /* word index of each goto_tb's address operand, or -1 */
    int goto_tb_next[2];     /* word index of the instruction after it */
} TCIGen;

static unsigned tci_pos(const TCIGen *g)
{
    return g->code->len;
}

static void tci_put(TCIGen *g, uint64_t w)
{
    g_array_append_val(g->code, w);
}

static uint64_t *tci_word(TCIGen *g, unsigned idx)
{
    return &g_array_index(g->code, uint64_t, idx);
}

static unsigned tci_slot(const TCGTemp *t)
{
    return temp_idx(t);
}

/* Brings a global's value into its frame slot (through its base if indirect). */
static void tci_load_global(TCIGen *g, TCGTemp *t)
{
    if (t->indirect_base) {
        tci_load_global(g, t->mem_base);
    }
    tci_put(g, TCI_HDR(TCI_LDG, 1, 1, 5));
    tci_put(g, tci_slot(t));
    tci_put(g, tci_slot(t->mem_base));
    tci_put(g, t->mem_offset);
    tci_put(g, t->type == TCG_TYPE_I32 ? 4 : 8);
}

static void tci_store_global(TCIGen *g, TCGTemp *t)
{
    if (t->indirect_base) {
        tci_load_global(g, t->mem_base);
    }
    tci_put(g, TCI_HDR(TCI_STG, 0, 2, 5));
    tci_put(g, tci_slot(t));
    tci_put(g, tci_slot(t->mem_base));
    tci_put(g, t->mem_offset);
    tci_put(g, t->type == TCG_TYPE_I32 ? 4 : 8);
}

static void tci_load_input(TCIGen *g, TCGTemp *t)
{
    if (t->kind == TEMP_CONST) {
        tci_put(g, TCI_HDR(TCI_MOVI, 1, 0, 3));
        tci_put(g, tci_slot(t));
        tci_put(g, (uint64_t)t->val);
    } else if (t->kind == TEMP_GLOBAL) {
        tci_load_global(g, t);
    }
}

/* A branch operand to label l, at word `at` of the instruction at `hdr`. */
static void tci_put_label(TCIGen *g, TCGLabel *l, unsigned hdr)
{
    unsigned at = tci_pos(g);
    tci_put(g, 0);
    if (l->has_value) {
        *tci_word(g, at) = (uint64_t)((int64_t)l->value - (int64_t)hdr);
    } else {
        tcg_label_add_reloc(g->s, l, (int)at, NULL, hdr);
    }
}

static void tci_set_label(TCIGen *g, TCGLabel *l)
{
    l->has_value = true;
    l->value = tci_pos(g);
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        *tci_word(g, r->type) = (uint64_t)((int64_t)l->value - (int64_t)r->addend);
    }
}

static bool tci_is_label_carg(TCGOpcode opc, unsigned carg)
{
    switch (opc) {
    case INDEX_op_br:
        return true;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        return carg == 1;
    default:
        return false;
    }
}

static void tci_emit_op(TCIGen *g, TCGOp *op)
{
    unsigned nout = tcg_op_nb_oargs(op), nin = tcg_op_nb_iargs(op);
    unsigned ncon = tcg_op_nb_cargs(op), nargs = nout + nin + ncon;

    switch (op->opc) {
    case INDEX_op_insn_start: {
        TCGSearchEntry e = { .host_offset = tci_pos(g) * sizeof(uint64_t) };
        memcpy(e.data, op->args, sizeof(e.data));
        g_array_append_val(g->search, e);
        return;
    }
    case INDEX_op_set_label:
        tci_set_label(g, arg_label(op->args[0]));
        return;
    case INDEX_op_discard:
    case INDEX_op_mb:      /* one vCPU thread: program order is enough */
        return;
    default:
        break;
    }

    for (unsigned i = nout; i < nout + nin; i++) {
        tci_load_input(g, arg_temp(op->args[i]));
    }
    unsigned hdr = tci_pos(g);
    tci_put(g, TCI_HDR(op->opc, nout, nin, 1 + nargs));
    for (unsigned i = 0; i < nout + nin; i++) {
        tci_put(g, tci_slot(arg_temp(op->args[i])));
    }
    for (unsigned i = 0; i < ncon; i++) {
        TCGArg a = op->args[nout + nin + i];
        if (tci_is_label_carg(op->opc, i)) {
            tci_put_label(g, arg_label(a), hdr);
        } else if (op->opc == INDEX_op_goto_tb) {
            g->goto_tb_word[a & 1] = tci_pos(g);
            g->goto_tb_next[a & 1] = tci_pos(g) + 1;
            tci_put(g, 0);   /* the address of the next instruction, set on copy */
        } else {
            tci_put(g, a);
        }
    }
    for (unsigned i = 0; i < nout; i++) {
        TCGTemp *t = arg_temp(op->args[i]);
        if (t->kind == TEMP_GLOBAL) {
            tci_store_global(g, t);
        }
    }
}

/*
 * Copies the bytecode and search data to the code buffer. -1 when it does
 * not fit; -2 when the TB is too large for the 16-bit jump offsets in
 * TranslationBlock (retranslate with fewer instructions).
 */
static int tci_finish(TCIGen *g)
{
    TCGContext *s = g->s;
    TranslationBlock *tb = g->tb;
    uintptr_t start = ((uintptr_t)s->code_gen_ptr + 7) & ~(uintptr_t)7;
    size_t size = g->code->len * sizeof(uint64_t);

    if (size > UINT16_MAX) {
        return -2;
    }
    if (start + size > (uintptr_t)s->code_gen_highwater) {
        return -1;
    }
    uint8_t *code = (uint8_t *)start;
    for (int n = 0; n < 2; n++) {
        tb->jmp_insn_offset[n] = tb->jmp_reset_offset[n] = 0;
        if (g->goto_tb_word[n] >= 0) {
            *tci_word(g, g->goto_tb_word[n]) = start + g->goto_tb_next[n] * sizeof(uint64_t);
            tb->jmp_insn_offset[n] = g->goto_tb_word[n] * sizeof(uint64_t);
            tb->jmp_reset_offset[n] = g->goto_tb_next[n] * sizeof(uint64_t);
        }
    }
    memcpy(code, g->code->data, size);

    uint8_t *sd = code + size;
    size_t room = (uintptr_t)s->code_gen_highwater - (uintptr_t)sd;
    size_t sd_len = tcg_search_data_encode(sd, room, (TCGSearchEntry *)g->search->data,
                                           g->search->len, s->insn_start_words);
    if (sd_len == 0 && g->search->len > 0) {
        return -1;
    }
    tb->tc_ptr = code;
    tb->tc_size = size;
    tb->search_data = sd;
    tb->search_len = sd_len;
    s->code_gen_ptr = sd + sd_len;
    return (int)size;
}

int tci_gen_code(TCGContext *s, TranslationBlock *tb)
{
    TCIGen g = {
        .s = s, .tb = tb,
        .code = g_array_sized_new(FALSE, FALSE, sizeof(uint64_t), 4 * s->nb_ops + 16),
        .search = g_array_new(FALSE, FALSE, sizeof(TCGSearchEntry)),
        .goto_tb_word = { -1, -1 },
    };
    TCGOp *op;

    s->gen_tb = tb;
    tcg_op_foreach(op, s) {
        tci_emit_op(&g, op);
    }
    int ret = tci_finish(&g);
    g_array_free(g.code, TRUE);
    g_array_free(g.search, TRUE);
    return ret;
}

void tci_patch_jump(uintptr_t jmp_insn_addr, uintptr_t target)
{
    __atomic_store_n((uint64_t *)jmp_insn_addr, (uint64_t)target, __ATOMIC_RELEASE);
}
