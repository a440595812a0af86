/*
 * SPARC V8 FPops (V8 B.22-B.26, FPop1 and FPop2): single and double
 * arithmetic, square root, conversions, moves and compares, and the FBfcc
 * condition from FSR.fcc. The MB86904 and SuperSPARC have no quad
 * arithmetic: quad FPops (and unknown opf values) trap as
 * unimplemented_FPop. Rounding, exceptions and the FQ are fop_helper.c's.
 */
#include "target/sparc/translate.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"
#include "tcg/helper-gen.h"

bool gen_check_fpu(DisasContext *dc)
{
    if (!dc->fpu_enabled) {
        gen_exception(dc, TT_FP_DISABLED);
        return true;
    }
    return false;
}

static intptr_t fpr_offset(unsigned reg)
{
    return offsetof(CPUSPARCState, fpr) + reg * sizeof(uint32_t);
}

TCGv_i32 gen_load_fpr_s(unsigned reg)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_ld_i32(t, tcg_env, fpr_offset(reg));
    return t;
}

void gen_store_fpr_s(unsigned reg, TCGv_i32 v)
{
    tcg_gen_st_i32(v, tcg_env, fpr_offset(reg));
}

/* A double is the even register (high word) and the odd one after it. */
TCGv_i64 gen_load_fpr_d(unsigned reg)
{
    TCGv_i64 v = tcg_temp_new_i64();

    reg &= ~1u;
    tcg_gen_concat_i32_i64(v, gen_load_fpr_s(reg + 1), gen_load_fpr_s(reg));
    return v;
}

void gen_store_fpr_d(unsigned reg, TCGv_i64 v)
{
    TCGv_i32 lo = tcg_temp_new_i32();
    TCGv_i32 hi = tcg_temp_new_i32();

    reg &= ~1u;
    tcg_gen_extr_i64_i32(lo, hi, v);
    gen_store_fpr_s(reg, hi);
    gen_store_fpr_s(reg + 1, lo);
}

/* FBfcc: for each cond, the fcc values (0 =, 1 <, 2 >, 3 unordered) that
 * make it true, as a bit mask (V8 table F-8). */
static const uint8_t fcc_true_mask[16] = {
    0x0, 0xe, 0x6, 0xa, 0x2, 0xc, 0x4, 0x8,
    0xf, 0x1, 0x9, 0x5, 0xd, 0x3, 0xb, 0x7,
};

void gen_fcc_cond(TCGv_i32 dst, unsigned cond)
{
    TCGv_i32 fcc = tcg_temp_new_i32();

    tcg_gen_ld_i32(fcc, tcg_env, offsetof(CPUSPARCState, fsr));
    tcg_gen_extract_i32(fcc, fcc, FSR_FCC_SHIFT, 2);
    tcg_gen_shr_i32(dst, tcg_constant_i32(fcc_true_mask[cond]), fcc);
    tcg_gen_andi_i32(dst, dst, 1);
}

typedef enum FPKind {
    FK_NONE,
    FK_S_SS,    /* single = f(single, single) */
    FK_D_DD,
    FK_S_S,     /* from rs2 only */
    FK_D_D,
    FK_D_SS,
    FK_S_D,
    FK_D_S,
    FK_CMP_S,
    FK_CMP_D,
    FK_MOVE,    /* fmovs/fnegs/fabss: sign-bit operations, inline */
} FPKind;

typedef void GenS_SS(TCGv_i32, TCGv_ptr, TCGv_i32, TCGv_i32);
typedef void GenD_DD(TCGv_i64, TCGv_ptr, TCGv_i64, TCGv_i64);
typedef void GenS_S(TCGv_i32, TCGv_ptr, TCGv_i32);
typedef void GenD_D(TCGv_i64, TCGv_ptr, TCGv_i64);
typedef void GenD_SS(TCGv_i64, TCGv_ptr, TCGv_i32, TCGv_i32);
typedef void GenS_D(TCGv_i32, TCGv_ptr, TCGv_i64);
typedef void GenD_S(TCGv_i64, TCGv_ptr, TCGv_i32);
typedef void GenCmpS(TCGv_ptr, TCGv_i32, TCGv_i32);
typedef void GenCmpD(TCGv_ptr, TCGv_i64, TCGv_i64);

