/*
 * The register allocator: one forward pass over the ops after liveness,
 * keeping each temp's value in a host register, in its memory home, or as a
 * known constant (TCGTemp.val_type). Globals are loaded on first use and stay
 * in registers across the TB; they are written back where liveness asks
 * (sync bits), before calls that may read them, before guest memory accesses
 * (which may fault) and at block ends. Registers are freed as soon as
 * liveness says a value is dead. Operand placement follows the backend's
 * per-op constraints (tcg/x86_64/backend.h); code generation drives this
 * from tcg/codegen.c.
 */
#include "tcg/x86_64/backend.h"

#define BIT(r) (1u << (r))
#define IS_DEAD_ARG(op, i) (((op)->life & TCG_LIFE_DEAD_ARG(i)) != 0)
#define NEED_SYNC_ARG(op, i) ((i) < 2 && ((op)->life & TCG_LIFE_SYNC_ARG(i)) != 0)

/* Spill slots live in the prologue's frame, addressed from the stack pointer. */
static TCGTemp tcg_frame_temp = {
    .type = TCG_TYPE_PTR, .kind = TEMP_FIXED, .val_type = TEMP_VAL_REG,
    .reg = TCG_REG_CALL_STACK, .name = "frame",
};

void tcg_regalloc_start(TCGGen *g)
{
    TCGContext *s = g->s;

    memset(s->reg_to_temp, 0, sizeof(s->reg_to_temp));
    s->reserved_regs = TCG_TARGET_RESERVED;
    s->frame_temp = &tcg_frame_temp;
    s->frame_start = s->current_frame_offset = TCG_FRAME_TEMPS;
    s->frame_end = TCG_FRAME_TEMPS + 8 * TCG_FRAME_NB_SLOTS;
    g->tb_temps = tcg_malloc(s, (s->nb_temps - s->nb_globals + 1) * sizeof(TCGTemp *));
    g->nb_tb_temps = 0;
    for (unsigned i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];

        ts->mem_coherent = false;
        switch (ts->kind) {
        case TEMP_FIXED:
            ts->val_type = TEMP_VAL_REG;
            s->reg_to_temp[ts->reg] = ts;
            break;
        case TEMP_GLOBAL:
            ts->val_type = TEMP_VAL_MEM;
            ts->reg = -1;
            ts->mem_coherent = true;
            break;
        case TEMP_CONST:
            ts->val_type = TEMP_VAL_CONST;
            ts->reg = -1;
            break;
        case TEMP_TB:
            g->tb_temps[g->nb_tb_temps++] = ts;
            /* fall through */
        default:
            ts->val_type = TEMP_VAL_DEAD;
            ts->mem_allocated = false;
            ts->reg = -1;
            break;
        }
    }
}

static void temp_alloc_slot(TCGGen *g, TCGTemp *ts)
{
    TCGContext *s = g->s;

    /* one slot per temp at most, and the frame has TCG_MAX_TEMPS of them */
    g_assert(s->current_frame_offset < s->frame_end);
    ts->mem_base = s->frame_temp;
    ts->mem_offset = s->current_frame_offset;
    ts->mem_allocated = true;
    s->current_frame_offset += 8;
}

static void temp_bind(TCGGen *g, TCGTemp *ts, TCGReg r)
{
    ts->val_type = TEMP_VAL_REG;
    ts->reg = r;
    g->s->reg_to_temp[r] = ts;
}

/* Drops ts's register. A dead temp's value is gone; otherwise it is in memory. */
static void temp_free(TCGGen *g, TCGTemp *ts, bool dead)
{
    if (ts->kind == TEMP_FIXED) {
        return;
    }
    if (ts->val_type == TEMP_VAL_REG) {
        g->s->reg_to_temp[ts->reg] = NULL;
    }
    ts->reg = -1;
    switch (ts->kind) {
    case TEMP_CONST:
        ts->val_type = TEMP_VAL_CONST;
        break;
    case TEMP_GLOBAL:
        ts->val_type = TEMP_VAL_MEM;
        break;
    default:
        ts->val_type = dead ? TEMP_VAL_DEAD : TEMP_VAL_MEM;
        break;
    }
}

static void temp_load(TCGGen *g, TCGTemp *ts, TCGRegSet required, TCGRegSet locked,
                      TCGRegSet pref);

/* The register holding the base of ts's memory home (loaded if indirect). */
static TCGReg temp_base_reg(TCGGen *g, TCGTemp *ts, TCGRegSet locked)
{
    TCGTemp *base = ts->mem_base;

    if (base->kind != TEMP_FIXED) {
        temp_load(g, base, TCG_TARGET_ALL_REGS, locked, 0);
    }
    return base->reg;
}

