/*
 * The translator's IR: temporaries, ops, labels, the per-thread context,
 * and the passes' entry points. Front ends never include this (they use
 * tcg/tcg-op.h); the passes (optimize.c, liveness.c, dump.c), the backends
 * (tcg/x86_64/, tcg/tci/) and the exec side do.
 *
 * Lifecycle of one translation block:
 *     tcg_func_start(s);                 -- forget the previous block's IR
 *     ... the front end emits ops via tcg-op.h ...
 *     tcg_optimize(s);                   -- folding, copy propagation
 *     tcg_liveness_analysis(s);          -- dead args, syncs, dead ops
 *     tcg_backend_gen_code(s, tb);       -- x86-64 code or TCI bytecode
 *
 * TCGv_i32/i64/ptr handles are the byte offset of their TCGTemp from the
 * thread's TCGContext (as in QEMU): a front end creates its globals once and
 * the same handles name the same temps in every thread's context, because
 * tcg_register_thread() clones the context that holds the globals.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/helper-info.h"
#include "tcg/memop.h"
#include "tcg/tb.h"
#include "tcg/tcg-op.h"

/* ---- The op table ---------------------------------------------------- */

/* Op flags (TCGOpDef.flags) */
#define TCG_OPF_BB_END 0x01u         /* ends a basic block (labels, branches, exits) */
#define TCG_OPF_BB_EXIT 0x02u        /* leaves the TB: every global synced, temps die */
#define TCG_OPF_CALL_CLOBBER 0x04u   /* clobbers the host's call-clobbered registers */
#define TCG_OPF_SIDE_EFFECTS 0x08u   /* kept even when its outputs are dead */
#define TCG_OPF_64BIT 0x10u          /* outputs are 64-bit (the op's type is I64) */
#define TCG_OPF_NOT_PRESENT 0x20u    /* front end only: removed before any backend */
#define TCG_OPF_COND_BRANCH 0x40u    /* conditional branch (brcond) */
#define TCG_OPF_NO_FALLTHROUGH 0x80u /* never continues with the next op */
/* Guest memory access (qemu_ld/st): syncs globals first since it may fault.
 * It is not CALL_CLOBBER: a backend's slow path preserves the registers it
 * needs, or the backend treats the op as clobbering on its own. */
#define TCG_OPF_GUEST_MEM 0x100u

/* Words recorded by insn_start: the guest pc and two target extras. */
#define TCG_INSN_START_WORDS 3

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, nb_args;
    uint16_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/* ---- Temporaries ----------------------------------------------------- */

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_COUNT,
} TCGType;
#define TCG_TYPE_PTR TCG_TYPE_I64  /* the host is x86-64 */

typedef enum TCGTempKind {
    TEMP_EBB,     /* dies at the end of the extended basic block (label/branch) */
    TEMP_TB,      /* lives for the whole TB (tcg_temp_local_new_*) */
    TEMP_GLOBAL,  /* a field of the CPU state at mem_base + mem_offset */
    TEMP_FIXED,   /* pinned to a host register for ever (env) */
    TEMP_CONST,   /* read-only constant, interned per TB */
} TCGTempKind;

/* Where the register allocator keeps a temp's value right now. */
typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

/* Host register numbers are the backend's; -1 is none. */
typedef int TCGReg;
typedef uint32_t TCGRegSet;
#define TCG_MAX_HOST_REGS 32
/* The host register tcg_env is pinned to (rbp in the x86-64 backend). */
#define TCG_REG_AREG0 5

typedef struct TCGTemp {
    TCGType type;            /* I32 or I64 */
    TCGTempKind kind;
    /* Register allocator state (the backend's, reset per TB) */
    TCGTempVal val_type;
    TCGReg reg;
    bool mem_coherent;       /* the memory copy equals the register copy */
    bool mem_allocated;      /* a spill slot (mem_base/mem_offset) has been given */
    bool temp_allocated;     /* in use (not on a free list) */
    bool indirect_base;      /* a global whose mem_base is itself a global */
    /* Constant value: I32 constants are held zero-extended. */
    int64_t val;
    /* Memory home: globals' CPU-state field, or a spill slot. */
    struct TCGTemp *mem_base;
    intptr_t mem_offset;
    const char *name;        /* globals only */
    /* Per-pass scratch: liveness keeps TS_* bits in state, the optimizer
     * its known-bits record in state_ptr. */
    uintptr_t state;
    void *state_ptr;
} TCGTemp;

