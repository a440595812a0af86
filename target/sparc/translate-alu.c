/*
 * SPARC V8 arithmetic, logic and shift instructions (V8 B.11-B.20): with
 * and without icc, tagged add/subtract with and without trap on overflow,
 * MULScc, UMUL/SMUL and UDIV/SDIV with the Y register, and SETHI.
 *
 * icc is kept lazily in four globals: N is bit 31 of cc_N, Z is
 * (cc_Z == 0), V is bit 31 of cc_V, C is cc_C. A cc instruction costs a
 * few inline ops and no helper call.
 */
#include "target/sparc/translate.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"
#include "tcg/helper-gen.h"

void gen_cc_logic(TCGv_i32 res)
{
    tcg_gen_mov_i32(cpu_cc_N, res);
    tcg_gen_mov_i32(cpu_cc_Z, res);
    tcg_gen_movi_i32(cpu_cc_V, 0);
    tcg_gen_movi_i32(cpu_cc_C, 0);
}

/* N, Z and V of res = a + b (carry set by the caller) */
static void gen_cc_add_nzv(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_xor_i32(cpu_cc_V, res, a);
    tcg_gen_xor_i32(t, res, b);
    tcg_gen_and_i32(cpu_cc_V, cpu_cc_V, t);
    tcg_gen_mov_i32(cpu_cc_N, res);
    tcg_gen_mov_i32(cpu_cc_Z, res);
}

/* N, Z and V of res = a - b */
static void gen_cc_sub_nzv(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_xor_i32(cpu_cc_V, a, b);
    tcg_gen_xor_i32(t, a, res);
    tcg_gen_and_i32(cpu_cc_V, cpu_cc_V, t);
    tcg_gen_mov_i32(cpu_cc_N, res);
    tcg_gen_mov_i32(cpu_cc_Z, res);
}

/* res must not alias a or b (the flags read them after res is set) */
static void gen_add(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b, bool with_carry, bool cc)
{
    TCGv_i32 zero = tcg_constant_i32(0);

    if (!cc) {
        tcg_gen_add_i32(res, a, b);
        if (with_carry) {
            tcg_gen_add_i32(res, res, cpu_cc_C);
        }
        return;
    }
    if (with_carry) {
        TCGv_i32 carry = tcg_temp_new_i32();
        tcg_gen_add2_i32(res, carry, a, zero, cpu_cc_C, zero);
        tcg_gen_add2_i32(res, carry, res, carry, b, zero);
        gen_cc_add_nzv(res, a, b);
        tcg_gen_mov_i32(cpu_cc_C, carry);
    } else {
        tcg_gen_add_i32(res, a, b);
        gen_cc_add_nzv(res, a, b);
        tcg_gen_setcond_i32(TCG_COND_LTU, cpu_cc_C, res, a);
    }
}

static void gen_sub(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b, bool with_carry, bool cc)
{
    TCGv_i32 zero = tcg_constant_i32(0);

    if (!cc) {
        tcg_gen_sub_i32(res, a, b);
        if (with_carry) {
            tcg_gen_sub_i32(res, res, cpu_cc_C);
        }
        return;
    }
    if (with_carry) {
        TCGv_i32 borrow = tcg_temp_new_i32();
        tcg_gen_sub2_i32(res, borrow, a, zero, b, zero);
        tcg_gen_sub2_i32(res, borrow, res, borrow, cpu_cc_C, zero);
        gen_cc_sub_nzv(res, a, b);
        tcg_gen_andi_i32(cpu_cc_C, borrow, 1);
    } else {
        tcg_gen_sub_i32(res, a, b);
        gen_cc_sub_nzv(res, a, b);
        tcg_gen_setcond_i32(TCG_COND_LTU, cpu_cc_C, a, b);
    }
}

/* UMUL/SMUL: the 64-bit product's high word goes to Y (V8 B.18) */
static void gen_mul(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b, bool is_signed, bool cc)
{
    TCGv_i32 hi = tcg_temp_new_i32();

    if (is_signed) {
        tcg_gen_muls2_i32(res, hi, a, b);
    } else {
        tcg_gen_mulu2_i32(res, hi, a, b);
    }
    tcg_gen_mov_i32(cpu_y, hi);
    if (cc) {
        gen_cc_logic(res);
    }
}

/* UDIV/SDIV: the helper returns the quotient and, in bit 32, overflow */
static void gen_div(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b, bool is_signed, bool cc)
{
    TCGv_i64 r = tcg_temp_new_i64();

    if (is_signed) {
        gen_helper_sdiv(r, tcg_env, a, b);
    } else {
        gen_helper_udiv(r, tcg_env, a, b);
    }
    tcg_gen_extrl_i64_i32(res, r);
    if (cc) {
        tcg_gen_mov_i32(cpu_cc_N, res);
        tcg_gen_mov_i32(cpu_cc_Z, res);
        tcg_gen_extrh_i64_i32(cpu_cc_V, r);
        tcg_gen_shli_i32(cpu_cc_V, cpu_cc_V, 31);
        tcg_gen_movi_i32(cpu_cc_C, 0);
    }
}

/* Tagged add/subtract (V8 B.16, B.17): V also set when either operand has
 * nonzero tag bits 1:0; the TV forms trap instead, leaving rd and icc. */
