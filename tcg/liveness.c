/*
 * Liveness: one backward pass over the TB's ops (after the optimizer,
 * before a backend). For each op it computes TCGOp.life (see tcg.h): which
 * args are not used afterwards, and which outputs must also be written to
 * their memory home. Ops without side effects whose outputs are all dead
 * are deleted, and so are discard ops.
 *
 * Walking backwards, each temp's state says what the code after the
 * current point needs of it: TS_DEAD (its value is not read again) and
 * TS_MEM (its memory home must be current). Where the state comes from:
 *   - leaving the TB: every global in memory; temps dead;
 *   - the end of a basic block (labels, br): globals and TB-lifetime temps
 *     in memory (the code at a label finds them there), EBB temps dead;
 *   - a conditional branch: globals and TB temps in memory for the taken
 *     path, still live for the fall-through;
 *   - a guest memory access (qemu_ld/st): globals in memory, so the state
 *     is current if it faults (precise restore takes pc and the target's
 *     extras from insn_start; everything else must be in memory);
 *   - a helper call: globals in memory unless it reads none, and dead in
 *     registers unless it writes none.
 * Nothing else syncs: insn_start, ld/st relative to env and mb leave
 * globals in registers (front ends never reach a global's memory home
 * through ld/st), so a global written by several instructions in a row
 * is stored once, at the next of the points above.
 *
 * Boundaries touch only the temps the TB's ops name (collected once, by
 * kind), so their cost follows the block, not the number of globals.
 */
#include "tcg/tcg.h"

typedef enum LivenessKind {
    LA_FUNC_END,   /* TB exit */
    LA_BB_END,     /* label or unconditional branch */
    LA_BB_SYNC,    /* conditional branch */
    LA_GLOBAL_SYNC,
    LA_GLOBAL_KILL,  /* a call that may write globals */
} LivenessKind;

/* The temps the TB's ops name, by kind (fixed temps are never tracked). */
typedef struct LiveSets {
    TCGTemp **globals, **tb_temps, **ebb_temps;  /* ebb_temps: EBB and constants */
    unsigned nb_globals, nb_tb_temps, nb_ebb_temps;
} LiveSets;

#define TS_LISTED 4u   /* collection only: already in a LiveSets list */

static void la_collect_temp(LiveSets *ls, TCGTemp *t)
{
    if (t->state & TS_LISTED) {
        return;
    }
    t->state |= TS_LISTED;
    switch (t->kind) {
    case TEMP_GLOBAL:
        ls->globals[ls->nb_globals++] = t;
        break;
    case TEMP_TB:
        ls->tb_temps[ls->nb_tb_temps++] = t;
        break;
    case TEMP_EBB:
    case TEMP_CONST:
        ls->ebb_temps[ls->nb_ebb_temps++] = t;
        break;
    case TEMP_FIXED:
        break;
    }
}

/* One forward pass over the ops: which temps they name. */
static void la_collect(TCGContext *s, LiveSets *ls)
{
    TCGOp *op;

    for (unsigned i = 0; i < s->nb_temps; i++) {
        s->temps[i].state = 0;
    }
    ls->globals = tcg_malloc(s, 3 * s->nb_temps * sizeof(TCGTemp *));
    ls->tb_temps = ls->globals + s->nb_temps;
    ls->ebb_temps = ls->tb_temps + s->nb_temps;
    ls->nb_globals = ls->nb_tb_temps = ls->nb_ebb_temps = 0;
    tcg_op_foreach(op, s) {
        unsigned n = tcg_op_nb_oargs(op) + tcg_op_nb_iargs(op);
        for (unsigned i = 0; i < n; i++) {
            la_collect_temp(ls, arg_temp(op->args[i]));
        }
    }
}

static void la_set_all(TCGTemp **list, unsigned n, uintptr_t state)
{
    for (unsigned i = 0; i < n; i++) {
        list[i]->state = state;
    }
}

static void la_or_all(TCGTemp **list, unsigned n, uintptr_t bits)
{
    for (unsigned i = 0; i < n; i++) {
        list[i]->state |= bits;
    }
}

