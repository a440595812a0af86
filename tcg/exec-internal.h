/*
 * What the exec side's files share among themselves: the per-CPU exec
 * state (longjmp target, jump cache), the code buffer (which holds the TB
 * structs next to their code), the TB cache and its maintenance, the code
 * translation of the soft TLB, and the counters `info jit` prints.
 *
 * Files: exec.c (the loop), tb-maint.c (hash table, page lists, chaining,
 * invalidation, flush), translate-all.c (tb_gen_code), translator.c (the
 * generic translation loop), code-buffer.c, softmmu/cputlb.c (soft TLB).
 * Nothing outside tcg/ and softmmu/cputlb.c includes this.
 */
#ifndef TCG_EXEC_INTERNAL_H
#define TCG_EXEC_INTERNAL_H

#include <glib.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "tcg/exec.h"

/* What exit_tb returns in its low two bits (tcg.h: tb | slot): the jump
 * slot (0 or 1) the block left through, or this. */
#define TB_EXIT_MASK 3u
#define TB_EXIT_REQUESTED 3u  /* exit_request was set at block entry */

/* Default instruction limit of a block when cflags gives none. */
#define TB_MAX_INSNS 512

/* The per-CPU jump cache: direct-mapped by a hash of the virtual pc. */
#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)

/*
 * An entry keeps a copy of its block's key and host code address, so a
 * hit (every indirect jump of a running guest) reads the entry alone and
 * not the TranslationBlock, a second cache miss. Blocks never change their
 * key or code; invalidation clears the entries that point at the block.
 */
typedef struct TBJumpCacheEntry {
    TranslationBlock *tb;        /* NULL: empty */
    uint64_t pc;
    uint64_t cs_base;
    const void *tc_ptr;
    uint32_t flags;
    uint32_t cflags;
} TBJumpCacheEntry;

typedef struct CPUExecState {
    /* cpu_loop_exit() lands here (see exec.c for why longjmp). */
    sigjmp_buf jmp_env;
    bool jmp_env_valid;          /* inside cpu_exec: longjmp is allowed */
    /* cflags for the next block only (-1: none): SMC re-runs one insn. */
    uint32_t cflags_next_tb;
    TBJumpCacheEntry jc[TB_JMP_CACHE_SIZE];
} CPUExecState;

static inline CPUExecState *cpu_exec_state(CPUState *cpu)
{
    return cpu->exec_state;
}

static inline unsigned tb_jmp_cache_hash(uint64_t pc)
{
    uint64_t h = pc >> 2;
    return (unsigned)(h ^ (h >> TB_JMP_CACHE_BITS) ^ (h >> (2 * TB_JMP_CACHE_BITS))) &
           (TB_JMP_CACHE_SIZE - 1);
}

/* Every CPU cpu_exec_init has seen, for flushes and statistics. */
extern GPtrArray *exec_cpus;

/* Counters for `info jit` and the tests (process-wide). */
typedef struct TCGExecStats {
    uint64_t tb_translated;      /* blocks generated */
    uint64_t guest_insns;        /* guest instructions in them */
    uint64_t ir_ops;             /* IR ops after optimization */
    uint64_t host_bytes;         /* host code (or bytecode) bytes generated */
    uint64_t tb_invalidated;     /* blocks dropped by SMC or tb_invalidate_phys_range */
    uint64_t tb_flushes;         /* whole-cache flushes */
    uint64_t buffer_full_flushes;/* of which the code buffer was full */
    uint64_t goto_tb_exits;      /* returns to the loop through an unchained slot */
    uint64_t chained;            /* slots patched */
    uint64_t unchained;          /* slots reset on invalidation */
    uint64_t jc_lookups;         /* jump-cache probes (loop and goto_ptr) */
    uint64_t jc_hits;
    uint64_t smc_current_tb;     /* a block's own store invalidated it */
    uint64_t gen_ns;             /* time spent in tb_gen_code (monotonic clock) */
} TCGExecStats;

extern TCGExecStats tcg_exec_stats;

/* ---- code-buffer.c ---------------------------------------------------- */

/* Size the buffer gets at first use (accel_configure sets it). */
extern size_t code_buffer_size_request;
/* Maps the buffer (again: the old one is dropped after a tb_flush). */
bool code_buffer_init(size_t size, GError **err);
/* Points tcg_ctx's code fields at the free space; returns where a new TB
 * struct goes, or NULL when the buffer is full. */
TranslationBlock *code_buffer_start_tb(void);
/* Keeps a generated block: its struct, code_size bytes of code, and its
 * search data copied after the code. False when that does not fit. */
