/*
 * The target-independent view of a CPU.
 *
 * Each target embeds a CPUState in its CPU struct and fills in a CPUOps
 * table. The vCPU thread (softmmu/cpus.c) runs CPUs round-robin through
 * ops->exec; other threads ask a CPU to leave its loop with cpu_exit(),
 * which generated code notices at the next block entry.
 */
#ifndef SOFTMMU_CPU_H
#define SOFTMMU_CPU_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "softmmu/memory.h"

typedef struct CPUState CPUState;
struct TCGCPUOps;

/*
 * Guest pages are 4 KiB in the soft TLB on every target; larger target
 * pages are entered as many 4 KiB entries (tlb_set_page remembers the
 * large-page range so a flush of any of its pages flushes the lot).
 */
#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1u << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(uint64_t)(TARGET_PAGE_SIZE - 1))

#define NB_MMU_MODES 8

/*
 * One soft-TLB entry, read by generated code: a comparator per access kind
 * (page address | flag bits, or -1 when invalid) and the addend that turns a
 * guest virtual address into a host pointer. 32 bytes, so the index scales
 * by a shift.
 */
typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;
} CPUTLBEntry;

/* Flag bits in the low bits of a comparator: any set sends the access to
 * the slow path. */
#define TLB_INVALID_MASK (1u << 11)  /* no valid translation */
#define TLB_MMIO (1u << 10)          /* device memory: dispatch */
#define TLB_NOTDIRTY (1u << 9)       /* RAM page holding code: writes check SMC */
#define TLB_WATCHPOINT (1u << 8)     /* a gdb watchpoint on this page */
#define TLB_FLAGS_MASK (TLB_INVALID_MASK | TLB_MMIO | TLB_NOTDIRTY | TLB_WATCHPOINT)

/* The per-MMU-index table generated code indexes: entry = table +
 * ((vaddr >> TARGET_PAGE_BITS) << 5 & mask). */
typedef struct CPUTLBDescFast {
    uintptr_t mask;             /* (entries - 1) << 5 */
    CPUTLBEntry *table;
} CPUTLBDescFast;

/*
 * State generated code reaches at negative offsets from the env pointer:
 * it is the last member of CPUState, and every target places its env
 * directly after its CPUState, so env - sizeof(CPUNegativeOffsetState) is
 * this, and env - sizeof(CPUState) is the CPUState.
 */
typedef struct CPUNegativeOffsetState {
    CPUTLBDescFast tlb_fast[NB_MMU_MODES];
    int32_t pad;
    volatile int32_t exit_request;  /* nonzero: leave at the next block entry */
} __attribute__((aligned(16))) CPUNegativeOffsetState;

/* interrupt_request bits */
#define CPU_INTERRUPT_HARD   0x0001u  /* a maskable interrupt is pending */
#define CPU_INTERRUPT_EXITTB 0x0002u  /* leave the block: state changed */
#define CPU_INTERRUPT_HALT   0x0004u
#define CPU_INTERRUPT_RESET  0x0008u
#define CPU_INTERRUPT_TGT0   0x0100u  /* target-defined from here */

/* Why ops->exec returned. */
typedef enum CPUExitReason {
    CPU_EXIT_REQUESTED,  /* cpu_exit(): another thread wants the lock, or time slice over */
    CPU_EXIT_HALTED,     /* the CPU went idle until an interrupt */
    CPU_EXIT_DEBUG,      /* breakpoint, watchpoint or single step for the gdbstub */
} CPUExitReason;

typedef struct CPUOps {
    CPUExitReason (*exec)(CPUState *cpu);
    /* drive an interrupt input (SPARC: level 1-15; others: line number) */
    void (*set_irq)(CPUState *cpu, int line, int level);
    /* the input the test board's timer drives */
    int testboard_timer_line;
    void (*reset)(CPUState *cpu);
    /* true when a halted CPU has something to do (an unmasked interrupt) */
    bool (*has_work)(CPUState *cpu);
    /* registers for `info registers` and -d cpu */
    void (*dump_state)(CPUState *cpu, GString *out);
    uint64_t (*get_pc)(CPUState *cpu);
    void (*set_pc)(CPUState *cpu, uint64_t pc);
    /* virtual to physical for the monitor's x and the gdbstub; false if unmapped */
    bool (*debug_translate)(CPUState *cpu, uint64_t vaddr, hwaddr *paddr);
    /* gdb: register count, one register's bytes in target order, the XML */
    int gdb_num_regs;
    int (*gdb_read_register)(CPUState *cpu, GByteArray *buf, int n);
    int (*gdb_write_register)(CPUState *cpu, const uint8_t *buf, int n);
    const char *gdb_arch_name;
    const char *(*gdb_target_xml)(CPUState *cpu, const char *annex);
} CPUOps;

struct CPUState {
    const CPUOps *ops;
    const struct TCGCPUOps *tcg_ops;  /* the translator hooks (tcg/exec.h) */
    int index;
    AddressSpace *as;           /* what its loads and stores reach */
    void *env;                  /* the target's architectural state */
    volatile uint32_t interrupt_request;
    int exception_index;        /* pending exception for the target's do_interrupt, -1 none */
    bool halted;                /* idle until has_work */
    bool stopped;               /* paused by the run state or the debugger */
    int singlestep;             /* gdbstub: one instruction per block, irqs masked */
    void *exec_state;           /* the translator's per-CPU data (jump cache, TLB) */
    void *debug_state;          /* the gdbstub's per-CPU data (breakpoints) */
    void *tlb_state;            /* the soft TLB's slow-path data (softmmu/cputlb.c) */
    /* Guest instructions executed, counted by generated code when
     * -accel tcg,insn-count=on (tcg/translator.c); 0 otherwise. */
    uint64_t insn_count;
    CPUNegativeOffsetState neg; /* must stay last: env follows it */
};

/* From a target's env pointer to its CPUState, and to the fast TLB area. */
static inline CPUState *env_cpu(void *env)
{
    return (CPUState *)((char *)env - sizeof(CPUState));
}
static inline CPUNegativeOffsetState *env_neg(void *env)
{
    return &env_cpu(env)->neg;
}

void cpu_interrupt(CPUState *cpu, uint32_t mask);
void cpu_reset_interrupt(CPUState *cpu, uint32_t mask);
/* Asks the CPU to leave generated code soon; safe from any thread. */
static inline void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->neg.exit_request, 1, __ATOMIC_RELEASE);
}

/* All CPUs of the machine, in index order. */
extern GPtrArray *cpus_all;
void cpus_register(CPUState *cpu);
CPUState *cpu_by_index(int index);

#endif
