/*
 * Tests of the translator core on the TCI backend: every IR op on edge and
 * random inputs against plain-C references (tcg-op-cases.h), constant
 * folding against the same references, the IR dump before and after
 * optimization, liveness bits, helper calls, guest memory through the
 * soft-TLB helpers (faked here), chaining, and the search-data codec.
 */
#include <glib.h>
#include <string.h>

#include "tcg/tcg.h"
#include "tcg-op-cases.h"

static TestEnv test_env;
static TranslationBlock test_tb;

/* ---- Fake soft-TLB slow paths: guest memory is a small array ---------- */

static uint8_t guest_mem[256];
static MemOpIdx last_oi;
static uintptr_t last_ra;

uint64_t helper_ld_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    MemOp op = get_memop(oi);
    unsigned size = memop_size(op);
    uint64_t v = 0;

    last_oi = oi;
    last_ra = ra;
    for (unsigned i = 0; i < size; i++) {
        unsigned byte = op & MO_BSWAP ? size - 1 - i : i;
        v |= (uint64_t)guest_mem[(addr + i) % sizeof(guest_mem)] << (8 * byte);
    }
    if ((op & MO_SIGN) && size < 8) {
        unsigned sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return v;
}

void helper_st_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    MemOp op = get_memop(oi);
    unsigned size = memop_size(op);

    last_oi = oi;
    last_ra = ra;
    for (unsigned i = 0; i < size; i++) {
        unsigned byte = op & MO_BSWAP ? size - 1 - i : i;
        guest_mem[(addr + i) % sizeof(guest_mem)] = val >> (8 * byte);
    }
}

/* ---- Running one block ------------------------------------------------ */

static void start_block(void)
{
    TCGContext *s = tcg_ctx;
    tcg_func_start(s);
    s->code_gen_ptr = s->code_gen_buffer;
    memset(&test_tb, 0, sizeof(test_tb));
}

/* Optimizes (if asked), analyses and runs the block on test_env. */
static uintptr_t finish_and_run(bool optimize)
{
    TCGContext *s = tcg_ctx;
    if (optimize) {
        tcg_optimize(s);
    }
    tcg_liveness_analysis(s);
    g_assert_cmpint(tci_gen_code(s, &test_tb), >, 0);
    return tci_exec_tb(&test_env, test_tb.tc_ptr);
}

static bool run_case(const TCGOpCase *c, const uint64_t *in, bool consts, bool optimize,
                     GString *err)
{
    uint64_t want[2];

    start_block();
    memset(&test_env, 0, sizeof(test_env));
    memcpy(test_env.in, in, sizeof(test_env.in));
    tcg_op_case_build(c, 0, consts, in);
    g_assert_cmpuint(finish_and_run(optimize), ==, 0);
    tcg_op_case_expect(c, in, want);
    for (unsigned i = 0; i < c->nout; i++) {
        if (test_env.out[i] != want[i]) {
            g_string_append_printf(err, "%s%s%s in %016" G_GINT64_MODIFIER "x %016"
                                   G_GINT64_MODIFIER "x %016" G_GINT64_MODIFIER "x %016"
                                   G_GINT64_MODIFIER "x: out%u %016" G_GINT64_MODIFIER
                                   "x, want %016" G_GINT64_MODIFIER "x\n",
                                   c->name, consts ? " (const)" : "", optimize ? " (opt)" : "",
                                   in[0], in[1], in[2], in[3], i, test_env.out[i], want[i]);
            return false;
        }
    }
    return true;
}

static void test_ops(gconstpointer opt)
{
    GString *err = g_string_new(NULL);
    unsigned failures = 0;

    for (size_t n = 0; n < G_N_ELEMENTS(tcg_op_cases); n++) {
        const TCGOpCase *c = &tcg_op_cases[n];
        uint64_t in[4];
        for (unsigned idx = 0; tcg_op_case_input(c, idx, 300, in); idx++) {
            if (!run_case(c, in, false, opt != NULL, err)) {
                failures++;
                break;
            }
        }
    }
    if (failures) {
        g_test_message("%s", err->str);
    }
    g_assert_cmpuint(failures, ==, 0);
    g_string_free(err, TRUE);
}

