/*
 * Tests of the exec side (tcg/exec.c, tb-maint.c, translate-all.c,
 * translator.c, code-buffer.c, softmmu/cputlb.c) with the test guest
 * (tests/unit/testguest/), each run on both backends: x86-64 and TCI.
 * The machine: 16 MiB of RAM at 0 and a test device at TG_OUT_ADDR whose
 * register 0 records writes, 4 counts reads and 8 takes bytes.
 */
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "softmmu/memory.h"
#include "tcg/exec-internal.h"
#include "tcg/tcg.h"
#include "tests/unit/testguest/testguest.h"
#include "util/bswap.h"
#include "util/log.h"

#define RAM_SIZE (16u << 20)
#define CODE 0x1000u
#define DATA 0x2000u

typedef struct TestDev {
    uint32_t out[64];
    unsigned nout;
    uint32_t counter;
    uint32_t bytes;
    uint32_t exit_at;       /* cpu_exit() when this value is written (0: never) */
    uint32_t irq_at;        /* raise CPU_INTERRUPT_HARD at this value (0: never) */
} TestDev;

static MemoryRegion ram, io;
static TestDev dev;
static TGCPU *cpu;

static uint64_t tdev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    return addr == 4 ? ++d->counter : addr == 0 && d->nout ? d->out[d->nout - 1] : 0;
}

static void tdev_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    TestDev *d = opaque;
    if (addr == 0 && d->nout < G_N_ELEMENTS(d->out)) {
        d->out[d->nout++] = val;
        if (d->exit_at && val == d->exit_at) {
            cpu_exit(&cpu->cs);
        }
        if (d->irq_at && val == d->irq_at) {
            /* What cpu_interrupt() (softmmu/cpus.c) does. */
            __atomic_or_fetch(&cpu->cs.interrupt_request, CPU_INTERRUPT_HARD, __ATOMIC_SEQ_CST);
            cpu_exit(&cpu->cs);
        }
    } else if (addr == 8) {
        d->bytes = (d->bytes << 8) | (val & 0xff);
    }
}

static const MemoryRegionOps tdev_ops = {
    .read = tdev_read,
    .write = tdev_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

/* A clean machine on the given backend. */
static void start(gconstpointer data)
{
    tcg_backend = GPOINTER_TO_INT(data);
    tb_flush(&cpu->cs);
    tlb_flush(&cpu->cs);
    tg_cpu_reset(cpu);
    memset(memory_region_get_ram_ptr(&ram), 0, RAM_SIZE);
    memset(&dev, 0, sizeof(dev));
    cpu->env.pc = CODE;
}

static void load(uint32_t addr, const uint32_t *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t b[4];
        stl_be_p(b, words[i]);
        address_space_write(&address_space_memory, addr + 4 * i, b, 4);
    }
}

static uint8_t *ram_ptr(uint32_t addr)
{
    return (uint8_t *)memory_region_get_ram_ptr(&ram) + addr;
}

#define LOAD(addr, ...) do {                            \
        const uint32_t prog_[] = { __VA_ARGS__ };       \
        load(addr, prog_, G_N_ELEMENTS(prog_));         \
    } while (0)

static void test_loop(gconstpointer data)
{
    start(data);
    TCGExecStats before = tcg_exec_stats;
    LOAD(CODE,
         tg_insn(TG_MOVI, 1, 0, 0),
         tg_insn(TG_MOVI, 2, 0, 100),
         tg_rrr(TG_ADD, 1, 1, 2),                        /* 0x1008 */
         tg_insn(TG_ADDI, 2, 2, -1),
         tg_branch(TG_BNE, 2, 0, CODE + 0x10, CODE + 8),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[1], ==, 5050);
    g_assert_cmphex(cpu->env.pc, ==, CODE + 0x18);
    /* The back edge was chained: 100 iterations from a handful of exits. */
    g_assert_cmpuint(tcg_exec_stats.chained - before.chained, >=, 1);
    g_assert_cmpuint(tcg_exec_stats.goto_tb_exits - before.goto_tb_exits, <, 10);
    g_assert_cmpuint(tcg_exec_stats.tb_translated - before.tb_translated, <=, 4);
}

