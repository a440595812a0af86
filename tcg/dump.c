/*
 * The IR as text, for `-d op` (before optimization) and `-d op_opt`
 * (after optimization and liveness, with each op's sync/dead bits), in
 * QEMU's layout so the output reads the same:
 *      ---- 0000000000001000 0000000000001004
 *      add_i32 tmp2,g1,$0x4
 *      brcond_i32 tmp2,$0x0,eq,$L1
 * Op names and operand counts come from the op table; only the kinds of
 * constant args (condition, label, MemOp) need naming here.
 */
#include <inttypes.h>

#include "tcg/tcg.h"
#include "util/log.h"

static const char *const cond_name[16] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq",       [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt",       [TCG_COND_GE] = "ge",
    [TCG_COND_LE] = "le",       [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu",     [TCG_COND_GEU] = "geu",
    [TCG_COND_LEU] = "leu",     [TCG_COND_GTU] = "gtu",
};

/* "beuw", "sb", "al4+leul": byte order, sign, size, then the MMU index. */
static void dump_memop(GString *out, MemOpIdx oi)
{
    MemOp op = get_memop(oi);
    unsigned align = memop_alignment(op);

    if (align > 1) {
        g_string_append_printf(out, "al%u+", align);
    }
    if ((op & MO_SIZE) != MO_8) {
        g_string_append(out, op & MO_BSWAP ? "be" : "le");
    }
    g_string_append_printf(out, "%c%c,%u", op & MO_SIGN ? 's' : 'u', "bwlq"[op & MO_SIZE],
                           get_mmuidx(oi));
}

/* Appends constant arg i (counted among the op's constant args). */
static void dump_carg(GString *out, const TCGOp *op, unsigned i, TCGArg a)
{
    switch (op->opc) {
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64:
    case INDEX_op_movcond_i32:
    case INDEX_op_movcond_i64:
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        if (i == 0) {
            g_string_append(out, a < 16 && cond_name[a] ? cond_name[a] : "?");
            return;
        }
        g_string_append_printf(out, "$L%u", arg_label(a)->id);
        return;
    case INDEX_op_br:
    case INDEX_op_set_label:
        g_string_append_printf(out, "$L%u", arg_label(a)->id);
        return;
    case INDEX_op_qemu_ld_i32:
    case INDEX_op_qemu_ld_i64:
    case INDEX_op_qemu_st_i32:
    case INDEX_op_qemu_st_i64:
        dump_memop(out, a);
        return;
    default:
        g_string_append_printf(out, "$0x%" PRIx64, (uint64_t)a);
        return;
    }
}

static void dump_life(GString *out, TCGLifeData life)
{
    if (life & (TCG_LIFE_SYNC_ARG(0) | TCG_LIFE_SYNC_ARG(1))) {
        g_string_append(out, "  sync:");
        for (unsigned i = 0; i < 2; i++) {
            if (life & TCG_LIFE_SYNC_ARG(i)) {
                g_string_append_printf(out, " %u", i);
            }
        }
    }
    if (life >> 2) {
        g_string_append(out, "  dead:");
        for (unsigned i = 0; i < TCG_MAX_OP_ARGS; i++) {
            if (life & TCG_LIFE_DEAD_ARG(i)) {
                g_string_append_printf(out, " %u", i);
            }
        }
    }
}

static void dump_op(TCGContext *s, GString *out, const TCGOp *op, bool with_life)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned nout = tcg_op_nb_oargs(op), nin = tcg_op_nb_iargs(op);
    unsigned ncon = tcg_op_nb_cargs(op);
    char buf[32];
    bool first = true;

    if (op->opc == INDEX_op_insn_start) {
        g_string_append(out, " ----");
        for (unsigned i = 0; i < s->insn_start_words; i++) {
            g_string_append_printf(out, " %016" PRIx64, (uint64_t)op->args[i]);
        }
        g_string_append_c(out, '\n');
        return;
    }
    g_string_append_printf(out, " %s ", def->name);
    if (op->opc == INDEX_op_call) {
        const TCGHelperInfo *info = tcg_call_info(op);
        g_string_append_printf(out, "%s,$0x%x,$%u", info->name, info->flags, nout);
        first = false;
        ncon = 0;
    }
    for (unsigned i = 0; i < nout + nin; i++) {
        g_string_append_printf(out, "%s%s", first ? "" : ",",
                               tcg_temp_name(s, arg_temp(op->args[i]), buf, sizeof(buf)));
        first = false;
    }
    for (unsigned i = 0; i < ncon; i++) {
        if (!first) {
            g_string_append_c(out, ',');
        }
        dump_carg(out, op, i, op->args[nout + nin + i]);
        first = false;
    }
    if (with_life) {
        dump_life(out, op->life);
    }
    g_string_append_c(out, '\n');
}

void tcg_dump_ops_to(TCGContext *s, GString *out, bool with_life)
{
    TCGOp *op;
    tcg_op_foreach(op, s) {
        dump_op(s, out, op, with_life);
    }
}

void tcg_dump_ops(TCGContext *s, bool optimized)
{
    if (!log_enabled(optimized ? LOG_OP_OPT : LOG_OP)) {
        return;
    }
    GString *out = g_string_new(optimized ? "OP after optimization and liveness analysis:\n"
                                          : "OP:\n");
    tcg_dump_ops_to(s, out, optimized);
    log_printf("%s\n", out->str);
    g_string_free(out, TRUE);
}
