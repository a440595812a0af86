/*
 * x86-64 op emission: the operand constraints of every IR op this backend
 * implements, and the instructions each op becomes once the register
 * allocator (tcg/regalloc.c) has placed its operands. Three-operand forms
 * use lea where it saves a move; BMI1/BMI2/LZCNT/POPCNT are used when the
 * host has them (the constraints are chosen at start-up to match).
 */
#include "tcg/x86_64/backend.h"

#define BIT(r) (1u << (r))

/* Allocation order: callee-saved first (they survive helper calls), then
 * the call-clobbered ones, argument registers last. */
const TCGReg tcg_target_alloc_order[TCG_TARGET_NB_REGS - 2] = {
    X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15, X86_R10, X86_R11, X86_R9, X86_R8,
    X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_RAX,
};
const TCGReg tcg_target_call_iarg_regs[TCG_TARGET_NB_CALL_IARGS] = {
    X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9,
};

static TCGOpConstraint op_constraints[NB_OPS];

/*
 * Constraint letters, one string per operand (outputs then inputs):
 *   r any register; a c d rax, rcx, rdx; D any but rax and rdx;
 *   & (outputs) no input's register; 0-9 (outputs) the register of that arg;
 *   i s32 immediate; W the op's width as a constant.
 */
static TCGArgConstraint ct_parse(const char *str)
{
    TCGArgConstraint ct = { .alias = -1 };

    for (; *str; str++) {
        switch (*str) {
        case 'r': ct.regs |= TCG_TARGET_ALL_REGS; break;
        case 'a': ct.regs |= BIT(X86_RAX); break;
        case 'c': ct.regs |= BIT(X86_RCX); break;
        case 'd': ct.regs |= BIT(X86_RDX); break;
        case 'D': ct.regs |= TCG_TARGET_ALL_REGS & ~(BIT(X86_RAX) | BIT(X86_RDX)); break;
        case '&': ct.newreg = true; break;
        case 'i': ct.ct |= TCG_CT_CONST_S32; break;
        case 'W': ct.ct |= TCG_CT_CONST_WSZ; break;
        default:
            g_assert(*str >= '0' && *str <= '9');
            ct.alias = *str - '0';
            break;
        }
    }
    return ct;
}

typedef struct X86OpConstraintDef {
    TCGOpcode opc;  /* the _i32 op; the _i64 one gets the same constraint */
    bool both;      /* apply to opc + 1 (its _i64 twin) as well */
    const char *args[6];
    uint8_t nb_scratch;
    TCGRegSet clobber;
} X86OpConstraintDef;

#define W2(name) INDEX_op_##name##_i32, true
#define W1(name) INDEX_op_##name, false

static void ct_set(const X86OpConstraintDef *d)
{
    for (int w = 0; w <= d->both; w++) {
        TCGOpConstraint *ct = &op_constraints[d->opc + w];
        for (int i = 0; i < 6 && d->args[i]; i++) {
            ct->args[i] = ct_parse(d->args[i]);
        }
        ct->nb_scratch = d->nb_scratch;
        ct->clobber = d->clobber;
    }
}

void tcg_target_init(void)
{
    static bool done;

    if (!done) {
        done = true;
        x86_detect_features();
        tcg_target_set_features(&x86_features);
    }
}