static void test_memory(gconstpointer data)
{
    start(data);
    memcpy(ram_ptr(0x2ffe), "\xaa\xbb\xcc\xdd", 4);
    LOAD(CODE,
         tg_insn(TG_LUI, 1, 0, 0x1122),
         tg_insn(TG_ORI, 1, 1, 0x3344),
         tg_insn(TG_MOVI, 2, 0, DATA),
         tg_insn(TG_ST, 1, 2, 0),
         tg_insn(TG_LDB, 3, 2, 0),
         tg_insn(TG_LDLE, 4, 2, 0),
         tg_insn(TG_LUI, 5, 0, 0x8001),
         tg_insn(TG_ST, 5, 2, 4),
         tg_insn(TG_LDSH, 6, 2, 4),
         tg_insn(TG_STB, 1, 2, 9),
         tg_insn(TG_MOVI, 8, 0, 0x2ffe),
         tg_insn(TG_LD, 7, 8, 0),                        /* crosses a page */
         tg_insn(TG_ST, 1, 8, 0),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[1], ==, 0x11223344);
    g_assert_cmpmem(ram_ptr(DATA), 4, "\x11\x22\x33\x44", 4);
    g_assert_cmphex(cpu->env.regs[3], ==, 0x11);
    g_assert_cmphex(cpu->env.regs[4], ==, 0x44332211);
    g_assert_cmphex(cpu->env.regs[6], ==, 0xffff8001);
    g_assert_cmphex(*ram_ptr(DATA + 9), ==, 0x44);
    g_assert_cmphex(cpu->env.regs[7], ==, 0xaabbccdd);
    g_assert_cmpmem(ram_ptr(0x2ffe), 4, "\x11\x22\x33\x44", 4);
}

