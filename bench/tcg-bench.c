/*
 * Translator micro-benchmark on the test guest (tests/unit/testguest/):
 * translation speed (IR ops per second over many distinct blocks), code
 * density (host bytes per guest instruction), and the run time of a
 * loop-heavy program on the x86-64 backend and on TCI, with their ratio.
 * Times are CPU time, which a busy shared machine disturbs less than wall
 * time. It prints figures and never fails on a time.
 *
 * Usage: tcg-bench [iterations [x86_64|tci]]   (loop iterations, default
 * 2000000; one backend only, e.g. to profile it, instead of both)
 */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "softmmu/memory.h"
#include "tcg/exec-internal.h"
#include "tcg/tcg.h"
#include "tests/unit/testguest/testguest.h"
#include "util/bswap.h"

#define RAM_SIZE (4u << 20)
#define LOOP_CODE 0x1000u
#define LOOP_SUB 0x1100u
#define LOOP_DATA 0x3000u
#define BLOCKS_CODE 0x100000u
#define NB_BLOCKS 20000
#define TRANSLATE_ROUNDS 5

static MemoryRegion ram;
static TGCPU *cpu;

static void load(uint32_t addr, const uint32_t *words, size_t n)
{
    uint8_t *p = (uint8_t *)memory_region_get_ram_ptr(&ram) + addr;
    for (size_t i = 0; i < n; i++) {
        stl_be_p(p + 4 * i, words[i]);
    }
}

/* The hot loop: arithmetic, a load and a store, and a call per iteration. */
static void load_loop_program(uint32_t iterations)
{
    const uint32_t loop = LOOP_CODE + 0x14;
    const uint32_t prog[] = {
        tg_insn(TG_LUI, 2, 0, iterations >> 16),
        tg_insn(TG_ORI, 2, 2, iterations & 0xffff),
        tg_insn(TG_MOVI, 1, 0, 0),
        tg_insn(TG_MOVI, 5, 0, LOOP_DATA),
        tg_insn(TG_MOVI, 8, 0, LOOP_SUB),
        tg_rrr(TG_ADD, 1, 1, 2),                          /* loop: */
        tg_insn(TG_LD, 3, 5, 0),
        tg_rrr(TG_ADD, 3, 3, 1),
        tg_insn(TG_ST, 3, 5, 0),
        tg_rrr(TG_MUL, 4, 3, 2),
        tg_insn(TG_CALL, 0, 8, 0),
        tg_insn(TG_ADDI, 2, 2, -1),
        tg_branch(TG_BNE, 2, 0, loop + 0x1c, loop),
        tg_insn(TG_HALT, 0, 0, 0),
    };
    const uint32_t sub[] = {
        tg_rrr(TG_ADD, 7, 7, 4),
        tg_insn(TG_JR, 0, 15, 0),
    };
    load(LOOP_CODE, prog, G_N_ELEMENTS(prog));
    load(LOOP_SUB, sub, G_N_ELEMENTS(sub));
}

/* NB_BLOCKS distinct blocks run once each: the time is translation. */
static void load_blocks_program(void)
{
    uint32_t *prog = g_new(uint32_t, 4 * NB_BLOCKS + 1);
    for (unsigned i = 0; i < NB_BLOCKS; i++) {
        uint32_t at = BLOCKS_CODE + 16 * i;
        prog[4 * i] = tg_insn(TG_ADDI, 1, 1, 1);
        prog[4 * i + 1] = tg_rrr(TG_MUL, 4, 1, 1);
        prog[4 * i + 2] = tg_rrr(TG_ADD, 6, 6, 4);
        prog[4 * i + 3] = tg_branch(TG_JMP, 0, 0, at + 12, at + 16);
    }
    prog[4 * NB_BLOCKS] = tg_insn(TG_HALT, 0, 0, 0);
    load(BLOCKS_CODE, prog, 4 * NB_BLOCKS + 1);
    g_free(prog);
}

static double cpu_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double run_from(uint32_t pc)
{
    tg_cpu_reset(cpu);
    cpu->env.pc = pc;
    double t0 = cpu_seconds();
    while (cpu_exec(&cpu->cs) != CPU_EXIT_HALTED) {
        continue;
    }
    return cpu_seconds() - t0;
}

typedef struct BenchResult {
    double ops_per_sec;
    double host_bytes_per_insn;
    double loop_seconds;
    uint32_t checksum;
} BenchResult;

static BenchResult bench_backend(TCGBackend backend, uint32_t iterations)
{
    BenchResult r;

    tcg_backend = backend;
    /* the best of a few rounds: the first also pays for touching the buffer */
    r.ops_per_sec = 0;
    for (int round = 0; round < TRANSLATE_ROUNDS; round++) {
        tb_flush(&cpu->cs);
        TCGExecStats s0 = tcg_exec_stats;
        double t = run_from(BLOCKS_CODE);
        r.ops_per_sec = MAX(r.ops_per_sec, (tcg_exec_stats.ir_ops - s0.ir_ops) / t);
        r.host_bytes_per_insn = (double)(tcg_exec_stats.host_bytes - s0.host_bytes) /
                                (double)MAX(tcg_exec_stats.guest_insns - s0.guest_insns, 1);
    }

    tb_flush(&cpu->cs);
    memset((uint8_t *)memory_region_get_ram_ptr(&ram) + LOOP_DATA, 0, 4);
    r.loop_seconds = run_from(LOOP_CODE);
    r.checksum = cpu->env.regs[7] ^ cpu->env.regs[3];
    return r;
}

int main(int argc, char **argv)
{
    uint32_t iterations = argc > 1 ? strtoul(argv[1], NULL, 0) : 2000000;
    static const char *const names[] = { "x86_64", "tci" };
    BenchResult res[2];
    TCGBackend only;
    bool one = argc > 2 && tcg_backend_parse(argv[2], &only);

    if (argc > 2 && !one) {
        fprintf(stderr, "tcg-bench: unknown backend '%s' (x86_64 or tci)\n", argv[2]);
        return 2;
    }

    memory_system_init();
    if (!memory_region_init_ram(&ram, "ram", RAM_SIZE, NULL)) {
        return 1;
    }
    memory_region_add_subregion(&system_memory, 0, &ram);
    code_buffer_size_request = 64u << 20;
    cpu = tg_cpu_new(&address_space_memory);
    load_loop_program(iterations);
    load_blocks_program();

    for (int b = 0; b < 2; b++) {
        if (one && (TCGBackend)b != only) {
            continue;
        }
        res[b] = bench_backend(b == 0 ? TCG_BACKEND_X86_64 : TCG_BACKEND_TCI, iterations);
        printf("%-7s translate: %.2f M IR ops/s   host bytes/guest insn: %.1f   "
               "loop (%u iterations, 9 insns each): %.3f s (%.1f M guest insns/s)   "
               "checksum %08x\n",
               names[b], res[b].ops_per_sec / 1e6, res[b].host_bytes_per_insn, iterations,
               res[b].loop_seconds, 9.0 * iterations / res[b].loop_seconds / 1e6,
               res[b].checksum);
    }
    if (one) {
        return 0;
    }
    printf("tci/x86_64 loop time ratio: %.1f\n", res[1].loop_seconds / res[0].loop_seconds);
    return res[0].checksum == res[1].checksum ? 0 : 1;
}