static bool evict_is_free(const TCGTemp *ts)
{
    return ts->mem_coherent || ts->kind == TEMP_CONST;
}

/* Picks a register in required and not in locked, preferring pref, evicting if needed. */
static TCGReg reg_alloc(TCGGen *g, TCGRegSet required, TCGRegSet locked, TCGRegSet pref)
{
    TCGContext *s = g->s;
    TCGRegSet set = required & ~locked & TCG_TARGET_ALL_REGS;
    TCGReg victim = -1;

    if (set & pref) {
        for (unsigned i = 0; i < G_N_ELEMENTS(tcg_target_alloc_order); i++) {
            TCGReg r = tcg_target_alloc_order[i];
            if ((set & pref & BIT(r)) && !s->reg_to_temp[r]) {
                return r;
            }
        }
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(tcg_target_alloc_order); i++) {
        TCGReg r = tcg_target_alloc_order[i];
        if (!(set & BIT(r))) {
            continue;
        }
        if (!s->reg_to_temp[r]) {
            return r;
        }
        /* evicting a value memory already has, or a constant, costs no store */
        if (victim < 0 || (!evict_is_free(s->reg_to_temp[victim]) &&
                           evict_is_free(s->reg_to_temp[r]))) {
            victim = r;
        }
    }
    if (victim < 0) {
        g_error("tcg: no host register satisfies a constraint");
    }
    {
        TCGTemp *ts = s->reg_to_temp[victim];
        TCGRegSet keep = locked | BIT(victim);

        /* spill: store if memory is stale, then forget the register */
        if (ts->kind != TEMP_CONST && !ts->mem_coherent) {
            if (!ts->mem_allocated && ts->kind != TEMP_GLOBAL) {
                temp_alloc_slot(g, ts);
            }
            tcg_out_st(g, ts->type, victim, temp_base_reg(g, ts, keep), ts->mem_offset);
            ts->mem_coherent = true;
        }
        temp_free(g, ts, false);
    }
    return victim;
}

/* Writes ts's value to its memory home if memory is stale. */
static void temp_sync(TCGGen *g, TCGTemp *ts, TCGRegSet locked)
{
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST || ts->mem_coherent) {
        return;
    }
    switch (ts->val_type) {
    case TEMP_VAL_CONST:
        if (!ts->mem_allocated && ts->kind != TEMP_GLOBAL) {
            temp_alloc_slot(g, ts);
        }
        if (tcg_out_sti(g, ts->type, ts->val, temp_base_reg(g, ts, locked), ts->mem_offset)) {
            break;
        }
        temp_load(g, ts, TCG_TARGET_ALL_REGS, locked, 0);
        /* fall through */
    case TEMP_VAL_REG:
        if (!ts->mem_allocated && ts->kind != TEMP_GLOBAL) {
            temp_alloc_slot(g, ts);
        }
        tcg_out_st(g, ts->type, ts->reg, temp_base_reg(g, ts, locked | BIT(ts->reg)),
                   ts->mem_offset);
        break;
    default:
        return;
    }
    ts->mem_coherent = true;
}

static void temp_save(TCGGen *g, TCGTemp *ts, TCGRegSet locked)
{
    temp_sync(g, ts, locked);
    temp_free(g, ts, false);
}

/* Puts ts's value in r without making r its home (a copy for one op). */
static void temp_copy_to(TCGGen *g, TCGTemp *ts, TCGReg r, TCGRegSet locked)
{
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        tcg_out_mov(g, ts->type, r, ts->reg);
        break;
    case TEMP_VAL_CONST:
        tcg_out_movi(g, ts->type, r, ts->val);
        break;
    case TEMP_VAL_MEM:
        tcg_out_ld(g, ts->type, r, temp_base_reg(g, ts, locked | BIT(r)), ts->mem_offset);
        break;
    default:
        break;  /* an undefined value: anything will do */
    }
}