static void gen_tagged(DisasContext *dc, TCGv_i32 res, TCGv_i32 a, TCGv_i32 b, bool sub,
                       bool trap)
{
    TCGv_i32 tag = tcg_temp_new_i32();
    TCGv_i32 v = tcg_temp_new_i32();
    TCGv_i32 c = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_or_i32(tag, a, b);
    tcg_gen_andi_i32(tag, tag, 3);
    tcg_gen_setcondi_i32(TCG_COND_NE, tag, tag, 0);
    tcg_gen_shli_i32(tag, tag, 31);
    if (sub) {
        tcg_gen_sub_i32(res, a, b);
        tcg_gen_xor_i32(v, a, b);
        tcg_gen_xor_i32(t, a, res);
        tcg_gen_setcond_i32(TCG_COND_LTU, c, a, b);
    } else {
        tcg_gen_add_i32(res, a, b);
        tcg_gen_xor_i32(v, res, a);
        tcg_gen_xor_i32(t, res, b);
        tcg_gen_setcond_i32(TCG_COND_LTU, c, res, a);
    }
    tcg_gen_and_i32(v, v, t);
    tcg_gen_or_i32(v, v, tag);
    if (trap) {
        gen_helper_check_tag_overflow(tcg_env, v);
    }
    tcg_gen_mov_i32(cpu_cc_N, res);
    tcg_gen_mov_i32(cpu_cc_Z, res);
    tcg_gen_mov_i32(cpu_cc_V, v);
    tcg_gen_mov_i32(cpu_cc_C, c);
}

/* MULScc (V8 B.17): one step of a shift-and-add multiply */
static void gen_mulscc(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 op1 = tcg_temp_new_i32();
    TCGv_i32 op2 = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32();

    /* operand 2 counts only when Y's low bit is set */
    tcg_gen_andi_i32(t, cpu_y, 1);
    tcg_gen_neg_i32(t, t);
    tcg_gen_and_i32(op2, b, t);
    /* Y = (rs1 << 31) | (Y >> 1) */
    tcg_gen_shli_i32(t, a, 31);
    tcg_gen_shri_i32(cpu_y, cpu_y, 1);
    tcg_gen_or_i32(cpu_y, cpu_y, t);
    /* operand 1 = (N xor V) : rs1 >> 1 */
    tcg_gen_xor_i32(t, cpu_cc_N, cpu_cc_V);
    tcg_gen_andi_i32(t, t, 0x80000000u);
    tcg_gen_shri_i32(op1, a, 1);
    tcg_gen_or_i32(op1, op1, t);
    gen_add(res, op1, op2, false, true);
}

static void gen_shift(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b, unsigned op3)
{
    TCGv_i32 cnt = tcg_temp_new_i32();

    tcg_gen_andi_i32(cnt, b, 31);
    switch (op3) {
    case 0x25:
        tcg_gen_shl_i32(res, a, cnt);
        break;
    case 0x26:
        tcg_gen_shr_i32(res, a, cnt);
        break;
    default:
        tcg_gen_sar_i32(res, a, cnt);
        break;
    }
}

typedef void GenLogic(TCGv_i32, TCGv_i32, TCGv_i32);

/* op3 & 0xf for the logic group; cc forms are op3 | 0x10 */
static GenLogic *const logic_ops[16] = {
    [0x1] = tcg_gen_and_i32, [0x2] = tcg_gen_or_i32, [0x3] = tcg_gen_xor_i32,
    [0x5] = tcg_gen_andc_i32, [0x6] = tcg_gen_orc_i32, [0x7] = tcg_gen_eqv_i32,
};

bool translate_alu(DisasContext *dc, uint32_t insn)
{
    unsigned op3 = INSN_OP3(insn);
    bool cc = op3 & 0x10;
    TCGv_i32 a = gen_load_gpr(dc, INSN_RS1(insn));
    TCGv_i32 b = gen_load_src2(dc, insn);
    TCGv_i32 res = tcg_temp_new_i32();

    if (op3 < 0x20) {
        unsigned base = op3 & 0xf;

        if (logic_ops[base]) {
            logic_ops[base](res, a, b);
            if (cc) {
                gen_cc_logic(res);
            }
        } else {
            switch (base) {
            case 0x0:
            case 0x8:
                gen_add(res, a, b, base == 0x8, cc);
                break;
            case 0x4:
            case 0xc:
                gen_sub(res, a, b, base == 0xc, cc);
                break;
            case 0xa:
            case 0xb:
                gen_mul(res, a, b, base == 0xb, cc);
                break;
            case 0xe:
            case 0xf:
                gen_div(res, a, b, base == 0xf, cc);
                break;
            default:
                return false;
            }
        }
    } else {
        switch (op3) {
        case 0x20 ... 0x23:
            gen_tagged(dc, res, a, b, op3 & 1, op3 & 2);
            break;
        case 0x24:
            gen_mulscc(res, a, b);
            break;
        case 0x25 ... 0x27:
            gen_shift(res, a, b, op3);
            break;
        default:
            return false;
        }
    }
    gen_store_gpr(dc, INSN_RD(insn), res);
    return true;
}

void gen_sethi(DisasContext *dc, uint32_t insn)
{
    gen_store_gpr(dc, INSN_RD(insn), tcg_constant_i32(insn << 10));
}
