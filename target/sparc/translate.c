/*
 * The SPARC V8 translator: the per-block loop, delayed control transfers
 * (Bicc, FBfcc, CALL, JMPL, RETT with their delay slots and annul bits),
 * Ticc, SAVE/RESTORE, the state registers (Y, PSR, WIM, TBR, ASRs) and the
 * decode of the top-level formats (V8 5.1 and appendix F). Arithmetic,
 * memory and FPU instructions are in translate-alu.c, translate-mem.c and
 * translate-fpu.c.
 *
 * pc and npc are tracked at translation time while they are known. A
 * conditional branch without annul leaves npc as JUMP_PC (cpu_cond picks
 * between jump_pc[0] and jump_pc[1]) until its delay slot is done; after a
 * JMPL or RETT npc is DYNAMIC_PC (in cpu_npc). insn_start records both, so
 * a trap in any instruction restores the exact pc and npc.
 */
#include "target/sparc/translate.h"
#include "tcg/exec.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"
#include "tcg/helper-gen.h"

TCGv_i32 cpu_pc, cpu_npc, cpu_y, cpu_cond;
TCGv_i32 cpu_cc_N, cpu_cc_Z, cpu_cc_V, cpu_cc_C;
TCGv_i32 cpu_gregs[8];
TCGv_ptr cpu_regwptr;
/* %o0-%i7 as globals based on regwptr: they stay in host registers within a
 * block, and only SAVE, RESTORE, RETT, WRPSR and traps move the window, all
 * helpers that flush every global first. */
static TCGv_i32 cpu_wregs[24];

void sparc_tcg_init(void)
{
    static const struct {
        TCGv_i32 *var;
        size_t ofs;
        const char *name;
    } globals[] = {
        { &cpu_pc, offsetof(CPUSPARCState, pc), "pc" },
        { &cpu_npc, offsetof(CPUSPARCState, npc), "npc" },
        { &cpu_y, offsetof(CPUSPARCState, y), "y" },
        { &cpu_cond, offsetof(CPUSPARCState, cond), "cond" },
        { &cpu_cc_N, offsetof(CPUSPARCState, cc_N), "cc_N" },
        { &cpu_cc_Z, offsetof(CPUSPARCState, cc_Z), "cc_Z" },
        { &cpu_cc_V, offsetof(CPUSPARCState, cc_V), "cc_V" },
        { &cpu_cc_C, offsetof(CPUSPARCState, cc_C), "cc_C" },
    };
    static const char gnames[8][4] = { "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7" };
    static const char wnames[24][4] = {
        "o0", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "l0", "l1", "l2", "l3",
        "l4", "l5", "l6", "l7", "i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(globals); i++) {
        *globals[i].var = tcg_global_mem_new_i32(tcg_env, globals[i].ofs, globals[i].name);
    }
    for (int i = 1; i < 8; i++) {
        cpu_gregs[i] = tcg_global_mem_new_i32(
            tcg_env, offsetof(CPUSPARCState, gregs) + i * sizeof(uint32_t), gnames[i]);
    }
    cpu_regwptr = tcg_global_mem_new_ptr(tcg_env, offsetof(CPUSPARCState, regwptr), "regwptr");
    for (int i = 0; i < 24; i++) {
        cpu_wregs[i] = tcg_global_mem_new_i32(cpu_regwptr, i * sizeof(uint32_t), wnames[i]);
    }
}

/* Registers: %g0 reads as zero; %g1-%g7 are globals; the windowed ones are
 * globals in the window regwptr points to (outs at 0, locals at 8, ins at 16). */
TCGv_i32 gen_load_gpr(DisasContext *dc, unsigned reg)
{
    if (reg == 0) {
        return tcg_constant_i32(0);
    }
    return reg < 8 ? cpu_gregs[reg] : cpu_wregs[reg - 8];
}

void gen_store_gpr(DisasContext *dc, unsigned reg, TCGv_i32 v)
{
    if (reg != 0) {
        tcg_gen_mov_i32(reg < 8 ? cpu_gregs[reg] : cpu_wregs[reg - 8], v);
    }
}

