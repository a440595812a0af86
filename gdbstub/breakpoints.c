/*
 * Per-CPU breakpoint and watchpoint lists (breakpoints.h), kept in
 * cpu->debug_state, and the two places they reach execution: the
 * translator's per-instruction test with its debug-exit helper, and the
 * soft TLB's watchpoint check. The lists are short (a debugging session's
 * worth), so plain arrays searched linearly are the right structure.
 */
#include "gdbstub/breakpoints.h"
#include "tcg/exec.h"

typedef struct CPUDebugState {
    GArray *breakpoints;        /* uint64_t guest virtual pcs */
    GArray *watchpoints;        /* CPUWatchpoint */
    CPUWatchpoint hit;          /* the watchpoint behind the pending stop */
    bool hit_valid;
    bool replaying;             /* re-running the accessing instruction */
    int saved_singlestep;       /* cpu->singlestep before the replay */
} CPUDebugState;

static CPUDebugState *cpu_debug(CPUState *cpu)
{
    CPUDebugState *d = cpu->debug_state;

    if (!d) {
        d = g_new0(CPUDebugState, 1);
        d->breakpoints = g_array_new(FALSE, FALSE, sizeof(uint64_t));
        d->watchpoints = g_array_new(FALSE, FALSE, sizeof(CPUWatchpoint));
        cpu->debug_state = d;
    }
    return d;
}

/*
 * Translations that contain pc were made without (or with) the breakpoint:
 * drop them all. The debugger's view of pc (debug_translate, a data view)
 * can miss how instruction fetch maps it (SPARC boot mode fetches from the
 * PROM), so a physical invalidation could leave a stale block; gdb changes
 * breakpoints only at stops, where a flush costs little.
 */
static void breakpoint_invalidate(CPUState *cpu, uint64_t pc)
{
    tb_flush(cpu);
}

void cpu_breakpoint_insert(CPUState *cpu, uint64_t pc)
{
    g_array_append_val(cpu_debug(cpu)->breakpoints, pc);
    breakpoint_invalidate(cpu, pc);
}

bool cpu_breakpoint_remove(CPUState *cpu, uint64_t pc)
{
    GArray *bps = cpu_debug(cpu)->breakpoints;

    for (guint i = 0; i < bps->len; i++) {
        if (g_array_index(bps, uint64_t, i) == pc) {
            g_array_remove_index_fast(bps, i);
            breakpoint_invalidate(cpu, pc);
            return true;
        }
    }
    return false;
}

bool cpu_breakpoint_test(CPUState *cpu, uint64_t pc)
{
    CPUDebugState *d = cpu->debug_state;

    for (guint i = 0; d && i < d->breakpoints->len; i++) {
        if (g_array_index(d->breakpoints, uint64_t, i) == pc) {
            return true;
        }
    }
    return false;
}

unsigned cpu_breakpoint_count(CPUState *cpu)
{
    CPUDebugState *d = cpu->debug_state;
    return d ? d->breakpoints->len : 0;
}

void helper_debug_breakpoint(void *env)
{
    CPUState *cpu = env_cpu(env);

    cpu->exception_index = cpu->tcg_ops->excp_debug;
    cpu_loop_exit_restore(cpu, GETPC());
}

const TCGHelperInfo helper_info_debug_breakpoint = {
    .func = (void *)helper_debug_breakpoint,
    .name = "debug_breakpoint",
    .flags = TCG_CALL_NO_RETURN | TCG_CALL_NO_WRITE_GLOBALS,
    .nargs = 1,
    .ret = TCG_CALL_TYPE_VOID,
    .args = { TCG_CALL_TYPE_PTR },
};

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    /* Lengths are at least 1 and the ranges do not wrap. */
    return a <= b + (blen - 1) && b <= a + (alen - 1);
}

bool cpu_watchpoint_insert(CPUState *cpu, uint64_t addr, uint64_t len, int flags)
{
    CPUWatchpoint wp = { addr, len, flags & BP_MEM_ACCESS };

    if (len == 0 || addr + (len - 1) < addr || !wp.flags) {
        return false;
    }
    g_array_append_val(cpu_debug(cpu)->watchpoints, wp);
    /* Pages now watched must leave the fast path: refill the TLB. */
    tlb_flush(cpu);
    return true;
}

bool cpu_watchpoint_remove(CPUState *cpu, uint64_t addr, uint64_t len, int flags)
{
    GArray *wps = cpu_debug(cpu)->watchpoints;

    for (guint i = 0; i < wps->len; i++) {
        CPUWatchpoint *wp = &g_array_index(wps, CPUWatchpoint, i);
        if (wp->addr == addr && wp->len == len && wp->flags == (flags & BP_MEM_ACCESS)) {
            g_array_remove_index_fast(wps, i);
            tlb_flush(cpu);
            return true;
        }
    }
    return false;
}

unsigned cpu_watchpoint_count(CPUState *cpu)
{
    CPUDebugState *d = cpu->debug_state;
    return d ? d->watchpoints->len : 0;
}

int cpu_watchpoint_address_matches(CPUState *cpu, uint64_t addr, uint64_t len)
{
    CPUDebugState *d = cpu->debug_state;
    int kinds = 0;

    for (guint i = 0; d && i < d->watchpoints->len; i++) {
        CPUWatchpoint *wp = &g_array_index(d->watchpoints, CPUWatchpoint, i);
        if (ranges_overlap(addr, len, wp->addr, wp->len)) {
            kinds |= wp->flags;
        }
    }
    return kinds;
}

void cpu_check_watchpoint(CPUState *cpu, uint64_t addr, uint64_t len, bool is_write,
                          uintptr_t ra)
{
    CPUDebugState *d = cpu->debug_state;
    int kind = is_write ? BP_MEM_WRITE : BP_MEM_READ;

    /* During the replay every access goes ahead: the stop follows it. */
    if (!d || d->replaying || len == 0) {
        return;
    }
    for (guint i = 0; i < d->watchpoints->len; i++) {
        CPUWatchpoint *wp = &g_array_index(d->watchpoints, CPUWatchpoint, i);
        if (!(wp->flags & kind) || !ranges_overlap(addr, len, wp->addr, wp->len)) {
            continue;
        }
        d->hit = *wp;
        d->hit_valid = true;
        d->replaying = true;
        d->saved_singlestep = cpu->singlestep;
        cpu->singlestep = 1;
        if (ra && cpu_restore_state(cpu, ra)) {
            cpu_loop_exit_noexc(cpu);
        }
        return;
    }
}

static void watchpoint_end_replay(CPUState *cpu, CPUDebugState *d)
{
    if (d->replaying) {
        cpu->singlestep = d->saved_singlestep;
        d->replaying = false;
    }
}

bool cpu_watchpoint_take_hit(CPUState *cpu, CPUWatchpoint *hit)
{
    CPUDebugState *d = cpu->debug_state;

    if (!d) {
        return false;
    }
    watchpoint_end_replay(cpu, d);
    if (!d->hit_valid) {
        return false;
    }
    *hit = d->hit;
    d->hit_valid = false;
    return true;
}

void cpu_debug_remove_all(CPUState *cpu)
{
    CPUDebugState *d = cpu->debug_state;

    if (!d) {
        return;
    }
    if (d->breakpoints->len) {
        g_array_set_size(d->breakpoints, 0);
        tb_flush(cpu);
    }
    if (d->watchpoints->len) {
        g_array_set_size(d->watchpoints, 0);
        tlb_flush(cpu);
    }
    watchpoint_end_replay(cpu, d);
    d->hit_valid = false;
}
