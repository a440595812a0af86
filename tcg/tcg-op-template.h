/*
 * The width-generic half of the front-end emit API (tcg-op.h's
 * TCG_OPS_BOTH list), written once and included twice by tcg-op.c: with
 * WS = i32, TCGV = TCGv_i32, TYPE = TCG_TYPE_I32, BITS = 32, UT = uint32_t,
 * IMMT = int32_t (brcondi's immediate), and the same for i64. Immediate forms and operations the IR has no op
 * for are simplified or expanded here, so the IR stays small.
 */

#define FN(name) GLUE(tcg_gen_##name##_, WS)
#define OPC(name) GLUE(INDEX_op_##name##_, WS)
#define LOCAL(name) GLUE(name##_, WS)
#define KV(v) ((TCGV)temp_tcgv(tcg_constant_internal(TYPE, (int64_t)(v))))
#define NEWT() ((TCGV)temp_tcgv(tcg_temp_new_internal(TYPE, TEMP_EBB)))
#define FREET(t) tcg_temp_free_internal(tcgv_temp(t))

#define UNOP(name)                                                        \
    void FN(name)(TCGV ret, TCGV a) { GEN_OP(OPC(name), tv(ret), tv(a)); }
#define BINOP(name)                                                       \
    void FN(name)(TCGV ret, TCGV a, TCGV b) { GEN_OP(OPC(name), tv(ret), tv(a), tv(b)); }

UNOP(neg)
UNOP(not)
UNOP(ext8s)
UNOP(ext8u)
UNOP(ext16s)
UNOP(ext16u)
UNOP(bswap16)
UNOP(bswap32)
UNOP(ctpop)
BINOP(add)
BINOP(sub)
BINOP(mul)
BINOP(div)
BINOP(rem)
BINOP(divu)
BINOP(remu)
BINOP(and)
BINOP(or)
BINOP(xor)
BINOP(andc)
BINOP(orc)
BINOP(eqv)
BINOP(nand)
BINOP(nor)
BINOP(shl)
BINOP(shr)
BINOP(sar)
BINOP(rotl)
BINOP(rotr)
BINOP(clz)
BINOP(ctz)
#undef UNOP
#undef BINOP

void FN(mov)(TCGV ret, TCGV a)
{
    if (ret != a) {
        GEN_OP(OPC(mov), tv(ret), tv(a));
    }
}

void FN(movi)(TCGV ret, int64_t v)
{
    FN(mov)(ret, KV(v));
}

void FN(discard)(TCGV a)
{
    GEN_OP(INDEX_op_discard, tv(a));
}

void FN(addi)(TCGV ret, TCGV a, int64_t b)
{
    if ((UT)b == 0) {
        FN(mov)(ret, a);
    } else {
        FN(add)(ret, a, KV(b));
    }
}

/* Subtracting a constant is adding its negation: one form for the optimizer. */
void FN(subi)(TCGV ret, TCGV a, int64_t b)
{
    FN(addi)(ret, a, -(UT)b);
}

void FN(subfi)(TCGV ret, int64_t a, TCGV b)
{
    if ((UT)a == 0) {
        FN(neg)(ret, b);
    } else {
        FN(sub)(ret, KV(a), b);
    }
}

void FN(muli)(TCGV ret, TCGV a, int64_t b)
{
    UT ub = (UT)b;
    if (ub == 0) {
        FN(movi)(ret, 0);
    } else if ((ub & (ub - 1)) == 0) {
        FN(shli)(ret, a, __builtin_ctzll(ub));
    } else {
        FN(mul)(ret, a, KV(ub));
    }
}

void FN(andi)(TCGV ret, TCGV a, int64_t b)
{
    UT ub = (UT)b;
    if (ub == 0) {
        FN(movi)(ret, 0);
    } else if (ub == (UT)-1) {
        FN(mov)(ret, a);
    } else if (ub == 0xff) {
        FN(ext8u)(ret, a);
    } else if (ub == 0xffff) {
        FN(ext16u)(ret, a);
#if BITS == 64
    } else if (ub == 0xffffffffu) {
        tcg_gen_ext32u_i64(ret, a);
#endif
    } else {
        FN(and)(ret, a, KV(ub));
    }
}

