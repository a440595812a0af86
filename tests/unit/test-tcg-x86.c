/*
 * Tests of the x86-64 backend.
 * Encoder: every instruction form is emitted and disassembled with capstone,
 * and the text must match what the SDM says the form means (one
 * instruction, all bytes consumed), over every register where
 * REX/ModRM/SIB special cases live.
 * Code generation: the shared IR op cases (tcg-op-cases.h) compiled and run
 * on host code against their plain-C references, plus register pressure,
 * helper calls, loops, globals, guest memory through a test-built soft TLB
 * (hits, misses via the slow path, page crossing, alignment, byte order),
 * chaining and precise-restore search data.
 */
#include <capstone/capstone.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "softmmu/cpu.h"
#include "util/bswap.h"
#include "util/log.h"
#include "tcg/tcg.h"
#include "tcg/x86_64/asm.h"
#include "tcg/x86_64/backend.h"
#include "tcg-op-cases.h"

static csh cs;
static uint8_t buf[512];

static const char *const reg64[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const reg32[16] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
};
static const char *const reg16[16] = {
    "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w",
};
static const char *const reg8[16] = {
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b",
};

/* Disassembles what the encoder wrote into buf and compares with expect. */
static void check_text(X86Code *c, const char *expect)
{
    cs_insn *insn;
    size_t len = c->ptr - buf;
    size_t n = cs_disasm(cs, buf, len, (uintptr_t)buf, 0, &insn);
    g_autofree char *text = NULL;

    if (n != 1 || insn[0].size != len) {
        g_autoptr(GString) hex = g_string_new("");
        for (size_t i = 0; i < len; i++) {
            g_string_append_printf(hex, "%02x ", buf[i]);
        }
        g_test_message("bytes %s decode as %zu insns (want \"%s\")", hex->str, n, expect);
        g_assert_cmpuint(n, ==, 1);
        g_assert_cmpuint(insn[0].size, ==, len);
    }
    text = insn[0].op_str[0] ? g_strdup_printf("%s %s", insn[0].mnemonic, insn[0].op_str)
                             : g_strdup(insn[0].mnemonic);
    cs_free(insn, n);
    g_assert_cmpstr(text, ==, expect);
}

#define CHECK(expect, stmt)        \
    do {                           \
        X86Code c_ = { buf };      \
        X86Code *c = &c_;          \
        stmt;                      \
        check_text(c, expect);     \
    } while (0)

/* The memory operand text capstone prints for [base + disp]. */
static char *mem_text(const char *size, int base, int disp)
{
    if (disp == 0) {
        return g_strdup_printf("%s ptr [%s]", size, reg64[base]);
    }
    /* capstone prints numbers below 10 in decimal */
    return g_strdup_printf(abs(disp) < 10 ? "%s ptr [%s %c %d]" : "%s ptr [%s %c 0x%x]", size,
                           reg64[base], disp < 0 ? '-' : '+', abs(disp));
}

static void test_mov_all_regs(void)
{
    for (int d = 0; d < 16; d++) {
        for (int s = 0; s < 16; s++) {
            g_autofree char *e64 = g_strdup_printf("mov %s, %s", reg64[d], reg64[s]);
            g_autofree char *e32 = g_strdup_printf("mov %s, %s", reg32[d], reg32[s]);
            g_autofree char *ezx = g_strdup_printf("movzx %s, %s", reg32[d], reg8[s]);
            g_autofree char *esx = g_strdup_printf("movsx %s, %s", reg64[d], reg16[s]);
            g_autofree char *ecmov = g_strdup_printf("cmovl %s, %s", reg64[d], reg64[s]);
            if (d != s) {
                CHECK(e64, x86_mov_rr(c, true, d, s));
                CHECK(e32, x86_mov_rr(c, false, d, s));
            }
            CHECK(ezx, x86_movzx(c, X86_S8, d, s));
            CHECK(esx, x86_movsx(c, X86_S16, true, d, s));
            CHECK(ecmov, x86_cmov(c, X86_CC_L, true, d, s));
        }
    }
}

static void test_mem_all_bases(void)
{
    static const int disps[] = { 0, 8, -8, 127, 128, -129, 0x12345 };

    for (int b = 0; b < 16; b++) {
        for (unsigned i = 0; i < G_N_ELEMENTS(disps); i++) {
            int r = (b * 7 + i) & 15;
            g_autofree char *mq = mem_text("qword", b, disps[i]);
            g_autofree char *md = mem_text("dword", b, disps[i]);
            g_autofree char *mw = mem_text("word", b, disps[i]);
            g_autofree char *mb = mem_text("byte", b, disps[i]);
            g_autofree char *ld = g_strdup_printf("mov %s, %s", reg64[r], mq);
            g_autofree char *ldsl = g_strdup_printf("movsxd %s, %s", reg64[r], md);
            g_autofree char *ldub = g_strdup_printf("movzx %s, %s", reg32[r], mb);
            g_autofree char *ldsw = g_strdup_printf("movsx %s, %s", reg64[r], mw);
            g_autofree char *stb = g_strdup_printf("mov %s, %s", mb, reg8[r]);
            g_autofree char *stw = g_strdup_printf("mov %s, %s", mw, reg16[r]);
            g_autofree char *sti = g_strdup_printf("mov %s, 0x7b", md);
            g_autofree char *mbe = g_strdup_printf("movbe %s, %s", reg32[r], md);
            g_autofree char *mbes = g_strdup_printf("movbe %s, %s", mq, reg64[r]);
            g_autofree char *lea = g_strdup_printf("lea %s, [%s%s", reg64[r], reg64[b],
                                                   mq + strlen("qword ptr [") + strlen(reg64[b]));
            CHECK(ld, x86_load(c, X86_S64, false, true, r, b, disps[i]));
            CHECK(ldsl, x86_load(c, X86_S32, true, true, r, b, disps[i]));
            CHECK(ldub, x86_load(c, X86_S8, false, false, r, b, disps[i]));
            CHECK(ldsw, x86_load(c, X86_S16, true, true, r, b, disps[i]));
            CHECK(stb, x86_store(c, X86_S8, r, b, disps[i]));
            CHECK(stw, x86_store(c, X86_S16, r, b, disps[i]));
            CHECK(sti, x86_store_imm(c, X86_S32, 123, b, disps[i]));
            CHECK(mbe, x86_movbe_load(c, X86_S32, r, b, disps[i]));
            CHECK(mbes, x86_movbe_store(c, X86_S64, r, b, disps[i]));
            CHECK(lea, x86_lea(c, true, r, b, X86_NOREG, 0, disps[i]));
        }
    }
    CHECK("lea r9, [r13 + r12*8 + 0x10]", x86_lea(c, true, X86_R9, X86_R13, X86_R12, 3, 16));
    CHECK("lea eax, [rbx + rbp*2]", x86_lea(c, false, X86_RAX, X86_RBX, X86_RBP, 1, 0));
    CHECK("lea rax, [rcx*4 + 8]", x86_lea(c, true, X86_RAX, X86_NOREG, X86_RCX, 2, 8));
    CHECK("mov rdx, qword ptr [0x1000]", x86_load(c, X86_S64, false, true, X86_RDX, X86_NOREG,
                                                   0x1000));
    CHECK("lock cmpxchg dword ptr [r14 + 4], r11d", x86_cmpxchg(c, X86_S32, X86_R11, X86_R14, 4));
    CHECK("lock cmpxchg byte ptr [rax], sil", x86_cmpxchg(c, X86_S8, X86_RSI, X86_RAX, 0));
    CHECK("movbe ax, word ptr [rdi]", x86_movbe_load(c, X86_S16, X86_RAX, X86_RDI, 0));
    CHECK("mov word ptr [rbp - 2], 0xfffe", x86_store_imm(c, X86_S16, -2, X86_RBP, -2));
    CHECK("mov qword ptr [rsp], -1", x86_store_imm(c, X86_S64, -1, X86_RSP, 0));
    CHECK("mov byte ptr [r8], 0x80", x86_store_imm(c, X86_S8, 0x80, X86_R8, 0));
}