/* Makes ts live in a register of required. */
static void temp_load(TCGGen *g, TCGTemp *ts, TCGRegSet required, TCGRegSet locked,
                      TCGRegSet pref)
{
    TCGReg r;

    if (ts->val_type == TEMP_VAL_REG) {
        if (required & BIT(ts->reg)) {
            return;
        }
        r = reg_alloc(g, required, locked | BIT(ts->reg), pref);
        tcg_out_mov(g, ts->type, r, ts->reg);
        g->s->reg_to_temp[ts->reg] = NULL;
    } else if (ts->val_type == TEMP_VAL_MEM) {
        TCGReg base = temp_base_reg(g, ts, locked);
        r = reg_alloc(g, required, locked | BIT(base), pref);
        tcg_out_ld(g, ts->type, r, base, ts->mem_offset);
        ts->mem_coherent = true;
    } else {
        r = reg_alloc(g, required, locked, pref);
        if (ts->val_type == TEMP_VAL_CONST) {
            tcg_out_movi(g, ts->type, r, ts->val);
        } else {
            ts->mem_coherent = false;
        }
    }
    temp_bind(g, ts, r);
}

/* Every global (and with tb_temps, every TB temp) made current in memory. */
static void sync_temps(TCGGen *g, TCGRegSet locked, bool tb_temps)
{
    TCGContext *s = g->s;

    for (unsigned i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        /* most globals are in memory already: test before the call */
        if (ts->kind == TEMP_GLOBAL && !ts->mem_coherent && ts->val_type != TEMP_VAL_MEM) {
            temp_sync(g, ts, locked);
        }
    }
    for (unsigned i = 0; tb_temps && i < g->nb_tb_temps; i++) {
        temp_sync(g, g->tb_temps[i], locked);
    }
}

void tcg_regalloc_sync_all(TCGGen *g, TCGRegSet locked)
{
    sync_temps(g, locked, true);
}

/*
 * Globals and TB temps go to memory; every register is emptied (what an
 * EBB temp or a constant held is dead past here). Only registers, globals
 * and TB temps can hold anything memory lacks, so that is all it visits.
 */
void tcg_regalloc_bb_end(TCGGen *g)
{
    TCGContext *s = g->s;

    sync_temps(g, 0, true);
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        TCGTemp *ts = s->reg_to_temp[r];
        if (ts && ts->kind != TEMP_FIXED) {
            temp_free(g, ts, ts->kind == TEMP_EBB);
        }
    }
    for (unsigned i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].kind == TEMP_GLOBAL) {
            temp_free(g, &s->temps[i], false);
        }
    }
    for (unsigned i = 0; i < g->nb_tb_temps; i++) {
        temp_free(g, g->tb_temps[i], false);
    }
}

TCGRegSet tcg_regalloc_live_regs(TCGGen *g)
{
    TCGRegSet set = 0;

    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if (g->s->reg_to_temp[r] && !(TCG_TARGET_RESERVED & BIT(r))) {
            set |= BIT(r);
        }
    }
    return set;
}

void tcg_regalloc_discard(TCGGen *g, TCGTemp *ts)
{
    temp_free(g, ts, true);
}

/* Spills every live temp held in a register of set. */
static void regs_spill(TCGGen *g, TCGRegSet set, TCGRegSet locked)
{
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        TCGTemp *ts = g->s->reg_to_temp[r];
        if ((set & BIT(r)) && ts && ts->kind != TEMP_FIXED) {
            temp_save(g, ts, locked);
        }
    }
}

static bool const_match(unsigned ct, const TCGTemp *ts, unsigned width)
{
    int64_t v = ts->type == TCG_TYPE_I32 ? (int32_t)ts->val : ts->val;

    return (ct & TCG_CT_CONST_ANY) || ((ct & TCG_CT_CONST_S32) && v == (int32_t)v) ||
           ((ct & TCG_CT_CONST_U32) && (uint64_t)ts->val == (uint32_t)ts->val) ||
           ((ct & TCG_CT_CONST_WSZ) && (uint64_t)ts->val == width);
}

/* True when the temp of input k appears in another input of op too. */
static bool input_repeated(const TCGOp *op, unsigned first, unsigned n, unsigned k)
{
    for (unsigned j = first; j < first + n; j++) {
        if (j != k && op->args[j] == op->args[k]) {
            return true;
        }
    }
    return false;
}

/* The compare ops, and where their condition is among the args. */
static int flags_cond_arg(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
        return 2;
    case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
        return 3;
    case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
        return 5;
    default:
        return -1;
    }
}

/*
 * A compare right after an op that left the flags it needs skips its own
 * compare: the same two temps compared again (neither written since, as
 * the ops are adjacent), or a result tested for (non-)zero.
 */