void tcg_target_set_features(const X86Features *f)
{
    static const X86OpConstraintDef common[] = {
        { W2(setcond), { "&r", "r", "ri" } },
        { W2(movcond), { "4", "r", "ri", "r", "r" } },
        { W2(brcond), { "r", "ri" } },
        { W2(ld8u), { "r", "r" } }, { W2(ld8s), { "r", "r" } },
        { W2(ld16u), { "r", "r" } }, { W2(ld16s), { "r", "r" } },
        { W1(ld32u_i64), { "r", "r" } }, { W1(ld32s_i64), { "r", "r" } },
        { W2(ld), { "r", "r" } },
        { W2(st8), { "ri", "r" } }, { W2(st16), { "ri", "r" } },
        { W1(st32_i64), { "ri", "r" } }, { W2(st), { "ri", "r" } },
        { W2(add), { "r", "r", "ri" } }, { W2(sub), { "r", "r", "ri" } },
        { W2(mul), { "r", "r", "ri" } },
        { W2(div), { "1", "a", "D" }, 0, BIT(X86_RDX) },
        { W2(divu), { "1", "a", "D" }, 0, BIT(X86_RDX) },
        { W2(rem), { "d", "a", "D" }, 0, BIT(X86_RAX) },
        { W2(remu), { "d", "a", "D" }, 0, BIT(X86_RAX) },
        { W2(neg), { "r", "r" } }, { W2(not), { "r", "r" } },
        { W2(add2), { "2", "3", "r", "r", "ri", "ri" } },
        { W2(sub2), { "2", "3", "r", "r", "ri", "ri" } },
        { W2(mulu2), { "2", "d", "a", "D" } }, { W2(muls2), { "2", "d", "a", "D" } },
        { W2(muluh), { "d", "a", "D" }, 0, BIT(X86_RAX) },
        { W2(mulsh), { "d", "a", "D" }, 0, BIT(X86_RAX) },
        { W2(and), { "r", "r", "ri" } }, { W2(or), { "r", "r", "ri" } },
        { W2(xor), { "r", "r", "ri" } },
        { W2(orc), { "&r", "r", "ri" } }, { W2(eqv), { "r", "r", "ri" } },
        { W2(nand), { "r", "r", "ri" } }, { W2(nor), { "r", "r", "ri" } },
        { W2(deposit), { "r", "r", "r" }, 1 },
        { W2(extract), { "r", "r" } }, { W2(sextract), { "r", "r" } },
        { W2(extract2), { "&r", "r", "r" } },
        { W2(ext8s), { "r", "r" } }, { W2(ext8u), { "r", "r" } },
        { W2(ext16s), { "r", "r" } }, { W2(ext16u), { "r", "r" } },
        { W1(ext32s_i64), { "r", "r" } }, { W1(ext32u_i64), { "r", "r" } },
        { W2(bswap16), { "r", "r" } }, { W2(bswap32), { "r", "r" } },
        { W1(bswap64_i64), { "r", "r" } },
        { W2(ctpop), { "r", "r" } },
        { W1(extrl_i64_i32), { "r", "r" } }, { W1(extrh_i64_i32), { "r", "r" } },
        { W1(ext_i32_i64), { "r", "r" } }, { W1(extu_i32_i64), { "r", "r" } },
        { W2(qemu_ld), { "r", "r" }, 2 },
        { W2(qemu_st), { "r", "r" }, 2 },
        { W1(goto_ptr), { "r" } },
    };
    /* BMI2 shifts take the count in any register; rotates and legacy shifts need cl. */
    static const X86OpConstraintDef shifts_bmi2[] = {
        { W2(shl), { "r", "r", "ri" } }, { W2(shr), { "r", "r", "ri" } },
        { W2(sar), { "r", "r", "ri" } },
    };
    static const X86OpConstraintDef shifts_cl[] = {
        { W2(shl), { "1", "r", "ci" } }, { W2(shr), { "1", "r", "ci" } },
        { W2(sar), { "1", "r", "ci" } },
    };
    static const X86OpConstraintDef rotates[] = {
        { W2(rotl), { "1", "r", "ci" } }, { W2(rotr), { "1", "r", "ci" } },
    };
    static const X86OpConstraintDef rotates_bmi2[] = {
        /* rorx for constants writes any register */
        { W2(rotl), { "r", "r", "ri" } }, { W2(rotr), { "r", "r", "ri" } },
    };
    static const X86OpConstraintDef bits_new[] = {
        { W2(andc), { "r", "r", "ri" } },
        { W2(clz), { "&r", "r", "rW" } }, { W2(ctz), { "&r", "r", "rW" } },
    };
    static const X86OpConstraintDef bits_old[] = {
        { W2(andc), { "&r", "r", "ri" } },
        { W2(clz), { "&r", "r", "r" } }, { W2(ctz), { "&r", "r", "r" } },
    };
    x86_features = *f;
    memset(op_constraints, 0, sizeof(op_constraints));
    for (unsigned i = 0; i < NB_OPS; i++) {
        for (unsigned k = 0; k < TCG_MAX_OP_ARGS; k++) {
            op_constraints[i].args[k] = (TCGArgConstraint){ .alias = -1 };
        }
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(common); i++) {
        ct_set(&common[i]);
    }
    for (unsigned i = 0; i < 3; i++) {
        ct_set(x86_features.bmi2 ? &shifts_bmi2[i] : &shifts_cl[i]);
    }
    for (unsigned i = 0; i < 2; i++) {
        /* the register form of a rotate always needs cl */
        ct_set(&rotates[i]);
        if (x86_features.bmi2) {
            ct_set(&rotates_bmi2[i]);
            op_constraints[rotates[i].opc].args[2].regs = BIT(X86_RCX);
            op_constraints[rotates[i].opc + 1].args[2].regs = BIT(X86_RCX);
            op_constraints[rotates[i].opc].args[0].newreg = true;
            op_constraints[rotates[i].opc + 1].args[0].newreg = true;
        }
    }
    /* clz needs lzcnt and ctz tzcnt (BMI1) for the "width when zero" form. */
    ct_set(&(x86_features.bmi1 ? bits_new : bits_old)[0]);
    ct_set(&(x86_features.lzcnt ? bits_new : bits_old)[1]);
    ct_set(&(x86_features.bmi1 ? bits_new : bits_old)[2]);
    if (!x86_features.popcnt) {
        op_constraints[INDEX_op_ctpop_i32].nb_scratch = 2;
        op_constraints[INDEX_op_ctpop_i64].nb_scratch = 2;
    }
}

