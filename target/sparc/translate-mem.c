/*
 * SPARC V8 loads and stores (V8 B.1-B.10): every width, LDD/STD register
 * pairs, LDSTUB and SWAP, the alternate-space forms, and the FPU and
 * coprocessor loads and stores. Accesses through the current MMU index
 * are inline soft-TLB ops with the big-endian and alignment bits in their
 * MemOp; other ASIs go to helper_ld_asi/helper_st_asi (ldst_helper.c).
 */
#include "target/sparc/translate.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"
#include "tcg/helper-gen.h"

typedef enum MemKind {
    MK_NONE,
    MK_LD,
    MK_ST,
    MK_LDD,
    MK_STD,
    MK_LDSTUB,
    MK_SWAP,
} MemKind;

/* Integer loads and stores by op3 & 0xf (op3 | 0x10: the ASI form) */
static const struct {
    MemKind kind;
    MemOp mop;
} int_mem_ops[16] = {
    [0x0] = { MK_LD, MO_BEUL }, [0x1] = { MK_LD, MO_UB },   [0x2] = { MK_LD, MO_BEUW },
    [0x3] = { MK_LDD, MO_BEUQ }, [0x4] = { MK_ST, MO_BEUL }, [0x5] = { MK_ST, MO_UB },
    [0x6] = { MK_ST, MO_BEUW }, [0x7] = { MK_STD, MO_BEUQ }, [0x9] = { MK_LD, MO_SB },
    [0xa] = { MK_LD, MO_BESW }, [0xd] = { MK_LDSTUB, MO_UB }, [0xf] = { MK_SWAP, MO_BEUL },
};

enum { ASI_MMU_FLUSH_PROBE = 0x03, ASI_MMU_REGS = 0x04, ASI_BYPASS = 0x20 };

/* The MMU index an ASI maps to inline, or -1 for the helper. The data ASIs
 * 0x0a/0x0b are plain accesses; loads from the instruction ASIs 0x08/0x09
 * take the fetch path (boot mode's PROM), in ldst_helper.c. ASI 0x20 is
 * the MMU bypass to physical space 0 (RAM), where the virtual address is
 * the physical one: the firmware clears and copies memory through it, so
 * it goes through the soft TLB rather than a helper per access. The other
 * bypass ASIs name physical bits 35:32 and stay in the helper. */
static int asi_inline_idx(DisasContext *dc, unsigned asi)
{
    if (asi == ASI_BYPASS) {
        return SPARC_MMU_PHYS_IDX;
    }
    if (asi != 0x0a && asi != 0x0b) {
        return -1;
    }
    if (dc->mem_idx == SPARC_MMU_PHYS_IDX) {
        return SPARC_MMU_PHYS_IDX;
    }
    return (asi & 1) ? SPARC_MMU_KERNEL_IDX : SPARC_MMU_USER_IDX;
}

static void gen_store_pair(DisasContext *dc, unsigned rd, TCGv_i64 v)
{
    TCGv_i32 lo = tcg_temp_new_i32();
    TCGv_i32 hi = tcg_temp_new_i32();

    tcg_gen_extr_i64_i32(lo, hi, v);
    gen_store_gpr(dc, rd, hi);
    gen_store_gpr(dc, rd + 1, lo);
}

static TCGv_i64 gen_load_pair(DisasContext *dc, unsigned rd)
{
    TCGv_i64 v = tcg_temp_new_i64();

    tcg_gen_concat_i32_i64(v, gen_load_gpr(dc, rd + 1), gen_load_gpr(dc, rd));
    return v;
}

static void gen_int_mem_inline(DisasContext *dc, MemKind kind, MemOp mop, unsigned rd,
                               TCGv_i32 addr, int idx)
{
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 t64;

    mop |= MO_ALIGN;
    switch (kind) {
    case MK_LD:
        tcg_gen_qemu_ld_i32(t, addr, idx, mop);
        gen_store_gpr(dc, rd, t);
        break;
    case MK_ST:
        tcg_gen_qemu_st_i32(gen_load_gpr(dc, rd), addr, idx, mop);
        break;
    case MK_LDD:
        t64 = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i64(t64, addr, idx, mop);
        gen_store_pair(dc, rd, t64);
        break;
    case MK_STD:
        tcg_gen_qemu_st_i64(gen_load_pair(dc, rd), addr, idx, mop);
        break;
    case MK_LDSTUB:
        tcg_gen_atomic_xchg_i32(t, addr, tcg_constant_i32(0xff), idx, mop);
        gen_store_gpr(dc, rd, t);
        break;
    case MK_SWAP:
        tcg_gen_atomic_xchg_i32(t, addr, gen_load_gpr(dc, rd), idx, mop);
        gen_store_gpr(dc, rd, t);
        break;
    case MK_NONE:
        break;
    }
}

