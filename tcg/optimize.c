/*
 * The optimizer: one forward pass over a TB's ops, between the front end
 * and liveness. Within a basic block it tracks, per temp, whether it holds
 * a known constant, which other temps hold the same value (copies, kept
 * as rings as in QEMU), and which bits may be nonzero (z_mask). With that
 * it
 *   - folds ops whose inputs are all constant (computing with
 *     tcg_op_eval, the same semantics TCI runs), and conditions
 *     (brcond/setcond/movcond) whose outcome is known;
 *   - replaces inputs by the best copy (a constant, then a global...), and
 *     drops moves between copies;
 *   - applies identities (x + 0, x & -1, x ^ x...) and drops extensions
 *     and ands that the known bits make redundant;
 *   - deletes code after an unconditional branch or exit up to the next
 *     referenced label, and labels nobody branches to.
 * Everything is forgotten at a basic-block end; calls that may write
 * globals forget what was known about globals.
 */
#include <string.h>

#include "tcg/tcg.h"

typedef struct TempInfo {
    TCGTemp *next_copy, *prev_copy;  /* ring of temps holding the same value */
    bool is_const;
    uint64_t val;
    uint64_t z_mask;                 /* bits that may be nonzero */
    uint32_t gen;                    /* valid while equal to OptContext.gen */
} TempInfo;

typedef struct OptContext {
    TCGContext *s;
    TempInfo *info;      /* TCG_MAX_TEMPS entries */
    uint32_t gen;        /* bumped to forget everything at once */
} OptContext;

/*
 * What is known about temps is kept per thread across blocks and made
 * stale in O(1) by a generation count, so forgetting everything at a
 * basic-block end costs nothing however many temps the context has; an
 * entry is set up the first time it is looked at in a generation.
 */
static __thread TempInfo *opt_info;
static __thread uint32_t opt_gen;

static uint64_t type_mask(TCGType type)
{
    return type == TCG_TYPE_I32 ? 0xffffffffu : ~(uint64_t)0;
}

static void info_init(OptContext *c, TempInfo *i, TCGTemp *t)
{
    i->next_copy = i->prev_copy = t;
    i->is_const = t->kind == TEMP_CONST;
    i->val = t->val;
    i->z_mask = i->is_const ? (uint64_t)t->val : type_mask(t->type);
    i->gen = c->gen;
}

static TempInfo *ti(OptContext *c, TCGTemp *t)
{
    TempInfo *i = &c->info[t - c->s->temps];
    if (i->gen != c->gen) {
        info_init(c, i, t);
    }
    return i;
}

/* Forgets what is known about t and takes it out of its copy ring. */
static void reset_temp(OptContext *c, TCGTemp *t)
{
    TempInfo *i = ti(c, t);
    ti(c, i->prev_copy)->next_copy = i->next_copy;
    ti(c, i->next_copy)->prev_copy = i->prev_copy;
    info_init(c, i, t);
}

/* Forgets everything: a new generation (all entries at once). */
static void reset_all(OptContext *c)
{
    if (++opt_gen == 0) {
        /* wrapped: no stale entry may look current */
        memset(opt_info, 0, sizeof(TempInfo) * TCG_MAX_TEMPS);
        opt_gen = 1;
    }
    c->gen = opt_gen;
}

/* Forgets what is known about the globals a call may have written. */
static void reset_globals(OptContext *c)
{
    for (unsigned n = 0; n < c->s->nb_globals; n++) {
        TCGTemp *t = &c->s->temps[n];
        if (t->kind == TEMP_GLOBAL && c->info[n].gen == c->gen) {
            reset_temp(c, t);
        }
    }
}

static bool temps_are_copies(OptContext *c, TCGTemp *a, TCGTemp *b)
{
    if (a == b) {
        return true;
    }
    for (TCGTemp *i = ti(c, a)->next_copy; i != a; i = ti(c, i)->next_copy) {
        if (i == b) {
            return true;
        }
    }
    return false;
}

/* The copy an input is best read from: constants, then fixed, globals, TB temps. */
static TCGTemp *find_better_copy(OptContext *c, TCGTemp *t)
{
    TCGTemp *best = t;
    for (TCGTemp *i = ti(c, t)->next_copy; i != t; i = ti(c, i)->next_copy) {
        if (i->kind > best->kind) {
            best = i;
        }
    }
    return best;
}