TCGv_i32 gen_load_src2(DisasContext *dc, uint32_t insn)
{
    if (INSN_I(insn)) {
        return tcg_constant_i32(INSN_SIMM13(insn));
    }
    return gen_load_gpr(dc, INSN_RS2(insn));
}

TCGv_i32 gen_address(DisasContext *dc, uint32_t insn)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_add_i32(t, gen_load_gpr(dc, INSN_RS1(insn)), gen_load_src2(dc, insn));
    return t;
}

void gen_exception(DisasContext *dc, int tt)
{
    gen_helper_raise_exception(tcg_env, tcg_constant_i32(tt));
    dc->base.is_jmp = DISAS_NORETURN;
}

bool gen_check_supervisor(DisasContext *dc)
{
    if (!dc->supervisor) {
        gen_exception(dc, TT_PRIVILEGED_INSTRUCTION);
        return true;
    }
    return false;
}

/* Makes a pending JUMP_PC npc concrete in cpu_npc. */
static void gen_flush_npc(DisasContext *dc)
{
    if (dc->npc == JUMP_PC) {
        tcg_gen_movcond_i32(TCG_COND_NE, cpu_npc, cpu_cond, tcg_constant_i32(0),
                            tcg_constant_i32(dc->jump_pc[0]), tcg_constant_i32(dc->jump_pc[1]));
        dc->npc = DYNAMIC_PC;
    }
}