const TCGOpConstraint *tcg_target_op_constraint(TCGOpcode opc)
{
    return &op_constraints[opc];
}

/* ---- Moves for the allocator ---------------------------------------- */

static inline bool type64(TCGType t)
{
    return t == TCG_TYPE_I64;
}

void tcg_out_mov(TCGGen *g, TCGType type, TCGReg dst, TCGReg src)
{
    x86_mov_rr(&g->c, type64(type), dst, src);
}

void tcg_out_movi(TCGGen *g, TCGType type, TCGReg dst, int64_t val)
{
    /* I32 values are kept zero-extended in registers */
    x86_movi(&g->c, dst, type64(type) ? (uint64_t)val : (uint32_t)val, g->keep_flags);
}

void tcg_out_ld(TCGGen *g, TCGType type, TCGReg dst, TCGReg base, intptr_t ofs)
{
    x86_load(&g->c, type64(type) ? X86_S64 : X86_S32, false, false, dst, base, ofs);
}

void tcg_out_st(TCGGen *g, TCGType type, TCGReg src, TCGReg base, intptr_t ofs)
{
    x86_store(&g->c, type64(type) ? X86_S64 : X86_S32, src, base, ofs);
}

bool tcg_out_sti(TCGGen *g, TCGType type, int64_t val, TCGReg base, intptr_t ofs)
{
    if (type64(type) && !x86_fits_s32(val)) {
        return false;
    }
    x86_store_imm(&g->c, type64(type) ? X86_S64 : X86_S32, val, base, ofs);
    return true;
}

void tcg_out_ext32(TCGGen *g, bool sign, TCGReg dst, TCGReg src)
{
    if (sign) {
        x86_movsx(&g->c, X86_S32, true, dst, src);
    } else {
        x86_movzx(&g->c, X86_S32, dst, src);
    }
}

void tcg_out_call(TCGGen *g, const void *func)
{
    /* rax is free here: call-clobbered registers were spilled */
    x86_call(&g->c, func, X86_RAX);
}

/* ---- Control flow ----------------------------------------------------- */

enum { RELOC_REL32 };

void tcg_out_label(TCGGen *g, TCGLabel *l)
{
    l->has_value = true;
    l->value = (uintptr_t)g->c.ptr;
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        x86_patch_rel32(r->ptr, g->c.ptr);
    }
}

static void out_jmp_label(TCGGen *g, int cc, TCGLabel *l)
{
    uint8_t *disp;

    if (l->has_value) {
        if (cc < 0) {
            x86_jmp_to(&g->c, (void *)l->value);
        } else {
            x86_jcc_to(&g->c, cc, (void *)l->value);
        }
        return;
    }
    disp = cc < 0 ? x86_jmp32(&g->c, NULL) : x86_jcc32(&g->c, cc, NULL);
    tcg_label_add_reloc(g->s, l, RELOC_REL32, disp, 0);
}

void tcg_out_goto_tb(TCGGen *g, unsigned n)
{
    /* The jump's displacement is 4-aligned so chaining patches it atomically. */
    unsigned pad = (4 - (((uintptr_t)g->c.ptr + 1) & 3)) & 3;

    x86_nops(&g->c, pad);
    g->tb->jmp_insn_offset[n] = g->c.ptr - g->s->code_buf;
    x86_jmp32(&g->c, g->c.ptr + 5);
    g->tb->jmp_reset_offset[n] = g->c.ptr - g->s->code_buf;
}

void tcg_out_exit_tb(TCGGen *g, uintptr_t val)
{
    if (val == 0) {
        x86_jmp32(&g->c, tcg_code_epilogue_zero);
        return;
    }
    x86_movi(&g->c, X86_RAX, val, false);
    x86_jmp32(&g->c, tcg_code_epilogue);
}

void tcg_out_goto_ptr(TCGGen *g, TCGReg r)
{
    x86_test_rr(&g->c, true, r, r);
    x86_jcc32(&g->c, X86_CC_E, tcg_code_epilogue_zero);
    x86_jmp_reg(&g->c, r);
}