static TCGTemp *opt_constant(OptContext *c, TCGType type, uint64_t val)
{
    return tcg_constant_internal(type, (int64_t)val);
}

static TCGOpcode mov_opc(TCGTemp *t)
{
    return t->type == TCG_TYPE_I32 ? INDEX_op_mov_i32 : INDEX_op_mov_i64;
}

/* Turns op into "mov out, src". */
static void to_mov(OptContext *c, TCGOp *op, TCGTemp *out, TCGTemp *src)
{
    op->opc = mov_opc(out);
    op->args[0] = temp_arg(out);
    op->args[1] = temp_arg(src);
}

static void to_movi(OptContext *c, TCGOp *op, TCGTemp *out, uint64_t val)
{
    to_mov(c, op, out, opt_constant(c, out->type, val));
}

/* mov: drop it between copies, else record the copy. False if removed. */
static bool opt_mov(OptContext *c, TCGOp *op)
{
    TCGTemp *dst = arg_temp(op->args[0]), *src = arg_temp(op->args[1]);

    if (temps_are_copies(c, dst, src)) {
        tcg_op_remove(c->s, op);
        return false;
    }
    reset_temp(c, dst);
    TempInfo *di = ti(c, dst), *si = ti(c, src);
    di->is_const = si->is_const;
    di->val = si->val;
    di->z_mask = si->z_mask;
    /* Join src's ring, just after src. */
    di->next_copy = si->next_copy;
    di->prev_copy = src;
    ti(c, si->next_copy)->prev_copy = dst;
    si->next_copy = dst;
    return true;
}

static bool is_const(OptContext *c, TCGTemp *t) { return ti(c, t)->is_const; }
static uint64_t const_val(OptContext *c, TCGTemp *t) { return ti(c, t)->val; }

/* Outcome of a cond b when known: 1 true, 0 false, -1 unknown. */
static int fold_cond(OptContext *c, TCGCond cond, TCGTemp *a, TCGTemp *b)
{
    if (is_const(c, a) && is_const(c, b)) {
        return tcg_cond_eval(cond, const_val(c, a), const_val(c, b), a->type);
    }
    if (temps_are_copies(c, a, b)) {
        return tcg_cond_eval(cond, 0, 0, a->type);
    }
    return -1;
}

/* All inputs constant: compute the op. True if op became mov(s). */
static bool fold_constant(OptContext *c, TCGOp *op, unsigned nout, unsigned nin)
{
    uint64_t in[4], out[2];

    if (nin == 0 || nin > 4 || (tcg_op_defs[op->opc].flags & TCG_OPF_SIDE_EFFECTS)) {
        return false;
    }
    for (unsigned i = 0; i < nin; i++) {
        TCGTemp *t = arg_temp(op->args[nout + i]);
        if (!is_const(c, t)) {
            return false;
        }
        in[i] = const_val(c, t);
    }
    if (!tcg_op_eval(op->opc, out, in, &op->args[nout + nin])) {
        return false;
    }
    if (nout == 2) {
        TCGOp *lo = tcg_op_insert_before(c->s, op, INDEX_op_mov_i32, 2);
        to_movi(c, lo, arg_temp(op->args[0]), out[0]);
        opt_mov(c, lo);
        to_movi(c, op, arg_temp(op->args[1]), out[1]);
    } else {
        to_movi(c, op, arg_temp(op->args[0]), out[0]);
    }
    return true;
}

static bool is_commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add_i32: case INDEX_op_add_i64:
    case INDEX_op_mul_i32: case INDEX_op_mul_i64:
    case INDEX_op_and_i32: case INDEX_op_and_i64:
    case INDEX_op_or_i32: case INDEX_op_or_i64:
    case INDEX_op_xor_i32: case INDEX_op_xor_i64:
    case INDEX_op_eqv_i32: case INDEX_op_eqv_i64:
    case INDEX_op_nand_i32: case INDEX_op_nand_i64:
    case INDEX_op_nor_i32: case INDEX_op_nor_i64:
    case INDEX_op_muluh_i32: case INDEX_op_muluh_i64:
    case INDEX_op_mulsh_i32: case INDEX_op_mulsh_i64:
        return true;
    default:
        return false;
    }
}

