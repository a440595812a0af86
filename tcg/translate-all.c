/*
 * tb_gen_code: turns the guest code at one pc into a cached block. It
 * carves the block out of the code buffer, runs the target's front end
 * (translate_code, built on translator_loop), the optimizer and liveness,
 * then the selected backend (x86-64 or TCI), keeps the result and links it
 * into the TB cache, timing the whole. The -d in_asm, op, op_opt and out_asm
 * logs are written here; `info jit` is formatted here from the exec side's
 * counters.
 */
#include <inttypes.h>
#include <string.h>

#include "config-host.h"
#include "util/host-clock.h"
#include "util/symbols.h"
#include "tcg/exec-internal.h"
#include "tcg/tcg.h"
#include "util/bswap.h"
#include "util/error.h"
#include "util/log.h"

#if CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

G_STATIC_ASSERT(G_N_ELEMENTS(((TranslationBlock *)0)->entry_data) == TCG_INSN_START_WORDS);

/* ---- -d in_asm ------------------------------------------------------------- */

/* The block's guest bytes, copied from the one or two pages they sit on. */
static void tb_copy_guest_code(const TranslationBlock *tb, uint8_t *buf)
{
    size_t first = MIN((size_t)tb->size,
                       (size_t)(TARGET_PAGE_SIZE - (tb->pc & ~TARGET_PAGE_MASK)));
    memcpy(buf, (const void *)tb->host_pc, first);
    if (first < tb->size) {
        const TBCodePage *p1 = translator_second_page();
        if (p1) {
            memcpy(buf + first, p1->host, tb->size - first);
        } else {
            memset(buf + first, 0, tb->size - first);
        }
    }
}