static void flags_check_reuse(TCGGen *g, const TCGOp *op)
{
    int ci = flags_cond_arg(op->opc);
    unsigned nb_o = tcg_op_defs[op->opc].nb_oargs;
    bool w = (tcg_op_defs[op->opc].flags & TCG_OPF_64BIT) != 0;

    g->flags_reuse = false;
    if (ci >= 0 && g->flags_kind != FLAGS_NONE && g->flags_w == w) {
        TCGTemp *a = arg_temp(op->args[nb_o]), *b = arg_temp(op->args[nb_o + 1]);
        TCGCond cond = op->args[ci];

        if (g->flags_kind == FLAGS_CMP) {
            g->flags_reuse = a == g->flags_a && b == g->flags_b;
        } else {
            g->flags_reuse = a == g->flags_a && b->kind == TEMP_CONST && b->val == 0 &&
                             (cond == TCG_COND_EQ || cond == TCG_COND_NE);
        }
    }
    g->keep_flags = g->flags_reuse;
    g->flags_kind = FLAGS_NONE;
}

/* Notes which temps the flags the emitter just left describe. */
static void flags_record(TCGGen *g, const TCGOp *op)
{
    unsigned nb_o = tcg_op_defs[op->opc].nb_oargs;

    g->keep_flags = false;
    g->flags_w = (tcg_op_defs[op->opc].flags & TCG_OPF_64BIT) != 0;
    if (g->flags_kind == FLAGS_CMP) {
        g->flags_a = arg_temp(op->args[nb_o]);
        g->flags_b = arg_temp(op->args[nb_o + 1]);
        /* setcond t, t, x: the flags describe the old t */
        if (nb_o && (arg_temp(op->args[0]) == g->flags_a ||
                     arg_temp(op->args[0]) == g->flags_b)) {
            g->flags_kind = FLAGS_NONE;
        }
    } else if (g->flags_kind == FLAGS_RESULT) {
        g->flags_a = arg_temp(op->args[0]);
    }
}

