/*
 * The test guest's front end: one function per instruction form, driven by
 * translator_loop. Direct branches use goto_tb (chained by the exec loop),
 * CALL and JR use lookup_and_goto_ptr, loads and stores go through the soft
 * TLB big-endian, and RAISE/HALT/ILLEGAL leave through helpers.
 */
#include <stddef.h>

#include "tcg/translator.h"
#include "tests/unit/testguest/testguest.h"

#define HELPER_H "tests/unit/testguest/helper.h"
#include "tcg/helper-proto.h"
#include "tcg/helper-gen.h"

/* pc already stored: continue through lookup_and_goto_ptr. */
#define DISAS_LOOKUP DISAS_TARGET_0

static TCGv_i32 cpu_R[16];
static TCGv_i32 cpu_pc;

void tg_translate_init(void)
{
    static const char names[16][4] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };
    static bool done;

    if (done) {
        return;
    }
    done = true;
    for (int i = 0; i < 16; i++) {
        cpu_R[i] = tcg_global_mem_new_i32(tcg_env, offsetof(TGEnv, regs[i]), names[i]);
    }
    cpu_pc = tcg_global_mem_new_i32(tcg_env, offsetof(TGEnv, pc), "pc");
}

static void gen_goto_tb(DisasContextBase *db, unsigned n, uint32_t dest)
{
    if (translator_use_goto_tb(db, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i32(cpu_pc, dest);
        tcg_gen_exit_tb(db->tb, n);
    } else {
        tcg_gen_movi_i32(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void gen_raise(DisasContextBase *db, uint32_t pc, int excp)
{
    tcg_gen_movi_i32(cpu_pc, pc);
    gen_helper_tg_raise(tcg_env, tcg_constant_i32(excp));
    db->is_jmp = DISAS_NORETURN;
}

static void gen_mem(unsigned op, unsigned rd, unsigned ra, int16_t imm)
{
    static const MemOp memops[] = {
        [TG_LD] = MO_BEUL, [TG_ST] = MO_BEUL, [TG_LDB] = MO_UB, [TG_STB] = MO_UB,
        [TG_LDSH] = MO_BESW, [TG_LDLE] = MO_LEUL, [TG_LDA] = MO_BEUL | MO_ALIGN,
    };
    TCGv_i32 addr = tcg_temp_new_i32();

    tcg_gen_addi_i32(addr, cpu_R[ra], imm);
    if (op == TG_ST || op == TG_STB) {
        tcg_gen_qemu_st_i32(cpu_R[rd], addr, 0, memops[op]);
    } else {
        tcg_gen_qemu_ld_i32(cpu_R[rd], addr, 0, memops[op]);
    }
    tcg_temp_free_i32(addr);
}

static void tg_tr_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
}

static void tg_tr_tb_start(DisasContextBase *db, CPUState *cpu)
{
}

static void tg_tr_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0, 0);
}

static void tg_tr_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    uint32_t pc = db->pc_next;
    uint32_t insn = translator_ldl(cpu, db, pc, true);
    unsigned op = insn >> 24, rd = (insn >> 20) & 15, ra = (insn >> 16) & 15, rb = insn & 15;
    int16_t imm = insn & 0xffff;
    uint32_t next = pc + 4, target = next + 4 * (int32_t)imm;
    TCGLabel *taken;

    db->pc_next = next;
    switch (op) {
    case TG_MOVI:
        tcg_gen_movi_i32(cpu_R[rd], imm);
        break;
    case TG_LUI:
        tcg_gen_movi_i32(cpu_R[rd], (uint32_t)(uint16_t)imm << 16);
        break;
    case TG_ORI:
        tcg_gen_ori_i32(cpu_R[rd], cpu_R[ra], (uint16_t)imm);
        break;
    case TG_ADD:
        tcg_gen_add_i32(cpu_R[rd], cpu_R[ra], cpu_R[rb]);
        break;
    case TG_SUB:
        tcg_gen_sub_i32(cpu_R[rd], cpu_R[ra], cpu_R[rb]);
        break;
    case TG_ADDI:
        tcg_gen_addi_i32(cpu_R[rd], cpu_R[ra], imm);
        break;
    case TG_MUL:
        tcg_gen_mul_i32(cpu_R[rd], cpu_R[ra], cpu_R[rb]);
        break;
    case TG_LD: case TG_ST: case TG_LDB: case TG_STB: case TG_LDSH: case TG_LDLE: case TG_LDA:
        gen_mem(op, rd, ra, imm);
        break;
    case TG_BEQ:
    case TG_BNE:
        taken = gen_new_label();
        tcg_gen_brcond_i32(op == TG_BEQ ? TCG_COND_EQ : TCG_COND_NE, cpu_R[rd], cpu_R[ra], taken);
        gen_goto_tb(db, 0, next);
        gen_set_label(taken);
        gen_goto_tb(db, 1, target);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TG_JMP:
        gen_goto_tb(db, 0, target);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TG_CALL:
        tcg_gen_mov_i32(cpu_pc, cpu_R[ra]);
        tcg_gen_movi_i32(cpu_R[15], next);
        db->is_jmp = DISAS_LOOKUP;
        break;
    case TG_JR:
        tcg_gen_mov_i32(cpu_pc, cpu_R[ra]);
        db->is_jmp = DISAS_LOOKUP;
        break;
    case TG_RAISE:
        gen_raise(db, pc, TG_EXCP_RAISE + (uint16_t)imm);
        break;
    case TG_HALT:
        tcg_gen_movi_i32(cpu_pc, next);
        gen_helper_tg_halt(tcg_env);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TG_OUT:
        tcg_gen_qemu_st_i32(cpu_R[rd], tcg_constant_i32(TG_OUT_ADDR), 0, MO_BEUL);
        break;
    default:
        gen_raise(db, pc, TG_EXCP_ILLEGAL);
        break;
    }
}

static void tg_tr_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    switch (db->is_jmp) {
    case DISAS_TOO_MANY:
        gen_goto_tb(db, 0, db->pc_next);
        break;
    case DISAS_LOOKUP:
        tcg_gen_lookup_and_goto_ptr();
        break;
    default:
        break;
    }
}

static const TranslatorOps tg_tr_ops = {
    .init_disas_context = tg_tr_init_disas_context,
    .tb_start = tg_tr_tb_start,
    .insn_start = tg_tr_insn_start,
    .translate_insn = tg_tr_translate_insn,
    .tb_stop = tg_tr_tb_stop,
};

void tg_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContextBase db;
    translator_loop(cpu, tb, max_insns, &tg_tr_ops, &db);
}