void FN(ori)(TCGV ret, TCGV a, int64_t b)
{
    UT ub = (UT)b;
    if (ub == (UT)-1) {
        FN(movi)(ret, -1);
    } else if (ub == 0) {
        FN(mov)(ret, a);
    } else {
        FN(or)(ret, a, KV(ub));
    }
}

void FN(xori)(TCGV ret, TCGV a, int64_t b)
{
    UT ub = (UT)b;
    if (ub == 0) {
        FN(mov)(ret, a);
    } else if (ub == (UT)-1) {
        FN(not)(ret, a);
    } else {
        FN(xor)(ret, a, KV(ub));
    }
}

/* Immediate shift counts are taken modulo the width, like register ones. */
static void LOCAL(gen_shifti)(void (*gen)(TCGV, TCGV, TCGV), TCGV ret, TCGV a, int64_t b)
{
    b &= BITS - 1;
    if (b == 0) {
        FN(mov)(ret, a);
    } else {
        gen(ret, a, KV(b));
    }
}

void FN(shli)(TCGV ret, TCGV a, int64_t b) { LOCAL(gen_shifti)(FN(shl), ret, a, b); }
void FN(shri)(TCGV ret, TCGV a, int64_t b) { LOCAL(gen_shifti)(FN(shr), ret, a, b); }
void FN(sari)(TCGV ret, TCGV a, int64_t b) { LOCAL(gen_shifti)(FN(sar), ret, a, b); }
void FN(rotli)(TCGV ret, TCGV a, int64_t b) { LOCAL(gen_shifti)(FN(rotl), ret, a, b); }
void FN(rotri)(TCGV ret, TCGV a, int64_t b) { LOCAL(gen_shifti)(FN(rotr), ret, a, b); }

void FN(deposit)(TCGV ret, TCGV a, TCGV b, unsigned ofs, unsigned len)
{
    if (len == BITS) {
        FN(mov)(ret, b);
    } else {
        GEN_OP(OPC(deposit), tv(ret), tv(a), tv(b), ofs, len);
    }
}

/* ret = b's low len bits at ofs, zeros elsewhere: a mask and a shift. */
void FN(deposit_z)(TCGV ret, TCGV b, unsigned ofs, unsigned len)
{
    if (ofs + len == BITS) {
        FN(shli)(ret, b, ofs);
    } else if (ofs == 0) {
        FN(andi)(ret, b, ((UT)1 << len) - 1);
    } else {
        TCGV t = NEWT();
        FN(andi)(t, b, ((UT)1 << len) - 1);
        FN(shli)(ret, t, ofs);
        FREET(t);
    }
}

void FN(extract)(TCGV ret, TCGV a, unsigned ofs, unsigned len)
{
    if (ofs + len == BITS) {
        FN(shri)(ret, a, ofs);
    } else if (ofs == 0) {
        FN(andi)(ret, a, ((UT)1 << len) - 1);
    } else {
        GEN_OP(OPC(extract), tv(ret), tv(a), ofs, len);
    }
}

void FN(sextract)(TCGV ret, TCGV a, unsigned ofs, unsigned len)
{
    if (ofs + len == BITS) {
        FN(sari)(ret, a, ofs);
    } else if (ofs == 0 && len == 8) {
        FN(ext8s)(ret, a);
    } else if (ofs == 0 && len == 16) {
        FN(ext16s)(ret, a);
#if BITS == 64
    } else if (ofs == 0 && len == 32) {
        tcg_gen_ext32s_i64(ret, a);
#endif
    } else {
        GEN_OP(OPC(sextract), tv(ret), tv(a), ofs, len);
    }
}