static void test_call(gconstpointer data)
{
    start(data);
    TCGExecStats before = tcg_exec_stats;
    LOAD(CODE,
         tg_insn(TG_MOVI, 1, 0, 0),
         tg_insn(TG_MOVI, 2, 0, 5),
         tg_insn(TG_MOVI, 3, 0, CODE + 0x100),
         tg_insn(TG_CALL, 0, 3, 0),                      /* 0x100c */
         tg_insn(TG_ADDI, 2, 2, -1),
         tg_branch(TG_BNE, 2, 0, CODE + 0x14, CODE + 0xc),
         tg_insn(TG_HALT, 0, 0, 0));
    LOAD(CODE + 0x100,
         tg_insn(TG_ADDI, 1, 1, 3),
         tg_insn(TG_JR, 0, 15, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[1], ==, 15);
    g_assert_cmphex(cpu->env.regs[15], ==, CODE + 0x10);
    /* Calls and returns found their blocks through goto_ptr's jump cache. */
    g_assert_cmpuint(tcg_exec_stats.jc_hits - before.jc_hits, >=, 5);
}

/* Patches a block that other code chains into: it must be unchained. */
static void test_smc_other_tb(gconstpointer data)
{
    const uint32_t sub = CODE + 0x200, newinsn = tg_insn(TG_ADDI, 1, 1, 100);

    start(data);
    TCGExecStats before = tcg_exec_stats;
    LOAD(CODE,
         tg_insn(TG_MOVI, 1, 0, 0),
         tg_insn(TG_MOVI, 3, 0, 3),
         tg_insn(TG_MOVI, 15, 0, CODE + 0x10),           /* 0x1008 */
         tg_branch(TG_JMP, 0, 0, CODE + 0xc, sub),
         tg_insn(TG_ADDI, 3, 3, -1),                     /* 0x1010 */
         tg_branch(TG_BNE, 3, 0, CODE + 0x14, CODE + 0x8),
         tg_insn(TG_LUI, 4, 0, newinsn >> 16),
         tg_insn(TG_ORI, 4, 4, newinsn & 0xffff),
         tg_insn(TG_MOVI, 5, 0, sub),
         tg_insn(TG_ST, 4, 5, 0),                        /* patch sub */
         tg_insn(TG_MOVI, 3, 0, 3),
         tg_insn(TG_MOVI, 15, 0, CODE + 0x34),           /* 0x102c */
         tg_branch(TG_JMP, 0, 0, CODE + 0x30, sub),
         tg_insn(TG_ADDI, 3, 3, -1),                     /* 0x1034 */
         tg_branch(TG_BNE, 3, 0, CODE + 0x38, CODE + 0x2c),
         tg_insn(TG_HALT, 0, 0, 0));
    LOAD(sub,
         tg_insn(TG_ADDI, 1, 1, 1),
         tg_insn(TG_JR, 0, 15, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[1], ==, 3 + 300);
    g_assert_cmpuint(tcg_exec_stats.tb_invalidated - before.tb_invalidated, >=, 1);
    g_assert_cmpuint(tcg_exec_stats.unchained - before.unchained, >=, 1);
    g_assert_cmpuint(tcg_exec_stats.smc_current_tb - before.smc_current_tb, ==, 0);
}

/* A store that rewrites the next instruction of its own block. */
static void test_smc_current_tb(gconstpointer data)
{
    const uint32_t newinsn = tg_insn(TG_MOVI, 2, 0, 42);

    start(data);
    TCGExecStats before = tcg_exec_stats;
    LOAD(CODE,
         tg_insn(TG_LUI, 4, 0, newinsn >> 16),
         tg_insn(TG_ORI, 4, 4, newinsn & 0xffff),
         tg_insn(TG_MOVI, 5, 0, CODE + 0x10),
         tg_insn(TG_ST, 4, 5, 0),                        /* 0x100c */
         tg_insn(TG_MOVI, 2, 0, 1),                      /* 0x1010: replaced */
         tg_insn(TG_MOVI, 3, 0, 7),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[2], ==, 42);
    g_assert_cmpuint(cpu->env.regs[3], ==, 7);
    g_assert_cmphex(ldl_be_p(ram_ptr(CODE + 0x10)), ==, newinsn);
    g_assert_cmpuint(tcg_exec_stats.smc_current_tb - before.smc_current_tb, ==, 1);
}

/* Code rewritten by DMA or a loader (address_space_write) is retranslated. */
static void test_smc_dma(gconstpointer data)
{
    start(data);
    LOAD(CODE, tg_insn(TG_MOVI, 1, 0, 1), tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[1], ==, 1);

    TCGExecStats before = tcg_exec_stats;
    LOAD(CODE, tg_insn(TG_MOVI, 1, 0, 2));
    g_assert_cmpuint(tcg_exec_stats.tb_invalidated - before.tb_invalidated, ==, 1);
    cpu->env.pc = CODE;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[1], ==, 2);

    /* tb_invalidate_phys_range, as a device model would call it. */
    before = tcg_exec_stats;
    tb_invalidate_phys_range(CODE, CODE + 4);
    g_assert_cmpuint(tcg_exec_stats.tb_invalidated - before.tb_invalidated, ==, 1);
}

static void test_mmio(gconstpointer data)
{
    start(data);
    LOAD(CODE,
         tg_insn(TG_MOVI, 1, 0, 7),
         tg_insn(TG_OUT, 1, 0, 0),
         tg_insn(TG_MOVI, 1, 0, 9),
         tg_insn(TG_OUT, 1, 0, 0),
         tg_insn(TG_LUI, 2, 0, TG_OUT_ADDR >> 16),
         tg_insn(TG_LD, 3, 2, 4),
         tg_insn(TG_LD, 4, 2, 4),
         tg_insn(TG_LD, 5, 2, 0),
         tg_insn(TG_STB, 1, 2, 8),
         tg_insn(TG_MOVI, 1, 0, 0x5a),
         tg_insn(TG_STB, 1, 2, 8),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(dev.nout, ==, 2);
    g_assert_cmpuint(dev.out[0], ==, 7);
    g_assert_cmpuint(dev.out[1], ==, 9);
    g_assert_cmpuint(cpu->env.regs[3], ==, 1);
    g_assert_cmpuint(cpu->env.regs[4], ==, 2);
    g_assert_cmpuint(cpu->env.regs[5], ==, 9);
    g_assert_cmphex(dev.bytes, ==, 0x095a);
}

/* A fault in the middle of a block restores the faulting instruction's pc. */
static void test_precise_fault(gconstpointer data)
{
    const uint32_t prog[] = {
        tg_insn(TG_MOVI, 1, 0, 7),
        tg_insn(TG_MOVI, 3, 0, 0x5000),
        tg_insn(TG_ADDI, 1, 1, 1),
        tg_insn(TG_LD, 2, 3, 8),                         /* 0x100c: faults */
        tg_insn(TG_MOVI, 1, 0, 99),
        tg_insn(TG_HALT, 0, 0, 0),
    };

    start(data);
    load(CODE, prog, G_N_ELEMENTS(prog));
    cpu->fault_lo = 0x5000;
    cpu->fault_hi = 0x6000;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpint(cpu->last_excp, ==, TG_EXCP_PAGE_FAULT);
    g_assert_cmphex(cpu->excp_pc, ==, CODE + 0xc);
    g_assert_cmphex(cpu->fault_addr, ==, 0x5008);
    g_assert_cmpuint(cpu->env.regs[1], ==, 8);

    /* Again with a trap handler: it sees the pc in r14 and carries on. */
    start(data);
    load(CODE, prog, G_N_ELEMENTS(prog));
    cpu->fault_lo = 0x5000;
    cpu->fault_hi = 0x6000;
    cpu->trap_vector = 0x1800;
    LOAD(0x1800, tg_insn(TG_MOVI, 9, 0, 1), tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[9], ==, 1);
    g_assert_cmphex(cpu->env.regs[14], ==, CODE + 0xc);
    g_assert_cmpuint(cpu->excp_count, ==, 1);
}

static void test_exceptions(gconstpointer data)
{
    /* An alignment trap from MO_ALIGN, precise as well. */
    start(data);
    LOAD(CODE,
         tg_insn(TG_MOVI, 3, 0, DATA),
         tg_insn(TG_LDA, 2, 3, 0),
         tg_insn(TG_LDA, 2, 3, 2),                       /* 0x1008 */
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpint(cpu->last_excp, ==, TG_EXCP_UNALIGNED);
    g_assert_cmphex(cpu->excp_pc, ==, CODE + 8);

    /* RAISE and an illegal instruction. */
    start(data);
    LOAD(CODE, tg_insn(TG_MOVI, 1, 0, 1), tg_insn(TG_RAISE, 0, 0, 5));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpint(cpu->last_excp, ==, TG_EXCP_RAISE + 5);
    g_assert_cmphex(cpu->excp_pc, ==, CODE + 4);
    start(data);
    LOAD(CODE, tg_insn(TG_MOVI, 1, 0, 1));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpint(cpu->last_excp, ==, TG_EXCP_ILLEGAL);
    g_assert_cmphex(cpu->excp_pc, ==, CODE + 4);

    /* A fetch fault, and a fetch from the device (a bus error). */
    start(data);
    cpu->fault_lo = CODE;
    cpu->fault_hi = CODE + 0x1000;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpint(cpu->last_excp, ==, TG_EXCP_PAGE_FAULT);
    g_assert_cmphex(cpu->excp_pc, ==, CODE);
    start(data);
    cpu->env.pc = TG_OUT_ADDR;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpint(cpu->last_excp, ==, TG_EXCP_BUS);
    g_assert_cmpuint(cpu->bus_errors, ==, 1);
}

static void test_tlb_flush(gconstpointer data)
{
    start(data);
    stl_be_p(ram_ptr(0x10000), 0xaaaa);
    stl_be_p(ram_ptr(0x11000), 0xbbbb);
    cpu->remap[0] = (TGRemap){ .on = true, .vpage = 0x40000, .ppage = 0x10000 };
    LOAD(CODE,
         tg_insn(TG_LUI, 1, 0, 0x0004),
         tg_insn(TG_LD, 2, 1, 0),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xaaaa);

    /* A new mapping is not seen until the TLB is flushed. */
    TLBStats s0 = { 0 }, s1 = { 0 };
    tlb_stats_add(&cpu->cs, &s0);
    cpu->remap[0].ppage = 0x11000;
    cpu->env.pc = CODE;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xaaaa);
    tlb_flush_page(&cpu->cs, 0x40000);
    cpu->env.pc = CODE;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xbbbb);
    cpu->remap[0].ppage = 0x10000;
    tlb_flush(&cpu->cs);
    cpu->env.pc = CODE;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xaaaa);
    tlb_stats_add(&cpu->cs, &s1);
    g_assert_cmpuint(s1.fills - s0.fills, >=, 2);
    g_assert_cmpuint(s1.flushes - s0.flushes, >=, 1);
}