static void gen_goto_tb(DisasContext *dc, unsigned n, uint32_t pc, uint32_t npc)
{
    if (translator_use_goto_tb(&dc->base, pc) && translator_use_goto_tb(&dc->base, npc)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i32(cpu_pc, pc);
        tcg_gen_movi_i32(cpu_npc, npc);
        tcg_gen_exit_tb(dc->base.tb, n);
    } else {
        tcg_gen_movi_i32(cpu_pc, pc);
        tcg_gen_movi_i32(cpu_npc, npc);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void gen_end_dynamic(DisasContext *dc)
{
    tcg_gen_lookup_and_goto_ptr();
    dc->base.is_jmp = DISAS_NORETURN;
}

void gen_advance_pc(DisasContext *dc)
{
    if (dc->npc == JUMP_PC) {
        TCGLabel *not_taken = gen_new_label();

        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_cond, 0, not_taken);
        gen_goto_tb(dc, 0, dc->jump_pc[0], dc->jump_pc[0] + 4);
        gen_set_label(not_taken);
        gen_goto_tb(dc, 1, dc->jump_pc[1], dc->jump_pc[1] + 4);
        dc->base.is_jmp = DISAS_NORETURN;
    } else if (dc->npc == DYNAMIC_PC) {
        tcg_gen_mov_i32(cpu_pc, cpu_npc);
        tcg_gen_addi_i32(cpu_npc, cpu_npc, 4);
        gen_end_dynamic(dc);
    } else {
        dc->pc = dc->npc;
        dc->npc += 4;
    }
}

void gen_advance_and_exit(DisasContext *dc)
{
    gen_flush_npc(dc);
    if (dc->npc == DYNAMIC_PC) {
        tcg_gen_mov_i32(cpu_pc, cpu_npc);
        tcg_gen_addi_i32(cpu_npc, cpu_npc, 4);
    } else {
        tcg_gen_movi_i32(cpu_pc, dc->npc);
        tcg_gen_movi_i32(cpu_npc, dc->npc + 4);
    }
    tcg_gen_exit_tb(NULL, 0);
    dc->base.is_jmp = DISAS_NORETURN;
}

/* pc = npc, npc = dest: a delayed transfer to a known address */
static void gen_delayed_branch(DisasContext *dc, uint32_t dest)
{
    gen_flush_npc(dc);
    if (dc->npc == DYNAMIC_PC) {
        tcg_gen_mov_i32(cpu_pc, cpu_npc);
        tcg_gen_movi_i32(cpu_npc, dest);
        gen_end_dynamic(dc);
    } else {
        dc->pc = dc->npc;
        dc->npc = dest;
    }
}

/* pc = npc, npc = dest computed at run time (JMPL) */
static void gen_delayed_branch_dyn(DisasContext *dc, TCGv_i32 dest)
{
    gen_flush_npc(dc);
    if (dc->npc == DYNAMIC_PC) {
        tcg_gen_mov_i32(cpu_pc, cpu_npc);
        tcg_gen_mov_i32(cpu_npc, dest);
        gen_end_dynamic(dc);
    } else {
        tcg_gen_mov_i32(cpu_npc, dest);
        dc->pc = dc->npc;
        dc->npc = DYNAMIC_PC;
    }
}

/* An annulled delay slot: pc = npc + 4, npc = npc + 8 */
static void gen_skip_delay_slot(DisasContext *dc)
{
    gen_flush_npc(dc);
    if (dc->npc == DYNAMIC_PC) {
        tcg_gen_addi_i32(cpu_pc, cpu_npc, 4);
        tcg_gen_addi_i32(cpu_npc, cpu_npc, 8);
        gen_end_dynamic(dc);
    } else {
        dc->pc = dc->npc + 4;
        dc->npc += 8;
    }
}

/* icc conditions (V8 table F-7); cond & 8 negates cond & 7. */
static void gen_icc_cond(TCGv_i32 dst, unsigned cond)
{
    TCGv_i32 t = tcg_temp_new_i32();

    switch (cond & 7) {
    case 0:     /* never */
        tcg_gen_movi_i32(dst, 0);
        break;
    case 1:     /* e: Z */
        tcg_gen_setcondi_i32(TCG_COND_EQ, dst, cpu_cc_Z, 0);
        break;
    case 2:     /* le: Z or (N xor V) */
        tcg_gen_xor_i32(t, cpu_cc_N, cpu_cc_V);
        tcg_gen_shri_i32(t, t, 31);
        tcg_gen_setcondi_i32(TCG_COND_EQ, dst, cpu_cc_Z, 0);
        tcg_gen_or_i32(dst, dst, t);
        break;
    case 3:     /* l: N xor V */
        tcg_gen_xor_i32(dst, cpu_cc_N, cpu_cc_V);
        tcg_gen_shri_i32(dst, dst, 31);
        break;
    case 4:     /* leu: C or Z */
        tcg_gen_setcondi_i32(TCG_COND_EQ, t, cpu_cc_Z, 0);
        tcg_gen_or_i32(dst, cpu_cc_C, t);
        break;
    case 5:     /* cs: C */
        tcg_gen_mov_i32(dst, cpu_cc_C);
        break;
    case 6:     /* neg: N */
        tcg_gen_shri_i32(dst, cpu_cc_N, 31);
        break;
    case 7:     /* vs: V */
        tcg_gen_shri_i32(dst, cpu_cc_V, 31);
        break;
    }
    if (cond & 8) {
        tcg_gen_xori_i32(dst, dst, 1);
    }
}

/* Bicc and FBfcc (V8 B.21, B.22) */
static void gen_cond_branch(DisasContext *dc, uint32_t insn, bool fp)
{
    unsigned cond = insn_field(insn, 25, 4);
    bool annul = insn_field(insn, 29, 1);
    uint32_t target = dc->pc + ((uint32_t)insn_sfield(insn, 0, 22) << 2);

    if ((cond & 7) == 0) {
        if (cond == 8) {            /* always: annul skips the delay slot */
            if (annul) {
                dc->pc = target;
                dc->npc = target + 4;
            } else {
                gen_delayed_branch(dc, target);
            }
        } else if (annul) {         /* never */
            gen_skip_delay_slot(dc);
        } else {
            gen_advance_pc(dc);
        }
        return;
    }

    gen_flush_npc(dc);
    if (fp) {
        gen_fcc_cond(cpu_cond, cond);
    } else {
        gen_icc_cond(cpu_cond, cond);
    }
    if (dc->npc == DYNAMIC_PC) {
        /* in a delay slot of a JMPL: resolve at run time */
        TCGv_i32 next = tcg_temp_new_i32();
        TCGv_i32 zero = tcg_constant_i32(0);

        tcg_gen_addi_i32(next, cpu_npc, 4);
        if (annul) {
            TCGv_i32 skip = tcg_temp_new_i32();
            tcg_gen_addi_i32(skip, cpu_npc, 8);
            tcg_gen_movcond_i32(TCG_COND_NE, cpu_pc, cpu_cond, zero, cpu_npc, next);
            tcg_gen_movcond_i32(TCG_COND_NE, cpu_npc, cpu_cond, zero,
                                tcg_constant_i32(target), skip);
        } else {
            tcg_gen_mov_i32(cpu_pc, cpu_npc);
            tcg_gen_movcond_i32(TCG_COND_NE, cpu_npc, cpu_cond, zero,
                                tcg_constant_i32(target), next);
        }
        gen_end_dynamic(dc);
    } else if (annul) {
        /* taken: run the delay slot, then target; else skip it */
        TCGLabel *not_taken = gen_new_label();

        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_cond, 0, not_taken);
        gen_goto_tb(dc, 0, dc->npc, target);
        gen_set_label(not_taken);
        gen_goto_tb(dc, 1, dc->npc + 4, dc->npc + 8);
        dc->base.is_jmp = DISAS_NORETURN;
    } else {
        dc->pc = dc->npc;
        dc->jump_pc[0] = target;
        dc->jump_pc[1] = dc->npc + 4;
        dc->npc = JUMP_PC;
    }
}

