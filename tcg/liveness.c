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
 *   - an op that may fault or touches memory (qemu_ld/st, st, ...):
 *     globals in memory, so the state is current if it raises an exception;
 *   - a helper call: globals in memory unless it reads none, and dead in
 *     registers unless it writes none.
 */
#include "tcg/tcg.h"

typedef enum LivenessKind {
    LA_FUNC_END,   /* TB exit */
    LA_BB_END,     /* label or unconditional branch */
    LA_BB_SYNC,    /* conditional branch */
    LA_GLOBAL_SYNC,
    LA_GLOBAL_KILL,  /* a call that may write globals */
} LivenessKind;

/* Applies one kind of boundary to every temp's state. */
static void la_boundary(TCGContext *s, LivenessKind kind)
{
    for (unsigned i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];
        switch (t->kind) {
        case TEMP_FIXED:
            break;
        case TEMP_GLOBAL:
            if (kind == LA_FUNC_END || kind == LA_BB_END || kind == LA_GLOBAL_KILL) {
                t->state = TS_DEAD | TS_MEM;
            } else {
                t->state |= TS_MEM;
            }
            break;
        case TEMP_TB:
            if (kind == LA_FUNC_END) {
                t->state = TS_DEAD;
            } else if (kind == LA_BB_END) {
                t->state = TS_DEAD | TS_MEM;
            } else if (kind == LA_BB_SYNC) {
                t->state |= TS_MEM;
            }
            break;
        case TEMP_EBB:
        case TEMP_CONST:
            if (kind == LA_FUNC_END || kind == LA_BB_END) {
                t->state = TS_DEAD;
            }
            break;
        }
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
    } else if (flags & TCG_OPF_SIDE_EFFECTS) {
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

    for (unsigned i = 0; i < s->nb_temps; i++) {
        s->temps[i].state = 0;
    }
    la_boundary(s, LA_FUNC_END);

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
            la_boundary(s, kind);
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