/* ---- Arithmetic --------------------------------------------------------- */

static const X86Cond x86_cond[16] = {
    [TCG_COND_EQ] = X86_CC_E, [TCG_COND_NE] = X86_CC_NE,
    [TCG_COND_LT] = X86_CC_L, [TCG_COND_GE] = X86_CC_GE,
    [TCG_COND_LE] = X86_CC_LE, [TCG_COND_GT] = X86_CC_G,
    [TCG_COND_LTU] = X86_CC_B, [TCG_COND_GEU] = X86_CC_AE,
    [TCG_COND_LEU] = X86_CC_BE, [TCG_COND_GTU] = X86_CC_A,
};

/* Sets the flags for a cond b, unless the previous op left them so. */
static void out_cmp(TCGGen *g, bool w, TCGArg a, TCGArg b, bool b_const)
{
    X86Code *c = &g->c;

    g->flags_kind = FLAGS_CMP;
    if (g->flags_reuse) {
        return;
    }
    if (!b_const) {
        x86_arith_rr(c, X86_CMP, w, a, b);
    } else if (b == 0) {
        /* test gives the same flags as cmp with 0 for every condition */
        x86_test_rr(c, w, a, a);
    } else {
        x86_arith_ri(c, X86_CMP, w, a, b);
    }
}

/*
 * The arithmetic emitters return true when their last instruction was an
 * ALU operation on out, so ZF tells whether the result is zero.
 */

/* out = a op b for a commutative op with an x86 two-operand form. */
static bool out_commutative(X86Code *c, X86Arith op, bool w, TCGArg out, TCGArg a, TCGArg b,
                            bool b_const)
{
    if (b_const) {
        x86_mov_rr(c, w, out, a);
        x86_arith_ri(c, op, w, out, b);
    } else if (out == b) {
        x86_arith_rr(c, op, w, out, a);
    } else {
        x86_mov_rr(c, w, out, a);
        x86_arith_rr(c, op, w, out, b);
    }
    return true;
}

static bool out_add(X86Code *c, bool w, TCGArg out, TCGArg a, TCGArg b, bool b_const)
{
    if (b_const) {
        if (out == a && b) {
            x86_arith_ri(c, X86_ADD, w, out, b);
            return true;
        }
        x86_lea(c, w, out, a, X86_NOREG, 0, (int32_t)b);
    } else if (out == a || out == b) {
        x86_arith_rr(c, X86_ADD, w, out, out == a ? b : a);
        return true;
    } else {
        x86_lea(c, w, out, a, b, 0, 0);
    }
    return false;
}

static bool out_sub(X86Code *c, bool w, TCGArg out, TCGArg a, TCGArg b, bool b_const)
{
    if (b_const) {
        if (out != a && (int32_t)b != INT32_MIN) {
            x86_lea(c, w, out, a, X86_NOREG, 0, -(int32_t)b);
            return false;
        }
        x86_mov_rr(c, w, out, a);
        x86_arith_ri(c, X86_SUB, w, out, b);
    } else if (out == b) {
        if (out == a) {
            x86_arith_rr(c, X86_XOR, w, out, out);
        } else {
            x86_unary(c, X86_NEG, w, out);
            x86_arith_rr(c, X86_ADD, w, out, a);
        }
    } else {
        x86_mov_rr(c, w, out, a);
        x86_arith_rr(c, X86_SUB, w, out, b);
    }
    return true;
}

static void out_mul(X86Code *c, bool w, TCGArg out, TCGArg a, TCGArg b, bool b_const)
{
    if (b_const) {
        x86_imul_ri(c, w, out, a, b);
    } else if (out == b) {
        x86_imul_rr(c, w, out, a);
    } else {
        x86_mov_rr(c, w, out, a);
        x86_imul_rr(c, w, out, b);
    }
}

/* out = a shifted by b (count modulo the width). */
static void out_shift(TCGGen *g, X86Shift op, bool w, TCGArg out, TCGArg a, TCGArg b,
                      bool b_const)
{
    X86Code *c = &g->c;
    unsigned width = w ? 64 : 32;

    if (b_const) {
        unsigned n = b & (width - 1);
        if (n && (op == X86_ROL || op == X86_ROR) && x86_features.bmi2) {
            x86_rorx(c, w, out, a, op == X86_ROR ? n : width - n);
            return;
        }
        x86_mov_rr(c, w, out, a);
        if (n) {
            x86_shift_ri(c, op, w, out, n);
        }
    } else if (b == X86_RCX && (out == a || out != X86_RCX)) {
        x86_mov_rr(c, w, out, a);
        x86_shift_cl(c, op, w, out);
    } else {
        x86_shiftx(c, op, w, out, a, b);
    }
}

