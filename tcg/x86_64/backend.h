/*
 * The contract between the host-independent code generator (tcg/codegen.c,
 * tcg/regalloc.c) and the x86-64 emitter (emit.c, slowpath.c, prologue.c):
 * the host's registers and calling convention, per-op operand constraints,
 * and the emit calls the register allocator makes. Another host would
 * provide this same interface.
 */
#ifndef TCG_X86_64_BACKEND_H
#define TCG_X86_64_BACKEND_H

#include "tcg/tcg.h"
#include "tcg/x86_64/asm.h"

#define TCG_TARGET_NB_REGS 16
#define TCG_REG_CALL_STACK X86_RSP
#define TCG_REG_CALL_RET X86_RAX
#define TCG_TARGET_NB_CALL_IARGS 6

/* Registers the allocator never hands out: the stack and env. */
#define TCG_TARGET_RESERVED ((1u << X86_RSP) | (1u << X86_RBP))
/* System V: clobbered by a call. */
#define TCG_TARGET_CALL_CLOBBER                                                        \
    ((1u << X86_RAX) | (1u << X86_RCX) | (1u << X86_RDX) | (1u << X86_RSI) |           \
     (1u << X86_RDI) | (1u << X86_R8) | (1u << X86_R9) | (1u << X86_R10) | (1u << X86_R11))
#define TCG_TARGET_ALL_REGS (0xffffu & ~TCG_TARGET_RESERVED)

extern const TCGReg tcg_target_alloc_order[TCG_TARGET_NB_REGS - 2];
extern const TCGReg tcg_target_call_iarg_regs[TCG_TARGET_NB_CALL_IARGS];

/*
 * The stack frame the prologue reserves below the saved registers: a save
 * area the slow paths use for live call-clobbered registers (one slot per
 * host register), then the spill slots of temporaries. The size keeps rsp
 * 16-byte aligned at calls after the prologue's six pushes.
 */
#define TCG_FRAME_SAVE_AREA 0
#define TCG_FRAME_TEMPS (8 * TCG_TARGET_NB_REGS)
#define TCG_FRAME_NB_SLOTS TCG_MAX_TEMPS
#define TCG_FRAME_SIZE (TCG_FRAME_TEMPS + 8 * TCG_FRAME_NB_SLOTS + 8)

/* Constants an input accepts in place of a register (TCGArgConstraint.ct). */
#define TCG_CT_CONST_S32 0x1u   /* sign-extended 32-bit immediate */
#define TCG_CT_CONST_U32 0x2u   /* zero-extended 32-bit immediate */
#define TCG_CT_CONST_WSZ 0x4u   /* exactly the operation's width (clz/ctz default) */
#define TCG_CT_CONST_ANY 0x8u

typedef struct TCGArgConstraint {
    TCGRegSet regs;     /* registers allowed; 0: any allocatable one */
    int8_t alias;       /* output: must share the register of input args[alias]; -1 none */
    bool newreg;        /* output: must not share a register with any input */
    uint8_t ct;         /* input: TCG_CT_CONST_* accepted */
} TCGArgConstraint;

typedef struct TCGOpConstraint {
    TCGArgConstraint args[TCG_MAX_OP_ARGS];  /* outputs then inputs, as in TCGOp.args */
    uint8_t nb_scratch;                      /* free registers the emitter may use */
    TCGRegSet clobber;                       /* registers the emitted code destroys */
} TCGOpConstraint;

typedef enum TCGFlagsKind {
    FLAGS_NONE,
    FLAGS_CMP,      /* from comparing two temps */
    FLAGS_RESULT,   /* ZF from an ALU op's result (EQ/NE against 0 only) */
} TCGFlagsKind;

/* A guest memory access whose TLB miss path is emitted after the TB body. */
typedef struct TCGSlowPath {
    struct TCGSlowPath *next;
    bool is_ld;
    TCGType type;
    MemOpIdx oi;
    TCGReg data;        /* loaded or stored value */
    TCGReg addr;
    TCGRegSet save;     /* live registers the helper call would destroy */
    uint8_t *jmp_disp;  /* the fast path's jne to patch */
    uint8_t *ret_addr;  /* where the fast path continues */
} TCGSlowPath;