/* Ticc (V8 B.27): trap 128 + ((rs1 + rs2 or imm7) mod 128) when cond */
static void gen_ticc(DisasContext *dc, uint32_t insn)
{
    unsigned cond = insn_field(insn, 25, 4);
    TCGv_i32 tn = tcg_temp_new_i32();
    TCGv_i32 rs1 = gen_load_gpr(dc, INSN_RS1(insn));

    if (cond == 0) {
        gen_advance_pc(dc);
        return;
    }
    if (INSN_I(insn)) {
        tcg_gen_addi_i32(tn, rs1, insn & 0x7f);
    } else {
        tcg_gen_add_i32(tn, rs1, gen_load_gpr(dc, INSN_RS2(insn)));
    }
    if (cond == 8) {
        tcg_gen_andi_i32(tn, tn, 0x7f);
        tcg_gen_addi_i32(tn, tn, TT_TRAP_INSTRUCTION);
        gen_helper_raise_exception(tcg_env, tn);
        dc->base.is_jmp = DISAS_NORETURN;
        return;
    }
    {
        /* not cpu_cond: that may still hold a pending branch's outcome */
        TCGv_i32 c = tcg_temp_new_i32();
        gen_icc_cond(c, cond);
        gen_helper_trap_if(tcg_env, c, tn);
    }
    gen_advance_pc(dc);
}

static void gen_jmpl(DisasContext *dc, uint32_t insn)
{
    TCGv_i32 target = gen_address(dc, insn);

    gen_helper_check_align(tcg_env, target, tcg_constant_i32(3));
    gen_store_gpr(dc, INSN_RD(insn), tcg_constant_i32(dc->pc));
    gen_delayed_branch_dyn(dc, target);
}

/* RETT: pc = npc, npc = target; the mode changes, so back to the loop. */
static void gen_rett(DisasContext *dc, uint32_t insn)
{
    TCGv_i32 target = gen_address(dc, insn);

    gen_helper_rett(tcg_env, target);
    gen_flush_npc(dc);
    if (dc->npc == DYNAMIC_PC) {
        tcg_gen_mov_i32(cpu_pc, cpu_npc);
    } else {
        tcg_gen_movi_i32(cpu_pc, dc->npc);
    }
    tcg_gen_mov_i32(cpu_npc, target);
    tcg_gen_exit_tb(NULL, 0);
    dc->base.is_jmp = DISAS_NORETURN;
}