/* Constant inputs: the optimizer must fold every case to moves and stores. */
static void test_fold(void)
{
    GString *err = g_string_new(NULL);
    unsigned failures = 0;

    for (size_t n = 0; n < G_N_ELEMENTS(tcg_op_cases); n++) {
        const TCGOpCase *c = &tcg_op_cases[n];
        uint64_t in[4];
        for (unsigned idx = 0; tcg_op_case_input(c, idx * 7, 300, in); idx++) {
            if (!run_case(c, in, true, false, err) || !run_case(c, in, true, true, err)) {
                failures++;
                break;
            }
            TCGOp *op;
            tcg_op_foreach(op, tcg_ctx) {
                TCGOpcode opc = op->opc;
                if (opc != INDEX_op_st_i32 && opc != INDEX_op_st_i64 &&
                    opc != INDEX_op_mov_i32 && opc != INDEX_op_mov_i64 &&
                    opc != INDEX_op_exit_tb) {
                    g_string_append_printf(err, "%s: %s left after folding\n", c->name,
                                           tcg_op_defs[opc].name);
                    failures++;
                    break;
                }
            }
            if (op) {
                break;
            }
        }
    }
    if (failures) {
        g_test_message("%s", err->str);
    }
    g_assert_cmpuint(failures, ==, 0);
    g_string_free(err, TRUE);
}

static char *dump_string(bool with_life)
{
    GString *s = g_string_new(NULL);
    tcg_dump_ops_to(tcg_ctx, s, with_life);
    return g_string_free(s, FALSE);
}

/* A global on in[3], registered before any block. */
static TCGv_i32 test_g3;

static TCGv_i32 test_global(void)
{
    return test_g3;
}

/* The dump before and after shows the folding, in QEMU's text layout. */
static void test_dump(void)
{
    TCGv_i32 g = test_global();
    start_block();
    tcg_ctx->insn_start_words = 2;
    tcg_gen_insn_start(0x1000, 0x1004, 0);
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_movi_i32(t, 2);
    tcg_gen_addi_i32(u, t, 3);
    tcg_gen_add_i32(g, g, u);
    tcg_gen_st_i32(u, tcg_env, offsetof(TestEnv, out[0]));
    tcg_gen_exit_tb(NULL, 0);

    char *before = dump_string(false);
    g_assert_nonnull(strstr(before, " ---- 0000000000001000 0000000000001004\n"));
    g_assert_nonnull(strstr(before, " add_i32 tmp1,tmp0,$0x3\n"));
    g_assert_nonnull(strstr(before, " add_i32 g3,g3,tmp1\n"));

    tcg_optimize(tcg_ctx);
    tcg_liveness_analysis(tcg_ctx);
    char *after = dump_string(true);
    g_assert_null(strstr(after, "tmp0,$0x3"));
    g_assert_nonnull(strstr(after, " add_i32 g3,g3,$0x5  sync: 0  dead: 0 1\n"));
    g_assert_nonnull(strstr(after, " st_i32 $0x5,env,$0x20  dead: 0\n"));

    memset(&test_env, 0, sizeof(test_env));
    test_env.in[3] = 10;
    g_assert_cmpint(tci_gen_code(tcg_ctx, &test_tb), >, 0);
    tci_exec_tb(&test_env, test_tb.tc_ptr);
    g_assert_cmpuint(test_env.in[3], ==, 15);
    g_assert_cmpuint(test_env.out[0], ==, 5);
    tcg_ctx->insn_start_words = 1;
    g_free(before);
    g_free(after);
}

/* Dead pure ops vanish; code after exit_tb goes; an unused label goes. */
static void test_dead_code(void)
{
    start_block();
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    TCGLabel *unused = gen_new_label();
    tcg_gen_ld_i32(t, tcg_env, offsetof(TestEnv, in[0]));
    tcg_gen_mul_i32(u, t, t);               /* never used */
    gen_set_label(unused);
    tcg_gen_st_i32(t, tcg_env, offsetof(TestEnv, out[0]));
    tcg_gen_exit_tb(NULL, 0);
    tcg_gen_st_i32(u, tcg_env, offsetof(TestEnv, out[1]));   /* unreachable */
    tcg_gen_exit_tb(NULL, 1);

    tcg_optimize(tcg_ctx);
    tcg_liveness_analysis(tcg_ctx);
    char *after = dump_string(true);
    g_assert_cmpstr(after, ==,
                    " ld_i32 tmp0,env,$0x0\n"
                    " st_i32 tmp0,env,$0x20  dead: 0\n"
                    " exit_tb $0x0\n");
    g_free(after);
}