#define CASE_W(name) case INDEX_op_##name##_i32: case INDEX_op_##name##_i64

/*
 * Identities of binary ops with one constant (second, after
 * canonicalization) or two equal inputs, and conditions with a known
 * outcome. True if op became a mov.
 */
static bool fold_identity(OptContext *c, TCGOp *op)
{
    TCGTemp *r = arg_temp(op->args[0]), *a = arg_temp(op->args[1]), *b = arg_temp(op->args[2]);
    uint64_t m = type_mask(r->type);
    bool bc = is_const(c, b);
    uint64_t bv = const_val(c, b) & m;
    bool same = temps_are_copies(c, a, b);
    int cond;

    switch (op->opc) {
    CASE_W(add): CASE_W(sub): CASE_W(or): CASE_W(xor):
    CASE_W(shl): CASE_W(shr): CASE_W(sar): CASE_W(rotl): CASE_W(rotr): CASE_W(andc):
        if (bc && bv == 0) {
            to_mov(c, op, r, a);
            return true;
        }
        break;
    default:
        break;
    }
    switch (op->opc) {
    CASE_W(mul):
        if (bc && bv <= 1) {
            bv ? to_mov(c, op, r, a) : to_movi(c, op, r, 0);
            return true;
        }
        break;
    CASE_W(and):
        if ((bc && bv == m) || same) {
            to_mov(c, op, r, a);
            return true;
        }
        if (bc && (ti(c, a)->z_mask & bv) == 0) {
            to_movi(c, op, r, 0);
            return true;
        }
        if (bc && (ti(c, a)->z_mask & ~bv & m) == 0) {
            to_mov(c, op, r, a);   /* the mask keeps every bit that can be set */
            return true;
        }
        break;
    CASE_W(or):
        if (bc && bv == m) {
            to_movi(c, op, r, m);
            return true;
        }
        if (same) {
            to_mov(c, op, r, a);
            return true;
        }
        break;
    CASE_W(sub): CASE_W(xor): CASE_W(andc):
        if (same) {
            to_movi(c, op, r, 0);
            return true;
        }
        break;
    CASE_W(setcond):
        cond = fold_cond(c, op->args[3], a, b);
        if (cond >= 0) {
            to_movi(c, op, r, cond);
            return true;
        }
        break;
    CASE_W(movcond):
        cond = fold_cond(c, op->args[5], a, b);
        if (cond >= 0) {
            to_mov(c, op, r, arg_temp(op->args[cond ? 3 : 4]));
            return true;
        }
        if (temps_are_copies(c, arg_temp(op->args[3]), arg_temp(op->args[4]))) {
            to_mov(c, op, r, arg_temp(op->args[3]));
            return true;
        }
        break;
    default:
        break;
    }
    return false;
}

/* eqv with 0 (SPARC's "xnor %g0" idiom for not) is a not. */
static bool fold_eqv_zero(OptContext *c, TCGOp *op)
{
    TCGTemp *b = arg_temp(op->args[2]);

    if ((op->opc != INDEX_op_eqv_i32 && op->opc != INDEX_op_eqv_i64) || !is_const(c, b) ||
        (const_val(c, b) & type_mask(b->type)) != 0) {
        return false;
    }
    op->opc = op->opc == INDEX_op_eqv_i32 ? INDEX_op_not_i32 : INDEX_op_not_i64;
    return true;
}

/*
 * "setcond t, a, b, cond" right before "xor t, t, $1" (a condition and its
 * negation, as front ends build "not equal" from "equal"): the setcond takes
 * the inverse condition and the xor goes. False when op is anything else.
 */
static bool fold_setcond_not(OptContext *c, TCGOp *op)
{
    TCGOp *prev = op->prev;
    TCGTemp *r = arg_temp(op->args[0]), *b = arg_temp(op->args[2]);
    bool w = op->opc == INDEX_op_xor_i64;

    if ((op->opc != INDEX_op_xor_i32 && !w) || !prev ||
        prev->opc != (w ? INDEX_op_setcond_i64 : INDEX_op_setcond_i32) ||
        arg_temp(prev->args[0]) != r || arg_temp(op->args[1]) != r || !is_const(c, b) ||
        const_val(c, b) != 1) {
        return false;
    }
    prev->args[3] = tcg_invert_cond(prev->args[3]);
    tcg_op_remove(c->s, op);
    return true;
}

