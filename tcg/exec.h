/*
 * What a target provides to run on the translator (TCGCPUOps), and the
 * runtime its helpers call: leaving generated code with an exception,
 * restoring precise state, the soft TLB, and guest memory access.
 */
#ifndef TCG_EXEC_H
#define TCG_EXEC_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "softmmu/cpu.h"
#include "softmmu/memory.h"
#include "tcg/memop.h"
#include "tcg/tb.h"

typedef struct TCGCPUOps {
    /* words each insn_start records: 1 (pc) to 3 */
    unsigned insn_start_words;
    /* offset of the pc field in env, for lookup_and_goto_ptr */
    /* translate one block: sets up a DisasContext and calls translator_loop */
    void (*translate_code)(CPUState *cpu, TranslationBlock *tb, int max_insns);
    /* the state that selects a block: pc, cs_base and flags */
    void (*get_tb_cpu_state)(CPUState *cpu, uint64_t *pc, uint64_t *cs_base, uint32_t *flags);
    /* set the guest state from the insn_start words of the faulting instruction */
    void (*restore_state_to_opc)(CPUState *cpu, const TranslationBlock *tb, const uint64_t *data);
    /* Called at block boundaries when interrupt_request has bits set: take
     * the interrupt if the CPU accepts it now (true), or leave it pending. */
    bool (*cpu_exec_interrupt)(CPUState *cpu, uint32_t interrupt_request);
    /* Deliver cpu->exception_index (enter the trap handler). */
    void (*do_interrupt)(CPUState *cpu);
    /*
     * Walk the MMU for addr. On success call tlb_set_page and return true.
     * On a fault: with probe, return false; otherwise raise the guest
     * exception (cpu_loop_exit_restore(cpu, retaddr)).
     */
    bool (*tlb_fill)(CPUState *cpu, uint64_t addr, int size, MMUAccessType access_type,
                     int mmu_idx, bool probe, uintptr_t retaddr);
    /* An access violated MO_ALIGN: raise the target's alignment trap. */
    G_NORETURN void (*do_unaligned_access)(CPUState *cpu, uint64_t addr,
                                           MMUAccessType access_type, int mmu_idx,
                                           uintptr_t retaddr);
    /* An access reached nothing or a device signalled an error (optional). */
    void (*do_transaction_failed)(CPUState *cpu, hwaddr physaddr, uint64_t addr, unsigned size,
                                  MMUAccessType access_type, int mmu_idx, MemTxResult response,
                                  uintptr_t retaddr);
    /* the exception_index value exec uses for a debug stop (gdbstub) */
    int excp_debug;
    /* -d in_asm disassembly: capstone arch and mode */
    int capstone_arch;
    int capstone_mode;
    bool big_endian;
    /* The MMU index of instruction fetches (optional: 0 when NULL). */
    int (*mmu_index)(CPUState *cpu, bool ifetch);
} TCGCPUOps;

/*
 * Debugger hooks, set by the gdbstub when it starts (NULL otherwise, so a
 * run without a debugger pays one load per translated instruction and per
 * TLB fill). Breakpoints end translation before the instruction at their
 * pc, which then runs as a block of its own that calls the helper;
 * watchpoints flag their pages TLB_WATCHPOINT so accesses take the slow
 * path, which asks watchpoint_check before touching memory.
 */
typedef struct TCGDebugHooks {
    bool (*breakpoint_test)(CPUState *cpu, uint64_t pc);
    const struct TCGHelperInfo *breakpoint_helper;  /* takes env, never returns */
    /* BP_MEM_READ (1) / BP_MEM_WRITE (2) bits of watchpoints within the range */
    int (*watchpoint_matches)(CPUState *cpu, uint64_t addr, uint64_t len);
    void (*watchpoint_check)(CPUState *cpu, uint64_t addr, uint64_t len, bool is_write,
                             uintptr_t ra);
} TCGDebugHooks;

extern const TCGDebugHooks *tcg_debug_hooks;

/* Returned by cpu->tcg_ops: targets set this when creating the CPU. */
const TCGCPUOps *cpu_tcg_ops(CPUState *cpu);
void cpu_set_tcg_ops(CPUState *cpu, const TCGCPUOps *ops);

/* The exec loop: targets use it as their CPUOps.exec. */
CPUExitReason cpu_exec(CPUState *cpu);
/* Sets up the per-CPU exec state (jump cache, soft TLB); call at CPU creation,
 * with cpu->as set. The first call also creates the TCG context, so a target
 * registers its TCG globals after it. */