/* A conditional branch on a global keeps it synced for the taken path. */
static void test_liveness_branch(void)
{
    TCGv_i32 g = test_global();
    start_block();
    TCGLabel *l = gen_new_label();
    tcg_gen_addi_i32(g, g, 1);
    tcg_gen_brcondi_i32(TCG_COND_EQ, g, 7, l);
    tcg_gen_addi_i32(g, g, 100);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(tcg_ctx);
    char *after = dump_string(true);
    g_assert_nonnull(strstr(after, " add_i32 g3,g3,$0x1  sync: 0  dead: 1 2\n"));
    g_assert_nonnull(strstr(after, " brcond_i32 g3,$0x7,eq,$L0  dead: 1\n"));
    g_assert_nonnull(strstr(after, " add_i32 g3,g3,$0x64  sync: 0  dead: 0 1 2\n"));
    g_free(after);

    test_env.in[3] = 6;
    g_assert_cmpint(tci_gen_code(tcg_ctx, &test_tb), >, 0);
    tci_exec_tb(&test_env, test_tb.tc_ptr);
    g_assert_cmpuint(test_env.in[3], ==, 7);
    test_env.in[3] = 1;
    tci_exec_tb(&test_env, test_tb.tc_ptr);
    g_assert_cmpuint(test_env.in[3], ==, 102);
}

/* ---- Helper calls ------------------------------------------------------ */

static uint64_t helper_sum6(uint64_t a, uint32_t b, int32_t c, uint64_t d, uint64_t e,
                            void *env)
{
    return a + b + (int64_t)c + d * 2 + e * 3 + (env == &test_env ? 1000 : 0);
}

static int32_t helper_neg32(uint32_t a)
{
    return -(int32_t)a;
}

static void test_call(void)
{
    static const TCGHelperInfo sum6 = {
        .func = (void *)helper_sum6, .name = "sum6", .flags = TCG_CALL_NO_RWG_SE, .nargs = 6,
        .ret = TCG_CALL_TYPE_I64,
        .args = { TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I32, TCG_CALL_TYPE_S32, TCG_CALL_TYPE_I64,
                  TCG_CALL_TYPE_I64, TCG_CALL_TYPE_PTR },
    };
    static const TCGHelperInfo neg32 = {
        .func = (void *)helper_neg32, .name = "neg32", .flags = TCG_CALL_NO_RWG_SE, .nargs = 1,
        .ret = TCG_CALL_TYPE_S32, .args = { TCG_CALL_TYPE_I32 },
    };
    start_block();
    TCGv_i64 r = tcg_temp_new_i64(), a = tcg_temp_new_i64();
    TCGv_i32 n = tcg_temp_new_i32();
    tcg_gen_ld_i64(a, tcg_env, offsetof(TestEnv, in[0]));
    TCGTemp *args[] = {
        tcgv_i64_temp(a), tcgv_i32_temp(tcg_constant_i32(5)), tcgv_i32_temp(tcg_constant_i32(-2)),
        tcgv_i64_temp(tcg_constant_i64(10)), tcgv_i64_temp(tcg_constant_i64(100)),
        tcgv_ptr_temp(tcg_env),
    };
    tcg_gen_callN(&sum6, tcgv_i64_temp(r), args);
    tcg_gen_st_i64(r, tcg_env, offsetof(TestEnv, out[0]));
    TCGTemp *nargs[] = { tcgv_i32_temp(tcg_constant_i32(7)) };
    tcg_gen_callN(&neg32, tcgv_i32_temp(n), nargs);
    TCGv_i64 w = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(w, n);
    tcg_gen_st_i64(w, tcg_env, offsetof(TestEnv, out[1]));
    tcg_gen_exit_tb(NULL, 0);

    test_env.in[0] = 1;
    finish_and_run(true);
    g_assert_cmpuint(test_env.out[0], ==, 1 + 5 - 2 + 20 + 300 + 1000);
    g_assert_cmpuint(test_env.out[1], ==, 0xfffffff9u);   /* an i32 is zero-extended */
}

/* ---- Guest memory and precise restore ---------------------------------- */

