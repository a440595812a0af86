/*
 * Shared by the SPARC translator's files (translate*.c): the per-block
 * context, the TCG globals mapped onto CPUSPARCState, and the small
 * emitters every instruction class uses. Not included outside target/sparc.
 */
#ifndef TARGET_SPARC_TRANSLATE_H
#define TARGET_SPARC_TRANSLATE_H

#include "target/sparc/cpu.h"
#include "tcg/translator.h"

/* DisasContext.npc markers (pc values are word aligned) */
#define DYNAMIC_PC SPARC_DYNAMIC_PC   /* npc is in cpu_npc */
#define JUMP_PC SPARC_JUMP_PC         /* npc = cpu_cond ? jump_pc[0] : jump_pc[1] */

/* A target-defined block end: state changed, return to the exec loop. */
#define DISAS_EXIT DISAS_TARGET_0

typedef struct DisasContext {
    DisasContextBase base;
    uint32_t pc;                /* of the instruction being translated */
    uint32_t npc;               /* its npc, or DYNAMIC_PC / JUMP_PC */
    uint32_t jump_pc[2];        /* taken / not taken, when npc is JUMP_PC */
    int mem_idx;
    bool supervisor;
    bool fpu_enabled;
} DisasContext;

extern TCGv_i32 cpu_pc, cpu_npc, cpu_y, cpu_cond;
extern TCGv_i32 cpu_cc_N, cpu_cc_Z, cpu_cc_V, cpu_cc_C;
extern TCGv_i32 cpu_gregs[8];
extern TCGv_ptr cpu_regwptr;

/* Instruction fields (V8 5.1) */
static inline uint32_t insn_field(uint32_t insn, unsigned lo, unsigned len)
{
    return (insn >> lo) & ((1u << len) - 1);
}
static inline int32_t insn_sfield(uint32_t insn, unsigned lo, unsigned len)
{
    return (int32_t)(insn << (32 - lo - len)) >> (32 - len);
}
#define INSN_RD(insn) insn_field(insn, 25, 5)
#define INSN_OP3(insn) insn_field(insn, 19, 6)
#define INSN_RS1(insn) insn_field(insn, 14, 5)
#define INSN_I(insn) insn_field(insn, 13, 1)
#define INSN_ASI(insn) insn_field(insn, 5, 8)
#define INSN_RS2(insn) insn_field(insn, 0, 5)
#define INSN_SIMM13(insn) insn_sfield(insn, 0, 13)
#define INSN_OPF(insn) insn_field(insn, 5, 9)

/* translate.c */
TCGv_i32 gen_load_gpr(DisasContext *dc, unsigned reg);
void gen_store_gpr(DisasContext *dc, unsigned reg, TCGv_i32 v);
/* rs2 or simm13, per the i bit */
TCGv_i32 gen_load_src2(DisasContext *dc, uint32_t insn);
/* rs1 + (rs2 or simm13): the effective address of memory and jump forms */
TCGv_i32 gen_address(DisasContext *dc, uint32_t insn);
/* Raises trap tt at this instruction; ends the block. */
void gen_exception(DisasContext *dc, int tt);
/* Moves to the next instruction (pc = npc, npc += 4). */
void gen_advance_pc(DisasContext *dc);
/* Moves to the next instruction and returns to the exec loop. */
void gen_advance_and_exit(DisasContext *dc);
/* privileged_instruction unless in supervisor mode; true when it trapped */
bool gen_check_supervisor(DisasContext *dc);

/* translate-alu.c: op = 2 arithmetic, logic, shifts, multiply/divide, tagged */
bool translate_alu(DisasContext *dc, uint32_t insn);
void gen_cc_logic(TCGv_i32 res);
void gen_sethi(DisasContext *dc, uint32_t insn);

/* translate-mem.c: op = 3 loads and stores */
void translate_mem(DisasContext *dc, uint32_t insn);

/* translate-fpu.c: FPop1/FPop2, FP condition evaluation */
void translate_fpop(DisasContext *dc, uint32_t insn);
/* fp_disabled unless PSR.EF; true when it trapped */
bool gen_check_fpu(DisasContext *dc);
TCGv_i32 gen_load_fpr_s(unsigned reg);
void gen_store_fpr_s(unsigned reg, TCGv_i32 v);
TCGv_i64 gen_load_fpr_d(unsigned reg);
void gen_store_fpr_d(unsigned reg, TCGv_i64 v);
void gen_fcc_cond(TCGv_i32 dst, unsigned cond);

#endif