/* Liveness state bits (TCGTemp.state during tcg_liveness_analysis) */
#define TS_DEAD 1u   /* the value is not needed afterwards */
#define TS_MEM 2u    /* the value must be (or is) in its memory home */

/* ---- Labels ---------------------------------------------------------- */

/* A backend's pending patch of a branch to a label not yet placed. */
typedef struct TCGRelocation {
    struct TCGRelocation *next;
    int type;                /* backend-defined (e.g. rel32, rel8) */
    uint8_t *ptr;            /* where the displacement goes */
    intptr_t addend;
} TCGRelocation;

struct TCGLabel {
    unsigned id;
    unsigned refs;           /* branches to it still in the op list */
    bool present;            /* set_label emitted */
    bool has_value;          /* the backend has placed it */
    uintptr_t value;         /* host (or bytecode) address once placed */
    TCGRelocation *relocs;
};

/* ---- Ops ------------------------------------------------------------- */

typedef uintptr_t TCGArg;
#define TCG_MAX_OP_ARGS 12

/*
 * Liveness results per op (TCGOp.life), for the register allocator:
 *   TCG_LIFE_SYNC_ARG(i), i < 2: output i must also be stored to its memory
 *     home after the op (a global that must be current there);
 *   TCG_LIFE_DEAD_ARG(i): the temp in args[i] (output or input) is not used
 *     after this op, so its register may be freed (for an output: the value
 *     is never read; store it if synced, then drop it). For an input it
 *     means the value read here: in "add g,g,$1" the input g is dead (the
 *     output replaces it), so the allocator frees inputs before placing
 *     outputs. Constant inputs get dead bits too.
 * Fixed temps (env) never get dead bits.
 */
typedef uint32_t TCGLifeData;
#define TCG_LIFE_SYNC_ARG(i) (1u << (i))
#define TCG_LIFE_DEAD_ARG(i) (1u << ((i) + 2))

typedef struct TCGOp {
    struct TCGOp *next, *prev;
    TCGOpcode opc;
    uint8_t callo, calli;    /* call only: number of outputs and inputs */
    TCGLifeData life;
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

static inline unsigned tcg_op_nb_oargs(const TCGOp *op)
{
    return op->opc == INDEX_op_call ? op->callo : tcg_op_defs[op->opc].nb_oargs;
}
static inline unsigned tcg_op_nb_iargs(const TCGOp *op)
{
    return op->opc == INDEX_op_call ? op->calli : tcg_op_defs[op->opc].nb_iargs;
}
static inline unsigned tcg_op_nb_cargs(const TCGOp *op)
{
    return tcg_op_defs[op->opc].nb_cargs;
}

static inline TCGTemp *arg_temp(TCGArg a) { return (TCGTemp *)a; }
static inline TCGArg temp_arg(TCGTemp *t) { return (TCGArg)t; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)a; }
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l; }
/* The helper a call op calls (its one constant arg). */
static inline const TCGHelperInfo *tcg_call_info(const TCGOp *op)
{
    return (const TCGHelperInfo *)op->args[op->callo + op->calli];
}

/* ---- The context ----------------------------------------------------- */

#define TCG_MAX_TEMPS 4096
#define TCG_MAX_INSNS 512

typedef struct TCGPoolChunk TCGPoolChunk;

typedef struct TCGContext {
    /* Temps: globals first ([0, nb_globals)), then the TB's own. */
    unsigned nb_globals;
    unsigned nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];
    /* Free EBB / TB temps by type and kind, as bitmaps over temps[]. */
    unsigned long free_temps[TCG_TYPE_COUNT][2][TCG_MAX_TEMPS / (8 * sizeof(unsigned long))];
    GHashTable *const_table[TCG_TYPE_COUNT];  /* int64 value -> TCGTemp * */

    /* The op list of the TB being translated. */
    TCGOp *ops_first, *ops_last;
    TCGOp *free_ops;         /* removed ops, for reuse */
    unsigned nb_ops;
    unsigned nb_labels;
    unsigned nb_insns;       /* insn_start ops emitted */
    unsigned insn_start_words;  /* words meaningful per insn_start (1..3), set by exec */

    /* Per-TB bump allocator (ops, labels, relocations, pass data). */
    TCGPoolChunk *pool_first, *pool_cur;
    uint8_t *pool_ptr, *pool_end;

    /* The code buffer (the exec side allocates it: tcg_code_buffer_alloc). */
    uint8_t *code_gen_buffer;
    size_t code_gen_buffer_size;
    uint8_t *code_gen_ptr;        /* next free byte; a TB starts here */
    uint8_t *code_gen_highwater;  /* a TB reaching past this is abandoned (-1) */
    uint8_t *code_buf;            /* start of the TB being generated */
    uint8_t *code_ptr;            /* current emission point */
    TranslationBlock *gen_tb;     /* the TB being generated */

    /* Register allocator and frame (the backend's; reset per TB) */
    TCGRegSet reserved_regs;
    TCGTemp *reg_to_temp[TCG_MAX_HOST_REGS];
    intptr_t frame_start, frame_end, current_frame_offset;
    TCGTemp *frame_temp;          /* base of spill slots (the host stack pointer) */
} TCGContext;

