/*
 * The SPARC Reference MMU (V8 appendix H) as a program sees it: page
 * tables built here (an identity 16 MB level-1 PTE for the program, a
 * 256 KB level-2 PTE and 4 KB level-3 PTEs for test pages), then mapped
 * accesses, referenced/modified bits, protection and invalid faults with
 * the fault status and address registers (ASI 0x04), probe and flush
 * (ASI 0x03), no-fault mode, and the MMU bypass (ASI 0x20) with the MMU on.
 */
#include "tb.h"

#define ACC_R 0
#define ACC_RW 1
#define ACC_RWX 3
#define ACC_UR_SRW 5
#define PTE(pa, acc) ((((u32)(pa)) >> 12 << 8) | ((acc) << 2) | 2)
#define PTD(pa) ((((u32)(pa)) >> 4) | 1)
#define PTE_R 0x20
#define PTE_M 0x40

static u32 ctx_table[256] __attribute__((aligned(1024)));
static u32 l1[256] __attribute__((aligned(1024)));
static u32 l2[64] __attribute__((aligned(256)));
static u32 l2b[64] __attribute__((aligned(256)));
static u32 l3[64] __attribute__((aligned(256)));
static u32 page_a[1024] __attribute__((aligned(4096)));
static u32 page_b[1024] __attribute__((aligned(4096)));

#define BIG_PA 0x00400000u      /* 256 KB aligned, inside the identity map */

static u32 mmu_read(u32 reg)
{
    u32 v;
    __asm__ volatile("lda [%1] 0x04, %0" : "=r"(v) : "r"(reg << 8) : "memory");
    return v;
}

static void mmu_write(u32 reg, u32 v)
{
    __asm__ volatile("sta %0, [%1] 0x04" : : "r"(v), "r"(reg << 8) : "memory");
}

static u32 probe(u32 va, u32 type)
{
    u32 v;
    __asm__ volatile("lda [%1] 0x03, %0" : "=r"(v) : "r"((va & ~0xfffu) | type << 8) : "memory");
    return v;
}

static void flush_page(u32 va)
{
    __asm__ volatile("sta %%g0, [%0] 0x03" : : "r"(va & ~0xfffu) : "memory");
}

#define LD(va) ({ u32 v_; __asm__ volatile("ld [%1], %0" : "=r"(v_) : "r"(va) : "memory"); v_; })
#define ST(v, va) __asm__ volatile("st %0, [%1]" : : "r"(v), "r"(va) : "memory")

static void build_tables(void)
{
    ctx_table[0] = PTD(l1);
    l1[0x00] = PTE(0, ACC_RWX);                 /* the program: identity */
    l1[0xf0] = PTE(0xf0000000, ACC_RW);         /* the test board's registers */
    l1[0x40] = PTD(l2);
    l1[0x41] = PTD(l2b);
    l2[0] = PTD(l3);
    l2b[1] = PTE(BIG_PA, ACC_RW);               /* va 0x41040000: 256 KB */
    l3[0] = PTE(page_a, ACC_RW);                /* va 0x40000000 */
    l3[1] = PTE(page_b, ACC_UR_SRW);            /* va 0x40001000 */
    l3[3] = PTE(page_b, ACC_R);                 /* va 0x40003000: read-only */
    page_a[0] = 0xaaaa0000;
    page_a[1] = 0xaaaa0001;
    page_b[0] = 0xbbbb0000;
    *(volatile u32 *)(BIG_PA + 0x10) = 0xb16b16;
}

static void test_mapping(void)
{
    check("mmu version", mmu_read(0) & 0xff000003, 0x04000001);
    check("va a", LD(0x40000000), 0xaaaa0000);
    check("va a+4", LD(0x40000004), 0xaaaa0001);
    check("va b", LD(0x40001000), 0xbbbb0000);
    check("256k page", LD(0x41040010), 0xb16b16);
    check("a referenced", l3[0] & (PTE_R | PTE_M), PTE_R);
    ST(0x1234, 0x40000008);
    check("store reached page", page_a[2], 0x1234);
    check("a modified", l3[0] & (PTE_R | PTE_M), PTE_R | PTE_M);
    check("b not modified", l3[1] & PTE_M, 0);
    check("console mapped", TRAP_OF(tb_puts("")), 0);
    report("mapping");
}