/* A flush of one 4 KiB piece of a large page flushes all of it. */
static void test_tlb_large_page(gconstpointer data)
{
    start(data);
    stl_be_p(ram_ptr(0x11000), 0xbbbb);
    stl_be_p(ram_ptr(0x12000), 0xcccc);
    LOAD(CODE,
         tg_insn(TG_LUI, 1, 0, 0x0004),
         tg_insn(TG_LD, 2, 1, 0x1000),
         tg_insn(TG_HALT, 0, 0, 0));
    /* 0x40000-0x4ffff as one 64 KiB page onto 0x10000; the guest MMU
     * (the remap) would put 0x41000 on 0x12000 instead. */
    tlb_set_page(&cpu->cs, 0x40000, 0x10000, PAGE_READ, 0, 0x10000);
    tlb_set_page(&cpu->cs, 0x41000, 0x11000, PAGE_READ, 0, 0x10000);
    cpu->remap[0] = (TGRemap){ .on = true, .vpage = 0x41000, .ppage = 0x12000 };
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xbbbb);

    tlb_flush_page(&cpu->cs, 0x4f000);
    cpu->env.pc = CODE;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xcccc);
}

/* A change of the memory map flushes the TLB by itself (the listener). */
static void test_tlb_map_change(gconstpointer data)
{
    MemoryRegion overlay;

    start(data);
    stl_be_p(ram_ptr(0x10000), 0xaaaa);
    LOAD(CODE,
         tg_insn(TG_LUI, 1, 0, 0x0001),
         tg_insn(TG_LD, 2, 1, 0),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xaaaa);

    g_assert_true(memory_region_init_ram(&overlay, "overlay", 0x1000, NULL));
    stl_be_p(memory_region_get_ram_ptr(&overlay), 0xdddd);
    memory_region_add_subregion_overlap(&system_memory, 0x10000, &overlay, 1);
    memory_topology_commit();
    cpu->env.pc = CODE;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xdddd);

    memory_region_del_subregion(&system_memory, &overlay);
    memory_topology_commit();
    memory_region_finalize(&overlay);
    cpu->env.pc = CODE;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmphex(cpu->env.regs[2], ==, 0xaaaa);
}

