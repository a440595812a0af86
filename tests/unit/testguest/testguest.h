/*
 * The test guest: a tiny synthetic CPU that exists only to exercise the
 * exec side (tcg/exec.c, tb-maint.c, softmmu/cputlb.c) from unit tests and
 * the benchmark. It follows the rules a real target follows: its env sits
 * right after its CPUState, its front end is built on translator_loop and
 * the tcg-op.h API, and it plugs in through TCGCPUOps.
 *
 * The ISA: 32-bit big-endian words, sixteen 32-bit registers (r0 is an
 * ordinary register that programs leave at 0), pc-relative branches in
 * words. Format: op[31:24] rd[23:20] ra[19:16] imm[15:0]; the register
 * operand rb of three-register forms is imm[3:0].
 *
 * The MMU maps virtual to physical one to one, except for up to four
 * remapped pages and a fault window where every access (fetch or data)
 * raises TG_EXCP_PAGE_FAULT; the test changes these between runs.
 */
#ifndef TESTGUEST_H
#define TESTGUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "softmmu/cpu.h"
#include "tcg/exec.h"

enum {
    TG_ILLEGAL = 0x00,  /* raises TG_EXCP_ILLEGAL (so zeroed memory traps) */
    TG_MOVI = 0x01,     /* rd = sext(imm) */
    TG_LUI = 0x02,      /* rd = imm << 16 */
    TG_ORI = 0x03,      /* rd = ra | imm */
    TG_ADD = 0x04,      /* rd = ra + rb */
    TG_SUB = 0x05,      /* rd = ra - rb */
    TG_ADDI = 0x06,     /* rd = ra + sext(imm) */
    TG_MUL = 0x07,      /* rd = ra * rb */
    TG_LD = 0x08,       /* rd = be32[ra + sext(imm)] */
    TG_ST = 0x09,       /* be32[ra + sext(imm)] = rd */
    TG_LDB = 0x0a,      /* rd = u8[...] */
    TG_STB = 0x0b,      /* u8[...] = rd */
    TG_LDSH = 0x0c,     /* rd = sext(be16[...]) */
    TG_LDLE = 0x0d,     /* rd = le32[...] */
    TG_BEQ = 0x0e,      /* if rd == ra: pc = pc + 4 + 4 * sext(imm) */
    TG_BNE = 0x0f,
    TG_JMP = 0x10,      /* pc = pc + 4 + 4 * sext(imm) */
    TG_CALL = 0x11,     /* r15 = pc + 4; pc = ra (indirect: goto_ptr) */
    TG_JR = 0x12,       /* pc = ra (JR r15 returns) */
    TG_RAISE = 0x13,    /* raise TG_EXCP_RAISE + imm */
    TG_HALT = 0x14,     /* stop; the exec loop returns CPU_EXIT_HALTED */
    TG_OUT = 0x15,      /* be32[TG_OUT_ADDR] = rd: the test device's port */
    TG_LDA = 0x16,      /* like LD with MO_ALIGN: misaligned traps */
};

enum {
    TG_EXCP_ILLEGAL = 1,
    TG_EXCP_PAGE_FAULT = 2,
    TG_EXCP_UNALIGNED = 3,
    TG_EXCP_BUS = 4,
    TG_EXCP_DEBUG = 99,
    TG_EXCP_RAISE = 100,
};

#define TG_OUT_ADDR 0xf0000000u

typedef struct TGEnv {
    uint32_t regs[16];
    uint32_t pc;
    uint32_t pad;
} TGEnv;

typedef TGEnv CPUArchState;

typedef struct TGRemap {
    bool on;
    uint32_t vpage, ppage;
} TGRemap;

typedef struct TGCPU {
    CPUState cs;
    TGEnv env;              /* must follow cs directly (env_cpu) */
    /* The MMU, set by the test; generated code never reads these. */
    uint32_t fault_lo, fault_hi;   /* [lo, hi) faults */
    TGRemap remap[4];
    /* Exception delivery: jump to trap_vector with r14 = pc, or halt if 0. */
    uint32_t trap_vector;
    /* CPU_INTERRUPT_HARD: jump to irq_vector with r14 = pc (0: masked). */
    uint32_t irq_vector;
    unsigned irq_count;
    int last_excp;
    uint32_t excp_pc;
    uint32_t fault_addr;
    unsigned excp_count;
    unsigned bus_errors;
} TGCPU;

extern const TCGCPUOps tg_tcg_ops;

/* Creates a CPU on address space as (registers zero, pc 0). */
TGCPU *tg_cpu_new(AddressSpace *as);
void tg_cpu_reset(TGCPU *t);
/* Runs until the CPU halts or n exec calls return; the last exit reason. */
CPUExitReason tg_cpu_run(TGCPU *t, int n);

/* The front end (translate.c). */
void tg_translate_init(void);
void tg_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns);

/* ---- Assembling ------------------------------------------------------------ */

static inline uint32_t tg_insn(unsigned op, unsigned rd, unsigned ra, uint32_t imm)
{
    return (op << 24) | ((rd & 15) << 20) | ((ra & 15) << 16) | (imm & 0xffff);
}
static inline uint32_t tg_rrr(unsigned op, unsigned rd, unsigned ra, unsigned rb)
{
    return tg_insn(op, rd, ra, rb & 15);
}
/* A branch at `at` to `to` (byte addresses). */
static inline uint32_t tg_branch(unsigned op, unsigned rd, unsigned ra, uint32_t at, uint32_t to)
{
    return tg_insn(op, rd, ra, (uint32_t)((int32_t)(to - (at + 4)) / 4));
}

#endif