typedef struct FPOp {
    uint16_t opf;
    uint8_t kind;
    union {
        GenS_SS *s_ss;
        GenD_DD *d_dd;
        GenS_S *s_s;
        GenD_D *d_d;
        GenD_SS *d_ss;
        GenS_D *s_d;
        GenD_S *d_s;
        GenCmpS *cmp_s;
        GenCmpD *cmp_d;
        uint32_t sign_op;   /* FK_MOVE: 0 move, 1 negate, 2 absolute */
    } u;
} FPOp;

/* FPop1 (op3 0x34) */
static const FPOp fpop1_table[] = {
    { 0x001, FK_MOVE, { .sign_op = 0 } },
    { 0x005, FK_MOVE, { .sign_op = 1 } },
    { 0x009, FK_MOVE, { .sign_op = 2 } },
    { 0x029, FK_S_S, { .s_s = gen_helper_fsqrts } },
    { 0x02a, FK_D_D, { .d_d = gen_helper_fsqrtd } },
    { 0x041, FK_S_SS, { .s_ss = gen_helper_fadds } },
    { 0x042, FK_D_DD, { .d_dd = gen_helper_faddd } },
    { 0x045, FK_S_SS, { .s_ss = gen_helper_fsubs } },
    { 0x046, FK_D_DD, { .d_dd = gen_helper_fsubd } },
    { 0x049, FK_S_SS, { .s_ss = gen_helper_fmuls } },
    { 0x04a, FK_D_DD, { .d_dd = gen_helper_fmuld } },
    { 0x04d, FK_S_SS, { .s_ss = gen_helper_fdivs } },
    { 0x04e, FK_D_DD, { .d_dd = gen_helper_fdivd } },
    { 0x069, FK_D_SS, { .d_ss = gen_helper_fsmuld } },
    { 0x0c4, FK_S_S, { .s_s = gen_helper_fitos } },
    { 0x0c6, FK_S_D, { .s_d = gen_helper_fdtos } },
    { 0x0c8, FK_D_S, { .d_s = gen_helper_fitod } },
    { 0x0c9, FK_D_S, { .d_s = gen_helper_fstod } },
    { 0x0d1, FK_S_S, { .s_s = gen_helper_fstoi } },
    { 0x0d2, FK_S_D, { .s_d = gen_helper_fdtoi } },
};

/* FPop2 (op3 0x35) */
static const FPOp fpop2_table[] = {
    { 0x051, FK_CMP_S, { .cmp_s = gen_helper_fcmps } },
    { 0x052, FK_CMP_D, { .cmp_d = gen_helper_fcmpd } },
    { 0x055, FK_CMP_S, { .cmp_s = gen_helper_fcmpes } },
    { 0x056, FK_CMP_D, { .cmp_d = gen_helper_fcmped } },
};

static const FPOp *fpop_find(const FPOp *table, size_t n, unsigned opf)
{
    for (size_t i = 0; i < n; i++) {
        if (table[i].opf == opf) {
            return &table[i];
        }
    }
    return NULL;
}

/* Which operands are doubles, to check their register numbers are even:
 * bit 0 rd, bit 1 rs1, bit 2 rs2. */
static const uint8_t fk_double_regs[] = {
    [FK_D_DD] = 7, [FK_D_D] = 5, [FK_D_SS] = 1, [FK_S_D] = 4, [FK_D_S] = 1, [FK_CMP_D] = 6,
};