/* The TLB grows when a workload touches many pages between flushes. */
static void test_tlb_resize(gconstpointer data)
{
    start(data);
    unsigned initial = tlb_table_size(&cpu->cs, 0);
    /* Touch twice as many pages as there are entries: r1 walks up from
     * 0x20000 in 4 KiB steps. */
    LOAD(CODE,
         tg_insn(TG_LUI, 1, 0, 0x0002),
         tg_insn(TG_MOVI, 2, 0, 2 * initial),
         tg_insn(TG_MOVI, 4, 0, 0x1000),
         tg_insn(TG_LD, 3, 1, 0),                        /* 0x100c */
         tg_rrr(TG_ADD, 1, 1, 4),
         tg_insn(TG_ADDI, 2, 2, -1),
         tg_branch(TG_BNE, 2, 0, CODE + 0x18, CODE + 0xc),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[2], ==, 0);
    g_assert_cmpuint(cpu->excp_count, ==, 0);
    tlb_flush(&cpu->cs);
    g_assert_cmpuint(tlb_table_size(&cpu->cs, 0), >, initial);
}

/* cpu_exit() from a device: the chained loop leaves at the next block entry
 * with the pc of that block, and resumes exactly there. */
static void test_exit_request(gconstpointer data)
{
    start(data);
    dev.exit_at = 5;
    LOAD(CODE,
         tg_insn(TG_MOVI, 1, 0, 0),
         tg_insn(TG_MOVI, 6, 0, 10),
         tg_insn(TG_ADDI, 1, 1, 1),                      /* 0x1008 */
         tg_insn(TG_OUT, 1, 0, 0),
         tg_branch(TG_BNE, 1, 6, CODE + 0x10, CODE + 8),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 1), ==, CPU_EXIT_REQUESTED);
    g_assert_cmpuint(cpu->env.regs[1], ==, 5);
    g_assert_cmphex(cpu->env.pc, ==, CODE + 8);
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[1], ==, 10);
    g_assert_cmpuint(dev.nout, ==, 10);
    for (unsigned i = 0; i < 10; i++) {
        g_assert_cmpuint(dev.out[i], ==, i + 1);
    }
}