static void test_rip(void)
{
    X86Code c_ = { buf };
    uint8_t *target = buf + 0x100;
    g_autofree char *e = g_strdup_printf("mov rcx, qword ptr [rip + 0x%x]", 0x100 - 7);

    x86_op_rm_rip(&c_, P_REXW | 0x8b, X86_RCX, target, 0);
    check_text(&c_, e);
}

static void test_movi(void)
{
    CHECK("xor eax, eax", x86_movi(c, X86_RAX, 0, false));
    CHECK("mov r12d, 0", x86_movi(c, X86_R12, 0, true));
    CHECK("mov r9d, 0xffffffff", x86_movi(c, X86_R9, 0xffffffffu, false));
    CHECK("mov rsi, -0x7b", x86_movi(c, X86_RSI, -123, false));
    CHECK("movabs r15, 0x123456789a", x86_movi(c, X86_R15, 0x123456789aull, false));
}

static void test_arith(void)
{
    static const char *const names[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };

    for (int op = 0; op < 8; op++) {
        for (int r = 0; r < 16; r++) {
            int s = 15 - r;
            g_autofree char *rr = g_strdup_printf("%s %s, %s", names[op], reg64[r], reg64[s]);
            g_autofree char *rr32 = g_strdup_printf("%s %s, %s", names[op], reg32[r], reg32[s]);
            g_autofree char *ri8 = g_strdup_printf("%s %s, 0x7f", names[op], reg32[r]);
            g_autofree char *ri32 = g_strdup_printf("%s %s, 0x12345", names[op], reg64[r]);
            g_autofree char *rineg = g_strdup_printf(
                /* capstone prints logical immediates unsigned */
                op == X86_OR || op == X86_AND || op == X86_XOR ? "%s %s, 0xffffffffffffff80"
                                                               : "%s %s, -0x80", names[op],
                                                     reg64[r]);
            CHECK(rr, x86_arith_rr(c, op, true, r, s));
            CHECK(rr32, x86_arith_rr(c, op, false, r, s));
            CHECK(ri8, x86_arith_ri(c, op, false, r, 0x7f));
            CHECK(ri32, x86_arith_ri(c, op, true, r, 0x12345));
            CHECK(rineg, x86_arith_ri(c, op, true, r, -128));
        }
    }
    CHECK("test r10, rsi", x86_test_rr(c, true, X86_R10, X86_RSI));
    CHECK("test sil, 0x10", x86_test_ri(c, true, X86_RSI, 0x10));
    CHECK("test eax, 0x80", x86_test_ri(c, false, X86_RAX, 0x80));
    CHECK("test r13, -0x1000", x86_test_ri(c, true, X86_R13, -4096));
    CHECK("neg r11", x86_unary(c, X86_NEG, true, X86_R11));
    CHECK("not ecx", x86_unary(c, X86_NOT, false, X86_RCX));
    CHECK("mul r8", x86_unary(c, X86_MUL, true, X86_R8));
    CHECK("imul edx", x86_unary(c, X86_IMUL1, false, X86_RDX));
    CHECK("div rbx", x86_unary(c, X86_DIV, true, X86_RBX));
    CHECK("idiv r15d", x86_unary(c, X86_IDIV, false, X86_R15));
    CHECK("inc r9", x86_incdec(c, false, true, X86_R9));
    CHECK("dec eax", x86_incdec(c, true, false, X86_RAX));
    CHECK("imul r12, r13", x86_imul_rr(c, true, X86_R12, X86_R13));
    CHECK("imul eax, ecx, 0xa", x86_imul_ri(c, false, X86_RAX, X86_RCX, 10));
    CHECK("imul r8, r9, 0x1000", x86_imul_ri(c, true, X86_R8, X86_R9, 4096));
    CHECK("cdq", x86_cdq(c, false));
    CHECK("cqo", x86_cdq(c, true));
}

static void test_shifts(void)
{
    CHECK("shl rax, cl", x86_shift_cl(c, X86_SHL, true, X86_RAX));
    CHECK("sar r10d, cl", x86_shift_cl(c, X86_SAR, false, X86_R10));
    CHECK("shr rdx, 1", x86_shift_ri(c, X86_SHR, true, X86_RDX, 1));
    CHECK("rol r14d, 0x1f", x86_shift_ri(c, X86_ROL, false, X86_R14, 31));
    CHECK("ror rsi, 0x3f", x86_shift_ri(c, X86_ROR, true, X86_RSI, 63));
    CHECK("shld rax, r9, 4", x86_shxd_ri(c, false, true, X86_RAX, X86_R9, 4));
    CHECK("shrd r12d, ebx, 0xc", x86_shxd_ri(c, true, false, X86_R12, X86_RBX, 12));
    CHECK("shrd rdi, rsi, cl", x86_shxd_cl(c, true, true, X86_RDI, X86_RSI));
    CHECK("shlx rax, rbx, rcx", x86_shiftx(c, X86_SHL, true, X86_RAX, X86_RBX, X86_RCX));
    CHECK("shrx r8d, r9d, r10d", x86_shiftx(c, X86_SHR, false, X86_R8, X86_R9, X86_R10));
    CHECK("sarx rdx, r15, rsi", x86_shiftx(c, X86_SAR, true, X86_RDX, X86_R15, X86_RSI));
    CHECK("rorx r11, rax, 0xd", x86_rorx(c, true, X86_R11, X86_RAX, 13));
    CHECK("andn eax, ecx, edx", x86_andn(c, false, X86_RAX, X86_RCX, X86_RDX));
    CHECK("andn r9, r10, r11", x86_andn(c, true, X86_R9, X86_R10, X86_R11));
    CHECK("bswap r13", x86_bswap(c, true, X86_R13));
    CHECK("bswap ecx", x86_bswap(c, false, X86_RCX));
    CHECK("rol di, 8", x86_rol16_8(c, X86_RDI));
    CHECK("popcnt rax, r8", x86_popcnt(c, true, X86_RAX, X86_R8));
    CHECK("lzcnt ebx, ecx", x86_lzcnt(c, false, X86_RBX, X86_RCX));
    CHECK("tzcnt r12, r12", x86_tzcnt(c, true, X86_R12, X86_R12));
    CHECK("bsr rdx, rdx", x86_bsr(c, true, X86_RDX, X86_RDX));
    CHECK("bsf esi, edi", x86_bsf(c, false, X86_RSI, X86_RDI));
    CHECK("bt r9, 0x3f", x86_bt_ri(c, true, X86_R9, 63));
}