/* The low len bits of r kept, the rest cleared. */
static void out_zext_bits(X86Code *c, bool w, TCGReg r, unsigned len)
{
    if (len == 32) {
        x86_movzx(c, X86_S32, r, r);
    } else if (len < 32) {
        x86_arith_ri(c, X86_AND, w, r, (int32_t)((1u << len) - 1));
    } else if (len < 64) {
        x86_shift_ri(c, X86_SHL, w, r, 64 - len);
        x86_shift_ri(c, X86_SHR, w, r, 64 - len);
    }
}

static void out_deposit(TCGGen *g, bool w, TCGArg out, TCGArg a, TCGArg b, unsigned ofs,
                        unsigned len)
{
    X86Code *c = &g->c;
    TCGReg t = g->scratch[0];
    unsigned width = w ? 64 : 32;

    if (len == width) {
        x86_mov_rr(c, w, out, b);
        return;
    }
    x86_mov_rr(c, w, t, b);
    out_zext_bits(c, w, t, len);
    if (ofs) {
        x86_shift_ri(c, X86_SHL, w, t, ofs);
    }
    /* clear the field in a copy of a: rotate it to the bottom, shift it out, rotate back */
    x86_mov_rr(c, w, out, a);
    if (ofs) {
        x86_shift_ri(c, X86_ROR, w, out, ofs);
    }
    x86_shift_ri(c, X86_SHR, w, out, len);
    x86_shift_ri(c, X86_SHL, w, out, len);
    if (ofs) {
        x86_shift_ri(c, X86_ROL, w, out, ofs);
    }
    x86_arith_rr(c, X86_OR, w, out, t);
}

static void out_extract(X86Code *c, bool w, bool sign, TCGArg out, TCGArg a, unsigned ofs,
                        unsigned len)
{
    unsigned width = w ? 64 : 32;

    if (ofs == 0 && len == width) {
        x86_mov_rr(c, w, out, a);
        return;
    }
    if (ofs == 0 && (len == 8 || len == 16 || (len == 32 && w))) {
        X86Size from = len == 8 ? X86_S8 : len == 16 ? X86_S16 : X86_S32;
        if (sign) {
            x86_movsx(c, from, w, out, a);
        } else {
            x86_movzx(c, from, out, a);
        }
        return;
    }
    x86_mov_rr(c, w, out, a);
    if (ofs + len == width) {
        x86_shift_ri(c, sign ? X86_SAR : X86_SHR, w, out, ofs);
    } else if (ofs == 0 && !sign) {
        out_zext_bits(c, w, out, len);
    } else {
        x86_shift_ri(c, X86_SHL, w, out, width - ofs - len);
        x86_shift_ri(c, sign ? X86_SAR : X86_SHR, w, out, width - len);
    }
}

/* ret = a ? count(a) : b, with lzcnt/tzcnt (zero input: CF set, result the width) or
 * the bsr/bsf fallback (zero input: ZF set, result undefined). */
static void out_count_zeros(X86Code *c, bool w, bool leading, TCGArg out, TCGArg a, TCGArg b,
                            bool b_const)
{
    bool modern = leading ? x86_features.lzcnt : x86_features.bmi1;

    if (modern) {
        if (leading) {
            x86_lzcnt(c, w, out, a);
        } else {
            x86_tzcnt(c, w, out, a);
        }
        if (!b_const) {
            x86_cmov(c, X86_CC_B, w, out, b);
        }
        return;
    }
    if (leading) {
        x86_bsr(c, w, out, a);
        x86_arith_ri(c, X86_XOR, w, out, w ? 63 : 31);
        x86_test_rr(c, w, a, a);
    } else {
        x86_bsf(c, w, out, a);
    }
    x86_cmov(c, X86_CC_E, w, out, b);
}