/* The state of generating one TB. */
typedef struct TCGGen {
    TCGContext *s;
    TranslationBlock *tb;
    X86Code c;
    uint8_t *code_end;          /* emission past this abandons the TB */
    TCGOp *op;                  /* the op being emitted */
    TCGRegSet i_locked;         /* registers holding the current op's inputs */
    TCGReg scratch[2];          /* the current op's scratch registers */
    TCGSlowPath *slow_paths;
    TCGTemp **tb_temps;         /* the TB-lifetime temps (block ends sync them) */
    unsigned nb_tb_temps;
    TCGSearchEntry *insns;
    unsigned nb_insns;
    /*
     * Flag reuse between adjacent ops: what the host flags hold after the
     * previous op (the emitter says which kind, the allocator which temps),
     * and whether the current op's compare can use them as they are. While
     * flags are live, the allocator's constant loads must not touch them.
     */
    TCGFlagsKind flags_kind;
    TCGTemp *flags_a, *flags_b;  /* FLAGS_CMP: a cmp b; FLAGS_RESULT: a's value */
    bool flags_w;                /* the flags are of a 64-bit operation */
    bool flags_reuse;
    bool keep_flags;
} TCGGen;

/* Per-op constraints (emit.c); built once for the host's features. */
const TCGOpConstraint *tcg_target_op_constraint(TCGOpcode opc);
void tcg_target_init(void);
/* Uses only the features in f (tests of the fallback sequences). */
void tcg_target_set_features(const X86Features *f);

/* Moves the allocator needs (emit.c). */
void tcg_out_mov(TCGGen *g, TCGType type, TCGReg dst, TCGReg src);
void tcg_out_movi(TCGGen *g, TCGType type, TCGReg dst, int64_t val);
void tcg_out_ld(TCGGen *g, TCGType type, TCGReg dst, TCGReg base, intptr_t ofs);
void tcg_out_st(TCGGen *g, TCGType type, TCGReg src, TCGReg base, intptr_t ofs);
/* dst = src's low 32 bits, zero- or sign-extended to 64 (emitted even when dst == src). */
void tcg_out_ext32(TCGGen *g, bool sign, TCGReg dst, TCGReg src);
/* Stores a constant if the host can do it without a register. */
bool tcg_out_sti(TCGGen *g, TCGType type, int64_t val, TCGReg base, intptr_t ofs);

/* Emits one op whose operands are allocated: args[] holds registers or,
 * where const_args[i], constant values; constant args follow as in TCGOp. */
void tcg_out_op(TCGGen *g, TCGOpcode opc, const TCGArg *args, const bool *const_args);
void tcg_out_call(TCGGen *g, const void *func);
void tcg_out_label(TCGGen *g, TCGLabel *l);
void tcg_out_goto_tb(TCGGen *g, unsigned n);
void tcg_out_exit_tb(TCGGen *g, uintptr_t val);
void tcg_out_goto_ptr(TCGGen *g, TCGReg r);

/* Guest memory (slowpath.c): the inline TLB probe and the miss paths. */
void tcg_out_qemu_ld(TCGGen *g, const TCGArg *args, TCGType type, TCGType addr_type);
void tcg_out_qemu_st(TCGGen *g, const TCGArg *args, const bool *const_args, TCGType type,
                     TCGType addr_type);
/* Emits the miss paths at the end of the TB; false when out of room. */
bool tcg_out_slow_paths(TCGGen *g);

/* The prologue (prologue.c): made once, within reach of s's code buffer. */
void tcg_target_prologue_init(TCGContext *s);
extern const uint8_t *tcg_code_epilogue;      /* returns rax to the loop */
extern const uint8_t *tcg_code_epilogue_zero; /* returns 0 */

/* The register allocator (regalloc.c) */
void tcg_regalloc_start(TCGGen *g);
void tcg_regalloc_op(TCGGen *g, TCGOp *op);
void tcg_regalloc_mov(TCGGen *g, TCGOp *op);
void tcg_regalloc_call(TCGGen *g, TCGOp *op);
void tcg_regalloc_discard(TCGGen *g, TCGTemp *ts);
/* At a label or unconditional branch: globals and TB temps to memory, registers freed. */
void tcg_regalloc_bb_end(TCGGen *g);
/* Before leaving the TB or a conditional branch: memory made current, registers kept. */
void tcg_regalloc_sync_all(TCGGen *g, TCGRegSet locked);
/* The registers currently holding a temp that the caller-saved set covers. */
TCGRegSet tcg_regalloc_live_regs(TCGGen *g);

#endif