bool code_buffer_commit_tb(TranslationBlock *tb, size_t code_size);
/* Forgets every block (tb_flush). */
void code_buffer_reset(void);
/* The block whose host code holds the byte at host, or NULL. */
TranslationBlock *code_buffer_find_tb(uintptr_t host);
bool code_buffer_contains(uintptr_t host);
size_t code_buffer_used(void);
size_t code_buffer_total(void);
unsigned code_buffer_tb_count(void);

/* ---- tb-maint.c -------------------------------------------------------- */

void tb_maint_init(void);
/* The cached block for this key, or NULL; host_pc names the code's RAM. */
TranslationBlock *tb_htable_lookup(uintptr_t host_pc, uint64_t pc, uint64_t cs_base,
                                   uint32_t flags, uint32_t cflags);
/* Where a block's code comes from: pc in guest-physical and host terms
 * (code only runs from RAM or ROM, so there is always a host address). */
typedef struct TBCodePage {
    hwaddr phys;              /* guest-physical address of pc */
    uint8_t *host;            /* host pointer to pc's byte */
    MemoryRegion *mr;
    hwaddr offset;            /* of pc in mr */
} TBCodePage;

/* Enters a new block in the hash table and the page lists of its pages
 * (p1 NULL: one page), marking them as code: the TLB then sends writes
 * to the slow path. */
void tb_link(TranslationBlock *tb, const TBCodePage *p0, const TBCodePage *p1);
/* Patches slot n of tb to jump straight to next. */
void tb_add_jump(TranslationBlock *tb, unsigned n, TranslationBlock *next);
/* Drops tb: out of the hash, page lists and jump caches, unchained. */
void tb_phys_invalidate(TranslationBlock *tb);
/* A generation that changes at every tb_flush (TB pointers die with it). */
extern uint64_t tb_flush_generation;
/*
 * Invalidates the blocks whose code overlaps host RAM [host, host + len).
 * When a store from generated code (ra != 0) hits the block it runs in,
 * this restores the state to that store and leaves for the loop to redo
 * the store as a one-instruction block (does not return).
 */
void tb_invalidate_host_range(CPUState *cpu, uintptr_t host, size_t len, uintptr_t ra);
/* True when host page (4 KiB) holds translated code. */
bool tb_host_page_has_code(uintptr_t host);
void tb_jmp_cache_clear(CPUState *cpu);

/* ---- translate-all.c ----------------------------------------------------- */

TranslationBlock *tb_gen_code(CPUState *cpu, const TBCodePage *page, uint64_t pc,
                              uint64_t cs_base, uint32_t flags, uint32_t cflags);
/* The `info jit` text. */
void tcg_exec_info_jit(GString *out);

/* ---- exec.c -------------------------------------------------------------- */

/* One-time set-up shared by every CPU (context, code buffer, hooks). */
void tcg_exec_global_init(void);
/* The -d exec line for a block about to run. */
void tcg_exec_log_trace(CPUState *cpu, const TranslationBlock *tb);

/* ---- translator.c ------------------------------------------------------- */

/* Tells translator_ld* where the block's first page is (tb_gen_code). */
void translator_begin(CPUState *cpu, TranslationBlock *tb, const TBCodePage *page);
/* The second page the block reached, if any (host NULL: none). */
const TBCodePage *translator_second_page(void);
/* Set when an instruction other than the first would fetch from a page
 * that faults: tb_gen_code retries with fewer instructions. */
extern __thread sigjmp_buf *translator_retry_jmp;
/* -accel tcg,insn-count=on: blocks count their instructions into
 * CPUState.insn_count. Set before the first translation, never changed. */
extern bool tcg_insn_count_enabled;

/* ---- softmmu/cputlb.c (code side) ---------------------------------------- */

/*
 * The physical page of an instruction fetch at addr, through the soft TLB
 * (tlb_fill with MMU_INST_FETCH on a miss). probe: return false instead of
 * raising the target's fault. A fetch from MMIO or a hole raises
 * do_transaction_failed (or logs and returns false when the target has none).
 */
bool tlb_get_code_page(CPUState *cpu, uint64_t addr, bool probe, TBCodePage *out);
/* Sends writes to the RAM page at mr+offset through the slow path on every CPU. */
void tlb_protect_code_page(MemoryRegion *mr, hwaddr offset);
void tlb_init(CPUState *cpu);

typedef struct TLBStats {
    uint64_t misses;        /* slow-path lookups not in the main table */
    uint64_t victim_hits;
    uint64_t fills;         /* tlb_fill calls */
    uint64_t flushes;       /* whole-index flushes */
    uint64_t page_flushes;
    uint64_t resizes;
} TLBStats;
void tlb_stats_add(CPUState *cpu, TLBStats *sum);
/* The current entries of mmu_idx's table (tests and `info jit`). */
unsigned tlb_table_size(CPUState *cpu, int mmu_idx);

#endif