static void test_misc(void)
{
    for (int r = 0; r < 16; r++) {
        g_autofree char *push = g_strdup_printf("push %s", reg64[r]);
        g_autofree char *pop = g_strdup_printf("pop %s", reg64[r]);
        g_autofree char *set = g_strdup_printf("setb %s", reg8[r]);
        g_autofree char *jr = g_strdup_printf("jmp %s", reg64[r]);
        g_autofree char *cr = g_strdup_printf("call %s", reg64[r]);
        CHECK(push, x86_push(c, r));
        CHECK(pop, x86_pop(c, r));
        CHECK(set, x86_setcc(c, X86_CC_B, r));
        CHECK(jr, x86_jmp_reg(c, r));
        CHECK(cr, x86_call_reg(c, r));
    }
    CHECK("xchg rcx, r8", x86_xchg(c, true, X86_R8, X86_RCX));
    CHECK("mfence", x86_mfence(c));
    CHECK("ret", x86_ret(c));
    CHECK("ud2", x86_ud2(c));
    for (unsigned n = 1; n <= 9; n++) {
        X86Code c_ = { buf };
        cs_insn *insn;
        x86_nops(&c_, n);
        g_assert_cmpuint(c_.ptr - buf, ==, n);
        g_assert_cmpuint(cs_disasm(cs, buf, n, 0, 0, &insn), ==, 1);
        g_assert_cmpstr(insn[0].mnemonic, ==, "nop");
        cs_free(insn, 1);
    }
}

static void test_branches(void)
{
    static uint8_t code[512];
    X86Code c = { code };
    uint8_t *d32, *d8;
    cs_insn *insn;
    size_t n;

    x86_jmp_to(&c, code);                      /* backwards, short */
    d32 = x86_jcc32(&c, X86_CC_NE, NULL);      /* forward, patched later */
    d8 = x86_jcc8(&c, X86_CC_GE, NULL);
    x86_jcc_to(&c, X86_CC_A, code);            /* short jcc */
    x86_call(&c, code + 300, X86_RAX);
    x86_call(&c, (void *)0x123456789abcull, X86_R11);  /* out of reach */
    x86_patch_rel8(d8, c.ptr);
    x86_nops(&c, 250);
    x86_jcc_to(&c, X86_CC_BE, code);           /* too far for rel8 */
    x86_patch_rel32(d32, c.ptr);
    x86_jmp32(&c, code + 3);

    n = cs_disasm(cs, code, c.ptr - code, 0x1000, 0, &insn);
    g_assert_cmpuint(n, >, 8);
    g_assert_cmpstr(insn[0].mnemonic, ==, "jmp");
    g_assert_cmpstr(insn[0].op_str, ==, "0x1000");
    g_assert_cmpuint(insn[0].size, ==, 2);
    g_assert_cmpstr(insn[1].mnemonic, ==, "jne");
    g_assert_cmpuint(strtoull(insn[1].op_str, NULL, 16), ==, 0x1000 + (c.ptr - 5 - code));
    g_assert_cmpstr(insn[2].mnemonic, ==, "jge");
    g_assert_cmpuint(insn[2].size, ==, 2);
    g_assert_cmpstr(insn[3].mnemonic, ==, "ja");
    g_assert_cmpuint(insn[3].size, ==, 2);
    g_assert_cmpstr(insn[4].mnemonic, ==, "call");
    g_assert_cmpstr(insn[4].op_str, ==, "0x112c");
    g_assert_cmpstr(insn[5].mnemonic, ==, "movabs");
    g_assert_cmpstr(insn[5].op_str, ==, "r11, 0x123456789abc");
    g_assert_cmpstr(insn[6].op_str, ==, "r11");
    g_assert_cmpuint(strtoull(insn[2].op_str, NULL, 16), ==, insn[7].address);
    g_assert_cmpstr(insn[n - 2].mnemonic, ==, "jbe");
    g_assert_cmpuint(insn[n - 2].size, ==, 6);
    g_assert_cmpstr(insn[n - 1].op_str, ==, "0x1003");
    cs_free(insn, n);
}

static void test_features(void)
{
    x86_detect_features();
    g_test_message("bmi1 %d bmi2 %d lzcnt %d popcnt %d movbe %d", x86_features.bmi1,
                   x86_features.bmi2, x86_features.lzcnt, x86_features.popcnt,
                   x86_features.movbe);
    /* Every x86-64 host that has BMI2 (Haswell on) has the rest too. */
    if (x86_features.bmi2) {
        g_assert_true(x86_features.bmi1 && x86_features.lzcnt && x86_features.popcnt);
    }
}

/* ---- Code generation --------------------------------------------------- */

/* The CPU the blocks run on: env directly after the CPUState, as targets do. */
typedef struct TestCPU {
    CPUState cs;
    TestEnv env;
    uint64_t regs[16];
    uint32_t regs32[4];
    uint64_t scratch[8];
} TestCPU;

#define ENV_OFS(field) ((intptr_t)offsetof(TestCPU, field) - (intptr_t)offsetof(TestCPU, env))

static TestCPU cpu;
static TCGv_i64 g_regs[16];
static TCGv_i32 g_regs32[4];
static TranslationBlock test_tb;

static void block_start(void)
{
    tcg_func_start(tcg_ctx);
}

/* Optimizes, allocates and emits the block at the start of the code buffer. */
static TranslationBlock *block_finish_at(uint8_t *where)
{
    TCGContext *s = tcg_ctx;
    TranslationBlock *tb = &test_tb;
    int n;

    tcg_optimize(s);
    tcg_liveness_analysis(s);
    memset(tb, 0, sizeof(*tb));
    s->code_gen_ptr = where;
    n = tcg_gen_code(s, tb);
    g_assert_cmpint(n, >, 0);
    g_assert_true(tb->tc_ptr == where);
    return tb;
}

static TranslationBlock *block_finish(void)
{
    return block_finish_at(tcg_ctx->code_gen_buffer);
}

static uintptr_t block_run(const TranslationBlock *tb)
{
    return tcg_qemu_tb_exec(&cpu.env, tb->tc_ptr);
}

/*
 * tcg_op_case_build with the inputs in live_mask still needed after the op
 * (stored to scratch[] afterwards), so the allocator cannot reuse their
 * registers: this reaches the emitters' three-operand and copy paths.
 */