void tcg_regalloc_op(TCGGen *g, TCGOp *op)
{
    TCGContext *s = g->s;
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    const TCGOpConstraint *ct = tcg_target_op_constraint(op->opc);
    unsigned nb_o = def->nb_oargs, nb_i = def->nb_iargs;
    unsigned width = def->flags & TCG_OPF_64BIT ? 64 : 32;
    TCGArg args[TCG_MAX_OP_ARGS];
    bool const_args[TCG_MAX_OP_ARGS] = { 0 };
    TCGRegSet i_locked = TCG_TARGET_RESERVED, o_locked = TCG_TARGET_RESERVED, live_in = 0;
    TCGRegSet aliased = 0, pref = 0;
    TCGRegSet clobber = ct->clobber;

    flags_check_reuse(g, op);
    memcpy(args + nb_o + nb_i, op->args + nb_o + nb_i, def->nb_cargs * sizeof(TCGArg));
    for (unsigned k = 0; k < nb_o; k++) {
        if (ct->args[k].alias >= 0) {
            aliased |= BIT(ct->args[k].alias);
        }
    }

    /* Inputs: those restricted to some registers first, so the others do not take them. */
    for (unsigned n = 0; n < 2 * nb_i; n++) {
        unsigned k = nb_o + n % nb_i;
        TCGTemp *ts = arg_temp(op->args[k]);
        const TCGArgConstraint *act = &ct->args[k];
        TCGRegSet required = act->regs ? act->regs : TCG_TARGET_ALL_REGS;
        TCGReg r;

        if ((n < nb_i) != (required != TCG_TARGET_ALL_REGS)) {
            continue;
        }
        /* a fixed register (env) serves wherever any register does */
        if (ts->kind == TEMP_FIXED && required == TCG_TARGET_ALL_REGS) {
            required |= BIT(ts->reg);
        }

        if (ts->val_type == TEMP_VAL_CONST && const_match(act->ct, ts, width)) {
            args[k] = (TCGArg)(ts->type == TCG_TYPE_I32 ? (int32_t)ts->val : ts->val);
            const_args[k] = true;
            continue;
        }
        /* An output overwrites this register: it must hold a copy if the value lives on. */
        if (((aliased & BIT(k)) && (!IS_DEAD_ARG(op, k) || input_repeated(op, nb_o, nb_i, k) ||
                                    ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST)) ||
            (ts->kind == TEMP_FIXED && !(required & BIT(ts->reg)))) {
            r = reg_alloc(g, required, i_locked, 0);
            temp_copy_to(g, ts, r, i_locked | BIT(r));
        } else {
            temp_load(g, ts, required, i_locked, 0);
            r = ts->reg;
            if (!IS_DEAD_ARG(op, k)) {
                live_in |= BIT(r);
            }
        }
        args[k] = r;
        i_locked |= BIT(r);
    }

    if (def->flags & (TCG_OPF_BB_END | TCG_OPF_BB_EXIT)) {
        sync_temps(g, i_locked, true);
    } else if (def->flags & TCG_OPF_GUEST_MEM) {
        sync_temps(g, i_locked, false);
    }

    /* Dead inputs free their registers: outputs may take them. */
    for (unsigned k = nb_o; k < nb_o + nb_i; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (!const_args[k] && IS_DEAD_ARG(op, k)) {
            temp_free(g, ts, true);
        }
    }
    if (def->flags & TCG_OPF_CALL_CLOBBER) {
        clobber |= TCG_TARGET_CALL_CLOBBER;
    }
    regs_spill(g, clobber, i_locked);

    /* Outputs: the first prefers a dead first input's register (no move needed). */
    if (nb_i && !const_args[nb_o] && IS_DEAD_ARG(op, nb_o)) {
        pref = BIT(args[nb_o]);
    }
    for (unsigned k = 0; k < nb_o; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        const TCGArgConstraint *act = &ct->args[k];
        TCGReg r;

        g_assert(ts->kind != TEMP_FIXED);
        if (ts->val_type == TEMP_VAL_REG) {
            s->reg_to_temp[ts->reg] = NULL;
        }
        ts->val_type = TEMP_VAL_DEAD;
        if (act->alias >= 0) {
            r = args[act->alias];
        } else {
            TCGRegSet required = act->regs ? act->regs : TCG_TARGET_ALL_REGS & ~clobber;
            TCGRegSet locked = o_locked | live_in | (act->newreg ? i_locked : 0);
            r = reg_alloc(g, required, locked, k == 0 ? pref : 0);
        }
        temp_bind(g, ts, r);
        ts->mem_coherent = false;
        args[k] = r;
        o_locked |= BIT(r);
    }

    for (unsigned i = 0; i < ct->nb_scratch; i++) {
        TCGRegSet locked = o_locked | i_locked | clobber;
        if (i) {
            locked |= BIT(g->scratch[0]);
        }
        g->scratch[i] = reg_alloc(g, TCG_TARGET_ALL_REGS, locked, 0);
    }

    g->i_locked = i_locked;
    g->op = op;
    tcg_out_op(g, op->opc, args, const_args);
    flags_record(g, op);

    for (unsigned k = 0; k < nb_o; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (NEED_SYNC_ARG(op, k)) {
            temp_sync(g, ts, o_locked);
        }
        if (IS_DEAD_ARG(op, k)) {
            temp_free(g, ts, true);
        }
    }
    /* Constants are re-materialized where needed rather than held. */
    for (unsigned k = nb_o; k < nb_o + nb_i; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (ts->kind == TEMP_CONST) {
            temp_free(g, ts, false);
        }
    }
}

void tcg_regalloc_mov(TCGGen *g, TCGOp *op)
{
    TCGContext *s = g->s;
    TCGTemp *ots = arg_temp(op->args[0]);
    TCGTemp *ts = arg_temp(op->args[1]);
    bool in_dead = IS_DEAD_ARG(op, 1);

    if (ots != ts) {
        if (ts->val_type == TEMP_VAL_CONST) {
            /* the output just becomes the same known constant */
            if (ots->val_type == TEMP_VAL_REG) {
                s->reg_to_temp[ots->reg] = NULL;
            }
            ots->val_type = TEMP_VAL_CONST;
            ots->val = ts->val;
            ots->reg = -1;
            ots->mem_coherent = false;
        } else {
            temp_load(g, ts, TCG_TARGET_ALL_REGS, TCG_TARGET_RESERVED, 0);
            if (ots->val_type == TEMP_VAL_REG) {
                s->reg_to_temp[ots->reg] = NULL;
                ots->val_type = TEMP_VAL_DEAD;
            }
            if (in_dead && ts->kind != TEMP_FIXED && ts->kind != TEMP_CONST) {
                /* the register changes hands: no code */
                TCGReg r = ts->reg;
                temp_free(g, ts, true);
                temp_bind(g, ots, r);
                in_dead = false;
            } else if (IS_DEAD_ARG(op, 0) && NEED_SYNC_ARG(op, 0)) {
                /* only memory needs the value */
                if (!ots->mem_allocated && ots->kind != TEMP_GLOBAL) {
                    temp_alloc_slot(g, ots);
                }
                tcg_out_st(g, ots->type, ts->reg,
                           temp_base_reg(g, ots, TCG_TARGET_RESERVED | BIT(ts->reg)),
                           ots->mem_offset);
                ots->mem_coherent = true;
                temp_free(g, ots, true);
                if (in_dead) {
                    temp_free(g, ts, true);
                }
                return;
            } else {
                TCGReg r = reg_alloc(g, TCG_TARGET_ALL_REGS, TCG_TARGET_RESERVED | BIT(ts->reg), 0);
                tcg_out_mov(g, ots->type, r, ts->reg);
                temp_bind(g, ots, r);
            }
            ots->mem_coherent = false;
        }
    }
    if (NEED_SYNC_ARG(op, 0)) {
        temp_sync(g, ots, TCG_TARGET_RESERVED);
    }
    if (IS_DEAD_ARG(op, 0)) {
        temp_free(g, ots, true);
    }
    if (in_dead && ots != ts) {
        temp_free(g, ts, true);
    }
}