static void gen_int_mem_asi(DisasContext *dc, MemKind kind, MemOp mop, unsigned rd,
                            TCGv_i32 addr, unsigned asi)
{
    TCGv_i32 tasi = tcg_constant_i32(asi);
    TCGv_i32 top = tcg_constant_i32(mop & (MO_SIZE | MO_SIGN));
    TCGv_i64 v = tcg_temp_new_i64();
    TCGv_i32 t = tcg_temp_new_i32();

    switch (kind) {
    case MK_LD:
        gen_helper_ld_asi(v, tcg_env, addr, tasi, top);
        tcg_gen_extrl_i64_i32(t, v);
        gen_store_gpr(dc, rd, t);
        break;
    case MK_ST:
        tcg_gen_extu_i32_i64(v, gen_load_gpr(dc, rd));
        gen_helper_st_asi(tcg_env, addr, v, tasi, top);
        break;
    case MK_LDD:
        gen_helper_ld_asi(v, tcg_env, addr, tasi, top);
        gen_store_pair(dc, rd, v);
        break;
    case MK_STD:
        gen_helper_st_asi(tcg_env, addr, gen_load_pair(dc, rd), tasi, top);
        break;
    case MK_LDSTUB:
    case MK_SWAP: {
        TCGv_i64 newv = tcg_temp_new_i64();

        if (kind == MK_SWAP) {
            tcg_gen_extu_i32_i64(newv, gen_load_gpr(dc, rd));
        } else {
            tcg_gen_movi_i64(newv, 0xff);
        }
        gen_helper_ld_asi(v, tcg_env, addr, tasi, top);
        gen_helper_st_asi(tcg_env, addr, newv, tasi, top);
        tcg_gen_extrl_i64_i32(t, v);
        gen_store_gpr(dc, rd, t);
        break;
    }
    case MK_NONE:
        break;
    }
    /* MMU state changes take effect from the next instruction */
    if (kind != MK_LD && kind != MK_LDD && (asi == ASI_MMU_FLUSH_PROBE || asi == ASI_MMU_REGS)) {
        dc->base.is_jmp = DISAS_EXIT;
    }
}

/* LDF, LDFSR, LDDF, STF, STFSR, STDFQ, STDF (op3 0x20-0x27) */
static void gen_fp_mem(DisasContext *dc, uint32_t insn, unsigned op3)
{
    unsigned rd = INSN_RD(insn);
    TCGv_i32 addr;
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 t64 = tcg_temp_new_i64();

    if (op3 == 0x22) {
        gen_exception(dc, TT_ILLEGAL_INSTRUCTION);
        return;
    }
    if (op3 == 0x26 && gen_check_supervisor(dc)) {
        return;
    }
    if (gen_check_fpu(dc)) {
        return;
    }
    addr = gen_address(dc, insn);
    switch (op3) {
    case 0x20:
        tcg_gen_qemu_ld_i32(t, addr, dc->mem_idx, MO_BEUL | MO_ALIGN);
        gen_store_fpr_s(rd, t);
        break;
    case 0x21:
        tcg_gen_qemu_ld_i32(t, addr, dc->mem_idx, MO_BEUL | MO_ALIGN);
        gen_helper_set_fsr(tcg_env, t);
        break;
    case 0x23:
        tcg_gen_qemu_ld_i64(t64, addr, dc->mem_idx, MO_BEUQ | MO_ALIGN);
        gen_store_fpr_d(rd, t64);
        break;
    case 0x24:
        tcg_gen_qemu_st_i32(gen_load_fpr_s(rd), addr, dc->mem_idx, MO_BEUL | MO_ALIGN);
        break;
    case 0x25:
        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUSPARCState, fsr));
        tcg_gen_qemu_st_i32(t, addr, dc->mem_idx, MO_BEUL | MO_ALIGN);
        break;
    case 0x26:
        gen_helper_stdfq_take(t64, tcg_env);
        tcg_gen_qemu_st_i64(t64, addr, dc->mem_idx, MO_BEUQ | MO_ALIGN);
        break;
    default:
        tcg_gen_qemu_st_i64(gen_load_fpr_d(rd), addr, dc->mem_idx, MO_BEUQ | MO_ALIGN);
        break;
    }
}

void translate_mem(DisasContext *dc, uint32_t insn)
{
    unsigned op3 = INSN_OP3(insn);
    unsigned rd = INSN_RD(insn);
    MemKind kind = int_mem_ops[op3 & 0xf].kind;
    MemOp mop = int_mem_ops[op3 & 0xf].mop;
    int idx = dc->mem_idx;
    TCGv_i32 addr;

    if (op3 >= 0x30) {          /* coprocessor loads/stores: no coprocessor */
        gen_exception(dc, TT_CP_DISABLED);
        return;
    }
    if (op3 >= 0x20) {
        gen_fp_mem(dc, insn, op3);
        return;
    }
    if (op3 & 0x10) {
        if (gen_check_supervisor(dc)) {
            return;
        }
        if (INSN_I(insn)) {     /* V8 has no immediate-ASI register form */
            gen_exception(dc, TT_ILLEGAL_INSTRUCTION);
            return;
        }
        idx = asi_inline_idx(dc, INSN_ASI(insn));
    }
    if (kind == MK_NONE || ((kind == MK_LDD || kind == MK_STD) && (rd & 1))) {
        gen_exception(dc, TT_ILLEGAL_INSTRUCTION);
        return;
    }
    addr = gen_address(dc, insn);
    if (idx >= 0) {
        gen_int_mem_inline(dc, kind, mop, rd, addr, idx);
    } else {
        gen_int_mem_asi(dc, kind, mop, rd, addr, INSN_ASI(insn));
    }
}