static void build_with_live_inputs(const TCGOpCase *c, unsigned live_mask)
{
    void *vin[4] = { 0 }, *vout[2] = { 0 };

    for (unsigned i = 0; i < c->nin; i++) {
        intptr_t ofs = ENV_OFS(env.in) + 8 * i;
        /* TB temps: the value must survive the labels some cases emit */
        if (c->ibits == 32) {
            vin[i] = tcg_temp_local_new_i32();
            tcg_gen_ld_i32(vin[i], tcg_env, ofs);
        } else {
            vin[i] = tcg_temp_local_new_i64();
            tcg_gen_ld_i64(vin[i], tcg_env, ofs);
        }
    }
    for (unsigned i = 0; i < 2; i++) {
        vout[i] = c->obits == 32 ? (void *)tcg_temp_local_new_i32()
                                 : (void *)tcg_temp_local_new_i64();
    }
    c->emit(vout, vin);
    for (unsigned i = 0; i < c->nout; i++) {
        intptr_t ofs = ENV_OFS(env.out) + 8 * i;
        if (c->obits == 32) {
            tcg_gen_st_i32(vout[i], tcg_env, ofs);
        } else {
            tcg_gen_st_i64(vout[i], tcg_env, ofs);
        }
    }
    for (unsigned i = 0; i < c->nin; i++) {
        if (live_mask & (1u << i)) {
            if (c->ibits == 32) {
                tcg_gen_st_i32(vin[i], tcg_env, ENV_OFS(scratch[i]));
            } else {
                tcg_gen_st_i64(vin[i], tcg_env, ENV_OFS(scratch[i]));
            }
        }
    }
    tcg_gen_exit_tb(NULL, 0);
}

static void check_case_outputs(const TCGOpCase *c, const uint64_t *in, const char *how)
{
    uint64_t want[2];

    tcg_op_case_expect(c, in, want);
    for (unsigned o = 0; o < c->nout; o++) {
        uint64_t got = c->obits == 32 ? (uint32_t)cpu.env.out[o] : cpu.env.out[o];
        if (got != want[o]) {
            g_autoptr(GString) ops = g_string_new("");
            tcg_dump_ops_to(tcg_ctx, ops, true);
            g_test_message("%s (%s): in %" G_GINT64_MODIFIER "x %" G_GINT64_MODIFIER "x %"
                           G_GINT64_MODIFIER "x %" G_GINT64_MODIFIER "x out%u\n%s", c->name,
                           how, in[0], in[1], in[2], in[3], o, ops->str);
            log_mask = LOG_OUT_ASM;
            block_finish();
            g_assert_cmphex(got, ==, want[o]);
        }
    }
}

/* The shared cases with inputs in registers that stay live, per live_mask. */
static void test_op_cases_live(void)
{
    static const unsigned masks[] = { 0xf, 0x1, 0x2, 0xe };

    for (unsigned i = 0; i < G_N_ELEMENTS(tcg_op_cases); i++) {
        const TCGOpCase *c = &tcg_op_cases[i];
        for (unsigned m = 0; m < G_N_ELEMENTS(masks); m++) {
            uint64_t in[4];
            TranslationBlock *tb;

            block_start();
            build_with_live_inputs(c, masks[m]);
            tb = block_finish();
            for (unsigned k = 0; tcg_op_case_input(c, k * 3, 300, in); k++) {
                memcpy(cpu.env.in, in, sizeof(in));
                block_run(tb);
                check_case_outputs(c, in, "live inputs");
                for (unsigned j = 0; j < c->nin; j++) {
                    if (masks[m] & (1u << j)) {
                        uint64_t got = c->ibits == 32 ? (uint32_t)cpu.scratch[j] : cpu.scratch[j];
                        g_assert_cmphex(got, ==, in[j]);
                    }
                }
            }
        }
    }
}

static void test_op_cases(void)
{
    unsigned nruns = 0;

    for (unsigned i = 0; i < G_N_ELEMENTS(tcg_op_cases); i++) {
        const TCGOpCase *c = &tcg_op_cases[i];
        uint64_t in[4] = { 0 };
        TranslationBlock *tb;

        /* inputs from memory: one block, many runs */
        block_start();
        tcg_op_case_build(c, 0, false, in);
        tb = block_finish();
        for (unsigned k = 0; tcg_op_case_input(c, k, 260, in); k++, nruns++) {
            memcpy(cpu.env.in, in, sizeof(in));
            memset(cpu.env.out, 0xa5, sizeof(cpu.env.out));
            g_assert_cmpuint(block_run(tb), ==, 0);
            check_case_outputs(c, in, "inputs in memory");
        }
        /* constant inputs: the optimizer folds some, the backend takes immediates */
        for (unsigned k = 0; tcg_op_case_input(c, k * 7, 200, in); k++, nruns++) {
            block_start();
            tcg_op_case_build(c, 0, true, in);
            tb = block_finish();
            memset(cpu.env.out, 0xa5, sizeof(cpu.env.out));
            block_run(tb);
            check_case_outputs(c, in, "constant inputs");
        }
    }
    g_test_message("%zu cases, %u runs", G_N_ELEMENTS(tcg_op_cases), nruns);
}

/* More live values than host registers, kept across the whole block. */
static void test_register_pressure(void)
{
    enum { N = 24 };
    TCGv_i64 t[N];
    uint64_t want = 0;

    block_start();
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_ld_i64(t[i], tcg_env, ENV_OFS(regs) + 8 * (i % 16));
        tcg_gen_muli_i64(t[i], t[i], i + 3);
    }
    /* all N are live here; combine in an order that keeps most alive */
    for (int i = 0; i < N; i++) {
        tcg_gen_xor_i64(g_regs[0], g_regs[0], t[N - 1 - i]);
        tcg_gen_rotli_i64(g_regs[0], g_regs[0], 7);
    }
    for (int i = 0; i < N; i++) {
        tcg_gen_add_i64(g_regs[1], g_regs[1], t[i]);
    }
    tcg_gen_exit_tb(NULL, 0);
    TranslationBlock *tb = block_finish();

    for (int i = 0; i < 16; i++) {
        cpu.regs[i] = 0x1111111111111111ull * (i + 1) + i;
    }
    uint64_t r0 = cpu.regs[0], r1 = cpu.regs[1], v[N];
    for (int i = 0; i < N; i++) {
        v[i] = cpu.regs[i % 16] * (i + 3);
    }
    for (int i = 0; i < N; i++) {
        r0 ^= v[N - 1 - i];
        r0 = (r0 << 7) | (r0 >> 57);
    }
    for (int i = 0; i < N; i++) {
        want += v[i];
    }
    r1 += want;
    block_run(tb);
    g_assert_cmphex(cpu.regs[0], ==, r0);
    g_assert_cmphex(cpu.regs[1], ==, r1);
}

static uint64_t helper_mix6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                            uint64_t f)
{
    return a * 1 + b * 3 + c * 5 + d * 7 + e * 11 + f * 13;
}

static int helper_calls;
static uint32_t helper_neg32(uint32_t a)
{
    helper_calls++;
    return -a;
}

static void helper_bump_reg2(void *env)
{
    /* writes a global behind the block's back */
    ((TestCPU *)((char *)env - offsetof(TestCPU, env)))->regs[2] += 1000;
}

static const TCGHelperInfo info_mix6 = {
    .func = (void *)helper_mix6, .name = "mix6", .flags = TCG_CALL_NO_RWG_SE, .nargs = 6,
    .ret = TCG_CALL_TYPE_I64,
    .args = { TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I64,
              TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I64 },
};
static const TCGHelperInfo info_neg32 = {
    .func = (void *)helper_neg32, .name = "neg32", .flags = TCG_CALL_NO_RWG, .nargs = 1,
    .ret = TCG_CALL_TYPE_I32, .args = { TCG_CALL_TYPE_I32 },
};
static const TCGHelperInfo info_bump = {
    .func = (void *)helper_bump_reg2, .name = "bump", .flags = 0, .nargs = 1,
    .ret = TCG_CALL_TYPE_VOID, .args = { TCG_CALL_TYPE_PTR },
};

