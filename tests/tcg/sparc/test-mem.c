/*
 * Loads and stores (V8 B.1-B.10): every width with sign and zero
 * extension, LDD/STD pairs, LDSTUB, SWAP, the alternate-space forms with
 * the ASIs sun4m software uses, alignment traps, illegal encodings, and
 * self-modifying code.
 */
#include "tb.h"

static u32 buf[8] __attribute__((aligned(8)));
static u32 code[4] __attribute__((aligned(8)));

#define LOAD(op, addr)                                                        \
    ({                                                                        \
        u32 v_;                                                               \
        __asm__ volatile(op " [%1], %0" : "=r"(v_) : "r"(addr) : "memory");   \
        v_;                                                                   \
    })
#define LOADA(op, addr, asi)                                                  \
    ({                                                                        \
        u32 v_;                                                               \
        __asm__ volatile(op " [%1] " #asi ", %0" : "=r"(v_) : "r"(addr) : "memory"); \
        v_;                                                                   \
    })
#define STORE(op, v, addr) __asm__ volatile(op " %0, [%1]" : : "r"(v), "r"(addr) : "memory")
#define STOREA(op, v, addr, asi) \
    __asm__ volatile(op " %0, [%1] " #asi : : "r"(v), "r"(addr) : "memory")

static void fill(void)
{
    buf[0] = 0x80018203;
    buf[1] = 0x84058607;
    buf[2] = 0x11223344;
    buf[3] = 0x55667788;
}

static void test_widths(void)
{
    char *b = (char *)buf;

    fill();
    check("ldub", LOAD("ldub", b), 0x80);
    check("ldsb", LOAD("ldsb", b), 0xffffff80);
    check("ldsb pos", LOAD("ldsb", b + 1), 0x01);
    check("lduh", LOAD("lduh", b), 0x8001);
    check("ldsh", LOAD("ldsh", b), 0xffff8001);
    check("ldsh pos", LOAD("ldsh", b + 2), 0xffff8203);
    check("ld", LOAD("ld", b + 4), 0x84058607);
    STORE("stb", 0x1ff, b + 8);
    check("stb", buf[2], 0xff223344);
    STORE("sth", 0x12345678, b + 10);
    check("sth", buf[2], 0xff225678);
    STORE("st", 0xcafef00d, b + 12);
    check("st", buf[3], 0xcafef00d);
    /* register + register addressing */
    __asm__ volatile("ld [%1 + %2], %0" : "=r"(buf[4]) : "r"(b), "r"(4));
    check("ld reg+reg", buf[4], 0x84058607);
    report("widths");
}

static void test_pairs_atomics(void)
{
    u32 hi, lo, v;

    fill();
    __asm__ volatile("ldd [%2], %%o4\n\tmov %%o4, %0\n\tmov %%o5, %1"
                     : "=r"(hi), "=r"(lo) : "r"(buf) : "o4", "o5", "memory");
    check("ldd hi", hi, 0x80018203);
    check("ldd lo", lo, 0x84058607);
    __asm__ volatile("mov %0, %%o4\n\tmov %1, %%o5\n\tstd %%o4, [%2 + 8]"
                     : : "r"(0xaaaa5555), "r"(0x12344321), "r"(buf) : "o4", "o5", "memory");
    check("std hi", buf[2], 0xaaaa5555);
    check("std lo", buf[3], 0x12344321);
    buf[4] = 0x12345678;
    v = LOAD("ldstub", (char *)&buf[4] + 1);
    check("ldstub old", v, 0x34);
    check("ldstub mem", buf[4], 0x12ff5678);
    v = 0xdeadbeef;
    __asm__ volatile("swap [%1], %0" : "+r"(v) : "r"(&buf[4]) : "memory");
    check("swap old", v, 0x12ff5678);
    check("swap mem", buf[4], 0xdeadbeef);
    report("pairs-atomics");
}

static void test_alternate(void)
{
    char *b = (char *)buf;
    u32 v, hi, lo;

    fill();
    check("lda 0x0b", LOADA("lda", b, 0x0b), 0x80018203);
    check("lda 0x0a", LOADA("lda", b, 0x0a), 0x80018203);
    check("lduba", LOADA("lduba", b, 0x0b), 0x80);
    check("ldsba", LOADA("ldsba", b, 0x0b), 0xffffff80);
    check("lduha", LOADA("lduha", b, 0x0b), 0x8001);
    check("ldsha", LOADA("ldsha", b, 0x0b), 0xffff8001);
    check("lda bypass", LOADA("lda", b + 4, 0x20), 0x84058607);
    check("lduba bypass", LOADA("lduba", b + 4, 0x20), 0x84);
    STOREA("sta", 0x01020304, b + 8, 0x0b);
    check("sta", buf[2], 0x01020304);
    STOREA("stba", 0xee, b + 8, 0x20);
    check("stba bypass", buf[2], 0xee020304);
    STOREA("stha", 0xbbcc, b + 10, 0x0a);
    check("stha", buf[2], 0xee02bbcc);
    __asm__ volatile("ldda [%2] 0x0b, %%o4\n\tmov %%o4, %0\n\tmov %%o5, %1"
                     : "=r"(hi), "=r"(lo) : "r"(buf) : "o4", "o5", "memory");
    check("ldda", hi ^ lo, 0x80018203 ^ 0x84058607);
    __asm__ volatile("mov %0, %%o4\n\tmov %1, %%o5\n\tstda %%o4, [%2] 0x20"
                     : : "r"(7), "r"(9), "r"(&buf[4]) : "o4", "o5", "memory");
    check("stda bypass", buf[4] * 10 + buf[5], 79);
    buf[6] = 0x00aabbcc;
    check("ldstuba", LOADA("ldstuba", &buf[6], 0x0b), 0x00);
    check("ldstuba mem", buf[6], 0xffaabbcc);
    v = 5;
    __asm__ volatile("swapa [%1] 0x0b, %0" : "+r"(v) : "r"(&buf[6]) : "memory");
    check("swapa", v, 0xffaabbcc);
    check("swapa mem", buf[6], 5);
    /* MMU registers (ASI 4): the control register's impl/ver; cache
     * diagnostics (ASI 0x0c-0x0f) read zero and ignore writes */
    check("mmu ctrl", LOADA("lda", 0, 0x04), 0x04000000);
    STOREA("sta", 0x12345678, 0, 0x0e);
    check("dcache tag", LOADA("lda", 0, 0x0e), 0);
    STOREA("sta", 0, 0, 0x10);       /* cache flush: ignored */
    report("alternate-space");
}

static void test_alignment_illegal(void)
{
    char *b = (char *)buf;
    u32 v = 0;

    check("ld misaligned", TRAP_OF(v = LOAD("ld", b + 2)), 0x07);
    check("lduh misaligned", TRAP_OF(v = LOAD("lduh", b + 1)), 0x07);
    check("ldub any", TRAP_OF(v = LOAD("ldub", b + 1)), 0);
    check("st misaligned", TRAP_OF(STORE("st", v, b + 1)), 0x07);
    check("sth misaligned", TRAP_OF(STORE("sth", v, b + 3)), 0x07);
    check("ldd misaligned", TRAP_OF(__asm__ volatile("ldd [%0], %%o4" : : "r"(b + 4)
                                                     : "o4", "o5")), 0x07);
    check("std misaligned", TRAP_OF(__asm__ volatile("std %%o4, [%0]" : : "r"(b + 4)
                                                     : "memory")), 0x07);
    check("swap misaligned", TRAP_OF(__asm__ volatile("swap [%1], %0" : "+r"(v) : "r"(b + 2)
                                                      : "memory")), 0x07);
    check("lda misaligned", TRAP_OF(v = LOADA("lda", b + 2, 0x0b)), 0x07);
    check("lda bypass misaligned", TRAP_OF(v = LOADA("lda", b + 2, 0x20)), 0x07);
    /* ldd with an odd rd, and lda with i = 1 are illegal */
    check("ldd odd rd", TRAP_OF(__asm__ volatile("mov %0, %%o0\n\t.word 0xd21a2000"
                                                 : : "r"(buf) : "o0", "o1")), 0x02);
    check("lda imm", TRAP_OF(__asm__ volatile("mov %0, %%o0\n\t.word 0xd2822000"
                                              : : "r"(buf) : "o0", "o1")), 0x02);
    (void)v;
    report("alignment-illegal");
}

/* Stores into code that already ran must take effect (V8 FLUSH) */
static void test_self_modifying(void)
{
    u32 (*fn)(void) = (u32 (*)(void))code;

    code[0] = 0x81c3e008;       /* retl */
    code[1] = 0x90102001;       /* mov 1, %o0 */
    __asm__ volatile("flush %0" : : "r"(code) : "memory");
    check("smc before", fn(), 1);
    code[1] = 0x90102002;       /* mov 2, %o0 */
    __asm__ volatile("flush %0" : : "r"(&code[1]) : "memory");
    check("smc after", fn(), 2);
    report("self-modifying");
}

int main(void)
{
    test_widths();
    test_pairs_atomics();
    test_alternate();
    test_alignment_illegal();
    test_self_modifying();
    return 0;
}