void tcg_regalloc_call(TCGGen *g, TCGOp *op)
{
    TCGContext *s = g->s;
    const TCGHelperInfo *info = tcg_call_info(op);
    unsigned nb_o = op->callo, nb_i = op->calli;
    TCGRegSet locked = TCG_TARGET_RESERVED;

    g_assert(nb_i <= TCG_TARGET_NB_CALL_IARGS && nb_o <= 1);
    /* Arguments already in their register stay; the others' registers are emptied. */
    for (unsigned i = 0; i < nb_i; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_o + i]);
        TCGReg r = tcg_target_call_iarg_regs[i];
        if (ts->val_type == TEMP_VAL_REG && ts->reg == r &&
            !(ts->type == TCG_TYPE_I32 && info->args[i] == TCG_CALL_TYPE_S32)) {
            locked |= BIT(r);
        }
    }
    for (unsigned i = 0; i < nb_i; i++) {
        TCGReg r = tcg_target_call_iarg_regs[i];
        if (!(locked & BIT(r)) && s->reg_to_temp[r]) {
            temp_save(g, s->reg_to_temp[r], locked);
        }
    }
    for (unsigned i = 0; i < nb_i; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_o + i]);
        TCGReg r = tcg_target_call_iarg_regs[i];
        if (locked & BIT(r)) {
            continue;
        }
        if (ts->type == TCG_TYPE_I32 && info->args[i] == TCG_CALL_TYPE_S32 &&
            ts->val_type == TEMP_VAL_CONST) {
            tcg_out_movi(g, TCG_TYPE_I64, r, (int32_t)ts->val);
        } else {
            temp_copy_to(g, ts, r, locked);
            if (ts->type == TCG_TYPE_I32 && info->args[i] == TCG_CALL_TYPE_S32) {
                tcg_out_ext32(g, true, r, r);
            }
        }
        locked |= BIT(r);
    }
    for (unsigned i = 0; i < nb_i; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_o + i]);
        if (IS_DEAD_ARG(op, nb_o + i)) {
            temp_free(g, ts, true);
        }
    }
    regs_spill(g, TCG_TARGET_CALL_CLOBBER, locked);

    /* The helper may read globals (memory must be current) or write them
     * (registers must be reloaded afterwards). */
    if (!(info->flags & TCG_CALL_NO_READ_GLOBALS) || !(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        /* a constant that needs a register to be stored must not get a clobbered one */
        sync_temps(g, locked | TCG_TARGET_CALL_CLOBBER, false);
    }
    if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        for (unsigned i = 0; i < s->nb_globals; i++) {
            if (s->temps[i].kind == TEMP_GLOBAL) {
                temp_free(g, &s->temps[i], false);
            }
        }
    }

    tcg_out_call(g, info->func);

    if (nb_o) {
        TCGTemp *ts = arg_temp(op->args[0]);
        if (ts->val_type == TEMP_VAL_REG) {
            s->reg_to_temp[ts->reg] = NULL;
        }
        if (ts->type == TCG_TYPE_I32) {
            /* the upper half of a 32-bit return value is undefined */
            tcg_out_ext32(g, false, TCG_REG_CALL_RET, TCG_REG_CALL_RET);
        }
        temp_bind(g, ts, TCG_REG_CALL_RET);
        ts->mem_coherent = false;
        if (NEED_SYNC_ARG(op, 0)) {
            temp_sync(g, ts, TCG_TARGET_RESERVED);
        }
        if (IS_DEAD_ARG(op, 0)) {
            temp_free(g, ts, true);
        }
    }
}