/* Applies one kind of boundary to the state of the temps the TB uses. */
static void la_boundary(const LiveSets *ls, LivenessKind kind)
{
    switch (kind) {
    case LA_FUNC_END:
        la_set_all(ls->globals, ls->nb_globals, TS_DEAD | TS_MEM);
        la_set_all(ls->tb_temps, ls->nb_tb_temps, TS_DEAD);
        la_set_all(ls->ebb_temps, ls->nb_ebb_temps, TS_DEAD);
        break;
    case LA_BB_END:
        la_set_all(ls->globals, ls->nb_globals, TS_DEAD | TS_MEM);
        la_set_all(ls->tb_temps, ls->nb_tb_temps, TS_DEAD | TS_MEM);
        la_set_all(ls->ebb_temps, ls->nb_ebb_temps, TS_DEAD);
        break;
    case LA_BB_SYNC:
        la_or_all(ls->globals, ls->nb_globals, TS_MEM);
        la_or_all(ls->tb_temps, ls->nb_tb_temps, TS_MEM);
        break;
    case LA_GLOBAL_SYNC:
        la_or_all(ls->globals, ls->nb_globals, TS_MEM);
        break;
    case LA_GLOBAL_KILL:
        la_set_all(ls->globals, ls->nb_globals, TS_DEAD | TS_MEM);
        break;
    }
}

/* An op whose outputs nobody needs, and which does nothing else. */
static bool la_op_removable(const TCGOp *op, unsigned nout)
{
    unsigned flags = tcg_op_defs[op->opc].flags;
    if (op->opc == INDEX_op_call) {
        if (!(tcg_call_info(op)->flags & TCG_CALL_NO_SIDE_EFFECTS)) {
            return false;
        }
    } else if (flags & TCG_OPF_SIDE_EFFECTS) {
        return false;
    }
    if (nout == 0) {
        return false;
    }
    for (unsigned i = 0; i < nout; i++) {
        if (arg_temp(op->args[i])->state != TS_DEAD) {
            return false;
        }
    }
    return true;
}

/* The boundary an op itself imposes on the code before it. */
static bool la_op_boundary(const TCGOp *op, LivenessKind *kind)
{
    unsigned flags = tcg_op_defs[op->opc].flags;

    if (op->opc == INDEX_op_call) {
        unsigned cf = tcg_call_info(op)->flags;
        if (!(cf & TCG_CALL_NO_WRITE_GLOBALS)) {
            *kind = LA_GLOBAL_KILL;
        } else if (!(cf & TCG_CALL_NO_READ_GLOBALS)) {
            *kind = LA_GLOBAL_SYNC;
        } else {
            return false;
        }
    } else if (flags & TCG_OPF_BB_EXIT) {
        *kind = LA_FUNC_END;
    } else if (flags & TCG_OPF_COND_BRANCH) {
        *kind = LA_BB_SYNC;
    } else if (flags & TCG_OPF_BB_END) {
        *kind = LA_BB_END;
    } else if (flags & TCG_OPF_GUEST_MEM) {
        *kind = LA_GLOBAL_SYNC;
    } else {
        return false;
    }
    return true;
}

void tcg_liveness_analysis(TCGContext *s)
{
    TCGOp *op, *prev;
    LivenessKind kind;
    LiveSets ls;

    la_collect(s, &ls);
    la_boundary(&ls, LA_FUNC_END);

    tcg_op_foreach_reverse_safe(op, prev, s) {
        unsigned nout = tcg_op_nb_oargs(op), nin = tcg_op_nb_iargs(op);
        TCGLifeData life = 0;

        if (op->opc == INDEX_op_discard) {
            TCGTemp *t = arg_temp(op->args[0]);
            if (t->kind == TEMP_EBB || t->kind == TEMP_TB) {
                t->state = TS_DEAD;
            }
            tcg_op_remove(s, op);
            continue;
        }
        if (la_op_removable(op, nout)) {
            tcg_op_remove(s, op);
            continue;
        }
        for (unsigned i = 0; i < nout; i++) {
            TCGTemp *t = arg_temp(op->args[i]);
            if (t->state & TS_DEAD) {
                life |= TCG_LIFE_DEAD_ARG(i);
            }
            if (t->state & TS_MEM) {
                life |= TCG_LIFE_SYNC_ARG(i);
            }
            t->state = TS_DEAD;
        }
        if (la_op_boundary(op, &kind)) {
            la_boundary(&ls, kind);
        }
        for (unsigned i = nout; i < nout + nin; i++) {
            TCGTemp *t = arg_temp(op->args[i]);
            if (t->kind == TEMP_FIXED) {
                continue;
            }
            if (t->state & TS_DEAD) {
                life |= TCG_LIFE_DEAD_ARG(i);
            }
            t->state &= ~TS_DEAD;
        }
        op->life = life;
    }
}
