/*
 * The exec loop: runs one CPU's translated blocks until something makes it
 * return to the vCPU thread (softmmu/cpus.c). Each turn delivers a pending
 * exception (target do_interrupt), takes interrupts at a block boundary
 * (target cpu_exec_interrupt), honours cpu_exit() (exit_request), finds the
 * block for the CPU's state (jump cache, then hash table, else translate),
 * chains the block it came from to it, and runs it on the selected backend.
 *
 * Helpers leave generated code with siglongjmp back to cpu_exec
 * (cpu_loop_exit), as QEMU does: a fault can happen deep inside a helper
 * or the soft TLB's slow path, and without longjmp every helper call in
 * generated code would need a status check and an exit path after it. The
 * guest state is made precise before the jump (cpu_restore_state), so
 * nothing in the abandoned frames needs to run.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/symbols.h"
#include "tcg/exec-internal.h"
#include "tcg/tcg.h"
#include "util/cutils.h"
#include "util/error.h"
#include "util/log.h"

GPtrArray *exec_cpus;

const TCGCPUOps *cpu_tcg_ops(CPUState *cpu)
{
    return cpu->tcg_ops;
}

void cpu_set_tcg_ops(CPUState *cpu, const TCGCPUOps *ops)
{
    cpu->tcg_ops = ops;
}

void cpu_exec_init(CPUState *cpu)
{
    tcg_exec_global_init();
    CPUExecState *es = g_new0(CPUExecState, 1);
    es->cflags_next_tb = -1;
    cpu->exec_state = es;
    cpu->exception_index = -1;
    tlb_init(cpu);
    if (!exec_cpus) {
        exec_cpus = g_ptr_array_new();
    }
    g_ptr_array_add(exec_cpus, cpu);
}

/* ---- Leaving generated code ------------------------------------------------ */

G_NORETURN void cpu_loop_exit(CPUState *cpu)
{
    CPUExecState *es = cpu_exec_state(cpu);
    if (!es->jmp_env_valid) {
        /* A helper path was used outside the loop with a faulting access:
         * a bug in the caller, not something the guest can cause. */
        error_report("cpu %d: guest exception raised outside cpu_exec", cpu->index);
        abort();
    }
    siglongjmp(es->jmp_env, 1);
}

G_NORETURN void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    cpu_restore_state(cpu, retaddr);
    cpu_loop_exit(cpu);
}

G_NORETURN void cpu_loop_exit_noexc(CPUState *cpu)
{
    cpu->exception_index = -1;
    cpu_loop_exit(cpu);
}

bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr)
{
    const TCGCPUOps *ops = cpu->tcg_ops;
    uint64_t data[TCG_INSN_START_WORDS] = { 0 };

    if (retaddr == 0) {
        return false;
    }
    /* Under TCI a helper's GETPC() is inside the interpreter; the bytecode
     * position it is running is what identifies the instruction. */
    if (tcg_backend == TCG_BACKEND_TCI && !code_buffer_contains(retaddr)) {
        retaddr = tci_tb_ptr;
    }
    /* retaddr points after the call, which may be the block's last byte. */
    TranslationBlock *tb = code_buffer_find_tb(retaddr - 1);
    if (!tb || !tcg_search_data_find(tb->search_data, tb->search_len, ops->insn_start_words,
                                     retaddr - (uintptr_t)tb->tc_ptr, data)) {
        return false;
    }
    ops->restore_state_to_opc(cpu, tb, data);
    return true;
}

/* ---- Finding blocks ----------------------------------------------------------- */

bool tcg_one_insn_per_tb;

/* The cflags every block translated now gets. */
static uint32_t cpu_curr_cflags(CPUState *cpu)
{
    uint32_t cflags = tcg_one_insn_per_tb ? 1 : 0;
    if (cpu->singlestep) {
        /* No entry check: the step must run its instruction, not leave at entry. */
        cflags |= CF_SINGLE_STEP | CF_NO_GOTO_TB | CF_NO_GOTO_PTR | CF_NOIRQ | 1;
    }
    /* goto_ptr would run blocks the log should show one by one. */
    if (log_enabled(LOG_NOCHAIN | LOG_CPU)) {
        cflags |= CF_NO_GOTO_PTR;
    }
    return cflags;
}