/* Six-argument helpers, values live across calls, globals around a helper that writes them. */
static void test_calls(void)
{
    TCGv_i64 keep[10], res = tcg_temp_new_i64();
    TCGTemp *args[6];

    block_start();
    res = tcg_temp_new_i64();
    for (int i = 0; i < 10; i++) {
        keep[i] = tcg_temp_new_i64();
        tcg_gen_addi_i64(keep[i], g_regs[i], i);
    }
    tcg_gen_addi_i64(g_regs[2], g_regs[2], 5);  /* dirty global in a register */
    for (int i = 0; i < 6; i++) {
        args[i] = tcgv_i64_temp(keep[5 - i]);
    }
    tcg_gen_callN(&info_mix6, tcgv_i64_temp(res), args);
    /* the same temp twice, and a constant */
    args[0] = tcgv_i64_temp(res);
    args[1] = tcgv_i64_temp(res);
    args[2] = tcgv_i64_temp(tcg_constant_i64(0x123456789ll));
    args[3] = tcgv_i64_temp(keep[9]);
    args[4] = tcgv_i64_temp(keep[8]);
    args[5] = tcgv_i64_temp(keep[7]);
    tcg_gen_callN(&info_mix6, tcgv_i64_temp(res), args);
    {
        TCGv_i32 x = tcg_temp_new_i32();
        TCGTemp *a1[1] = { tcgv_i32_temp(g_regs32[0]) };
        tcg_gen_callN(&info_neg32, tcgv_i32_temp(x), a1);
        tcg_gen_mov_i32(g_regs32[1], x);
    }
    {
        TCGTemp *a1[1] = { tcgv_ptr_temp(tcg_env) };
        tcg_gen_callN(&info_bump, NULL, a1);
    }
    tcg_gen_addi_i64(g_regs[2], g_regs[2], 1);  /* must see the helper's write */
    for (int i = 0; i < 10; i++) {
        tcg_gen_add_i64(res, res, keep[i]);
    }
    tcg_gen_mov_i64(g_regs[15], res);
    tcg_gen_exit_tb(NULL, 0);
    TranslationBlock *tb = block_finish();

    uint64_t k[10], r;
    for (int i = 0; i < 16; i++) {
        cpu.regs[i] = 0x0101010101010101ull * (i + 1);
    }
    cpu.regs32[0] = 77;
    for (int i = 0; i < 10; i++) {
        k[i] = cpu.regs[i] + i;
    }
    r = helper_mix6(k[5], k[4], k[3], k[2], k[1], k[0]);
    r = helper_mix6(r, r, 0x123456789ll, k[9], k[8], k[7]);
    for (int i = 0; i < 10; i++) {
        r += k[i];
    }
    uint64_t reg2 = cpu.regs[2] + 5 + 1000 + 1;
    helper_calls = 0;
    block_run(tb);
    g_assert_cmphex(cpu.regs[15], ==, r);
    g_assert_cmphex(cpu.regs[2], ==, reg2);
    g_assert_cmpuint(cpu.regs32[1], ==, (uint32_t)-77);
    g_assert_cmpint(helper_calls, ==, 1);
}

/* A loop with a TB-local counter and globals carried around the back edge. */
static void test_loop(void)
{
    TCGv_i64 i = tcg_temp_local_new_i64();
    TCGLabel *top, *out;

    block_start();
    i = tcg_temp_local_new_i64();
    top = gen_new_label();
    out = gen_new_label();
    tcg_gen_movi_i64(i, 0);
    tcg_gen_movi_i64(g_regs[0], 0);
    gen_set_label(top);
    tcg_gen_brcond_i64(TCG_COND_GEU, i, g_regs[1], out);
    tcg_gen_add_i64(g_regs[0], g_regs[0], i);
    tcg_gen_xor_i64(g_regs[3], g_regs[3], i);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_br(top);
    gen_set_label(out);
    tcg_gen_exit_tb(NULL, 0);
    TranslationBlock *tb = block_finish();

    for (uint64_t n = 0; n < 50; n += 7) {
        uint64_t x = 0;
        cpu.regs[1] = n;
        cpu.regs[3] = 0;
        block_run(tb);
        for (uint64_t j = 0; j < n; j++) {
            x ^= j;
        }
        g_assert_cmpuint(cpu.regs[0], ==, n * (n - 1) / 2);
        g_assert_cmpuint(cpu.regs[3], ==, x);
    }
}

/* How many instructions with this mnemonic the block's code has. */
static unsigned count_insns(const TranslationBlock *tb, const char *mnemonic)
{
    cs_insn *insn;
    size_t n = cs_disasm(cs, tb->tc_ptr, tb->tc_size, 0, 0, &insn);
    unsigned count = 0;

    for (size_t i = 0; i < n; i++) {
        count += strcmp(insn[i].mnemonic, mnemonic) == 0;
    }
    if (n) {
        cs_free(insn, n);
    }
    return count;
}

/* A compare after an op that left the same flags reuses them. */
static void test_flags_reuse(void)
{
    TCGLabel *l1, *l2, *done;
    TCGv_i64 x;

    block_start();
    l1 = gen_new_label();
    l2 = gen_new_label();
    done = gen_new_label();
    x = tcg_temp_new_i64();
    tcg_gen_setcond_i64(TCG_COND_LT, g_regs[2], g_regs[0], g_regs[1]);
    tcg_gen_brcond_i64(TCG_COND_LT, g_regs[0], g_regs[1], l1);
    tcg_gen_and_i64(x, g_regs[4], g_regs[5]);
    tcg_gen_brcondi_i64(TCG_COND_EQ, x, 0, l2);
    tcg_gen_movi_i64(g_regs[3], 3);
    tcg_gen_br(done);
    gen_set_label(l2);
    tcg_gen_movi_i64(g_regs[3], 2);
    tcg_gen_br(done);
    gen_set_label(l1);
    tcg_gen_movi_i64(g_regs[3], 1);
    gen_set_label(done);
    tcg_gen_exit_tb(NULL, 0);
    TranslationBlock *tb = block_finish();

    g_assert_cmpuint(count_insns(tb, "cmp"), ==, 1);
    g_assert_cmpuint(count_insns(tb, "test"), ==, 0);
    for (int i = 0; i < 64; i++) {
        int64_t a = (i & 3) - 1, b = ((i >> 2) & 3) - 1;
        uint64_t m4 = i & 16 ? 0xf0 : 0x0f, m5 = i & 32 ? 0xff : 0xf0;
        cpu.regs[0] = a;
        cpu.regs[1] = b;
        cpu.regs[4] = m4;
        cpu.regs[5] = m5;
        block_run(tb);
        g_assert_cmpuint(cpu.regs[2], ==, a < b);
        g_assert_cmpuint(cpu.regs[3], ==, a < b ? 1 : (m4 & m5) == 0 ? 2 : 3);
    }
}

