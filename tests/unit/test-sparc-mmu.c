/*
 * Unit tests for the SPARC Reference MMU (target/sparc/mmu.c): table walks
 * at each level against page tables built in a RAM region, access
 * permissions, referenced/modified bits, probe, the fault status/address
 * registers and the register file. The soft-TLB and exit entry points the
 * MMU calls are stubbed here to record what it asked for.
 */
#include <setjmp.h>

#include "softmmu/memory.h"
#include "target/sparc/cpu.h"
#include "tcg/exec.h"

static SPARCCPU test_cpu;
static CPUSPARCState *env = &test_cpu.env;
static MemoryRegion root, ram;
static AddressSpace as;
static jmp_buf exit_jmp;
static int tlb_flushes, tlb_page_flushes;
static struct {
    uint64_t vaddr;
    hwaddr paddr;
    int prot;
    uint64_t size;
} last_set;

static const SPARCModel model = {
    .name = "test MB86904",
    .iu_version = 0x04000000,
    .mmu_version = 0x04000000,
    .mmu_bm = 0x00004000,
    .mmu_ctpr_mask = 0x00ffffc0,
    .mmu_cxr_mask = 0x000000ff,
    .mmu_sfsr_mask = 0x00016fff,
    .mmu_trcr_mask = 0x00ffffff,
};

/* stubs for the soft TLB and exec loop */
void tlb_set_page(CPUState *cpu, uint64_t vaddr, hwaddr paddr, int prot, int mmu_idx,
                  uint64_t size)
{
    last_set.vaddr = vaddr;
    last_set.paddr = paddr;
    last_set.prot = prot;
    last_set.size = size;
}
void tlb_flush(CPUState *cpu) { tlb_flushes++; }
void tlb_flush_page(CPUState *cpu, uint64_t vaddr) { tlb_page_flushes++; }
void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr) { longjmp(exit_jmp, 1); }

/* Physical layout of the test tables */
#define CTX_TABLE 0x1000
#define L1_TABLE 0x2000
#define L2_TABLE 0x3000
#define L3_TABLE 0x3100
#define PTD(addr) (((uint32_t)(addr) >> 4) | 1)
#define PTE(paddr, acc) ((((uint32_t)((paddr) >> 12)) << 8) | ((acc) << 2) | 2)

static void wr(hwaddr pa, uint32_t v) { address_space_stl_be(&as, pa, v, NULL); }
static uint32_t rd(hwaddr pa) { return address_space_ldl_be(&as, pa, NULL); }

static void setup(void)
{
    static bool once;

    if (!once) {
        memory_region_init_container(&root, "root", UINT64_MAX);
        g_assert_true(memory_region_init_ram(&ram, "ram", 1 << 20, NULL));
        memory_region_add_subregion(&root, 0, &ram);
        address_space_init(&as, &root, "test");
        once = true;
    }
    memset(ram.ram, 0, 1 << 20);
    memset(env, 0, sizeof(*env));
    test_cpu.parent.env = env;
    test_cpu.parent.as = &as;
    env->model = &model;
    env->regwptr = env->regbase;
    env->psr = PSR_S | PSR_ET;
    env->mmuregs[MMU_CTRL] = model.mmu_version | MMU_CTRL_E;
    env->mmuregs[MMU_CTXTBL] = CTX_TABLE >> 4;
    env->mmuregs[MMU_CTX] = 0;

    wr(CTX_TABLE, PTD(L1_TABLE));
    wr(L1_TABLE + 0x00 * 4, PTD(L2_TABLE));
    wr(L1_TABLE + 0x01 * 4, PTE(0x0, 5));           /* 16 MB: user R, super RW */
    wr(L2_TABLE + 0 * 4, PTD(L3_TABLE));
    wr(L2_TABLE + 2 * 4, PTE(0xc0000, 1));          /* 256 KB at va 0x80000 */
    wr(L3_TABLE + 5 * 4, PTE(0x50000, 1));          /* va 0x5000: RW */
    wr(L3_TABLE + 6 * 4, PTE(0x60000, 6));          /* va 0x6000: super RX only */
    wr(L3_TABLE + 7 * 4, PTE(0x70000, 4));          /* va 0x7000: execute only */
    wr(L3_TABLE + 8 * 4, PTD(0x8000));              /* a PTD at level 3 */
    tlb_flushes = tlb_page_flushes = 0;
}