static bool tb_log_disas(const TCGCPUOps *ops, const uint8_t *code, size_t size, uint64_t pc)
{
#if CONFIG_CAPSTONE
    static csh handle;
    static int open_arch = -1, open_mode = -1;
    cs_insn *insn;

    if (open_arch != ops->capstone_arch || open_mode != ops->capstone_mode) {
        if (open_arch >= 0) {
            cs_close(&handle);
            open_arch = -1;
        }
        if (cs_open(ops->capstone_arch, ops->capstone_mode, &handle) != CS_ERR_OK) {
            return false;
        }
        open_arch = ops->capstone_arch;
        open_mode = ops->capstone_mode;
    }
    size_t n = cs_disasm(handle, code, size, pc, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        log_printf("0x%016" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic,
                   insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    return n > 0;
#else
    return false;
#endif
}

static void tb_log_in_asm(CPUState *cpu, const TranslationBlock *tb)
{
    const TCGCPUOps *ops = cpu->tcg_ops;
    uint64_t off;
    const char *sym = symbol_lookup(tb->pc, &off);
    uint8_t *code = g_malloc(tb->size + 1);

    tb_copy_guest_code(tb, code);
    log_printf("----------------\nIN: %s\n", sym ? sym : "");
    if (!tb_log_disas(ops, code, tb->size, tb->pc)) {
        /* No disassembler for this target: the words, as QEMU's fallback. */
        for (unsigned i = 0; i + 4 <= tb->size; i += 4) {
            uint32_t w = ops->big_endian ? ldl_be_p(code + i) : ldl_le_p(code + i);
            log_printf("0x%016" PRIx64 ":  .word 0x%08x\n", tb->pc + i, w);
        }
    }
    log_printf("\n");
    g_free(code);
}

/* ---- Translation ---------------------------------------------------------------- */

/*
 * Runs the front end over the block: 0 when done, or the instruction count
 * to retry with when a later instruction's page could not be fetched.
 */
static int tb_translate(CPUState *cpu, TranslationBlock *tb, const TBCodePage *page,
                        int max_insns)
{
    TCGContext *s = tcg_ctx;
    sigjmp_buf retry;
    int r = sigsetjmp(retry, 0);

    if (r != 0) {
        translator_retry_jmp = NULL;
        return r;
    }
    tcg_func_start(s);
    s->gen_tb = tb;
    s->insn_start_words = cpu->tcg_ops->insn_start_words;
    translator_begin(cpu, tb, page);
    translator_retry_jmp = &retry;
    cpu->tcg_ops->translate_code(cpu, tb, max_insns);
    translator_retry_jmp = NULL;
    return 0;
}

/* Counts the ops and keeps the first insn_start's words in the block. */
static void tb_scan_ops(TranslationBlock *tb)
{
    TCGOp *op;
    bool first = true;

    tcg_op_foreach(op, tcg_ctx) {
        tcg_exec_stats.ir_ops++;
        if (first && op->opc == INDEX_op_insn_start) {
            first = false;
            for (unsigned i = 0; i < TCG_INSN_START_WORDS; i++) {
                tb->entry_data[i] = op->args[i];
            }
        }
    }
}

TranslationBlock *tb_gen_code(CPUState *cpu, const TBCodePage *page, uint64_t pc,
                              uint64_t cs_base, uint32_t flags, uint32_t cflags)
{
    TCGContext *s = tcg_ctx;
    int64_t start = host_clock_ns();
    int max_insns = cflags & CF_COUNT_MASK ? (int)(cflags & CF_COUNT_MASK) : TB_MAX_INSNS;

    for (;;) {
        TranslationBlock *tb = code_buffer_start_tb();
        if (!tb) {
            if (code_buffer_used() == 0) {
                fatal("the code buffer (%zu bytes) cannot hold one block", code_buffer_total());
            }
            tcg_exec_stats.buffer_full_flushes++;
            tb_flush(cpu);
            continue;
        }
        tb->pc = pc;
        tb->cs_base = cs_base;
        tb->flags = flags;
        tb->cflags = cflags;
        tb->phys_pc = page->phys;
        tb->phys_page2 = -1;
        tb->host_pc = (uintptr_t)page->host;

        int retry = tb_translate(cpu, tb, page, max_insns);
        if (retry) {
            max_insns = retry;
            continue;
        }
        if (log_enabled(LOG_IN_ASM)) {
            tb_log_in_asm(cpu, tb);
        }
        if (log_enabled(LOG_OP)) {
            tcg_dump_ops(s, false);
        }
        tcg_optimize(s);
        tcg_liveness_analysis(s);
        if (log_enabled(LOG_OP_OPT)) {
            tcg_dump_ops(s, true);
        }

        int size = tcg_backend_gen_code(s, tb);
        if (size == -2 || (size == -1 && code_buffer_used() == 0)) {
            /* Too large for the block format (or an empty buffer): halve it. */
            if (max_insns == 1 || tb->icount <= 1) {
                fatal("a one-instruction block does not fit the code buffer");
            }
            max_insns = MAX(1, tb->icount / 2);
            continue;
        }
        if (size < 0 || !code_buffer_commit_tb(tb, size)) {
            tcg_exec_stats.buffer_full_flushes++;
            tb_flush(cpu);
            continue;
        }
        if (log_enabled(LOG_OUT_ASM) && tcg_backend == TCG_BACKEND_TCI) {
            log_printf("OUT: [size=%d] TCI bytecode at %p\n\n", size, tb->tc_ptr);
        }
        tcg_exec_stats.tb_translated++;
        tcg_exec_stats.guest_insns += tb->icount;
        tcg_exec_stats.host_bytes += size;
        tb_scan_ops(tb);
        tb_link(tb, page, translator_second_page());
        tcg_exec_stats.gen_ns += host_clock_ns() - start;
        return tb;
    }
}

/* ---- info jit ----------------------------------------------------------------------- */

static double ratio(uint64_t a, uint64_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

/* "guest insns executed N" over every CPU, or "off" without insn-count=on. */
static void tcg_exec_info_insn_count(GString *out)
{
    uint64_t n = 0;

    if (!tcg_insn_count_enabled) {
        g_string_append(out, "guest insns executed off (-accel tcg,insn-count=on counts them)\n");
        return;
    }
    for (guint i = 0; exec_cpus && i < exec_cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(exec_cpus, i);
        n += __atomic_load_n(&cpu->insn_count, __ATOMIC_RELAXED);
    }
    g_string_append_printf(out, "guest insns executed %" PRIu64 "\n", n);
}

void tcg_exec_info_jit(GString *out)
{
    const TCGExecStats *st = &tcg_exec_stats;
    TLBStats tlb = { 0 };

    for (guint i = 0; exec_cpus && i < exec_cpus->len; i++) {
        tlb_stats_add(g_ptr_array_index(exec_cpus, i), &tlb);
    }
    g_string_append_printf(out, "Translation buffer state:\n");
    g_string_append_printf(out, "backend             %s\n",
                           tcg_backend == TCG_BACKEND_TCI ? "tci" : "x86_64");
    g_string_append_printf(out, "gen code size       %zu/%zu\n", code_buffer_used(),
                           code_buffer_total());
    g_string_append_printf(out, "TB count            %u\n", code_buffer_tb_count());
    g_string_append_printf(out, "TBs translated      %" PRIu64 "\n", st->tb_translated);
    g_string_append_printf(out, "TB avg guest insns  %.1f\n",
                           ratio(st->guest_insns, st->tb_translated));
    g_string_append_printf(out, "TB avg host size    %.1f bytes (%.1f per guest insn)\n",
                           ratio(st->host_bytes, st->tb_translated),
                           ratio(st->host_bytes, st->guest_insns));
    g_string_append_printf(out, "IR ops per insn     %.1f\n", ratio(st->ir_ops, st->guest_insns));
    double gen_s = (double)st->gen_ns / 1e9;
    g_string_append_printf(out, "translation time    %.1f ms (%.0f TBs/s, %.2f M guest insns/s)\n",
                           gen_s * 1e3, gen_s > 0 ? (double)st->tb_translated / gen_s : 0.0,
                           gen_s > 0 ? (double)st->guest_insns / gen_s / 1e6 : 0.0);
    tcg_exec_info_insn_count(out);
    g_string_append_printf(out, "chained jumps       %" PRIu64 "/%" PRIu64
                           " goto_tb exits (%.1f%%)\n", st->chained, st->goto_tb_exits,
                           100.0 * ratio(st->chained, st->goto_tb_exits));
    g_string_append_printf(out, "jump cache hits     %" PRIu64 "/%" PRIu64 " (%.1f%%)\n",
                           st->jc_hits, st->jc_lookups, 100.0 * ratio(st->jc_hits, st->jc_lookups));
    g_string_append_printf(out, "\nStatistics:\n");
    g_string_append_printf(out, "TB flush count      %" PRIu64 " (%" PRIu64 " buffer full)\n",
                           st->tb_flushes, st->buffer_full_flushes);
    g_string_append_printf(out, "TB invalidate count %" PRIu64 " (%" PRIu64
                           " while running, %" PRIu64 " jumps unchained)\n",
                           st->tb_invalidated, st->smc_current_tb, st->unchained);
    g_string_append_printf(out, "TLB misses          %" PRIu64 " (%" PRIu64 " victim hits)\n",
                           tlb.misses, tlb.victim_hits);
    g_string_append_printf(out, "TLB fills           %" PRIu64 "\n", tlb.fills);
    g_string_append_printf(out, "TLB full flushes    %" PRIu64 "\n", tlb.flushes);
    g_string_append_printf(out, "TLB page flushes    %" PRIu64 "\n", tlb.page_flushes);
    g_string_append_printf(out, "TLB resizes         %" PRIu64 "\n", tlb.resizes);
}