/* Ops no front-end call emits today (the high half of a product), and barriers. */
static void test_raw_ops(void)
{
    static const uint64_t vals[] = { 0, 1, ~0ull, 0x8000000000000000ull, 0x123456789abcdef1ull,
                                     0x80000000u, 0xfffffffeu, 7 };

    for (int w = 0; w < 2; w++) {
        for (int sign = 0; sign < 2; sign++) {
            TCGOpcode opc = sign ? (w ? INDEX_op_mulsh_i64 : INDEX_op_mulsh_i32)
                                 : (w ? INDEX_op_muluh_i64 : INDEX_op_muluh_i32);
            TCGTemp *a, *b, *r;
            TCGOp *op;

            block_start();
            if (w) {
                a = tcgv_i64_temp(g_regs[0]);
                b = tcgv_i64_temp(g_regs[1]);
                r = tcgv_i64_temp(g_regs[2]);
            } else {
                a = tcgv_i32_temp(g_regs32[0]);
                b = tcgv_i32_temp(g_regs32[1]);
                r = tcgv_i32_temp(g_regs32[2]);
            }
            tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
            op = tcg_emit_op(opc, 3);
            op->args[0] = temp_arg(r);
            op->args[1] = temp_arg(a);
            op->args[2] = temp_arg(b);
            tcg_gen_exit_tb(NULL, 0);
            TranslationBlock *tb = block_finish();
            g_assert_cmpuint(count_insns(tb, "mfence"), ==, 1);

            for (unsigned i = 0; i < G_N_ELEMENTS(vals); i++) {
                for (unsigned j = 0; j < G_N_ELEMENTS(vals); j++) {
                    uint64_t lo, hi;
                    cpu.regs[0] = vals[i];
                    cpu.regs[1] = vals[j];
                    cpu.regs32[0] = vals[i];
                    cpu.regs32[1] = vals[j];
                    block_run(tb);
                    ref_mul2(w ? vals[i] : (uint32_t)vals[i], w ? vals[j] : (uint32_t)vals[j],
                             w ? 64 : 32, sign, sign, &lo, &hi);
                    g_assert_cmphex(w ? cpu.regs[2] : cpu.regs32[2], ==, hi);
                }
            }
        }
    }
}

/* ---- Guest memory -------------------------------------------------------- */

/*
 * Guest virtual pages 0x10000.. map linearly onto guest_ram. The TLB of
 * MMU index 1 holds the first two pages (the second with TLB_MMIO on writes);
 * the third is absent, so it goes through the slow path.
 */
#define VA_BASE 0x10000u
#define TEST_MMU_IDX 1
#define TLB_ENTRIES 256

static uint8_t guest_ram[3 * 4096] __attribute__((aligned(4096)));
static CPUTLBEntry tlb_table[TLB_ENTRIES];
static unsigned slow_loads, slow_stores, slow_unaligned;
static uintptr_t slow_last_ra;

static uint8_t *guest_host(uint64_t addr)
{
    g_assert(addr >= VA_BASE && addr < VA_BASE + sizeof(guest_ram));
    return guest_ram + (addr - VA_BASE);
}

static uint64_t ref_load(uint64_t addr, MemOp mop)
{
    unsigned size = memop_size(mop);
    uint64_t v = ldn_p(guest_host(addr), size, (mop & MO_BSWAP) != 0);

    if ((mop & MO_SIGN) && size < 8) {
        unsigned sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return v;
}

uint64_t helper_ld_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    MemOp mop = get_memop(oi);

    g_assert(env == &cpu.env);
    g_assert_cmpuint(get_mmuidx(oi), ==, TEST_MMU_IDX);
    slow_loads++;
    slow_last_ra = ra;
    if (addr & (memop_alignment(mop) - 1)) {
        slow_unaligned++;
        return 0;
    }
    return ref_load(addr, mop);
}

void helper_st_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    MemOp mop = get_memop(oi);

    g_assert(env == &cpu.env);
    slow_stores++;
    slow_last_ra = ra;
    if (addr & (memop_alignment(mop) - 1)) {
        slow_unaligned++;
        return;
    }
    stn_p(guest_host(addr), memop_size(mop), (mop & MO_BSWAP) != 0, val);
}

static void tlb_setup(void)
{
    CPUTLBDescFast *fast = &cpu.cs.neg.tlb_fast[TEST_MMU_IDX];

    memset(tlb_table, 0xff, sizeof(tlb_table));
    for (unsigned p = 0; p < 2; p++) {
        uint64_t va = VA_BASE + p * 4096;
        CPUTLBEntry *e = &tlb_table[(va >> TARGET_PAGE_BITS) & (TLB_ENTRIES - 1)];
        e->addr_read = va;
        e->addr_write = va | (p == 1 ? TLB_MMIO : 0);
        e->addr_code = va;
        e->addend = (uintptr_t)guest_ram + p * 4096 - va;
    }
    fast->mask = (TLB_ENTRIES - 1) << 5;
    fast->table = tlb_table;
    for (unsigned i = 0; i < sizeof(guest_ram); i++) {
        guest_ram[i] = i * 37 + (i >> 8);
    }
}

/* out[0] = load(addr) where addr is regs[4] (64-bit) or regs32[2] (32-bit). */
static TranslationBlock *build_ld(MemOp mop, bool val64, bool addr64)
{
    block_start();
    if (val64) {
        TCGv_i64 v = tcg_temp_new_i64();
        if (addr64) {
            tcg_gen_qemu_ld_i64(v, g_regs[4], TEST_MMU_IDX, mop);
        } else {
            tcg_gen_qemu_ld_i64(v, g_regs32[2], TEST_MMU_IDX, mop);
        }
        tcg_gen_st_i64(v, tcg_env, ENV_OFS(env.out));
    } else {
        TCGv_i32 v = tcg_temp_new_i32();
        if (addr64) {
            tcg_gen_qemu_ld_i32(v, g_regs[4], TEST_MMU_IDX, mop);
        } else {
            tcg_gen_qemu_ld_i32(v, g_regs32[2], TEST_MMU_IDX, mop);
        }
        tcg_gen_st_i32(v, tcg_env, ENV_OFS(env.out));
    }
    tcg_gen_exit_tb(NULL, 0);
    return block_finish();
}

static uint64_t run_ld(const TranslationBlock *tb, uint64_t addr, bool val64)
{
    cpu.regs[4] = addr;
    cpu.regs32[2] = addr;
    cpu.env.out[0] = 0x5a5a5a5a5a5a5a5aull;
    block_run(tb);
    return val64 ? cpu.env.out[0] : (uint32_t)cpu.env.out[0];
}

static const MemOp test_memops[] = {
    MO_UB, MO_SB, MO_LEUW, MO_LESW, MO_BEUW, MO_BESW, MO_LEUL, MO_LESL, MO_BEUL, MO_BESL,
    MO_LEUQ, MO_BEUQ,
};

static uint64_t trunc_val(uint64_t v, bool val64)
{
    return val64 ? v : (uint32_t)v;
}

