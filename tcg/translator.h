/*
 * The generic translation loop every front end plugs into.
 *
 * translator_loop() calls the target's hooks around each guest
 * instruction: it emits insn_start, stops at the instruction limit, at the
 * end of a guest page, for single-stepping and breakpoints, and when the
 * front end sets is_jmp; then it asks the front end to close the block.
 * Instruction fetches go through translator_ld*, which read guest code via
 * the soft TLB (raising the target's fetch fault on the first instruction)
 * and mark the page as holding code for self-modifying-code detection.
 */
#ifndef TCG_TRANSLATOR_H
#define TCG_TRANSLATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "softmmu/cpu.h"
#include "tcg/tb.h"
#include "tcg/tcg-op.h"

typedef enum DisasJumpType {
    DISAS_NEXT,       /* go on with the next instruction */
    DISAS_TOO_MANY,   /* the loop stopped: limit, page end, single step */
    DISAS_NORETURN,   /* the block has ended itself (exit_tb, goto_tb, exception) */
    DISAS_TARGET_0,   /* target-defined from here */
    DISAS_TARGET_1,
    DISAS_TARGET_2,
    DISAS_TARGET_3,
    DISAS_TARGET_4,
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    uint64_t pc_first;      /* guest pc of the first instruction */
    uint64_t pc_next;       /* guest pc of the next instruction to translate */
    DisasJumpType is_jmp;
    int num_insns;
    int max_insns;
    bool singlestep_enabled;  /* gdbstub stepping: one instruction, then exit */
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUState *cpu);
    void (*tb_start)(DisasContextBase *db, CPUState *cpu);
    /* emit tcg_gen_insn_start for db->pc_next */
    void (*insn_start)(DisasContextBase *db, CPUState *cpu);
    /* translate one instruction and advance db->pc_next */
    void (*translate_insn)(DisasContextBase *db, CPUState *cpu);
    /* close the block according to db->is_jmp */
    void (*tb_stop)(DisasContextBase *db, CPUState *cpu);
} TranslatorOps;

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db);

/* True when a direct jump to dest may be chained (same guest page, no stepping). */
bool translator_use_goto_tb(const DisasContextBase *db, uint64_t dest);

/* Instruction fetch, in the given byte order. */
uint8_t translator_ldub(CPUState *cpu, DisasContextBase *db, uint64_t pc);
uint16_t translator_lduw(CPUState *cpu, DisasContextBase *db, uint64_t pc, bool big_endian);
uint32_t translator_ldl(CPUState *cpu, DisasContextBase *db, uint64_t pc, bool big_endian);
uint64_t translator_ldq(CPUState *cpu, DisasContextBase *db, uint64_t pc, bool big_endian);

#endif