static void test_qemu_ldst(void)
{
    start_block();
    tcg_ctx->insn_start_words = 2;
    TCGv_i32 addr = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    TCGv_i64 v64 = tcg_temp_new_i64();
    tcg_gen_insn_start(0x100, 0x104, 0);
    tcg_gen_movi_i32(addr, 8);
    tcg_gen_qemu_ld_i32(v, addr, 2, MO_BESW);
    tcg_gen_st_i32(v, tcg_env, offsetof(TestEnv, out[0]));
    tcg_gen_insn_start(0x104, 0x108, 0);
    tcg_gen_qemu_ld_i64(v64, addr, 3, MO_LEUQ);
    tcg_gen_addi_i64(v64, v64, 1);
    tcg_gen_st_i64(v64, tcg_env, offsetof(TestEnv, out[1]));
    tcg_gen_insn_start(0x108, 0x10c, 0);
    tcg_gen_qemu_st_i32(v, addr, 1, MO_LEUL);
    tcg_gen_exit_tb(NULL, 0);

    memset(guest_mem, 0, sizeof(guest_mem));
    guest_mem[8] = 0x81;
    guest_mem[9] = 0x02;
    finish_and_run(true);
    g_assert_cmpuint(test_env.out[0], ==, 0xffff8102u);
    g_assert_cmpuint(test_env.out[1], ==, 0x0281 + 1);
    g_assert_cmpuint(guest_mem[8], ==, 0x02);
    g_assert_cmpuint(guest_mem[11], ==, 0xff);
    g_assert_cmpuint(get_mmuidx(last_oi), ==, 1);
    g_assert_cmpuint(get_memop(last_oi), ==, MO_LEUL);

    /* The last access's return address maps back to the third instruction. */
    uint64_t words[2];
    uintptr_t ofs = last_ra - (uintptr_t)test_tb.tc_ptr;
    g_assert_cmpuint(ofs, <, test_tb.tc_size);
    g_assert_true(tcg_search_data_find(test_tb.search_data, test_tb.search_len, 2, ofs, words));
    g_assert_cmpuint(words[0], ==, 0x108);
    g_assert_cmpuint(words[1], ==, 0x10c);
    tcg_ctx->insn_start_words = 1;
}

static void test_atomics(void)
{
    start_block();
    TCGv_i32 addr = tcg_constant_i32(16), r = tcg_temp_new_i32(), r2 = tcg_temp_new_i32();
    tcg_gen_atomic_xchg_i32(r, addr, tcg_constant_i32(0xff), 0, MO_UB);
    tcg_gen_st_i32(r, tcg_env, offsetof(TestEnv, out[0]));
    tcg_gen_atomic_cmpxchg_i32(r2, addr, tcg_constant_i32(0xff), tcg_constant_i32(0x1234), 0,
                               MO_LEUW);
    tcg_gen_st_i32(r2, tcg_env, offsetof(TestEnv, out[1]));
    tcg_gen_exit_tb(NULL, 0);
    memset(guest_mem, 0, sizeof(guest_mem));
    guest_mem[16] = 0x42;
    finish_and_run(true);
    g_assert_cmpuint(test_env.out[0], ==, 0x42);
    g_assert_cmpuint(test_env.out[1], ==, 0xff);
    g_assert_cmpuint(guest_mem[16] | guest_mem[17] << 8, ==, 0x1234);
}

/* ---- Chaining ---------------------------------------------------------- */

static void test_goto_tb(void)
{
    TranslationBlock tb1 = { 0 }, tb2 = { 0 };
    TCGContext *s = tcg_ctx;

    /* tb2: out[1] = 22, exit 0 */
    tcg_func_start(s);
    s->code_gen_ptr = s->code_gen_buffer;
    tcg_gen_st_i64(tcg_constant_i64(22), tcg_env, offsetof(TestEnv, out[1]));
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    g_assert_cmpint(tci_gen_code(s, &tb2), >, 0);

    /* tb1: out[0] = 11; goto_tb 1; exit_tb(tb1, 1) */
    tcg_func_start(s);
    tcg_gen_st_i64(tcg_constant_i64(11), tcg_env, offsetof(TestEnv, out[0]));
    tcg_gen_goto_tb(1);
    tcg_gen_exit_tb(&tb1, 1);
    tcg_optimize(s);
    tcg_liveness_analysis(s);
    g_assert_cmpint(tci_gen_code(s, &tb1), >, 0);

    memset(&test_env, 0, sizeof(test_env));
    g_assert_cmphex(tci_exec_tb(&test_env, tb1.tc_ptr), ==, (uintptr_t)&tb1 | 1);
    g_assert_cmpuint(test_env.out[1], ==, 0);

    uintptr_t slot = (uintptr_t)tb1.tc_ptr + tb1.jmp_insn_offset[1];
    tci_patch_jump(slot, (uintptr_t)tb2.tc_ptr);
    g_assert_cmphex(tci_exec_tb(&test_env, tb1.tc_ptr), ==, 0);
    g_assert_cmpuint(test_env.out[0], ==, 11);
    g_assert_cmpuint(test_env.out[1], ==, 22);

    /* Unchaining returns to the exit path. */
    test_env.out[1] = 0;
    tci_patch_jump(slot, (uintptr_t)tb1.tc_ptr + tb1.jmp_reset_offset[1]);
    g_assert_cmphex(tci_exec_tb(&test_env, tb1.tc_ptr), ==, (uintptr_t)&tb1 | 1);
    g_assert_cmpuint(test_env.out[1], ==, 0);
}