static void test_qemu_ld(void)
{
    static const uint64_t hits[] = { VA_BASE, VA_BASE + 8, VA_BASE + 0x7f9, VA_BASE + 0x1ff0 };

    tlb_setup();
    for (unsigned i = 0; i < G_N_ELEMENTS(test_memops); i++) {
        for (int variant = 0; variant < 4; variant++) {
            bool val64 = variant & 1, addr64 = variant & 2;
            MemOp mop = test_memops[i];
            TranslationBlock *tb;
            uint64_t a;

            if (!val64 && (mop & MO_SIZE) == MO_64) {
                continue;
            }
            tb = build_ld(mop, val64, addr64);
            for (unsigned h = 0; h < G_N_ELEMENTS(hits); h++) {
                slow_loads = 0;
                g_assert_cmphex(run_ld(tb, hits[h], val64), ==,
                                trunc_val(ref_load(hits[h], mop), val64));
                g_assert_cmpuint(slow_loads, ==, 0);
            }
            /* absent page: slow path, same value */
            a = VA_BASE + 0x2010;
            slow_loads = 0;
            g_assert_cmphex(run_ld(tb, a, val64), ==, trunc_val(ref_load(a, mop), val64));
            g_assert_cmpuint(slow_loads, ==, 1);
            /* crossing into the next page: slow path even though both are mapped */
            if (memop_size(mop) > 1) {
                a = VA_BASE + 0xfff;
                slow_loads = 0;
                g_assert_cmphex(run_ld(tb, a, val64), ==, trunc_val(ref_load(a, mop), val64));
                g_assert_cmpuint(slow_loads, ==, 1);
            }
        }
    }
}

static void test_qemu_ld_align(void)
{
    TranslationBlock *tb;

    tlb_setup();
    tb = build_ld(MO_LEUL | MO_ALIGN, true, true);
    slow_loads = slow_unaligned = 0;
    g_assert_cmphex(run_ld(tb, VA_BASE + 4, true), ==, ref_load(VA_BASE + 4, MO_LEUL));
    g_assert_cmpuint(slow_loads, ==, 0);
    run_ld(tb, VA_BASE + 6, true);
    g_assert_cmpuint(slow_loads, ==, 1);
    g_assert_cmpuint(slow_unaligned, ==, 1);
    /* an unaligned access that MO_UNALN allows stays on the fast path */
    tb = build_ld(MO_LEUL, true, true);
    slow_loads = 0;
    g_assert_cmphex(run_ld(tb, VA_BASE + 6, true), ==, ref_load(VA_BASE + 6, MO_LEUL));
    g_assert_cmpuint(slow_loads, ==, 0);
}

static void test_qemu_st(void)
{
    static const uint64_t vals[] = { 0x0123456789abcdefull, 0xfedcba9876543210ull };
    /* fast path, MMIO-flagged page (slow), absent page (slow), page crossing (slow) */
    static const struct { uint64_t addr; unsigned slow; } at[] = {
        { VA_BASE + 0x40, 0 }, { VA_BASE + 0x1040, 1 }, { VA_BASE + 0x2040, 1 },
        { VA_BASE + 0xffd, 1 },
    };

    tlb_setup();
    for (unsigned i = 0; i < G_N_ELEMENTS(test_memops); i++) {
        MemOp mop = test_memops[i] & ~MO_SIGN;
        unsigned size = memop_size(mop);
        for (int val64 = 0; val64 < 2; val64++) {
            if (!val64 && size == 8) {
                continue;
            }
            block_start();
            if (val64) {
                tcg_gen_qemu_st_i64(g_regs[5], g_regs[4], TEST_MMU_IDX, mop);
            } else {
                tcg_gen_qemu_st_i32(g_regs32[3], g_regs[4], TEST_MMU_IDX, mop);
            }
            /* the stored value stays usable afterwards */
            tcg_gen_addi_i64(g_regs[6], g_regs[5], 1);
            tcg_gen_exit_tb(NULL, 0);
            TranslationBlock *tb = block_finish();
            for (unsigned a = 0; a < G_N_ELEMENTS(at); a++) {
                uint64_t v = vals[a & 1];
                uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
                if (at[a].addr == VA_BASE + 0xffd && size < 4) {
                    continue;
                }
                cpu.regs[4] = at[a].addr;
                cpu.regs[5] = v;
                cpu.regs32[3] = v;
                memset(guest_host(at[a].addr), 0, size);
                slow_stores = 0;
                block_run(tb);
                g_assert_cmpuint(slow_stores, ==, at[a].slow);
                g_assert_cmphex(ref_load(at[a].addr, mop), ==, trunc_val(v, val64) & mask);
                g_assert_cmphex(cpu.regs[6], ==, v + 1);
            }
        }
    }
}

/* Live call-clobbered values survive a miss; the helper's ra restores the right insn. */
static void test_slow_path_state(void)
{
    enum { N = 12 };
    TCGv_i64 t[N], v;
    uintptr_t ra;
    uint64_t data[TCG_INSN_START_WORDS];
    TranslationBlock *tb;

    tlb_setup();
    block_start();
    tcg_gen_insn_start(0x100, 0, 0);
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(t[i], g_regs[i], 3);
    }
    tcg_gen_insn_start(0x104, 0, 0);
    v = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(v, g_regs[12], TEST_MMU_IDX, MO_BEUQ);
    tcg_gen_insn_start(0x108, 0, 0);
    for (int i = 0; i < N; i++) {
        tcg_gen_add_i64(v, v, t[i]);
    }
    tcg_gen_mov_i64(g_regs[13], v);
    tcg_gen_exit_tb(NULL, 0);
    tb = block_finish();

    for (int pass = 0; pass < 2; pass++) {
        uint64_t want;
        for (int i = 0; i < 16; i++) {
            cpu.regs[i] = 0x1000 * i + 17;
        }
        cpu.regs[12] = pass ? VA_BASE + 0x2100 : VA_BASE + 0x100;
        want = ref_load(cpu.regs[12], MO_BEUQ);
        for (int i = 0; i < N; i++) {
            want += cpu.regs[i] * 3;
        }
        slow_loads = 0;
        block_run(tb);
        g_assert_cmpuint(slow_loads, ==, pass);
        g_assert_cmphex(cpu.regs[13], ==, want);
    }
    ra = slow_last_ra;
    g_assert_cmpuint(ra, >, (uintptr_t)tb->tc_ptr);
    g_assert_cmpuint(ra, <, (uintptr_t)tb->tc_ptr + tb->tc_size);
    g_assert_true(tcg_search_data_find(tb->search_data, tb->search_len,
                                       tcg_ctx->insn_start_words,
                                       ra - (uintptr_t)tb->tc_ptr, data));
    g_assert_cmphex(data[0], ==, 0x104);
}

/* The exec side's block lookup, here: the pointer in regs[1]. */
static const void *test_lookup_tb_ptr(void *env)
{
    g_assert(env == &cpu.env);
    return (const void *)(uintptr_t)cpu.regs[1];
}