void FN(extract2)(TCGV ret, TCGV lo, TCGV hi, unsigned ofs)
{
    if (ofs == 0) {
        FN(mov)(ret, lo);
    } else if (ofs >= BITS) {
        FN(mov)(ret, hi);
    } else {
        GEN_OP(OPC(extract2), tv(ret), tv(lo), tv(hi), ofs);
    }
}

void FN(clzi)(TCGV ret, TCGV a, int64_t zero_val) { FN(clz)(ret, a, KV(zero_val)); }
void FN(ctzi)(TCGV ret, TCGV a, int64_t zero_val) { FN(ctz)(ret, a, KV(zero_val)); }

void FN(setcond)(TCGCond cond, TCGV ret, TCGV a, TCGV b)
{
    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        FN(movi)(ret, cond == TCG_COND_ALWAYS);
    } else {
        GEN_OP(OPC(setcond), tv(ret), tv(a), tv(b), cond);
    }
}

void FN(setcondi)(TCGCond cond, TCGV ret, TCGV a, int64_t b)
{
    FN(setcond)(cond, ret, a, KV(b));
}

void FN(movcond)(TCGCond cond, TCGV ret, TCGV c1, TCGV c2, TCGV v1, TCGV v2)
{
    if (cond == TCG_COND_ALWAYS) {
        FN(mov)(ret, v1);
    } else if (cond == TCG_COND_NEVER) {
        FN(mov)(ret, v2);
    } else {
        GEN_OP(OPC(movcond), tv(ret), tv(c1), tv(c2), tv(v1), tv(v2), cond);
    }
}

void FN(brcond)(TCGCond cond, TCGV a, TCGV b, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        l->refs++;
        GEN_OP(OPC(brcond), tv(a), tv(b), cond, label_arg(l));
    }
}

void FN(brcondi)(TCGCond cond, TCGV a, IMMT b, TCGLabel *l)
{
    FN(brcond)(cond, a, KV(b), l);
}

void FN(add2)(TCGV rl, TCGV rh, TCGV al, TCGV ah, TCGV bl, TCGV bh)
{
    GEN_OP(OPC(add2), tv(rl), tv(rh), tv(al), tv(ah), tv(bl), tv(bh));
}

void FN(sub2)(TCGV rl, TCGV rh, TCGV al, TCGV ah, TCGV bl, TCGV bh)
{
    GEN_OP(OPC(sub2), tv(rl), tv(rh), tv(al), tv(ah), tv(bl), tv(bh));
}

void FN(mulu2)(TCGV rl, TCGV rh, TCGV a, TCGV b)
{
    GEN_OP(OPC(mulu2), tv(rl), tv(rh), tv(a), tv(b));
}

void FN(muls2)(TCGV rl, TCGV rh, TCGV a, TCGV b)
{
    GEN_OP(OPC(muls2), tv(rl), tv(rh), tv(a), tv(b));
}

/*
 * Signed a times unsigned b: the unsigned product, less b * 2^BITS when a
 * is negative (a's sign bit weighs -2^(BITS-1), not +2^(BITS-1)).
 */
void FN(mulsu2)(TCGV rl, TCGV rh, TCGV a, TCGV b)
{
    TCGV l = NEWT(), h = NEWT(), t = NEWT();
    FN(mulu2)(l, h, a, b);
    FN(sari)(t, a, BITS - 1);
    FN(and)(t, t, b);
    FN(sub)(h, h, t);
    FN(mov)(rl, l);
    FN(mov)(rh, h);
    FREET(l);
    FREET(h);
    FREET(t);
}

void FN(smin)(TCGV ret, TCGV a, TCGV b) { FN(movcond)(TCG_COND_LT, ret, a, b, a, b); }
void FN(smax)(TCGV ret, TCGV a, TCGV b) { FN(movcond)(TCG_COND_GT, ret, a, b, a, b); }
void FN(umin)(TCGV ret, TCGV a, TCGV b) { FN(movcond)(TCG_COND_LTU, ret, a, b, a, b); }
void FN(umax)(TCGV ret, TCGV a, TCGV b) { FN(movcond)(TCG_COND_GTU, ret, a, b, a, b); }