/* SAVE/RESTORE: the sum uses the old window, rd is in the new one. */
static void gen_save_restore(DisasContext *dc, uint32_t insn, bool save)
{
    TCGv_i32 sum = gen_address(dc, insn);

    if (save) {
        gen_helper_save(tcg_env);
    } else {
        gen_helper_restore(tcg_env);
    }
    gen_store_gpr(dc, INSN_RD(insn), sum);
}

/* RDY/RDASR, RDPSR, RDWIM, RDTBR (V8 B.28); the microSPARC-II reads Y for
 * every ASR number, and rs1 = 15, rd = 0 is STBAR. */
static void gen_rdsr(DisasContext *dc, uint32_t insn, unsigned op3)
{
    TCGv_i32 t;

    if (op3 == 0x28) {
        gen_store_gpr(dc, INSN_RD(insn), cpu_y);
        return;
    }
    if (gen_check_supervisor(dc)) {
        return;
    }
    t = tcg_temp_new_i32();
    switch (op3) {
    case 0x29:
        gen_helper_rdpsr(t, tcg_env);
        break;
    case 0x2a:
        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUSPARCState, wim));
        break;
    default:
        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUSPARCState, tbr));
        break;
    }
    gen_store_gpr(dc, INSN_RD(insn), t);
}

/* WRY/WRASR, WRPSR, WRWIM, WRTBR: the value written is rs1 xor operand2 */
static void gen_wrsr(DisasContext *dc, uint32_t insn, unsigned op3)
{
    TCGv_i32 v = tcg_temp_new_i32();
    TCGv_i32 t;

    if (op3 != 0x30 && gen_check_supervisor(dc)) {
        return;
    }
    tcg_gen_xor_i32(v, gen_load_gpr(dc, INSN_RS1(insn)), gen_load_src2(dc, insn));
    switch (op3) {
    case 0x30:
        tcg_gen_mov_i32(cpu_y, v);
        break;
    case 0x31:
        gen_helper_wrpsr(tcg_env, v);
        dc->base.is_jmp = DISAS_EXIT;   /* S, ET, PIL or EF may have changed */
        break;
    case 0x32:
        tcg_gen_andi_i32(v, v, (1u << SPARC_NWINDOWS) - 1);
        tcg_gen_st_i32(v, tcg_env, offsetof(CPUSPARCState, wim));
        break;
    default:
        t = tcg_temp_new_i32();
        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUSPARCState, tbr));
        tcg_gen_andi_i32(t, t, ~TBR_TBA);
        tcg_gen_andi_i32(v, v, TBR_TBA);
        tcg_gen_or_i32(t, t, v);
        tcg_gen_st_i32(t, tcg_env, offsetof(CPUSPARCState, tbr));
        break;
    }
}

/* op = 2 control and state-register instructions; false if not one */
static bool translate_control(DisasContext *dc, uint32_t insn)
{
    unsigned op3 = INSN_OP3(insn);

    switch (op3) {
    case 0x28 ... 0x2b:
        gen_rdsr(dc, insn, op3);
        return true;
    case 0x30 ... 0x33:
        gen_wrsr(dc, insn, op3);
        return true;
    case 0x34:
    case 0x35:
        translate_fpop(dc, insn);
        return true;
    case 0x36:
    case 0x37:      /* CPop1/CPop2: no coprocessor (PSR.EC = 0) */
        gen_exception(dc, TT_CP_DISABLED);
        return true;
    case 0x3b:      /* FLUSH: self-modifying code is caught by the soft TLB */
        return true;
    case 0x3c:
    case 0x3d:
        gen_save_restore(dc, insn, op3 == 0x3c);
        return true;
    default:
        return translate_alu(dc, insn);
    }
}