/* Extensions the known bits of the input make a plain move. */
static bool fold_extension(OptContext *c, TCGOp *op)
{
    TCGTemp *r = arg_temp(op->args[0]), *a = arg_temp(op->args[1]);
    uint64_t z = ti(c, a)->z_mask, keep;

    switch (op->opc) {
    CASE_W(ext8u): keep = 0xff; break;
    CASE_W(ext16u): keep = 0xffff; break;
    case INDEX_op_ext32u_i64: keep = 0xffffffffu; break;
    CASE_W(ext8s): keep = 0x7f; break;
    CASE_W(ext16s): keep = 0x7fff; break;
    case INDEX_op_ext32s_i64: keep = 0x7fffffff; break;
    default:
        return false;
    }
    if (z & ~keep) {
        return false;
    }
    to_mov(c, op, r, a);
    return true;
}

/* The bits an op's (first) output may have set. */
static uint64_t out_z_mask(OptContext *c, TCGOp *op, unsigned nout)
{
    TCGTemp *r = arg_temp(op->args[0]);
    uint64_t m = type_mask(r->type);
    uint64_t za = 0, zb = 0;
    unsigned nin = tcg_op_nb_iargs(op);

    if (op->opc == INDEX_op_call || nout != 1) {
        return m;
    }
    if (nin > 0) {
        za = ti(c, arg_temp(op->args[1]))->z_mask;
    }
    if (nin > 1) {
        zb = ti(c, arg_temp(op->args[2]))->z_mask;
    }
    switch (op->opc) {
    CASE_W(and): return za & zb;
    CASE_W(or): CASE_W(xor): return (za | zb) & m;
    CASE_W(ext8u): return za & 0xff;
    CASE_W(ext16u): return za & 0xffff;
    CASE_W(ld8u): return 0xff;
    CASE_W(ld16u): return 0xffff;
    case INDEX_op_ext32u_i64: case INDEX_op_extu_i32_i64: case INDEX_op_extrl_i64_i32:
        return za & 0xffffffffu;
    case INDEX_op_ld32u_i64: return 0xffffffffu;
    case INDEX_op_extrh_i64_i32: return za >> 32;
    CASE_W(extract): return (za >> op->args[2]) & (((uint64_t)1 << op->args[3]) - 1);
    CASE_W(setcond): return 1;
    CASE_W(bswap16): return 0xffff;
    CASE_W(bswap32): return 0xffffffffu;
    CASE_W(ctpop): return 0x7f;
    CASE_W(clz): CASE_W(ctz): return 0x7f | zb;
    CASE_W(movcond):
        return ti(c, arg_temp(op->args[3]))->z_mask | ti(c, arg_temp(op->args[4]))->z_mask;
    CASE_W(shr):
        if (is_const(c, arg_temp(op->args[2]))) {
            return za >> (zb & (r->type == TCG_TYPE_I32 ? 31 : 63));
        }
        return m;
    CASE_W(qemu_ld): {
        MemOp mo = get_memop(op->args[2]);
        unsigned bits = 8u << (mo & MO_SIZE);
        return (mo & MO_SIGN) || bits >= 64 ? m : (((uint64_t)1 << bits) - 1) & m;
    }
    default:
        return m;
    }
}