static void test_faults(void)
{
    u32 fsr, v = 0;

    mmu_read(3);                                /* clear the FSR */
    check("store read-only", TRAP_OF(ST(1, 0x40003004)), 0x09);
    fsr = mmu_read(3);
    /* L 3, AT 5 (supervisor data store), FT 2 (protection), FAV */
    check("fsr protection", fsr, 3 << 8 | 5 << 5 | 2 << 2 | 2);
    check("far", mmu_read(4), 0x40003004);
    check("fsr cleared by read", mmu_read(3), 0);
    check("load invalid", TRAP_OF(v = LD(0x40002000)), 0x09);
    check("fsr invalid", mmu_read(3), 3 << 8 | 1 << 5 | 1 << 2 | 2);
    check("load unmapped region", TRAP_OF(v = LD(0x50000000)), 0x09);
    check("load unmapped region 2", TRAP_OF(v = LD(0x40080000)), 0x09);
    /* a second fault before the FSR is read: OW */
    check("fsr overwrite", mmu_read(3), 1 | 2 << 8 | 1 << 5 | 1 << 2 | 2);
    check("far 2", mmu_read(4), 0x40080000);
    /* no-fault mode: recorded, not trapped */
    mmu_write(0, mmu_read(0) | 2);
    check("nf no trap", TRAP_OF(v = LD(0x40002000)), 0);
    mmu_write(0, mmu_read(0) & ~2u);
    check("nf fsr", mmu_read(3) & 0x1c, 1 << 2);
    check("trap again", TRAP_OF(v = LD(0x40002000)), 0x09);
    (void)v;
    mmu_read(3);
    report("faults");
}

static void test_probe_flush(void)
{
    check("probe entire", probe(0x40000000, 4), l3[0]);
    check("probe page", probe(0x40001000, 0), l3[1]);
    check("probe segment", probe(0x40000000, 1), PTD(l3));
    check("probe region", probe(0x40000000, 2), PTD(l2));
    check("probe context", probe(0x40000000, 3), PTD(l1));
    check("probe 16M", probe(0x00005000, 0), l1[0]);
    check("probe invalid", probe(0x40002000, 4), 0);
    /* remap va a to page b: visible after a page flush */
    l3[0] = PTE(page_b, ACC_RW);
    flush_page(0x40000000);
    check("remapped", LD(0x40000000), 0xbbbb0000);
    l3[0] = PTE(page_a, ACC_RW);
    __asm__ volatile("sta %%g0, [%0] 0x03" : : "r"(4 << 8) : "memory");  /* flush entire */
    check("flushed all", LD(0x40000000), 0xaaaa0000);
    report("probe-flush");
}

#define LDA_BYPASS(pa) ({ u32 v_; \
    __asm__ volatile("lda [%1] 0x20, %0" : "=r"(v_) : "r"(pa) : "memory"); v_; })
#define STA_BYPASS(v, pa) __asm__ volatile("sta %0, [%1] 0x20" : : "r"(v), "r"(pa) : "memory")

/* ASI 0x20 reaches physical space 0 whatever the MMU maps (H.4.1). */
static void test_bypass(void)
{
    u32 v = 0x77;

    check("bypass load", LDA_BYPASS((u32)page_b), 0xbbbb0000);
    STA_BYPASS(0x5555, (u32)page_a + 0x10);
    check("bypass store seen mapped", LD(0x40000010), 0x5555);
    ST(0x6666, 0x40000014);
    check("mapped store seen bypassed", LDA_BYPASS((u32)page_a + 0x14), 0x6666);
    __asm__ volatile("swapa [%1] 0x20, %0" : "+r"(v) : "r"((u32)page_a + 0x14) : "memory");
    check("bypass swap old", v, 0x6666);
    check("bypass swap new", page_a[5], 0x77);
    /* 0x40000000 is a virtual address only: physically nothing answers */
    mmu_read(3);
    check("bypass bus error", TRAP_OF(v = LDA_BYPASS(0x40000000)), 0x29);
    check("bypass fsr", mmu_read(3) & 0x1c, 5 << 2);
    check("bypass far", mmu_read(4), 0x40000000);
    (void)v;
    report("bypass");
}

int main(void)
{
    build_tables();
    mmu_write(1, (u32)ctx_table >> 4);
    mmu_write(2, 0);
    mmu_write(0, mmu_read(0) | 1);
    test_mapping();
    test_faults();
    test_probe_flush();
    test_bypass();
    mmu_write(0, mmu_read(0) & ~1u);
    return 0;
}