/* Population count without popcnt: the classic SWAR reduction. */
static void out_ctpop_swar(TCGGen *g, bool w, TCGArg out, TCGArg a)
{
    X86Code *c = &g->c;
    TCGReg t = g->scratch[0], m = g->scratch[1];
    uint64_t ones = w ? ~0ull : 0xffffffffull;

    x86_mov_rr(c, w, out, a);
    x86_mov_rr(c, w, t, a);
    x86_shift_ri(c, X86_SHR, w, t, 1);
    x86_movi(c, m, 0x5555555555555555ull & ones, false);
    x86_arith_rr(c, X86_AND, w, t, m);
    x86_arith_rr(c, X86_SUB, w, out, t);
    x86_movi(c, m, 0x3333333333333333ull & ones, false);
    x86_mov_rr(c, w, t, out);
    x86_shift_ri(c, X86_SHR, w, t, 2);
    x86_arith_rr(c, X86_AND, w, out, m);
    x86_arith_rr(c, X86_AND, w, t, m);
    x86_arith_rr(c, X86_ADD, w, out, t);
    x86_mov_rr(c, w, t, out);
    x86_shift_ri(c, X86_SHR, w, t, 4);
    x86_arith_rr(c, X86_ADD, w, out, t);
    x86_movi(c, m, 0x0f0f0f0f0f0f0f0full & ones, false);
    x86_arith_rr(c, X86_AND, w, out, m);
    x86_movi(c, m, 0x0101010101010101ull & ones, false);
    x86_imul_rr(c, w, out, m);
    x86_shift_ri(c, X86_SHR, w, out, w ? 56 : 24);
}

static void out_ld(X86Code *c, TCGOpcode opc, const TCGArg *args)
{
    static const struct { TCGOpcode opc; X86Size size; bool sign; } ld[] = {
        { INDEX_op_ld8u_i32, X86_S8, false }, { INDEX_op_ld8u_i64, X86_S8, false },
        { INDEX_op_ld8s_i32, X86_S8, true }, { INDEX_op_ld8s_i64, X86_S8, true },
        { INDEX_op_ld16u_i32, X86_S16, false }, { INDEX_op_ld16u_i64, X86_S16, false },
        { INDEX_op_ld16s_i32, X86_S16, true }, { INDEX_op_ld16s_i64, X86_S16, true },
        { INDEX_op_ld32u_i64, X86_S32, false }, { INDEX_op_ld32s_i64, X86_S32, true },
        { INDEX_op_ld_i32, X86_S32, false }, { INDEX_op_ld_i64, X86_S64, false },
    };
    bool w = tcg_op_defs[opc].flags & TCG_OPF_64BIT;

    for (unsigned i = 0; i < G_N_ELEMENTS(ld); i++) {
        if (ld[i].opc == opc) {
            x86_load(c, ld[i].size, ld[i].sign, w, args[0], args[1], (intptr_t)args[2]);
            return;
        }
    }
    g_assert_not_reached();
}

static void out_st(X86Code *c, X86Size size, const TCGArg *args, const bool *const_args)
{
    if (const_args[0]) {
        x86_store_imm(c, size, args[0], args[1], (intptr_t)args[2]);
    } else {
        x86_store(c, size, args[0], args[1], (intptr_t)args[2]);
    }
}

/* The _i32/_i64 pair of an op, as one case label pair. */
#define OP2(name) case INDEX_op_##name##_i32: case INDEX_op_##name##_i64

/* dst op= arg, arg a register or (is_const) a 32-bit immediate. */
static void x86_arith_arg(X86Code *c, X86Arith op, bool w, int dst, TCGArg arg, bool is_const)
{
    if (is_const) {
        x86_arith_ri(c, op, w, dst, (int32_t)arg);
    } else {
        x86_arith_rr(c, op, w, dst, arg);
    }
}

