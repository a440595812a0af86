/*
 * Unit tests for the SPARC alternate-space accesses the sun4m firmware
 * depends on (target/sparc/ldst_helper.c with target/sparc/mmu.c): the
 * MXCC registers of ASI 0x02 (the MBus port register OpenBIOS takes its
 * CPU number from, the stream buffer), loads from the instruction ASI in
 * boot mode (OpenBIOS copies itself out of the PROM that way) and bus
 * errors on the bypass ASIs (recorded in the fault status; a trap only with
 * the MMU on). The soft-TLB and exec entry points are stubbed here.
 */
#include <setjmp.h>
#include <string.h>

#include "softmmu/memory.h"
#include "target/sparc/cpu.h"
#include "tcg/exec.h"

uint64_t helper_ld_asi(CPUSPARCState *env, uint32_t addr, uint32_t asi, uint32_t memop);
void helper_st_asi(CPUSPARCState *env, uint32_t addr, uint64_t val, uint32_t asi,
                   uint32_t memop);

static SPARCCPU test_cpu;
static CPUSPARCState *env = &test_cpu.env;
static MemoryRegion root, ram;
static AddressSpace as;
static jmp_buf exit_jmp;

#define RAM_SIZE (1 << 20)
#define PROM_BASE 0x80000          /* the test's "PROM": the top half of RAM */
#define HOLE 0x40000000            /* nothing answers here */
#define MXCC_PORT 0x01c00f00
#define MXCC_STREAM_DATA 0x01c00000
#define MXCC_STREAM_SRC 0x01c00100
#define MXCC_STREAM_DST 0x01c00200

static const SPARCModel model = {
    .name = "test SuperSPARC",
    .iu_version = 0x40000000,
    .mmu_version = 0x08000000,
    .mmu_bm = 0x00002000,
    .mmu_ctpr_mask = 0xffffffc0,
    .mmu_cxr_mask = 0x0000ffff,
    .mmu_sfsr_mask = 0xffffffff,
    .mmu_trcr_mask = 0xffffffff,
    .mxcc_version = 0x00000104,
};

/* stubs for the soft TLB and exec loop */
void tlb_set_page(CPUState *cpu, uint64_t vaddr, hwaddr paddr, int prot, int mmu_idx,
                  uint64_t size)
{
}
void tlb_flush(CPUState *cpu) {}
void tlb_flush_page(CPUState *cpu, uint64_t vaddr) {}
void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr) { longjmp(exit_jmp, 1); }
void sparc_raise_exception(CPUSPARCState *e, int tt, uintptr_t ra)
{
    env_cpu(e)->exception_index = tt;
    longjmp(exit_jmp, 1);
}
uint64_t cpu_ld_mmu(CPUState *cpu, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    g_assert_not_reached();
}
void cpu_st_mmu(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    g_assert_not_reached();
}

static void setup(void)
{
    static bool once;

    if (!once) {
        memory_region_init_container(&root, "root", UINT64_MAX);
        g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, NULL));
        memory_region_add_subregion(&root, 0, &ram);
        address_space_init(&as, &root, "test");
        once = true;
    }
    memset(ram.ram, 0, RAM_SIZE);
    memset(env, 0, sizeof(*env));
    test_cpu.parent.env = env;
    test_cpu.parent.as = &as;
    test_cpu.parent.exception_index = -1;
    env->model = &model;
    env->regwptr = env->regbase;
    env->psr = PSR_S | PSR_ET;
    env->prom_addr = PROM_BASE;
    env->mmuregs[MMU_CTRL] = model.mmu_version | model.mmu_bm;   /* off, boot mode */
}

static void test_mxcc_port(void)
{
    setup();
    sparc_cpu_set_id(env, 0);
    /* ldda: the module id (8 + CPU) in bits 27:24 of the low word */
    g_assert_cmphex(helper_ld_asi(env, MXCC_PORT, 0x02, MO_BEUQ), ==, 0x08000104);
    sparc_cpu_set_id(env, 3);
    g_assert_cmphex(helper_ld_asi(env, MXCC_PORT, 0x02, MO_BEUQ) >> 24, ==, 0xb);
}