/* A loop with a TB-lifetime counter: sum 1..n. */
static void test_loop(void)
{
    start_block();
    TCGv_i64 i = tcg_temp_local_new_i64(), sum = tcg_temp_local_new_i64();
    TCGLabel *top = gen_new_label();
    tcg_gen_ld_i64(i, tcg_env, offsetof(TestEnv, in[0]));
    tcg_gen_movi_i64(sum, 0);
    gen_set_label(top);
    tcg_gen_add_i64(sum, sum, i);
    tcg_gen_subi_i64(i, i, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, i, 0, top);
    tcg_gen_st_i64(sum, tcg_env, offsetof(TestEnv, out[0]));
    tcg_gen_exit_tb(NULL, 0);
    test_env.in[0] = 100;
    finish_and_run(true);
    g_assert_cmpuint(test_env.out[0], ==, 5050);
}

/* ---- Search data ------------------------------------------------------- */

static void test_search_data(void)
{
    TCGSearchEntry e[4] = {
        { 0, { 0x1000, 0x1004, 0 } },
        { 40, { 0x1004, 0x1008, 0 } },
        { 41, { 0x2000, 0x1ff0, 0 } },
        { 300, { 0xfffffffffffffff0ull, 0, 0 } },
    };
    uint8_t buf[64];
    uint64_t w[2];
    size_t len = tcg_search_data_encode(buf, sizeof(buf), e, 4, 2);

    g_assert_cmpuint(len, >, 0);
    g_assert_cmpuint(tcg_search_data_encode(buf, 3, e, 4, 2), ==, 0);
    g_assert_false(tcg_search_data_find(buf, len, 2, 0, w));
    g_assert_true(tcg_search_data_find(buf, len, 2, 1, w));
    g_assert_cmphex(w[0], ==, 0x1000);
    g_assert_true(tcg_search_data_find(buf, len, 2, 41, w));
    g_assert_cmphex(w[0], ==, 0x1004);
    g_assert_cmphex(w[1], ==, 0x1008);
    g_assert_true(tcg_search_data_find(buf, len, 2, 42, w));
    g_assert_cmphex(w[1], ==, 0x1ff0);
    g_assert_true(tcg_search_data_find(buf, len, 2, 5000, w));
    g_assert_cmphex(w[0], ==, 0xfffffffffffffff0ull);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tcg_context_init();
    g_assert_true(tcg_code_buffer_alloc(tcg_ctx, 4 << 20, NULL));
    test_g3 = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, in[3]), "g3");

    g_test_add_data_func("/tcg/tci/ops", NULL, test_ops);
    g_test_add_data_func("/tcg/tci/ops-optimized", "opt", test_ops);
    g_test_add_func("/tcg/opt/fold", test_fold);
    g_test_add_func("/tcg/opt/dump", test_dump);
    g_test_add_func("/tcg/opt/dead-code", test_dead_code);
    g_test_add_func("/tcg/liveness/branch", test_liveness_branch);
    g_test_add_func("/tcg/tci/call", test_call);
    g_test_add_func("/tcg/tci/qemu-ldst", test_qemu_ldst);
    g_test_add_func("/tcg/tci/atomics", test_atomics);
    g_test_add_func("/tcg/tci/goto-tb", test_goto_tb);
    g_test_add_func("/tcg/tci/loop", test_loop);
    g_test_add_func("/tcg/search-data", test_search_data);
    return g_test_run();
}