static void test_walk_levels(void)
{
    SPARCMMUResult r;

    setup();
    sparc_mmu_translate(env, &as, 0x5123, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_NONE);
    g_assert_cmphex(r.paddr, ==, 0x50123);
    g_assert_cmphex(r.page_size, ==, 0x1000);

    sparc_mmu_translate(env, &as, 0x01234567, MMU_DATA_LOAD, SPARC_MMU_USER_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_NONE);
    g_assert_cmphex(r.paddr, ==, 0x234567);
    g_assert_cmphex(r.page_size, ==, 16u << 20);

    sparc_mmu_translate(env, &as, 0x000abcde, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_NONE);
    g_assert_cmphex(r.paddr, ==, 0xc0000 + 0x2bcde);
    g_assert_cmphex(r.page_size, ==, 256u << 10);
}

static void test_rm_bits(void)
{
    SPARCMMUResult r;

    setup();
    sparc_mmu_translate(env, &as, 0x5000, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    /* referenced now, not modified, so no write permission yet */
    g_assert_cmphex(rd(L3_TABLE + 5 * 4), ==, PTE(0x50000, 1) | 0x20);
    g_assert_false(r.prot & PAGE_WRITE);
    sparc_mmu_translate(env, &as, 0x5004, MMU_DATA_STORE, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmphex(rd(L3_TABLE + 5 * 4), ==, PTE(0x50000, 1) | 0x60);
    g_assert_true(r.prot & PAGE_WRITE);
    /* a walk without update leaves memory alone */
    sparc_mmu_translate(env, &as, 0x6000, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, false, &r);
    g_assert_cmphex(rd(L3_TABLE + 6 * 4), ==, PTE(0x60000, 6));
}

static void test_permissions(void)
{
    SPARCMMUResult r;

    setup();
    /* ACC 5: user read-only, supervisor read/write */
    sparc_mmu_translate(env, &as, 0x01000000, MMU_DATA_STORE, SPARC_MMU_USER_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_PROTECTION);
    sparc_mmu_translate(env, &as, 0x01000000, MMU_DATA_STORE, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_NONE);
    /* ACC 6: no user access at all: a privilege violation */
    sparc_mmu_translate(env, &as, 0x6000, MMU_DATA_LOAD, SPARC_MMU_USER_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_PRIVILEGE);
    sparc_mmu_translate(env, &as, 0x6000, MMU_INST_FETCH, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_NONE);
    g_assert_cmpint(r.prot, ==, PAGE_READ | PAGE_EXEC);
    sparc_mmu_translate(env, &as, 0x6000, MMU_DATA_STORE, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_PROTECTION);
    /* ACC 4: execute only */
    sparc_mmu_translate(env, &as, 0x7000, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_PROTECTION);
    sparc_mmu_translate(env, &as, 0x7000, MMU_INST_FETCH, SPARC_MMU_USER_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_NONE);
}

static void test_invalid_and_translation_errors(void)
{
    SPARCMMUResult r;

    setup();
    sparc_mmu_translate(env, &as, 0x40000, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_INVALID_ADDRESS);
    g_assert_cmpint(r.fault_level, ==, 2);
    sparc_mmu_translate(env, &as, 0x9000, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_INVALID_ADDRESS);
    g_assert_cmpint(r.fault_level, ==, 3);
    sparc_mmu_translate(env, &as, 0x8000, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_TRANSLATION);
    sparc_mmu_translate(env, &as, 0x10000000, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_INVALID_ADDRESS);
    g_assert_cmpint(r.fault_level, ==, 1);
    env->mmuregs[MMU_CTX] = 1;      /* context 1's entry is zero: invalid at level 0 */
    sparc_mmu_translate(env, &as, 0x5000, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_INVALID_ADDRESS);
    g_assert_cmpint(r.fault_level, ==, 0);
}

static void test_mmu_off_and_boot_mode(void)
{
    SPARCMMUResult r;

    setup();
    env->mmuregs[MMU_CTRL] &= ~MMU_CTRL_E;
    sparc_mmu_translate(env, &as, 0xdeadbeef, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmpint(r.fault_type, ==, MMU_FT_NONE);
    g_assert_cmphex(r.paddr, ==, 0xdeadbeef);
    /* boot mode sends fetches to the PROM */
    env->prom_addr = 0xff0000000ull;
    env->mmuregs[MMU_CTRL] |= model.mmu_bm;
    sparc_mmu_translate(env, &as, 0x1234, MMU_INST_FETCH, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmphex(r.paddr, ==, 0xff0001234ull);
    sparc_mmu_translate(env, &as, 0x1234, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, true, &r);
    g_assert_cmphex(r.paddr, ==, 0x1234);
}

static void test_probe(void)
{
    setup();
    /* entire (4) and page (0): the PTE */
    g_assert_cmphex(sparc_mmu_probe(env, &as, 0x5000 | (4 << 8)), ==, PTE(0x50000, 1));
    g_assert_cmphex(sparc_mmu_probe(env, &as, 0x5000 | (0 << 8)), ==, PTE(0x50000, 1));
    /* context (3): the context table entry; region (2): the level-1 PTD;
     * segment (1): the level-2 PTD */
    g_assert_cmphex(sparc_mmu_probe(env, &as, 0x5000 | (3 << 8)), ==, PTD(L1_TABLE));
    g_assert_cmphex(sparc_mmu_probe(env, &as, 0x5000 | (2 << 8)), ==, PTD(L2_TABLE));
    g_assert_cmphex(sparc_mmu_probe(env, &as, 0x5000 | (1 << 8)), ==, PTD(L3_TABLE));
    /* a 16 MB PTE is found at any level below it */
    g_assert_cmphex(sparc_mmu_probe(env, &as, 0x01000000 | (1 << 8)), ==, PTE(0x0, 5));
    /* unmapped, and reserved types */
    g_assert_cmphex(sparc_mmu_probe(env, &as, 0x40000 | (4 << 8)), ==, 0);
    g_assert_cmphex(sparc_mmu_probe(env, &as, 0x5000 | (5 << 8)), ==, 0);
}

static void test_fault_registers(void)
{
    setup();
    if (setjmp(exit_jmp) == 0) {
        sparc_cpu_tlb_fill(&test_cpu.parent, 0x40010, 4, MMU_DATA_STORE, SPARC_MMU_USER_IDX,
                           false, 0);
        g_assert_not_reached();
    }
    g_assert_cmpint(test_cpu.parent.exception_index, ==, TT_DATA_ACCESS_EXCEPTION);
    /* L = 2, AT = 4 (user data store), FT = 1 (invalid), FAV */
    g_assert_cmphex(env->mmuregs[MMU_FSR], ==, (2 << 8) | (4 << 5) | (1 << 2) | 2);
    g_assert_cmphex(env->mmuregs[MMU_FAR], ==, 0x40010);
    /* a second fault before the first is read sets OW */
    if (setjmp(exit_jmp) == 0) {
        sparc_cpu_tlb_fill(&test_cpu.parent, 0x6000, 4, MMU_DATA_LOAD, SPARC_MMU_USER_IDX,
                           false, 0);
        g_assert_not_reached();
    }
    g_assert_cmphex(sparc_mmu_reg_read(env, MMU_FSR), ==,
                    MMU_FSR_OW | (3 << 8) | (0 << 5) | (3 << 2) | 2);
    /* reading cleared it */
    g_assert_cmphex(sparc_mmu_reg_read(env, MMU_FSR), ==, 0);
    g_assert_cmphex(sparc_mmu_reg_read(env, MMU_FAR), ==, 0x6000);
    /* a fetch from a page without execute permission */
    if (setjmp(exit_jmp) == 0) {
        sparc_cpu_tlb_fill(&test_cpu.parent, 0x5008, 4, MMU_INST_FETCH, SPARC_MMU_KERNEL_IDX,
                           false, 0);
        g_assert_not_reached();
    }
    g_assert_cmpint(test_cpu.parent.exception_index, ==, TT_INSN_ACCESS_EXCEPTION);
    g_assert_cmphex(sparc_mmu_reg_read(env, MMU_FSR), ==, (3 << 8) | (3 << 5) | (2 << 2) | 2);
    /* a fetch from an execute-only page succeeds */
    g_assert_true(sparc_cpu_tlb_fill(&test_cpu.parent, 0x7000, 4, MMU_INST_FETCH,
                                     SPARC_MMU_USER_IDX, false, 0));
}

static void test_fill_sets_page(void)
{
    setup();
    g_assert_true(sparc_cpu_tlb_fill(&test_cpu.parent, 0x5abc, 4, MMU_DATA_LOAD,
                                     SPARC_MMU_KERNEL_IDX, false, 0));
    g_assert_cmphex(last_set.vaddr, ==, 0x5000);
    g_assert_cmphex(last_set.paddr, ==, 0x50000);
    g_assert_cmpint(last_set.prot, ==, PAGE_READ);   /* RW, but M still clear */
    g_assert_true(sparc_cpu_tlb_fill(&test_cpu.parent, 0x01fff000, 4, MMU_DATA_LOAD,
                                     SPARC_MMU_USER_IDX, false, 0));
    g_assert_cmphex(last_set.paddr, ==, 0xfff000);
    g_assert_cmphex(last_set.size, ==, 16u << 20);
    /* probing a fault reports it without touching the FSR */
    g_assert_false(sparc_cpu_tlb_fill(&test_cpu.parent, 0x40000, 4, MMU_DATA_LOAD,
                                      SPARC_MMU_KERNEL_IDX, true, 0));
    g_assert_cmphex(env->mmuregs[MMU_FSR], ==, 0);
    /* no-fault mode: data faults are recorded but do not trap */
    env->mmuregs[MMU_CTRL] |= MMU_CTRL_NF;
    g_assert_true(sparc_cpu_tlb_fill(&test_cpu.parent, 0x40000, 4, MMU_DATA_LOAD,
                                     SPARC_MMU_KERNEL_IDX, false, 0));
    g_assert_cmphex(env->mmuregs[MMU_FAR], ==, 0x40000);
}

static void test_registers(void)
{
    setup();
    /* impl/ver are read-only */
    sparc_mmu_reg_write(env, MMU_CTRL, 0xff000003);
    g_assert_cmphex(sparc_mmu_reg_read(env, MMU_CTRL), ==, 0x04000003);
    g_assert_cmpint(tlb_flushes, ==, 1);        /* NF changed */
    sparc_mmu_reg_write(env, MMU_CTX, 0x1234);
    g_assert_cmphex(sparc_mmu_reg_read(env, MMU_CTX), ==, 0x34);
    sparc_mmu_reg_write(env, MMU_CTXTBL, 0xffffffff);
    g_assert_cmphex(sparc_mmu_reg_read(env, MMU_CTXTBL), ==, 0x00ffffc0);
    sparc_mmu_flush(env, 0x5000 | (0 << 8));
    g_assert_cmpint(tlb_page_flushes, ==, 1);
    sparc_mmu_flush(env, 0x5000 | (4 << 8));
    g_assert_cmpint(tlb_flushes, ==, 4);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sparc/mmu/walk-levels", test_walk_levels);
    g_test_add_func("/sparc/mmu/rm-bits", test_rm_bits);
    g_test_add_func("/sparc/mmu/permissions", test_permissions);
    g_test_add_func("/sparc/mmu/errors", test_invalid_and_translation_errors);
    g_test_add_func("/sparc/mmu/mmu-off", test_mmu_off_and_boot_mode);
    g_test_add_func("/sparc/mmu/probe", test_probe);
    g_test_add_func("/sparc/mmu/fault-registers", test_fault_registers);
    g_test_add_func("/sparc/mmu/fill", test_fill_sets_page);
    g_test_add_func("/sparc/mmu/registers", test_registers);
    return g_test_run();
}
