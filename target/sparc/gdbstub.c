/*
 * The gdb view of a SPARC V8 CPU: gdb's sparc register numbering (g0-g7,
 * o0-o7, l0-l7, i0-i7, f0-f31, y, psr, wim, tbr, pc, npc, fsr, csr: 72
 * registers of 4 bytes, big-endian) and the target description with gdb's
 * feature names (org.gnu.gdb.sparc.cpu, .cp0, .fpu; gdb/features/sparc).
 */
#include <string.h>

#include "target/sparc/cpu.h"
#include "util/bswap.h"

enum {
    GDB_REG_F0 = 32,
    GDB_REG_Y = 64,
    GDB_REG_PSR,
    GDB_REG_WIM,
    GDB_REG_TBR,
    GDB_REG_PC,
    GDB_REG_NPC,
    GDB_REG_FSR,
    GDB_REG_CSR,
};

int sparc_cpu_gdb_read_register(CPUState *cs, GByteArray *buf, int n)
{
    CPUSPARCState *env = sparc_env(cs);
    uint32_t v;
    uint8_t b[4];

    if (n < 8) {
        v = env->gregs[n];
    } else if (n < GDB_REG_F0) {
        v = env->regwptr[n - 8];
    } else if (n < GDB_REG_Y) {
        v = env->fpr[n - GDB_REG_F0];
    } else {
        switch (n) {
        case GDB_REG_Y: v = env->y; break;
        case GDB_REG_PSR: v = sparc_cpu_get_psr(env); break;
        case GDB_REG_WIM: v = env->wim; break;
        case GDB_REG_TBR: v = env->tbr; break;
        case GDB_REG_PC: v = env->pc; break;
        case GDB_REG_NPC: v = env->npc; break;
        case GDB_REG_FSR: v = env->fsr; break;
        case GDB_REG_CSR: v = 0; break;
        default: return 0;
        }
    }
    stl_be_p(b, v);
    g_byte_array_append(buf, b, 4);
    return 4;
}

int sparc_cpu_gdb_write_register(CPUState *cs, const uint8_t *buf, int n)
{
    CPUSPARCState *env = sparc_env(cs);
    uint32_t v = ldl_be_p(buf);

    if (n == 0 || n == GDB_REG_CSR) {
        return 4;       /* %g0 and the absent coprocessor's csr ignore writes */
    }
    if (n < 8) {
        env->gregs[n] = v;
    } else if (n < GDB_REG_F0) {
        env->regwptr[n - 8] = v;
    } else if (n < GDB_REG_Y) {
        env->fpr[n - GDB_REG_F0] = v;
    } else {
        switch (n) {
        case GDB_REG_Y: env->y = v; break;
        case GDB_REG_PSR:
            if ((v & PSR_CWP) < SPARC_NWINDOWS) {
                sparc_cpu_put_psr(env, v);
            }
            break;
        case GDB_REG_WIM: env->wim = v & ((1u << SPARC_NWINDOWS) - 1); break;
        case GDB_REG_TBR: env->tbr = v; break;
        case GDB_REG_PC: env->pc = v; break;
        case GDB_REG_NPC: env->npc = v; break;
        case GDB_REG_FSR: sparc_fsr_set(env, v); break;
        default: return 0;
        }
    }
    return 4;
}

static void gdb_xml_reg(GString *s, const char *name, int regnum, const char *type)
{
    g_string_append_printf(s, "    <reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%d\"/>\n",
                           name, type, regnum);
}

static char *sparc_gdb_build_xml(void)
{
    static const char *const cpu_regs[32] = {
        "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7",
        "o0", "o1", "o2", "o3", "o4", "o5", "sp", "o7",
        "l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7",
        "i0", "i1", "i2", "i3", "i4", "i5", "fp", "i7",
    };
    static const char *const cp0_regs[8] = { "y", "psr", "wim", "tbr", "pc", "npc", "fsr",
                                             "csr" };
    GString *s = g_string_new("<?xml version=\"1.0\"?>\n"
                              "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                              "<target>\n  <architecture>sparc</architecture>\n"
                              "  <feature name=\"org.gnu.gdb.sparc.cpu\">\n");

    for (int i = 0; i < 32; i++) {
        gdb_xml_reg(s, cpu_regs[i], i,
                    i == 14 || i == 30 ? "data_ptr" : i == 15 || i == 31 ? "code_ptr" : "uint32");
    }
    g_string_append(s, "  </feature>\n  <feature name=\"org.gnu.gdb.sparc.cp0\">\n");
    for (int i = 0; i < 8; i++) {
        gdb_xml_reg(s, cp0_regs[i], GDB_REG_Y + i, i == 4 || i == 5 ? "code_ptr" : "uint32");
    }
    g_string_append(s, "  </feature>\n  <feature name=\"org.gnu.gdb.sparc.fpu\">\n");
    for (int i = 0; i < 32; i++) {
        char name[8];
        g_snprintf(name, sizeof(name), "f%d", i);
        gdb_xml_reg(s, name, GDB_REG_F0 + i, "ieee_single");
    }
    g_string_append(s, "  </feature>\n</target>\n");
    return g_string_free(s, false);
}

const char *sparc_cpu_gdb_target_xml(CPUState *cs, const char *annex)
{
    static char *xml;

    if (strcmp(annex, "target.xml") != 0) {
        return NULL;
    }
    if (!xml) {
        xml = sparc_gdb_build_xml();
    }
    return xml;
}
