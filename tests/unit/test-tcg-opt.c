/*
 * Tests of the translator's speed-related passes on the x86-64 backend:
 * where liveness makes globals go to memory (only block ends, guest memory
 * accesses, helper calls and exits; not every instruction), the
 * optimizer's peepholes and its forgetting at labels and between blocks,
 * and the code buffer's placement within rel32 reach of the helpers.
 * Each test checks the optimized IR dump and, where the result matters,
 * runs the block.
 */
#include <glib.h>
#include <string.h>

#include "tcg/tcg.h"

typedef struct TestEnv {
    uint32_t g[4];      /* globals w0..w3 */
    uint32_t out[4];
} TestEnv;

static TestEnv env;
static TCGv_i32 w[4];
static TranslationBlock test_tb;

/* The x86-64 slow paths call these; no test here reaches guest memory. */
uint64_t helper_ld_mmu(void *e, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    g_assert_not_reached();
}

void helper_st_mmu(void *e, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    g_assert_not_reached();
}

static void block_start(void)
{
    tcg_func_start(tcg_ctx);
}

/* Optimizes and analyses the block; returns its dump with life bits. */
static char *block_passes(void)
{
    GString *s = g_string_new(NULL);

    tcg_optimize(tcg_ctx);
    tcg_liveness_analysis(tcg_ctx);
    tcg_dump_ops_to(tcg_ctx, s, true);
    return g_string_free(s, false);
}

/* Generates the block's code (after block_passes), once. */
static void block_gen(void)
{
    TCGContext *s = tcg_ctx;

    memset(&test_tb, 0, sizeof(test_tb));
    s->code_gen_ptr = s->code_gen_buffer;
    g_assert_cmpint(tcg_gen_code(s, &test_tb), >, 0);
}

static uintptr_t block_run(void)
{
    return tcg_qemu_tb_exec(&env, test_tb.tc_ptr);
}

static void assert_has(const char *dump, const char *line)
{
    if (!strstr(dump, line)) {
        g_error("missing \"%s\" in:\n%s", line, dump);
    }
}

/* Two instructions writing one global: only the last write is stored. */
static void test_liveness_one_store(void)
{
    block_start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_addi_i32(w[0], w[0], 1);
    tcg_gen_st_i32(w[0], tcg_env, offsetof(TestEnv, out[0]));
    tcg_gen_insn_start(0x104, 0, 0);
    tcg_gen_addi_i32(w[0], w[0], 2);
    tcg_gen_exit_tb(NULL, 0);

    char *dump = block_passes();
    /* no sync after the first add: neither insn_start nor st needs memory current */
    assert_has(dump, " add_i32 w0,w0,$0x1  dead: 1 2\n");
    assert_has(dump, " add_i32 w0,w0,$0x2  sync: 0  dead: 0 1 2\n");
    g_free(dump);

    block_gen();
    env.g[0] = 10;
    g_assert_cmpuint(block_run(), ==, 0);
    g_assert_cmpuint(env.out[0], ==, 11);
    g_assert_cmpuint(env.g[0], ==, 13);
}

/* A global overwritten before any sync point: its first write goes. */
static void test_liveness_dead_write(void)
{
    block_start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_add_i32(w[1], w[2], w[3]);
    tcg_gen_insn_start(0x104, 0, 0);
    tcg_gen_movi_i32(w[1], 7);
    tcg_gen_exit_tb(NULL, 0);

    char *dump = block_passes();
    g_assert_null(strstr(dump, "add_i32"));
    assert_has(dump, " mov_i32 w1,$0x7  sync: 0  dead: 0 1\n");
    g_free(dump);
}

/* A guest memory access may fault: the globals written before it are stored first. */
static void test_liveness_guest_mem_syncs(void)
{
    TCGv_i32 t = tcg_temp_new_i32();

    block_start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_addi_i32(w[0], w[0], 1);
    tcg_gen_insn_start(0x104, 0, 0);
    tcg_gen_qemu_ld_i32(t, w[1], 0, MO_UL);
    tcg_gen_mov_i32(w[0], t);
    tcg_gen_exit_tb(NULL, 0);

    char *dump = block_passes();
    assert_has(dump, " add_i32 w0,w0,$0x1  sync: 0  dead: 0 1 2\n");
    g_free(dump);
}

/* "setcond; xor 1" is the inverse setcond; eqv with 0 is not. */
static void test_optimize_peepholes(void)
{
    block_start();
    tcg_gen_setcond_i32(TCG_COND_EQ, w[2], w[0], w[1]);
    tcg_gen_xori_i32(w[2], w[2], 1);
    tcg_gen_eqv_i32(w[3], w[0], tcg_constant_i32(0));
    tcg_gen_exit_tb(NULL, 0);

    char *dump = block_passes();
    assert_has(dump, " setcond_i32 w2,w0,w1,ne  sync: 0  dead: 0 2\n");
    g_assert_null(strstr(dump, "xor_i32"));
    assert_has(dump, " not_i32 w3,w0  sync: 0  dead: 0 1\n");
    g_free(dump);

    block_gen();
    for (uint32_t b = 5; b <= 6; b++) {
        env.g[0] = 5;
        env.g[1] = b;
        block_run();
        g_assert_cmpuint(env.g[2], ==, b != 5);
        g_assert_cmpuint(env.g[3], ==, ~5u);
    }
}