static void test_mxcc_stream(void)
{
    setup();
    for (int i = 0; i < 4; i++) {
        helper_st_asi(env, MXCC_STREAM_DATA + 8 * i, 0x1111111111111111ull * (i + 1), 0x02,
                      MO_BEUQ);
    }
    /* stream destination writes the 32-byte buffer to memory */
    helper_st_asi(env, MXCC_STREAM_DST, 0x2000, 0x02, MO_BEUQ);
    g_assert_cmphex(address_space_ldq_be(&as, 0x2000, NULL), ==, 0x1111111111111111ull);
    g_assert_cmphex(address_space_ldq_be(&as, 0x2018, NULL), ==, 0x4444444444444444ull);
    /* stream source reads a line back into the buffer */
    address_space_stq_be(&as, 0x3008, 0xdeadbeefcafef00dull, NULL);
    helper_st_asi(env, MXCC_STREAM_SRC, 0x3000, 0x02, MO_BEUQ);
    helper_st_asi(env, MXCC_STREAM_DST, 0x4000, 0x02, MO_BEUQ);
    g_assert_cmphex(address_space_ldq_be(&as, 0x4008, NULL), ==, 0xdeadbeefcafef00dull);
    g_assert_cmphex(address_space_ldq_be(&as, 0x4000, NULL), ==, 0);
}

static void test_insn_asi_boot_mode(void)
{
    setup();
    address_space_stl_be(&as, PROM_BASE + 0x1234, 0x9de3bfa0, NULL);
    address_space_stl_be(&as, 0x1234, 0x01000000, NULL);
    /* lda [0xffd01234] 0x09 with the MMU off and BM set reads the PROM */
    g_assert_cmphex(helper_ld_asi(env, 0xffd01234, 0x09, MO_BEUL), ==, 0x9de3bfa0);
    /* the data ASI stays physical */
    env->mmuregs[MMU_CTRL] &= ~model.mmu_bm;
    g_assert_cmphex(helper_ld_asi(env, 0x1234, 0x09, MO_BEUL), ==, 0x01000000);
}

static void test_bus_error_mmu_off(void)
{
    uint32_t fsr;

    setup();
    /* MMU off: the error is recorded, the load reads 0 and does not trap */
    g_assert_cmphex(helper_ld_asi(env, HOLE, 0x20, MO_BEUL), ==, 0);
    g_assert_cmpint(test_cpu.parent.exception_index, ==, -1);
    fsr = sparc_mmu_reg_read(env, 0x13);
    g_assert_cmpuint((fsr >> MMU_FSR_FT_SHIFT) & 7, ==, MMU_FT_ACCESS_BUS);
    g_assert_true(fsr & MMU_FSR_FAV);
    g_assert_cmpuint((fsr >> MMU_FSR_AT_SHIFT) & 7, ==, 1);   /* supervisor data load */
    g_assert_cmphex(sparc_mmu_reg_read(env, 0x14), ==, HOLE);
}

static void test_bus_error_traps_with_mmu_on(void)
{
    setup();
    env->mmuregs[MMU_CTRL] = model.mmu_version | MMU_CTRL_E;
    if (!setjmp(exit_jmp)) {
        helper_st_asi(env, HOLE + 8, 1, 0x20, MO_BEUL);
        g_assert_not_reached();
    }
    g_assert_cmpint(test_cpu.parent.exception_index, ==, TT_DATA_ACCESS_ERROR);
    g_assert_cmpuint((env->mmuregs[MMU_FSR] >> MMU_FSR_AT_SHIFT) & 7, ==, 5);  /* store */
    g_assert_cmphex(env->mmuregs[MMU_FAR], ==, HOLE + 8);

    /* with NF set the same access is recorded but does not trap */
    test_cpu.parent.exception_index = -1;
    env->mmuregs[MMU_CTRL] |= MMU_CTRL_NF;
    helper_st_asi(env, HOLE, 1, 0x20, MO_BEUL);
    g_assert_cmpint(test_cpu.parent.exception_index, ==, -1);
    g_assert_true(env->mmuregs[MMU_FSR] & MMU_FSR_OW);  /* the first was never read */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sparc-asi/mxcc-port", test_mxcc_port);
    g_test_add_func("/sparc-asi/mxcc-stream", test_mxcc_stream);
    g_test_add_func("/sparc-asi/insn-asi-boot-mode", test_insn_asi_boot_mode);
    g_test_add_func("/sparc-asi/bus-error-mmu-off", test_bus_error_mmu_off);
    g_test_add_func("/sparc-asi/bus-error-traps-with-mmu-on", test_bus_error_traps_with_mmu_on);
    return g_test_run();
}
