/*
 * Debugger breakpoints and watchpoints, per CPU, for the gdbstub (and any
 * later user such as a monitor command).
 *
 * Nothing patches guest memory. Breakpoints live in the translator: for
 * each instruction, before translating it, translator_loop asks
 * cpu_breakpoint_test(cpu, pc). On a hit at the block's first instruction
 * it emits insn_start and a call to helper_debug_breakpoint (which leaves
 * with the target's excp_debug, the guest state restored to that
 * instruction) and ends the block (DISAS_NORETURN, pc_next advanced by
 * one so the block covers the address); on a hit later in the block it
 * ends the block before the instruction (DISAS_TOO_MANY), so the next
 * block starts there and takes the first case. Inserting or removing a
 * breakpoint drops the translations of its address.
 *
 * Watchpoints live in the soft TLB: tlb_set_page marks a page's read
 * and/or write comparator TLB_WATCHPOINT when cpu_watchpoint_address_matches
 * reports a watchpoint of that kind on the page, so those accesses take the
 * slow path, which calls cpu_check_watchpoint before doing the access.
 * Changing a watchpoint flushes the CPU's TLB.
 *
 * A watchpoint stops the guest after the accessing instruction, as gdb
 * expects on targets without "non-steppable" watchpoints (the access has
 * happened when gdb reads the new value): on a hit, cpu_check_watchpoint
 * records it, turns on cpu->singlestep, restores the guest state to the
 * instruction and leaves to the exec loop without an exception; the
 * instruction then runs again as a one-instruction block whose accesses
 * are let through, and the single step ends in a debug stop.
 *
 * What the exec loop does for all this (tcg/exec.c):
 *   - cpu->exception_index == tcg_ops->excp_debug: reset it to -1 and
 *     return CPU_EXIT_DEBUG;
 *   - cpu->singlestep != 0: cflags |= CF_SINGLE_STEP | CF_NO_GOTO_TB |
 *     CF_NO_GOTO_PTR | 1, take no interrupts (the step is interrupt-free),
 *     and return CPU_EXIT_DEBUG after running the block (or after
 *     do_interrupt delivered an exception the stepped instruction raised:
 *     gdb then sees the trap handler's first instruction);
 *     helper_lookup_tb_ptr returns NULL while cpu->singlestep is set.
 * All of this runs on the vCPU thread with the global lock held; the
 * gdbstub changes the lists on the main loop with the lock held, while the
 * vCPU thread is out of guest code.
 */
#ifndef GDBSTUB_BREAKPOINTS_H
#define GDBSTUB_BREAKPOINTS_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "softmmu/cpu.h"
#include "tcg/helper-info.h"

/* Watchpoint kinds: gdb's Z2 (write), Z3 (read), Z4 (access). */
#define BP_MEM_READ 0x1
#define BP_MEM_WRITE 0x2
#define BP_MEM_ACCESS (BP_MEM_READ | BP_MEM_WRITE)

typedef struct CPUWatchpoint {
    uint64_t addr;
    uint64_t len;      /* bytes from addr, at least 1 */
    int flags;         /* BP_MEM_* */
} CPUWatchpoint;

/* Breakpoints: duplicates are kept (each insert needs its remove). */
void cpu_breakpoint_insert(CPUState *cpu, uint64_t pc);
/* False when no breakpoint is at pc. */
bool cpu_breakpoint_remove(CPUState *cpu, uint64_t pc);
/* True when a breakpoint is at pc (translator_loop, per instruction). */
bool cpu_breakpoint_test(CPUState *cpu, uint64_t pc);
unsigned cpu_breakpoint_count(CPUState *cpu);

/*
 * The helper a breakpoint's block calls (helper_info_debug_breakpoint is its
 * description for tcg_gen_callN, with env as the one argument): leaves with
 * the target's excp_debug and the state of the breakpoint's instruction.
 */
G_NORETURN void helper_debug_breakpoint(void *env);
extern const TCGHelperInfo helper_info_debug_breakpoint;

/* Watchpoints on [addr, addr + len): false for an empty or wrapping range,
 * or (remove) when none has exactly that address, length and kind. */
bool cpu_watchpoint_insert(CPUState *cpu, uint64_t addr, uint64_t len, int flags);
bool cpu_watchpoint_remove(CPUState *cpu, uint64_t addr, uint64_t len, int flags);
unsigned cpu_watchpoint_count(CPUState *cpu);
/* The BP_MEM_* kinds of the watchpoints overlapping [addr, addr + len)
 * (tlb_set_page, with the page's range). */
int cpu_watchpoint_address_matches(CPUState *cpu, uint64_t addr, uint64_t len);
/*
 * The soft TLB's slow path, before an access of len bytes at addr to a page
 * marked TLB_WATCHPOINT; ra is the host return address into the block (0
 * outside generated code). Returns when the access may go ahead; on a hit
 * it leaves to the exec loop (see above) unless ra is 0, when the stop
 * comes after the current block's next instruction instead.
 */
void cpu_check_watchpoint(CPUState *cpu, uint64_t addr, uint64_t len, bool is_write,
                          uintptr_t ra);
/* After a debug stop: the watchpoint that caused it (true), clearing the
 * record and ending the one-instruction replay. */
bool cpu_watchpoint_take_hit(CPUState *cpu, CPUWatchpoint *hit);

/* Drops every breakpoint and watchpoint of the CPU (gdb detached). */
void cpu_debug_remove_all(CPUState *cpu);

#endif