extern __thread TCGContext *tcg_ctx;

static inline size_t temp_idx(const TCGTemp *t) { return t - tcg_ctx->temps; }
static inline TCGTemp *tcgv_temp(const void *v) { return (TCGTemp *)((char *)tcg_ctx + (uintptr_t)v); }
static inline void *temp_tcgv(const TCGTemp *t) { return (void *)((char *)t - (char *)tcg_ctx); }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)temp_tcgv(t); }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)temp_tcgv(t); }
static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *t) { return (TCGv_ptr)temp_tcgv(t); }

#define tcg_op_foreach(op, s) for ((op) = (s)->ops_first; (op); (op) = (op)->next)
#define tcg_op_foreach_safe(op, nx, s) \
    for ((op) = (s)->ops_first; (op) && ((nx) = (op)->next, 1); (op) = (nx))
#define tcg_op_foreach_reverse_safe(op, pv, s) \
    for ((op) = (s)->ops_last; (op) && ((pv) = (op)->prev, 1); (op) = (pv))

/* ---- Context, temps, ops (tcg.c) ------------------------------------- */

/* Creates the first context (the one globals are registered in) and makes
 * it this thread's tcg_ctx, with tcg_env as temp 0. Once per process. */
void tcg_context_init(void);
/* Gives the calling thread its own context, a clone of the first. */
void tcg_register_thread(void);
/* Maps an RWX code buffer of size bytes into s; false with *errp set. */
bool tcg_code_buffer_alloc(TCGContext *s, size_t size, GError **errp);
/* Begins a new TB: drops the previous TB's ops, labels and temps. */
void tcg_func_start(TCGContext *s);
/* Per-TB memory, freed by the next tcg_func_start. */
void *tcg_malloc(TCGContext *s, size_t size);

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
void tcg_temp_free_internal(TCGTemp *t);
TCGTemp *tcg_constant_internal(TCGType type, int64_t val);
TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGv_ptr base, intptr_t offset,
                                     const char *name);
/* The name a dump shows for t ("env", a global's name, tmpN, locN, $0x4). */
const char *tcg_temp_name(TCGContext *s, TCGTemp *t, char *buf, size_t size);

/* Appends an op with nargs args (filled in by the caller). */
TCGOp *tcg_emit_op(TCGOpcode opc, unsigned nargs);
TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc, unsigned nargs);
TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc, unsigned nargs);
void tcg_op_remove(TCGContext *s, TCGOp *op);
/* Number of args in op (outputs + inputs + constants). */
static inline unsigned tcg_op_nb_args(const TCGOp *op)
{
    return tcg_op_nb_oargs(op) + tcg_op_nb_iargs(op) + tcg_op_nb_cargs(op);
}

/* For backends: remember to patch ptr when l gets its value. */
void tcg_label_add_reloc(TCGContext *s, TCGLabel *l, int type, uint8_t *ptr, intptr_t addend);

/*
 * The lookup_and_goto_ptr helper, set by the exec side at start-up: returns
 * the host code of the block for the CPU's current state, or 0 to return
 * to the exec loop.
 */
extern const void *(*tcg_lookup_tb_ptr_fn)(void *env);

/* ---- Passes ---------------------------------------------------------- */

void tcg_optimize(TCGContext *s);
void tcg_liveness_analysis(TCGContext *s);
/* Logs the op list under LOG_OP (optimized: LOG_OP_OPT, with life bits). */
void tcg_dump_ops(TCGContext *s, bool optimized);
/* Writes the op list as text to out (what tcg_dump_ops logs). */
void tcg_dump_ops_to(TCGContext *s, GString *out, bool with_life);

/*
 * The reference semantics of every pure op, shared by the optimizer's
 * constant folding and the TCI interpreter (eval.c). in[] holds the
 * inputs (I32 inputs: only the low 32 bits are read), cargs the op's
 * constant args; out[] receives the outputs (I32 ones zero-extended).
 * False for ops that are not pure arithmetic (loads, stores, control) and
 * for division by zero.
 */