static void disas_sparc_insn(DisasContext *dc, uint32_t insn)
{
    switch (insn >> 30) {
    case 0:
        switch (insn_field(insn, 22, 3)) {
        case 2:
            gen_cond_branch(dc, insn, false);
            return;
        case 4:
            gen_sethi(dc, insn);
            break;
        case 6:
            if (gen_check_fpu(dc)) {
                return;
            }
            gen_cond_branch(dc, insn, true);
            return;
        case 7:
            gen_exception(dc, TT_CP_DISABLED);
            return;
        default:    /* UNIMP and the V9 formats */
            gen_exception(dc, TT_ILLEGAL_INSTRUCTION);
            return;
        }
        break;
    case 1:         /* CALL */
        gen_store_gpr(dc, 15, tcg_constant_i32(dc->pc));
        gen_delayed_branch(dc, dc->pc + (insn << 2));
        return;
    case 2:
        switch (INSN_OP3(insn)) {
        case 0x38:
            gen_jmpl(dc, insn);
            return;
        case 0x39:
            gen_rett(dc, insn);
            return;
        case 0x3a:
            gen_ticc(dc, insn);
            return;
        }
        if (!translate_control(dc, insn)) {
            gen_exception(dc, TT_ILLEGAL_INSTRUCTION);
            return;
        }
        break;
    case 3:
        translate_mem(dc, insn);
        break;
    }
    if (dc->base.is_jmp == DISAS_NEXT) {
        gen_advance_pc(dc);
    } else if (dc->base.is_jmp == DISAS_EXIT) {
        gen_advance_and_exit(dc);
    }
}

static void sparc_tr_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = (DisasContext *)db;
    uint32_t flags = db->tb->flags;

    dc->pc = (uint32_t)db->pc_first;
    dc->npc = (uint32_t)db->tb->cs_base;
    dc->mem_idx = flags & TB_FLAG_MMU_IDX_MASK;
    dc->supervisor = flags & TB_FLAG_SUPER;
    dc->fpu_enabled = flags & TB_FLAG_FPU_ENABLED;
}

static void sparc_tr_tb_start(DisasContextBase *db, CPUState *cs)
{
}

static void sparc_tr_insn_start(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = (DisasContext *)db;
    uint32_t npc = dc->npc;

    if (npc == JUMP_PC) {
        npc = dc->jump_pc[0] | JUMP_PC;
    }
    tcg_gen_insn_start(dc->pc, npc, 0);
}

static void sparc_tr_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = (DisasContext *)db;
    uint32_t pc = dc->pc;
    uint32_t insn = translator_ldl(cs, db, pc, true);

    disas_sparc_insn(dc, insn);
    /* the block covers this instruction (for self-modifying code) */
    db->pc_next = pc + 4;
    /* a taken transfer ends the block; chaining continues from there */
    if (db->is_jmp == DISAS_NEXT && dc->pc != pc + 4) {
        db->is_jmp = DISAS_TOO_MANY;
    }
}

static void sparc_tr_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = (DisasContext *)db;

    if (db->is_jmp == DISAS_NORETURN) {
        return;
    }
    if (dc->npc != DYNAMIC_PC && dc->npc != JUMP_PC) {
        gen_goto_tb(dc, 0, dc->pc, dc->npc);
        return;
    }
    gen_flush_npc(dc);
    tcg_gen_movi_i32(cpu_pc, dc->pc);
    tcg_gen_lookup_and_goto_ptr();
}

static const TranslatorOps sparc_tr_ops = {
    .init_disas_context = sparc_tr_init_disas_context,
    .tb_start = sparc_tr_tb_start,
    .insn_start = sparc_tr_insn_start,
    .translate_insn = sparc_tr_translate_insn,
    .tb_stop = sparc_tr_tb_stop,
};

void sparc_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext dc = { 0 };

    translator_loop(cs, tb, max_insns, &sparc_tr_ops, &dc.base);
}

void sparc_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb, const uint64_t *data)
{
    CPUSPARCState *env = sparc_env(cs);
    uint32_t npc = (uint32_t)data[1];

    env->pc = (uint32_t)data[0];
    if (npc == DYNAMIC_PC) {
        return;     /* cpu_npc is current in env */
    }
    if (npc & JUMP_PC) {
        env->npc = env->cond ? (npc & ~3u) : env->pc + 4;
    } else {
        env->npc = npc;
    }
}