static void gen_fp_move(unsigned rd, unsigned rs2, uint32_t sign_op)
{
    TCGv_i32 v = gen_load_fpr_s(rs2);
    TCGv_i32 fsr = tcg_temp_new_i32();

    if (sign_op == 1) {
        tcg_gen_xori_i32(v, v, 0x80000000u);
    } else if (sign_op == 2) {
        tcg_gen_andi_i32(v, v, 0x7fffffffu);
    }
    gen_store_fpr_s(rd, v);
    /* an FPop without exceptions still clears cexc and ftt */
    tcg_gen_ld_i32(fsr, tcg_env, offsetof(CPUSPARCState, fsr));
    tcg_gen_andi_i32(fsr, fsr, ~(FSR_FTT | FSR_CEXC));
    tcg_gen_st_i32(fsr, tcg_env, offsetof(CPUSPARCState, fsr));
}

void translate_fpop(DisasContext *dc, uint32_t insn)
{
    unsigned opf = INSN_OPF(insn);
    unsigned rd = INSN_RD(insn), rs1 = INSN_RS1(insn), rs2 = INSN_RS2(insn);
    const FPOp *op;
    unsigned dregs;

    if (gen_check_fpu(dc)) {
        return;
    }
    if (INSN_OP3(insn) == 0x34) {
        op = fpop_find(fpop1_table, G_N_ELEMENTS(fpop1_table), opf);
    } else {
        op = fpop_find(fpop2_table, G_N_ELEMENTS(fpop2_table), opf);
    }
    if (!op) {
        gen_helper_fp_trap(tcg_env, tcg_constant_i32(FTT_UNIMPLEMENTED_FPOP));
        dc->base.is_jmp = DISAS_NORETURN;
        return;
    }
    dregs = op->kind < G_N_ELEMENTS(fk_double_regs) ? fk_double_regs[op->kind] : 0;
    if (((dregs & 1) && (rd & 1)) || ((dregs & 2) && (rs1 & 1)) || ((dregs & 4) && (rs2 & 1))) {
        gen_helper_fp_trap(tcg_env, tcg_constant_i32(FTT_INVALID_FP_REGISTER));
        dc->base.is_jmp = DISAS_NORETURN;
        return;
    }

    switch (op->kind) {
    case FK_MOVE:
        gen_fp_move(rd, rs2, op->u.sign_op);
        break;
    case FK_S_SS: {
        TCGv_i32 r = tcg_temp_new_i32();
        op->u.s_ss(r, tcg_env, gen_load_fpr_s(rs1), gen_load_fpr_s(rs2));
        gen_store_fpr_s(rd, r);
        break;
    }
    case FK_D_DD: {
        TCGv_i64 r = tcg_temp_new_i64();
        op->u.d_dd(r, tcg_env, gen_load_fpr_d(rs1), gen_load_fpr_d(rs2));
        gen_store_fpr_d(rd, r);
        break;
    }
    case FK_S_S: {
        TCGv_i32 r = tcg_temp_new_i32();
        op->u.s_s(r, tcg_env, gen_load_fpr_s(rs2));
        gen_store_fpr_s(rd, r);
        break;
    }
    case FK_D_D: {
        TCGv_i64 r = tcg_temp_new_i64();
        op->u.d_d(r, tcg_env, gen_load_fpr_d(rs2));
        gen_store_fpr_d(rd, r);
        break;
    }
    case FK_D_SS: {
        TCGv_i64 r = tcg_temp_new_i64();
        op->u.d_ss(r, tcg_env, gen_load_fpr_s(rs1), gen_load_fpr_s(rs2));
        gen_store_fpr_d(rd, r);
        break;
    }
    case FK_S_D: {
        TCGv_i32 r = tcg_temp_new_i32();
        op->u.s_d(r, tcg_env, gen_load_fpr_d(rs2));
        gen_store_fpr_s(rd, r);
        break;
    }
    case FK_D_S: {
        TCGv_i64 r = tcg_temp_new_i64();
        op->u.d_s(r, tcg_env, gen_load_fpr_s(rs2));
        gen_store_fpr_d(rd, r);
        break;
    }
    case FK_CMP_S:
        op->u.cmp_s(tcg_env, gen_load_fpr_s(rs1), gen_load_fpr_s(rs2));
        break;
    case FK_CMP_D:
        op->u.cmp_d(tcg_env, gen_load_fpr_d(rs1), gen_load_fpr_d(rs2));
        break;
    }
}