/* |a| = (a ^ s) - s with s the sign mask. */
void FN(abs)(TCGV ret, TCGV a)
{
    TCGV s = NEWT(), x = NEWT();
    FN(sari)(s, a, BITS - 1);
    FN(xor)(x, a, s);
    FN(sub)(ret, x, s);
    FREET(s);
    FREET(x);
}

#define LDST(name)                                                          \
    void FN(name)(TCGV v, TCGv_ptr base, intptr_t ofs)                      \
    {                                                                       \
        GEN_OP(OPC(name), tv(v), tv(base), (TCGArg)ofs);                    \
    }
LDST(ld8u)
LDST(ld8s)
LDST(ld16u)
LDST(ld16s)
LDST(ld)
LDST(st8)
LDST(st16)
LDST(st)
#undef LDST

/* Guest memory, any address width (addr's temp type says which). */
static MemOp LOCAL(memop_canonical)(MemOp op, bool is_store)
{
    op &= ~(MemOp)(is_store ? MO_SIGN : 0);
    if ((op & MO_SIZE) == MO_8) {
        op &= ~MO_BSWAP;
    }
    if ((8u << (op & MO_SIZE)) >= BITS) {
        op &= ~MO_SIGN;   /* a full-width load has nothing to extend */
    }
    return op;
}

static void LOCAL(gen_qemu_ld)(TCGV val, TCGTemp *addr, unsigned idx, MemOp op)
{
    op = LOCAL(memop_canonical)(op, false);
    GEN_OP(OPC(qemu_ld), tv(val), temp_arg(addr), make_memop_idx(op, idx));
}

static void LOCAL(gen_qemu_st)(TCGV val, TCGTemp *addr, unsigned idx, MemOp op)
{
    op = LOCAL(memop_canonical)(op, true);
    GEN_OP(OPC(qemu_st), tv(val), temp_arg(addr), make_memop_idx(op, idx));
}

/* ret = a extended from the MemOp's size, signed per MO_SIGN. */
static void LOCAL(gen_ext_memop)(TCGV ret, TCGV a, MemOp op)
{
    static void (*const ext[2][4])(TCGV, TCGV) = {
        { FN(ext8u), FN(ext16u), LOCAL(ext32u), FN(mov) },
        { FN(ext8s), FN(ext16s), LOCAL(ext32s), FN(mov) },
    };
    ext[!!(op & MO_SIGN)][op & MO_SIZE](ret, a);
}

/*
 * Atomics are a load and a store: the vCPU thread is the only one running
 * guest code. The old value goes through a temp so that a fault on the
 * store leaves ret (possibly a global) untouched.
 */
#if BITS == 32   /* the API has no 64-bit exchange */
static void LOCAL(gen_atomic_xchg)(TCGV ret, TCGTemp *addr, TCGV newv, unsigned idx, MemOp op)
{
    TCGV t = NEWT();
    LOCAL(gen_qemu_ld)(t, addr, idx, op);
    LOCAL(gen_qemu_st)(newv, addr, idx, op);
    FN(mov)(ret, t);
    FREET(t);
}
#endif

static void LOCAL(gen_atomic_cmpxchg)(TCGV ret, TCGTemp *addr, TCGV cmpv, TCGV newv,
                                      unsigned idx, MemOp op)
{
    TCGV old = NEWT(), cmp = NEWT();
    LOCAL(gen_ext_memop)(cmp, cmpv, op & MO_SIZE);
    LOCAL(gen_qemu_ld)(old, addr, idx, op & ~MO_SIGN);
    FN(movcond)(TCG_COND_EQ, cmp, old, cmp, newv, old);
    LOCAL(gen_qemu_st)(cmp, addr, idx, op);
    LOCAL(gen_ext_memop)(ret, old, op);
    FREET(old);
    FREET(cmp);
}

#undef FN
#undef OPC
#undef LOCAL
#undef KV
#undef NEWT
#undef FREET