/* What the optimizer knows is forgotten at a label, and between blocks. */
static void test_optimize_forgets(void)
{
    TCGLabel *l;

    block_start();
    l = gen_new_label();
    tcg_gen_movi_i32(w[0], 5);
    tcg_gen_brcondi_i32(TCG_COND_EQ, w[1], 0, l);
    tcg_gen_movi_i32(w[0], 7);
    gen_set_label(l);
    tcg_gen_addi_i32(w[2], w[0], 1);    /* w0 is 5 or 7 here: no folding */
    tcg_gen_exit_tb(NULL, 0);

    char *dump = block_passes();
    assert_has(dump, " add_i32 w2,w0,$0x1");
    g_free(dump);
    block_gen();
    for (uint32_t c = 0; c < 2; c++) {
        env.g[1] = c;
        block_run();
        g_assert_cmpuint(env.g[2], ==, c ? 8 : 6);
    }

    /* the next block knows nothing of w0 = 5 from the one before */
    block_start();
    tcg_gen_movi_i32(w[0], 5);
    tcg_gen_exit_tb(NULL, 0);
    g_free(block_passes());
    block_start();
    tcg_gen_addi_i32(w[2], w[0], 1);
    tcg_gen_exit_tb(NULL, 0);
    dump = block_passes();
    assert_has(dump, " add_i32 w2,w0,$0x1");
    g_free(dump);
}

/* A block with many labels and temps still translates and runs right. */
static void test_many_labels(void)
{
    block_start();
    tcg_gen_movi_i32(w[2], 0);
    for (int i = 0; i < 200; i++) {
        TCGLabel *skip = gen_new_label();
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_andi_i32(t, w[0], 1u << (i % 32));
        tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, skip);
        tcg_gen_addi_i32(w[2], w[2], i);
        gen_set_label(skip);
    }
    tcg_gen_exit_tb(NULL, 0);
    g_free(block_passes());
    block_gen();

    env.g[0] = 0x80000001u;
    block_run();
    uint32_t want = 0;
    for (int i = 0; i < 200; i++) {
        want += (env.g[0] >> (i % 32)) & 1 ? i : 0;
    }
    g_assert_cmpuint(env.g[2], ==, want);
}

static uint32_t helper_twice(uint32_t x)
{
    return 2 * x;
}

static const TCGHelperInfo info_twice = {
    .func = helper_twice, .name = "twice", .flags = TCG_CALL_NO_RWG_SE,
    .nargs = 1, .ret = TCG_CALL_TYPE_I32, .args = { TCG_CALL_TYPE_I32 },
};

/* The code buffer sits within rel32 reach of the text: calls are direct. */
static void test_code_buffer_near_text(void)
{
    intptr_t d = (intptr_t)tcg_ctx->code_gen_buffer - (intptr_t)helper_twice;
    TCGTemp *args[1];

    g_assert_cmpint(d, >, -((intptr_t)1 << 31) + (64 << 20));
    g_assert_cmpint(d, <, ((intptr_t)1 << 31) - (64 << 20));

    block_start();
    args[0] = tcgv_i32_temp(w[0]);
    tcg_gen_callN(&info_twice, tcgv_i32_temp(w[1]), args);
    tcg_gen_exit_tb(NULL, 0);
    g_free(block_passes());
    block_gen();
    env.g[0] = 21;
    block_run();
    g_assert_cmpuint(env.g[1], ==, 42);
    /* a 5-byte call rel32 to the helper, not movabs + call rax */
    bool found = false;
    for (const uint8_t *p = test_tb.tc_ptr; p + 5 <= (const uint8_t *)test_tb.tc_ptr +
                                                      test_tb.tc_size; p++) {
        int32_t rel;
        memcpy(&rel, p + 1, 4);
        found |= p[0] == 0xe8 && p + 5 + rel == (const uint8_t *)helper_twice;
    }
    g_assert_true(found);
}

int main(int argc, char **argv)
{
    static const char names[4][3] = { "w0", "w1", "w2", "w3" };

    g_test_init(&argc, &argv, NULL);
    tcg_context_init();
    g_assert_true(tcg_code_buffer_alloc(tcg_ctx, 16 << 20, NULL));
    for (int i = 0; i < 4; i++) {
        w[i] = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, g[i]), names[i]);
    }
    g_test_add_func("/tcg-opt/liveness/one-store", test_liveness_one_store);
    g_test_add_func("/tcg-opt/liveness/dead-write", test_liveness_dead_write);
    g_test_add_func("/tcg-opt/liveness/guest-mem-syncs", test_liveness_guest_mem_syncs);
    g_test_add_func("/tcg-opt/optimize/peepholes", test_optimize_peepholes);
    g_test_add_func("/tcg-opt/optimize/forgets", test_optimize_forgets);
    g_test_add_func("/tcg-opt/optimize/many-labels", test_many_labels);
    g_test_add_func("/tcg-opt/code-buffer/near-text", test_code_buffer_near_text);
    return g_test_run();
}