bool tcg_op_eval(TCGOpcode opc, uint64_t *out, const uint64_t *in, const TCGArg *cargs);
/* a cond b on values of the given type. */
bool tcg_cond_eval(TCGCond cond, uint64_t a, uint64_t b, TCGType type);

/* ---- Backends -------------------------------------------------------- */

typedef enum TCGBackend {
    TCG_BACKEND_X86_64,
    TCG_BACKEND_TCI,
} TCGBackend;

/* Chosen by -accel tcg,backend=NAME before the first translation. */
extern TCGBackend tcg_backend;
/* "x86_64" or "tci"; false for anything else. */
bool tcg_backend_parse(const char *name, TCGBackend *out);

/*
 * Code generation contract, both backends: write the TB's code at
 * s->code_gen_ptr (== tb->tc_ptr, set by exec), fill tb->jmp_insn_offset/
 * jmp_reset_offset for each goto_tb and tb->search_data/search_len
 * (placed right after the code), and return the code size; -1 when the
 * code would pass s->code_gen_highwater (exec flushes and retries), -2
 * when the block is too large for TranslationBlock's 16-bit offsets
 * (exec retranslates with fewer instructions).
 */
/* x86-64 (tcg/x86_64/, tcg/codegen.c) */
int tcg_gen_code(TCGContext *s, TranslationBlock *tb);
uintptr_t tcg_qemu_tb_exec(void *env, const void *tc_ptr);
void tcg_x86_patch_jump(uintptr_t jmp_insn_addr, uintptr_t target);

/* TCI (tcg/tci/): same contract, bytecode in the code buffer. */
int tci_gen_code(TCGContext *s, TranslationBlock *tb);
uintptr_t tci_exec_tb(void *env, const void *tc_ptr);
void tci_patch_jump(uintptr_t jmp_insn_addr, uintptr_t target);
/* The bytecode position (+1) TCI is executing: what GETPC() means under TCI. */
extern __thread uintptr_t tci_tb_ptr;

/*
 * Exec calls these three whatever the backend. Chaining: patch slot n of tb
 * to jump to target (another block's tc_ptr); to unchain, target =
 * tb->tc_ptr + tb->jmp_reset_offset[n]. exit_tb's value is
 * (uintptr_t)tb | slot, or 0.
 */
static inline int tcg_backend_gen_code(TCGContext *s, TranslationBlock *tb)
{
    return tcg_backend == TCG_BACKEND_TCI ? tci_gen_code(s, tb) : tcg_gen_code(s, tb);
}
static inline uintptr_t tcg_backend_exec_tb(void *env, const void *tc_ptr)
{
    return tcg_backend == TCG_BACKEND_TCI ? tci_exec_tb(env, tc_ptr)
                                          : tcg_qemu_tb_exec(env, tc_ptr);
}
static inline void tcg_backend_patch_jump(const TranslationBlock *tb, int n, uintptr_t target)
{
    uintptr_t at = (uintptr_t)tb->tc_ptr + tb->jmp_insn_offset[n];
    if (tcg_backend == TCG_BACKEND_TCI) {
        tci_patch_jump(at, target);
    } else {
        tcg_x86_patch_jump(at, target);
    }
}

/* The soft-TLB slow paths both backends call (softmmu/cputlb.c). */
uint64_t helper_ld_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
void helper_st_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra);

/* ---- Search data: host offset -> guest insn_start words ---------------- */

/*
 * One entry per guest instruction: the host code offset (from tb->tc_ptr)
 * where the instruction's code begins (TCI: its bytecode offset) and its
 * insn_start words. Encoded as a byte string of unsigned LEB128 deltas
 * from the previous entry (the first from 0 and the TB's pc for word 0),
 * words as zigzag signed LEB128 deltas.
 */
typedef struct TCGSearchEntry {
    uint32_t host_offset;
    uint64_t data[TCG_INSN_START_WORDS];
} TCGSearchEntry;

/* Encodes n entries of nwords words into buf; bytes written, or 0 if it
 * does not fit in size. */
size_t tcg_search_data_encode(uint8_t *buf, size_t size, const TCGSearchEntry *e, unsigned n,
                              unsigned nwords);
/*
 * Finds the instruction a host return address belongs to: the last entry
 * whose host_offset is < ra_offset (a return address points past the start
 * of the call). Fills data[0..nwords); false when ra_offset is before the
 * first instruction.
 */
bool tcg_search_data_find(const uint8_t *buf, size_t len, unsigned nwords, uint32_t ra_offset,
                          uint64_t *data);

#endif