/* An interrupt raised by a device is taken at the next block boundary;
 * the handler returns and the loop finishes undisturbed. */
static void test_interrupt(gconstpointer data)
{
    start(data);
    dev.irq_at = 3;
    cpu->irq_vector = 0x1800;
    LOAD(CODE,
         tg_insn(TG_MOVI, 1, 0, 0),
         tg_insn(TG_MOVI, 6, 0, 10),
         tg_insn(TG_ADDI, 1, 1, 1),                      /* 0x1008 */
         tg_insn(TG_OUT, 1, 0, 0),
         tg_branch(TG_BNE, 1, 6, CODE + 0x10, CODE + 8),
         tg_insn(TG_HALT, 0, 0, 0));
    LOAD(0x1800,
         tg_insn(TG_ADDI, 9, 9, 77),
         tg_insn(TG_JR, 0, 14, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->irq_count, ==, 1);
    g_assert_cmpuint(cpu->env.regs[9], ==, 77);
    g_assert_cmphex(cpu->env.regs[14], ==, CODE + 8);
    g_assert_cmpuint(cpu->env.regs[1], ==, 10);
    g_assert_cmpuint(dev.nout, ==, 10);
}

/* Thousands of blocks through a small buffer: it fills and is flushed. */
static void test_buffer_full(gconstpointer data)
{
    enum { N = 3000 };
    const uint32_t base = 0x10000;
    uint32_t *prog = g_new(uint32_t, 2 * N + 1);

    start(data);
    g_assert_true(code_buffer_init(256 * 1024, NULL));
    TCGExecStats before = tcg_exec_stats;
    for (unsigned i = 0; i < N; i++) {
        prog[2 * i] = tg_insn(TG_ADDI, 1, 1, 1);
        prog[2 * i + 1] = tg_branch(TG_JMP, 0, 0, base + 8 * i + 4, base + 8 * i + 8);
    }
    prog[2 * N] = tg_insn(TG_HALT, 0, 0, 0);
    load(base, prog, 2 * N + 1);
    cpu->env.pc = base;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    g_assert_cmpuint(cpu->env.regs[1], ==, N);
    g_assert_cmpuint(tcg_exec_stats.buffer_full_flushes - before.buffer_full_flushes, >=, 1);
    g_assert_cmpuint(code_buffer_used(), <=, code_buffer_total());
    g_free(prog);

    tb_flush(&cpu->cs);
    g_assert_true(code_buffer_init(16u << 20, NULL));
}

static unsigned count_lines(const char *text, const char *prefix)
{
    unsigned n = 0;
    for (const char *p = text; (p = strstr(p, prefix)); p++) {
        n += p == text || p[-1] == '\n';
    }
    return n;
}

/* -d exec,cpu,in_asm,nochain: every block execution is logged once. */
static void test_logging(gconstpointer data)
{
    char *path = g_build_filename(g_get_tmp_dir(), "test-tcg-exec-XXXXXX", NULL);
    int fd = g_mkstemp(path);
    char *text;

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    start(data);
    LOAD(CODE,
         tg_insn(TG_MOVI, 2, 0, 3),
         tg_insn(TG_ADDI, 2, 2, -1),                     /* 0x1004 */
         tg_branch(TG_BNE, 2, 0, CODE + 8, CODE + 4),
         tg_insn(TG_HALT, 0, 0, 0));
    g_assert_true(log_set_file(path, NULL));
    log_mask = LOG_EXEC | LOG_CPU | LOG_IN_ASM | LOG_NOCHAIN;
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    log_mask = 0;
    log_flush();
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    /* Blocks: 0x1000 (to the branch), 0x1004 twice more, then 0x100c. */
    g_assert_cmpuint(count_lines(text, "Trace 0: "), ==, 4);
    g_assert_cmpuint(count_lines(text, "pc=0000100c"), ==, 1);
    g_assert_cmpuint(count_lines(text, "IN: "), ==, 3);
    g_assert_nonnull(strstr(text, "/0000000000001004/00000000]"));
    g_assert_nonnull(strstr(text, "0x0000000000001000:  .word 0x01200003\n"));
    g_free(text);
    unlink(path);
    g_free(path);
}

static void test_info_jit(gconstpointer data)
{
    start(data);
    LOAD(CODE, tg_insn(TG_MOVI, 1, 0, 1), tg_insn(TG_HALT, 0, 0, 0));
    g_assert_cmpint(tg_cpu_run(cpu, 10), ==, CPU_EXIT_HALTED);
    GString *s = g_string_new(NULL);
    tcg_exec_info_jit(s);
    g_assert_nonnull(strstr(s->str, "TB count            1\n"));
    g_assert_nonnull(strstr(s->str, "chained jumps"));
    g_assert_nonnull(strstr(s->str, "TLB fills"));
    g_string_free(s, TRUE);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        TCGBackend backend;
    } backends[] = { { "x86_64", TCG_BACKEND_X86_64 }, { "tci", TCG_BACKEND_TCI } };
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        { "loop", test_loop },
        { "memory", test_memory },
        { "call", test_call },
        { "smc-other-tb", test_smc_other_tb },
        { "smc-current-tb", test_smc_current_tb },
        { "smc-dma", test_smc_dma },
        { "mmio", test_mmio },
        { "precise-fault", test_precise_fault },
        { "exceptions", test_exceptions },
        { "tlb-flush", test_tlb_flush },
        { "tlb-large-page", test_tlb_large_page },
        { "tlb-map-change", test_tlb_map_change },
        { "tlb-resize", test_tlb_resize },
        { "exit-request", test_exit_request },
        { "interrupt", test_interrupt },
        { "buffer-full", test_buffer_full },
        { "logging", test_logging },
        { "info-jit", test_info_jit },
    };

    g_test_init(&argc, &argv, NULL);
    memory_system_init();
    g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, NULL));
    memory_region_add_subregion(&system_memory, 0, &ram);
    memory_region_init_io(&io, &tdev_ops, &dev, "tdev", 0x1000);
    memory_region_add_subregion(&system_memory, TG_OUT_ADDR, &io);
    code_buffer_size_request = 16u << 20;
    cpu = tg_cpu_new(&address_space_memory);

    for (size_t b = 0; b < G_N_ELEMENTS(backends); b++) {
        for (size_t t = 0; t < G_N_ELEMENTS(tests); t++) {
            char *path = g_strdup_printf("/tcg-exec/%s/%s", backends[b].name, tests[t].name);
            g_test_add_data_func(path, GINT_TO_POINTER(backends[b].backend), tests[t].fn);
            g_free(path);
        }
    }
    return g_test_run();
}