static void opt_call(OptContext *c, TCGOp *op)
{
    unsigned nout = op->callo;
    if (!(tcg_call_info(op)->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        reset_globals(c);
    }
    for (unsigned i = 0; i < nout; i++) {
        reset_temp(c, arg_temp(op->args[i]));
    }
}

/* Swaps constant operands of commutative ops and conditions to the second place. */
static void canonicalize(OptContext *c, TCGOp *op, unsigned nout)
{
    unsigned ia = nout, ib = nout + 1;
    bool cond_op = false;

    switch (op->opc) {
    CASE_W(brcond):
        ia = 0;
        ib = 1;
        cond_op = true;
        break;
    CASE_W(setcond): CASE_W(movcond):
        cond_op = true;
        break;
    default:
        if (!is_commutative(op->opc)) {
            return;
        }
    }
    TCGTemp *a = arg_temp(op->args[ia]), *b = arg_temp(op->args[ib]);
    if (is_const(c, a) && !is_const(c, b)) {
        op->args[ia] = temp_arg(b);
        op->args[ib] = temp_arg(a);
        if (cond_op) {
            unsigned ci = op->opc == INDEX_op_brcond_i32 || op->opc == INDEX_op_brcond_i64 ? 2
                        : op->opc == INDEX_op_setcond_i32 || op->opc == INDEX_op_setcond_i64 ? 3
                        : 5;
            op->args[ci] = tcg_swap_cond(op->args[ci]);
        }
    }
}

/* brcond with a known outcome: br or nothing. False if op was removed. */
static bool opt_brcond(OptContext *c, TCGOp *op)
{
    int cond = fold_cond(c, op->args[2], arg_temp(op->args[0]), arg_temp(op->args[1]));
    if (cond == 0) {
        tcg_op_remove(c->s, op);
        return false;
    }
    if (cond == 1) {
        op->opc = INDEX_op_br;
        op->args[0] = op->args[3];
    }
    return true;
}

void tcg_optimize(TCGContext *s)
{
    OptContext c = { .s = s };
    bool reachable = true;
    TCGOp *op, *next;

    if (!opt_info) {
        opt_info = g_new0(TempInfo, TCG_MAX_TEMPS);
    }
    c.info = opt_info;
    reset_all(&c);   /* the previous block's knowledge, and any temp reused since */
    tcg_op_foreach_safe(op, next, s) {
        if (op->opc == INDEX_op_set_label) {
            TCGLabel *l = arg_label(op->args[0]);
            if (op->prev && op->prev->opc == INDEX_op_br && op->prev->args[0] == op->args[0]) {
                tcg_op_remove(s, op->prev);     /* a branch to the next op */
                reachable = true;
            }
            if (l->refs == 0) {
                tcg_op_remove(s, op);   /* nobody jumps here: the block goes on */
            } else {
                reachable = true;
                reset_all(&c);
            }
            continue;
        }
        if (!reachable) {
            tcg_op_remove(s, op);
            continue;
        }

        unsigned nout = tcg_op_nb_oargs(op), nin = tcg_op_nb_iargs(op);
        for (unsigned i = nout; i < nout + nin; i++) {
            op->args[i] = temp_arg(find_better_copy(&c, arg_temp(op->args[i])));
        }
        if (op->opc == INDEX_op_call) {
            opt_call(&c, op);
            if (tcg_call_info(op)->flags & TCG_CALL_NO_RETURN) {
                reachable = false;
            }
            continue;
        }
        canonicalize(&c, op, nout);
        if (fold_setcond_not(&c, op)) {
            continue;   /* r keeps the setcond's knowledge: still 0 or 1 */
        }
        fold_eqv_zero(&c, op);
        if ((op->opc == INDEX_op_brcond_i32 || op->opc == INDEX_op_brcond_i64) &&
            !opt_brcond(&c, op)) {
            continue;
        }
        if (nout > 0 && !fold_constant(&c, op, nout, nin) && nin >= 2) {
            fold_identity(&c, op);
        }
        if (nout == 1 && nin == 1) {
            fold_extension(&c, op);
        }

        unsigned flags = tcg_op_defs[op->opc].flags;
        if (op->opc == INDEX_op_mov_i32 || op->opc == INDEX_op_mov_i64) {
            opt_mov(&c, op);
        } else if (nout > 0) {
            uint64_t z = out_z_mask(&c, op, nout);
            for (unsigned i = 0; i < nout; i++) {
                reset_temp(&c, arg_temp(op->args[i]));
            }
            ti(&c, arg_temp(op->args[0]))->z_mask = z;
        }
        if (flags & TCG_OPF_BB_END) {
            reset_all(&c);
        }
        if (flags & TCG_OPF_NO_FALLTHROUGH) {
            reachable = false;
        }
    }
}