/* The x86 shift or rotate each IR shift op becomes. */
#define SHIFT_OP(name, x86) \
    [INDEX_op_##name##_i32] = (x86), [INDEX_op_##name##_i64] = (x86)
static const X86Shift shift_op_of[NB_OPS] = {
    SHIFT_OP(shl, X86_SHL), SHIFT_OP(shr, X86_SHR), SHIFT_OP(sar, X86_SAR),
    SHIFT_OP(rotl, X86_ROL), SHIFT_OP(rotr, X86_ROR),
};

static bool op_is(TCGOpcode opc, TCGOpcode op_i32, TCGOpcode op_i64)
{
    return opc == op_i32 || opc == op_i64;
}

void tcg_out_op(TCGGen *g, TCGOpcode opc, const TCGArg *args, const bool *const_args)
{
    X86Code *c = &g->c;
    bool w = (tcg_op_defs[opc].flags & TCG_OPF_64BIT) != 0;
    unsigned width = w ? 64 : 32;
    TCGArg a0 = args[0], a1 = args[1], a2 = args[2];
    bool c2 = const_args[2];

    switch (opc) {
    case INDEX_op_br:
        out_jmp_label(g, -1, arg_label(a0));
        break;
    OP2(brcond): {
        TCGCond cond = a2;
        if (cond == TCG_COND_ALWAYS) {
            out_jmp_label(g, -1, arg_label(args[3]));
        } else if (cond != TCG_COND_NEVER) {
            out_cmp(g, w, a0, a1, const_args[1]);
            out_jmp_label(g, x86_cond[cond], arg_label(args[3]));
        }
        break;
    }
    OP2(setcond): {
        TCGCond cond = args[3];
        if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
            x86_movi(c, a0, cond == TCG_COND_ALWAYS, false);
            break;
        }
        if (g->flags_reuse) {
            out_cmp(g, w, a1, a2, c2);
            x86_setcc(c, x86_cond[cond], a0);
            x86_movzx(c, X86_S8, a0, a0);
            break;
        }
        /* clearing first (out is no input) saves the movzx */
        x86_arith_rr(c, X86_XOR, false, a0, a0);
        out_cmp(g, w, a1, a2, c2);
        x86_setcc(c, x86_cond[cond], a0);
        break;
    }
    OP2(movcond): {
        TCGCond cond = args[5];
        if (cond == TCG_COND_ALWAYS) {
            x86_mov_rr(c, w, a0, args[3]);
        } else if (cond != TCG_COND_NEVER) {
            out_cmp(g, w, a1, a2, c2);
            x86_cmov(c, x86_cond[cond], w, a0, args[3]);
        }
        break;
    }
    case INDEX_op_goto_ptr:
        tcg_out_goto_ptr(g, a0);
        break;
    case INDEX_op_mb:
        /* x86 is TSO: only a store followed by a load can be reordered */
        if (a0 & TCG_MO_ST_LD) {
            x86_mfence(c);
        }
        break;
    OP2(ld8u): OP2(ld8s): OP2(ld16u): OP2(ld16s): OP2(ld):
    case INDEX_op_ld32u_i64: case INDEX_op_ld32s_i64:
        out_ld(c, opc, args);
        break;
    OP2(st8):
        out_st(c, X86_S8, args, const_args);
        break;
    OP2(st16):
        out_st(c, X86_S16, args, const_args);
        break;
    case INDEX_op_st32_i64: case INDEX_op_st_i32:
        out_st(c, X86_S32, args, const_args);
        break;
    case INDEX_op_st_i64:
        out_st(c, X86_S64, args, const_args);
        break;
    OP2(add):
        g->flags_kind = out_add(c, w, a0, a1, a2, c2) ? FLAGS_RESULT : FLAGS_NONE;
        break;
    OP2(sub):
        g->flags_kind = out_sub(c, w, a0, a1, a2, c2) ? FLAGS_RESULT : FLAGS_NONE;
        break;
    OP2(mul):
        out_mul(c, w, a0, a1, a2, c2);
        break;
    OP2(and):
        if (c2 && (a2 == 0xff || a2 == 0xffff)) {
            x86_movzx(c, a2 == 0xff ? X86_S8 : X86_S16, a0, a1);
        } else {
            g->flags_kind = out_commutative(c, X86_AND, w, a0, a1, a2, c2) ? FLAGS_RESULT
                                                                            : FLAGS_NONE;
        }
        break;
    OP2(or):
        g->flags_kind = out_commutative(c, X86_OR, w, a0, a1, a2, c2) ? FLAGS_RESULT
                                                                       : FLAGS_NONE;
        break;
    OP2(xor):
        g->flags_kind = out_commutative(c, X86_XOR, w, a0, a1, a2, c2) ? FLAGS_RESULT
                                                                        : FLAGS_NONE;
        break;
    OP2(eqv):
        out_commutative(c, X86_XOR, w, a0, a1, a2, c2);
        x86_unary(c, X86_NOT, w, a0);
        break;
    OP2(nand):
        out_commutative(c, X86_AND, w, a0, a1, a2, c2);
        x86_unary(c, X86_NOT, w, a0);
        break;
    OP2(nor):
        out_commutative(c, X86_OR, w, a0, a1, a2, c2);
        x86_unary(c, X86_NOT, w, a0);
        break;
    OP2(andc):
        if (c2) {
            out_commutative(c, X86_AND, w, a0, a1, ~a2, true);
        } else if (x86_features.bmi1) {
            x86_andn(c, w, a0, a2, a1);
        } else {
            x86_mov_rr(c, w, a0, a2);
            x86_unary(c, X86_NOT, w, a0);
            x86_arith_rr(c, X86_AND, w, a0, a1);
        }
        break;
    OP2(orc):
        if (c2) {
            out_commutative(c, X86_OR, w, a0, a1, ~a2, true);
        } else {
            x86_mov_rr(c, w, a0, a2);
            x86_unary(c, X86_NOT, w, a0);
            x86_arith_rr(c, X86_OR, w, a0, a1);
        }
        break;
    OP2(neg):
        x86_mov_rr(c, w, a0, a1);
        x86_unary(c, X86_NEG, w, a0);
        break;
    OP2(not):
        x86_mov_rr(c, w, a0, a1);
        x86_unary(c, X86_NOT, w, a0);
        break;
    /* The constraints put the dividend in rax and take the quotient from
     * rax or the remainder from rdx: one instruction serves both. */
    OP2(div): OP2(rem):
        x86_cdq(c, w);
        x86_unary(c, X86_IDIV, w, a2);
        break;
    OP2(divu): OP2(remu):
        x86_arith_rr(c, X86_XOR, false, X86_RDX, X86_RDX);
        x86_unary(c, X86_DIV, w, a2);
        break;
    OP2(mulu2):
        x86_unary(c, X86_MUL, w, args[3]);
        break;
    OP2(muls2):
        x86_unary(c, X86_IMUL1, w, args[3]);
        break;
    OP2(muluh):
        x86_unary(c, X86_MUL, w, a2);
        break;
    OP2(mulsh):
        x86_unary(c, X86_IMUL1, w, a2);
        break;
    OP2(add2): OP2(sub2): {
        bool add = op_is(opc, INDEX_op_add2_i32, INDEX_op_add2_i64);
        x86_arith_arg(c, add ? X86_ADD : X86_SUB, w, a0, args[4], const_args[4]);
        x86_arith_arg(c, add ? X86_ADC : X86_SBB, w, a1, args[5], const_args[5]);
        break;
    }
    OP2(shl): OP2(shr): OP2(sar): OP2(rotl): OP2(rotr):
        out_shift(g, shift_op_of[opc], w, a0, a1, a2, c2);
        break;
    OP2(deposit):
        out_deposit(g, w, a0, a1, a2, args[3], args[4]);
        break;
    OP2(extract):
        out_extract(c, w, false, a0, a1, a2, args[3]);
        break;
    OP2(sextract):
        out_extract(c, w, true, a0, a1, a2, args[3]);
        break;
    OP2(extract2):
        x86_mov_rr(c, w, a0, a1);
        x86_shxd_ri(c, true, w, a0, a2, args[3]);
        break;
    OP2(ext8s):
        x86_movsx(c, X86_S8, w, a0, a1);
        break;
    OP2(ext16s):
        x86_movsx(c, X86_S16, w, a0, a1);
        break;
    OP2(ext8u):
        x86_movzx(c, X86_S8, a0, a1);
        break;
    OP2(ext16u):
        x86_movzx(c, X86_S16, a0, a1);
        break;
    case INDEX_op_ext32s_i64: case INDEX_op_ext_i32_i64:
        x86_movsx(c, X86_S32, true, a0, a1);
        break;
    case INDEX_op_ext32u_i64: case INDEX_op_extrl_i64_i32:
        x86_movzx(c, X86_S32, a0, a1);
        break;
    case INDEX_op_extu_i32_i64:
        /* I32 values are already zero-extended in their registers */
        x86_mov_rr(c, false, a0, a1);
        break;
    case INDEX_op_extrh_i64_i32:
        x86_mov_rr(c, true, a0, a1);
        x86_shift_ri(c, X86_SHR, true, a0, 32);
        break;
    OP2(bswap16):
        x86_movzx(c, X86_S16, a0, a1);
        x86_rol16_8(c, a0);
        break;
    OP2(bswap32):
        x86_mov_rr(c, false, a0, a1);
        x86_bswap(c, false, a0);
        break;
    case INDEX_op_bswap64_i64:
        x86_mov_rr(c, true, a0, a1);
        x86_bswap(c, true, a0);
        break;
    OP2(clz):
        out_count_zeros(c, w, true, a0, a1, a2, c2);
        break;
    OP2(ctz):
        out_count_zeros(c, w, false, a0, a1, a2, c2);
        break;
    OP2(ctpop):
        if (x86_features.popcnt) {
            x86_popcnt(c, w, a0, a1);
        } else {
            out_ctpop_swar(g, w, a0, a1);
        }
        break;
    OP2(qemu_ld):
        tcg_out_qemu_ld(g, args, w ? TCG_TYPE_I64 : TCG_TYPE_I32,
                        arg_temp(g->op->args[1])->type);
        break;
    OP2(qemu_st):
        tcg_out_qemu_st(g, args, const_args, w ? TCG_TYPE_I64 : TCG_TYPE_I32,
                        arg_temp(g->op->args[1])->type);
        break;
    default:
        g_error("tcg x86_64: no emitter for op %s (%u bits)", tcg_op_defs[opc].name, width);
    }
}