/* exit_tb values, goto_tb chaining by patching, lookup_and_goto_ptr. */
static void test_chaining(void)
{
    uint8_t *buf = tcg_ctx->code_gen_buffer;
    TranslationBlock a, b;

    /* b: regs[0] += 100; exit with 0x40 | 1 */
    block_start();
    tcg_gen_addi_i64(g_regs[0], g_regs[0], 100);
    tcg_gen_exit_tb((const TranslationBlock *)0x40, 1);
    b = *block_finish_at(buf + 4096);
    /* a: regs[0] += 1; goto_tb 0; exit with &a | 0 */
    block_start();
    tcg_gen_addi_i64(g_regs[0], g_regs[0], 1);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(&a, 0);
    a = *block_finish_at(buf);
    g_assert_cmpuint(((uintptr_t)a.tc_ptr + a.jmp_insn_offset[0] + 1) & 3, ==, 0);

    cpu.regs[0] = 0;
    g_assert_cmphex(tcg_qemu_tb_exec(&cpu.env, a.tc_ptr), ==, (uintptr_t)&a);
    g_assert_cmpuint(cpu.regs[0], ==, 1);
    tcg_x86_patch_jump((uintptr_t)a.tc_ptr + a.jmp_insn_offset[0], (uintptr_t)b.tc_ptr);
    g_assert_cmphex(tcg_qemu_tb_exec(&cpu.env, a.tc_ptr), ==, 0x41);
    g_assert_cmpuint(cpu.regs[0], ==, 102);
    tcg_x86_patch_jump((uintptr_t)a.tc_ptr + a.jmp_insn_offset[0],
                       (uintptr_t)a.tc_ptr + a.jmp_reset_offset[0]);
    g_assert_cmphex(tcg_qemu_tb_exec(&cpu.env, a.tc_ptr), ==, (uintptr_t)&a);
    g_assert_cmpuint(cpu.regs[0], ==, 103);

    /* lookup_and_goto_ptr: to b when regs[1] holds its code, back to the loop when 0 */
    tcg_lookup_tb_ptr_fn = test_lookup_tb_ptr;
    block_start();
    tcg_gen_addi_i64(g_regs[0], g_regs[0], 1);
    tcg_gen_lookup_and_goto_ptr();
    a = *block_finish_at(buf);
    cpu.regs[0] = 0;
    cpu.regs[1] = (uintptr_t)b.tc_ptr;
    g_assert_cmphex(tcg_qemu_tb_exec(&cpu.env, a.tc_ptr), ==, 0x41);
    g_assert_cmpuint(cpu.regs[0], ==, 101);
    cpu.regs[1] = 0;
    g_assert_cmphex(tcg_qemu_tb_exec(&cpu.env, a.tc_ptr), ==, 0);
    g_assert_cmpuint(cpu.regs[0], ==, 102);
}

/* A full buffer gives -1; -d out_asm disassembles the block into the log. */
static void test_buffer_full_and_log(void)
{
    TCGContext *s = tcg_ctx;
    uint8_t *highwater = s->code_gen_highwater;
    g_autofree char *path = g_build_filename(g_get_tmp_dir(), "test-tcg-x86-log.XXXXXX", NULL);
    g_autofree char *text = NULL;
    TranslationBlock tb;
    int fd = g_mkstemp(path);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    block_start();
    for (int i = 0; i < 64; i++) {
        tcg_gen_addi_i64(g_regs[i % 16], g_regs[(i + 1) % 16], i);
    }
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    tcg_liveness_analysis(s);
    memset(&tb, 0, sizeof(tb));
    s->code_gen_ptr = s->code_gen_buffer;
    s->code_gen_highwater = s->code_gen_buffer + 64;
    g_assert_cmpint(tcg_gen_code(s, &tb), ==, -1);
    s->code_gen_highwater = highwater;

    g_assert_true(log_set_file(path, NULL));
    log_mask = LOG_OUT_ASM;
    s->code_gen_ptr = s->code_gen_buffer;
    g_assert_cmpint(tcg_gen_code(s, &tb), >, 0);
    log_mask = 0;
    log_flush();
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_nonnull(strstr(text, "OUT: [size="));
    g_assert_nonnull(strstr(text, "qword ptr [rbp"));
    g_assert_nonnull(strstr(text, "jmp"));
    g_unlink(path);
}

/* The whole code generation suite again with the host's extensions turned off. */
static void test_without_extensions(void)
{
    X86Features none = { 0 }, host;

    tcg_target_init();
    host = x86_features;
    tcg_target_set_features(&none);
    test_op_cases();
    test_op_cases_live();
    test_register_pressure();
    test_qemu_ld();
    test_qemu_st();
    test_slow_path_state();
    tcg_target_set_features(&host);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_cmpint(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), ==, CS_ERR_OK);
    g_test_add_func("/tcg-x86/asm/mov-all-regs", test_mov_all_regs);
    g_test_add_func("/tcg-x86/asm/mem-all-bases", test_mem_all_bases);
    g_test_add_func("/tcg-x86/asm/rip", test_rip);
    g_test_add_func("/tcg-x86/asm/movi", test_movi);
    g_test_add_func("/tcg-x86/asm/arith", test_arith);
    g_test_add_func("/tcg-x86/asm/shifts", test_shifts);
    g_test_add_func("/tcg-x86/asm/misc", test_misc);
    g_test_add_func("/tcg-x86/asm/branches", test_branches);
    g_test_add_func("/tcg-x86/asm/features", test_features);

    tcg_context_init();
    g_assert_true(tcg_code_buffer_alloc(tcg_ctx, 16 << 20, NULL));
    for (int i = 0; i < 16; i++) {
        char name[8];
        snprintf(name, sizeof(name), "r%d", i);
        g_regs[i] = tcg_global_mem_new_i64(tcg_env, ENV_OFS(regs[i]), g_strdup(name));
    }
    for (int i = 0; i < 4; i++) {
        char name[8];
        snprintf(name, sizeof(name), "w%d", i);
        g_regs32[i] = tcg_global_mem_new_i32(tcg_env, ENV_OFS(regs32[i]), g_strdup(name));
    }
    g_test_add_func("/tcg-x86/gen/op-cases", test_op_cases);
    g_test_add_func("/tcg-x86/gen/op-cases-live", test_op_cases_live);
    g_test_add_func("/tcg-x86/gen/register-pressure", test_register_pressure);
    g_test_add_func("/tcg-x86/gen/calls", test_calls);
    g_test_add_func("/tcg-x86/gen/loop", test_loop);
    g_test_add_func("/tcg-x86/gen/flags-reuse", test_flags_reuse);
    g_test_add_func("/tcg-x86/gen/raw-ops", test_raw_ops);
    g_test_add_func("/tcg-x86/gen/qemu-ld", test_qemu_ld);
    g_test_add_func("/tcg-x86/gen/qemu-ld-align", test_qemu_ld_align);
    g_test_add_func("/tcg-x86/gen/qemu-st", test_qemu_st);
    g_test_add_func("/tcg-x86/gen/slow-path-state", test_slow_path_state);
    g_test_add_func("/tcg-x86/gen/chaining", test_chaining);
    g_test_add_func("/tcg-x86/gen/buffer-full-and-log", test_buffer_full_and_log);
    g_test_add_func("/tcg-x86/gen/without-extensions", test_without_extensions);
    return g_test_run();
}