static TBJumpCacheEntry *tb_jmp_cache_lookup(CPUExecState *es, uint64_t pc, uint64_t cs_base,
                                             uint32_t flags, uint32_t cflags)
{
    TBJumpCacheEntry *e = &es->jc[tb_jmp_cache_hash(pc)];

    tcg_exec_stats.jc_lookups++;
    if (e->tb && e->pc == pc && e->cs_base == cs_base && e->flags == flags &&
        e->cflags == cflags) {
        tcg_exec_stats.jc_hits++;
        return e;
    }
    return NULL;
}

static TBJumpCacheEntry *tb_jmp_cache_set(CPUExecState *es, TranslationBlock *tb)
{
    TBJumpCacheEntry *e = &es->jc[tb_jmp_cache_hash(tb->pc)];

    *e = (TBJumpCacheEntry) {
        .tb = tb, .pc = tb->pc, .cs_base = tb->cs_base, .tc_ptr = tb->tc_ptr,
        .flags = tb->flags, .cflags = tb->cflags,
    };
    return e;
}

/* The block for this state, translated if need be (which may fault). */
static TranslationBlock *tb_find(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                                 uint32_t cflags)
{
    CPUExecState *es = cpu_exec_state(cpu);
    TBJumpCacheEntry *e = tb_jmp_cache_lookup(es, pc, cs_base, flags, cflags);
    if (e) {
        return e->tb;
    }
    TBCodePage page;
    tlb_get_code_page(cpu, pc, false, &page);
    TranslationBlock *tb = tb_htable_lookup((uintptr_t)page.host, pc, cs_base, flags, cflags);
    if (!tb) {
        tb = tb_gen_code(cpu, &page, pc, cs_base, flags, cflags);
    }
    tb_jmp_cache_set(es, tb);
    return tb;
}

/*
 * lookup_and_goto_ptr: the next block's host code without leaving
 * generated code, or NULL to return to the loop (not translated yet, code
 * page not in the TLB, or the CPU was asked to exit).
 */
static const void *helper_lookup_tb_ptr(void *env)
{
    CPUState *cpu = env_cpu(env);
    CPUExecState *es = cpu_exec_state(cpu);
    uint64_t pc, cs_base;
    uint32_t flags;
    uint32_t cflags = cpu_curr_cflags(cpu);

    /* cpu_interrupt() raises exit_request too, so this covers interrupts. */
    if (__atomic_load_n(&cpu->neg.exit_request, __ATOMIC_ACQUIRE) || (cflags & CF_NO_GOTO_PTR)) {
        return NULL;
    }
    cpu->tcg_ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    TBJumpCacheEntry *e = tb_jmp_cache_lookup(es, pc, cs_base, flags, cflags);
    if (!e) {
        TBCodePage page;
        if (!tlb_get_code_page(cpu, pc, true, &page)) {
            return NULL;
        }
        TranslationBlock *tb = tb_htable_lookup((uintptr_t)page.host, pc, cs_base, flags, cflags);
        if (!tb) {
            return NULL;
        }
        e = tb_jmp_cache_set(es, tb);
    }
    if (log_enabled(LOG_EXEC)) {
        tcg_exec_log_trace(cpu, e->tb);
    }
    return e->tc_ptr;
}

/* ---- The loop -------------------------------------------------------------------- */

/* Delivers a pending exception; true (with *why) when the loop must return. */
static bool cpu_handle_exception(CPUState *cpu, CPUExitReason *why)
{
    const TCGCPUOps *ops = cpu->tcg_ops;

    if (cpu->exception_index < 0) {
        return false;
    }
    if (ops->excp_debug && cpu->exception_index == ops->excp_debug) {
        cpu->exception_index = -1;
        *why = CPU_EXIT_DEBUG;
        return true;
    }
    log_mask_printf(LOG_INT, "cpu %d: exception %d\n", cpu->index, cpu->exception_index);
    ops->do_interrupt(cpu);
    cpu->exception_index = -1;
    if (cpu->singlestep) {
        /* gdb's step into a trap stops at the handler's first instruction. */
        *why = CPU_EXIT_DEBUG;
        return true;
    }
    return false;
}