void cpu_exec_init(CPUState *cpu);
/* -singlestep: translate one guest instruction per block (per-instruction -d cpu logs). */
extern bool tcg_one_insn_per_tb;
/* -dfilter START..END|START+SIZE,...: limits the cpu and exec logs to those pcs. */
bool tcg_log_filter_parse(const char *spec, GError **err);

/* The host return address of the calling helper, for precise restore. */
#define GETPC() ((uintptr_t)__builtin_return_address(0))

/* Leaves generated code back to the exec loop (cpu->exception_index set). */
G_NORETURN void cpu_loop_exit(CPUState *cpu);
/* Restores guest state for the instruction at host address retaddr, then leaves. */
G_NORETURN void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr);
/* Leaves without an exception: re-look-up state at the next instruction. */
G_NORETURN void cpu_loop_exit_noexc(CPUState *cpu);
/* Restores guest state from a host return address; false if not in generated code. */
bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr);

/* Discards every translation (all CPUs). */
void tb_flush(CPUState *cpu);
/* Discards translations of guest code in physical [start, end). */
void tb_invalidate_phys_range(hwaddr start, hwaddr end);

/* Soft TLB */
void tlb_set_page(CPUState *cpu, uint64_t vaddr, hwaddr paddr, int prot, int mmu_idx,
                  uint64_t size);
void tlb_flush(CPUState *cpu);
void tlb_flush_page(CPUState *cpu, uint64_t vaddr);
void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap);
void tlb_flush_page_by_mmuidx(CPUState *cpu, uint64_t vaddr, uint16_t idxmap);

/*
 * Guest memory from helpers, through the soft TLB with the given MMU index;
 * ra is GETPC() (0 outside generated code: no state restore on a fault).
 */
uint64_t cpu_ld_mmu(CPUState *cpu, uint64_t addr, MemOpIdx oi, uintptr_t ra);
void cpu_st_mmu(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra);
static inline uint32_t cpu_ldub_mmuidx_ra(CPUState *cpu, uint64_t a, int idx, uintptr_t ra)
{
    return cpu_ld_mmu(cpu, a, make_memop_idx(MO_UB, idx), ra);
}
static inline uint32_t cpu_lduw_be_mmuidx_ra(CPUState *cpu, uint64_t a, int idx, uintptr_t ra)
{
    return cpu_ld_mmu(cpu, a, make_memop_idx(MO_BEUW, idx), ra);
}
static inline uint32_t cpu_ldl_be_mmuidx_ra(CPUState *cpu, uint64_t a, int idx, uintptr_t ra)
{
    return cpu_ld_mmu(cpu, a, make_memop_idx(MO_BEUL, idx), ra);
}
static inline uint64_t cpu_ldq_be_mmuidx_ra(CPUState *cpu, uint64_t a, int idx, uintptr_t ra)
{
    return cpu_ld_mmu(cpu, a, make_memop_idx(MO_BEUQ, idx), ra);
}
static inline void cpu_stb_mmuidx_ra(CPUState *cpu, uint64_t a, uint32_t v, int idx, uintptr_t ra)
{
    cpu_st_mmu(cpu, a, v, make_memop_idx(MO_UB, idx), ra);
}
static inline void cpu_stw_be_mmuidx_ra(CPUState *cpu, uint64_t a, uint32_t v, int idx,
                                        uintptr_t ra)
{
    cpu_st_mmu(cpu, a, v, make_memop_idx(MO_BEUW, idx), ra);
}
static inline void cpu_stl_be_mmuidx_ra(CPUState *cpu, uint64_t a, uint32_t v, int idx,
                                        uintptr_t ra)
{
    cpu_st_mmu(cpu, a, v, make_memop_idx(MO_BEUL, idx), ra);
}
static inline void cpu_stq_be_mmuidx_ra(CPUState *cpu, uint64_t a, uint64_t v, int idx,
                                        uintptr_t ra)
{
    cpu_st_mmu(cpu, a, v, make_memop_idx(MO_BEUQ, idx), ra);
}
/* A host pointer for [addr, addr+size) if it is plain RAM, else NULL
 * (faults are raised unless the access is MMIO). */
void *probe_access(CPUState *cpu, uint64_t addr, int size, MMUAccessType access_type,
                   int mmu_idx, uintptr_t ra);

#endif