typedef enum {
    LOOP_CONTINUE,
    LOOP_RETURN,      /* *why says why */
    LOOP_EXCEPTION,   /* the target raised one while taking an interrupt */
} LoopAction;

static LoopAction cpu_handle_interrupt(CPUState *cpu, CPUExitReason *why,
                                       TranslationBlock **last_tb)
{
    uint32_t ir = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_ACQUIRE);

    if (ir) {
        if (ir & CPU_INTERRUPT_HALT) {
            __atomic_and_fetch(&cpu->interrupt_request, ~CPU_INTERRUPT_HALT, __ATOMIC_SEQ_CST);
            cpu->halted = true;
            *why = CPU_EXIT_HALTED;
            return LOOP_RETURN;
        }
        if (ir & CPU_INTERRUPT_EXITTB) {
            /* The state a chain depends on changed: do not chain into it. */
            __atomic_and_fetch(&cpu->interrupt_request, ~CPU_INTERRUPT_EXITTB,
                               __ATOMIC_SEQ_CST);
            *last_tb = NULL;
        }
        /* Single-stepping masks interrupts, as QEMU's gdbstub does by default. */
        if (!cpu->singlestep && cpu->tcg_ops->cpu_exec_interrupt &&
            (ir & ~CPU_INTERRUPT_EXITTB) && cpu->tcg_ops->cpu_exec_interrupt(cpu, ir)) {
            *last_tb = NULL;
        }
        if (cpu->exception_index >= 0) {
            return LOOP_EXCEPTION;
        }
    }
    if (__atomic_load_n(&cpu->neg.exit_request, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&cpu->neg.exit_request, 0, __ATOMIC_RELEASE);
        *why = CPU_EXIT_REQUESTED;
        return LOOP_RETURN;
    }
    return LOOP_CONTINUE;
}

void tcg_exec_log_trace(CPUState *cpu, const TranslationBlock *tb)
{
    uint64_t off;
    const char *sym = symbol_lookup(tb->pc, &off);
    log_printf("Trace %d: %p [%016" PRIx64 "/%016" PRIx64 "/%08x] %s\n", cpu->index,
               tb->tc_ptr, tb->cs_base, tb->pc, tb->flags, sym ? sym : "");
}

/* -dfilter: the pc ranges (inclusive pairs) the cpu and exec logs show; none: all. */
static GArray *log_pc_ranges;

bool tcg_log_filter_parse(const char *spec, GError **err)
{
    g_auto(GStrv) items = g_strsplit(spec, ",", -1);

    log_pc_ranges = g_array_new(FALSE, FALSE, sizeof(uint64_t));
    for (char **it = items; *it; it++) {
        char *sep = strstr(*it, "..");
        char *plus = strchr(*it, '+');
        g_autofree char *first = g_strndup(*it, sep ? (size_t)(sep - *it)
                                               : plus ? (size_t)(plus - *it) : strlen(*it));
        uint64_t r[2];
        if (!parse_uint64(first, &r[0]) || (!sep && !plus) ||
            !parse_uint64(sep ? sep + 2 : plus + 1, &r[1]) || (plus && r[1] == 0)) {
            g_set_error(err, CHIMERA_ERROR, 0,
                        "-dfilter %s: expected START..END or START+SIZE ranges", spec);
            return false;
        }
        if (plus) {
            r[1] = r[0] + r[1] - 1;
        }
        g_array_append_vals(log_pc_ranges, r, 2);
    }
    return true;
}

static bool log_pc_wanted(uint64_t pc)
{
    if (!log_pc_ranges) {
        return true;
    }
    for (guint i = 0; i < log_pc_ranges->len; i += 2) {
        if (pc >= g_array_index(log_pc_ranges, uint64_t, i) &&
            pc <= g_array_index(log_pc_ranges, uint64_t, i + 1)) {
            return true;
        }
    }
    return false;
}

static void cpu_log_before_tb(CPUState *cpu, const TranslationBlock *tb)
{
    if (!log_pc_wanted(tb->pc)) {
        return;
    }
    if (log_enabled(LOG_CPU) && cpu->ops && cpu->ops->dump_state) {
        GString *s = g_string_new(NULL);
        cpu->ops->dump_state(cpu, s);
        log_printf("%s", s->str);
        g_string_free(s, TRUE);
    }
    if (log_enabled(LOG_EXEC)) {
        tcg_exec_log_trace(cpu, tb);
    }
}

static CPUExitReason cpu_exec_loop(CPUState *cpu)
{
    CPUExecState *es = cpu_exec_state(cpu);
    const TCGCPUOps *ops = cpu->tcg_ops;
    CPUExitReason why;

    for (;;) {
        if (cpu_handle_exception(cpu, &why)) {
            return why;
        }
        TranslationBlock *last_tb = NULL;
        unsigned last_n = 0;
        uint64_t generation = tb_flush_generation;

        for (;;) {
            LoopAction act = cpu_handle_interrupt(cpu, &why, &last_tb);
            if (act == LOOP_RETURN) {
                return why;
            }
            if (act == LOOP_EXCEPTION) {
                break;
            }

            uint64_t pc, cs_base;
            uint32_t flags, cflags = cpu_curr_cflags(cpu);
            if (es->cflags_next_tb != (uint32_t)-1) {
                cflags = es->cflags_next_tb;
                es->cflags_next_tb = -1;
            }
            ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
            TranslationBlock *tb = tb_find(cpu, pc, cs_base, flags, cflags);

            /* A flush (buffer full) made last_tb's memory free for reuse. */
            if (generation != tb_flush_generation) {
                generation = tb_flush_generation;
                last_tb = NULL;
            }
            if (last_tb && !log_enabled(LOG_NOCHAIN)) {
                tb_add_jump(last_tb, last_n, tb);
            }
            cpu_log_before_tb(cpu, tb);

            uintptr_t ret = tcg_backend_exec_tb(cpu->env, tb->tc_ptr);
            last_tb = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
            last_n = ret & TB_EXIT_MASK;
            if (last_n == TB_EXIT_REQUESTED) {
                /* Left at entry, maybe reached by a chained jump that did not
                 * store the pc: resume at the block's first instruction. */
                ops->restore_state_to_opc(cpu, last_tb, last_tb->entry_data);
                last_tb = NULL;
            } else if (last_tb) {
                tcg_exec_stats.goto_tb_exits++;
            }
            if (tb->cflags & CF_SINGLE_STEP) {
                return CPU_EXIT_DEBUG;
            }
        }
    }
}

CPUExitReason cpu_exec(CPUState *cpu)
{
    CPUExecState *es = cpu_exec_state(cpu);

    /* The vCPU thread translates with its own context (tcg.h). */
    if (!tcg_ctx) {
        tcg_register_thread();
    }
    if (sigsetjmp(es->jmp_env, 0) != 0) {
        /* Back from cpu_loop_exit, maybe out of a translation. */
        translator_retry_jmp = NULL;
    }
    es->jmp_env_valid = true;
    CPUExitReason why = cpu_exec_loop(cpu);
    es->jmp_env_valid = false;
    return why;
}

/* ---- Set-up ------------------------------------------------------------------------ */

void tcg_exec_global_init(void)
{
    static bool done;
    GError *err = NULL;

    if (done) {
        return;
    }
    done = true;
    tcg_context_init();
    tb_maint_init();
    if (!code_buffer_init(code_buffer_size_request, &err)) {
        error_report_fatal(err);
    }
    tcg_lookup_tb_ptr_fn = helper_lookup_tb_ptr;
}
