/*
 * SPARC V8 CPU models, creation, reset and the register dump.
 *
 * The models are the sun4m CPUs the boards use: the SPARCstation 5's
 * Fujitsu MB86904 (microSPARC-II, the default) and the SPARCstation 10/20's
 * TI SuperSPARC II. Their version fields are the chips' (as QEMU's model
 * table records them). This file also fills the CPUOps and TCGCPUOps tables
 * through which the core drives the CPU.
 */
#include <string.h>

#include "config-host.h"
#if CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

#include "softmmu/cpu-model.h"
#include "softmmu/memory.h"
#include "target/sparc/cpu.h"
#include "tcg/exec.h"
#include "util/error.h"

static const SPARCModel sparc_models[] = {
    {
        .name = "Fujitsu MB86904",
        .iu_version = 0x04000000,      /* impl 0, ver 4 */
        .fpu_version = 4 << FSR_VER_SHIFT,
        .mmu_version = 0x04000000,
        .mmu_bm = 0x00004000,
        .mmu_ctpr_mask = 0x00ffffc0,
        .mmu_cxr_mask = 0x000000ff,
        .mmu_sfsr_mask = 0x00016fff,
        .mmu_trcr_mask = 0x00ffffff,
        .features = SPARC_FEATURE_FLOAT | SPARC_FEATURE_FSMULD,
    },
    {
        .name = "TI SuperSparc II",
        .iu_version = 0x40000000,      /* SuperSPARC II 1.x */
        .fpu_version = 0 << FSR_VER_SHIFT,
        .mmu_version = 0x08000000,
        .mmu_bm = 0x00002000,
        .mmu_ctpr_mask = 0xffffffc0,
        .mmu_cxr_mask = 0x0000ffff,
        .mmu_sfsr_mask = 0xffffffff,
        .mmu_trcr_mask = 0xffffffff,
        .mxcc_version = 0x00000104,
        .features = SPARC_FEATURE_FLOAT | SPARC_FEATURE_FSMULD,
    },
};

/* Model names compare case-insensitively with ' ' and '-' equal. */
static bool sparc_model_name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = *a == '-' ? ' ' : g_ascii_tolower(*a);
        char cb = *b == '-' ? ' ' : g_ascii_tolower(*b);
        if (ca != cb) {
            return false;
        }
    }
    return *a == *b;
}

const SPARCModel *sparc_model_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(sparc_models); i++) {
        if (sparc_model_name_eq(name, sparc_models[i].name)) {
            return &sparc_models[i];
        }
    }
    return NULL;
}

void sparc_cpu_reset_state(CPUSPARCState *env, const SPARCModel *model)
{
    uint64_t prom = env->prom_addr;

    memset(env, 0, offsetof(CPUSPARCState, model));
    env->model = model;
    env->prom_addr = prom;
    memset(env->regbase, 0, sizeof(env->regbase));
    env->regwptr = env->regbase;
    /* V8 7.5: reset sets S and clears ET; the PS bit as the chips leave it */
    env->psr = model->iu_version | PSR_S | PSR_PS;
    env->cwp = 0;
    /* WIM is undefined at reset (V8 7.5); 1 is QEMU's choice, which keeps the
     * firmware's first instructions comparable in per-instruction logs. */
    env->wim = 1;
    env->fsr = model->fpu_version;
    env->fp_status.nan_rule = float_nan_rule_sparc;
    env->fp_status.tininess_before_rounding = true;
    env->fp_status.rounding_mode = float_round_nearest_even;
    /* The MMU comes up disabled, in boot mode where the chip has one. */
    env->mmuregs[MMU_CTRL] = model->mmu_version | (env->prom_addr ? model->mmu_bm : 0);
    env->cc_Z = 1;
}

void sparc_cpu_set_prom_addr(CPUState *cs, uint64_t addr)
{
    CPUSPARCState *env = sparc_env(cs);

    env->prom_addr = addr;
    if (addr) {
        env->mmuregs[MMU_CTRL] |= env->model->mmu_bm;
    }
}

static void sparc_cpu_reset(CPUState *cs)
{
    CPUSPARCState *env = sparc_env(cs);

    sparc_cpu_reset_state(env, env->model);
    sparc_cpu_set_id(env, cs->index);
    cs->exception_index = -1;
    cs->halted = false;
    cpu_reset_interrupt(cs, CPU_INTERRUPT_HARD);
    tlb_flush(cs);
}

/* The layout of QEMU's sparc32 register dump, so logs diff line by line. */
void sparc_cpu_dump_state_to(CPUSPARCState *env, GString *out)
{
    static const char win_name[3] = { 'o', 'l', 'i' };
    uint32_t psr = sparc_cpu_get_psr(env);

    g_string_append_printf(out, "pc: %08x  npc: %08x\n", env->pc, env->npc);
    g_string_append(out, "%g0-7:");
    for (int i = 0; i < 8; i++) {
        g_string_append_printf(out, " %08x", env->gregs[i]);
    }
    g_string_append_c(out, '\n');
    for (int w = 0; w < 3; w++) {
        g_string_append_printf(out, "%%%c0-7: ", win_name[w]);
        for (int i = 0; i < 8; i++) {
            g_string_append_printf(out, "%08x ", env->regwptr[w * 8 + i]);
        }
        g_string_append_c(out, '\n');
    }
    g_string_append_printf(out, "psr: %08x (icc: %c%c%c%c SPE: %c%c%c) wim: %08x\n", psr,
                           psr & PSR_N ? 'N' : '-', psr & PSR_Z ? 'Z' : '-',
                           psr & PSR_V ? 'V' : '-', psr & PSR_C ? 'C' : '-',
                           psr & PSR_S ? 'S' : '-', psr & PSR_PS ? 'P' : '-',
                           psr & PSR_ET ? 'E' : '-', env->wim);
    g_string_append_printf(out, "fsr: %08x y: %08x\n\n", env->fsr, env->y);
}

static void sparc_cpu_dump_state(CPUState *cs, GString *out)
{
    sparc_cpu_dump_state_to(sparc_env(cs), out);
}

static uint64_t sparc_cpu_get_pc(CPUState *cs)
{
    return sparc_env(cs)->pc;
}

static void sparc_cpu_set_pc(CPUState *cs, uint64_t pc)
{
    CPUSPARCState *env = sparc_env(cs);

    env->pc = (uint32_t)pc;
    env->npc = (uint32_t)pc + 4;
}

static void sparc_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint64_t *cs_base,
                                   uint32_t *flags)
{
    CPUSPARCState *env = sparc_env(cs);
    uint32_t f = sparc_mmu_index(env);

    *pc = env->pc;
    *cs_base = env->npc;
    if (env->psr & PSR_S) {
        f |= TB_FLAG_SUPER;
    }
    if (env->psr & PSR_EF) {
        f |= TB_FLAG_FPU_ENABLED;
    }
    *flags = f;
}

static int sparc_cpu_mmu_index(CPUState *cs, bool ifetch)
{
    return sparc_mmu_index(sparc_env(cs));
}

static const CPUOps sparc_cpu_ops = {
    .exec = cpu_exec,
    .set_irq = sparc_cpu_set_irq,
    .testboard_timer_line = 10,
    .reset = sparc_cpu_reset,
    .has_work = sparc_cpu_has_work,
    .dump_state = sparc_cpu_dump_state,
    .get_pc = sparc_cpu_get_pc,
    .set_pc = sparc_cpu_set_pc,
    .debug_translate = sparc_cpu_debug_translate,
    .gdb_num_regs = SPARC_GDB_NUM_REGS,
    .gdb_read_register = sparc_cpu_gdb_read_register,
    .gdb_write_register = sparc_cpu_gdb_write_register,
    .gdb_arch_name = "sparc",
    .gdb_target_xml = sparc_cpu_gdb_target_xml,
};

static const TCGCPUOps sparc_tcg_ops = {
    .insn_start_words = 2,
    .translate_code = sparc_translate_code,
    .get_tb_cpu_state = sparc_get_tb_cpu_state,
    .restore_state_to_opc = sparc_restore_state_to_opc,
    .cpu_exec_interrupt = sparc_cpu_exec_interrupt,
    .do_interrupt = sparc_cpu_do_interrupt,
    .tlb_fill = sparc_cpu_tlb_fill,
    .do_unaligned_access = sparc_cpu_do_unaligned_access,
    .do_transaction_failed = sparc_cpu_do_transaction_failed,
    .excp_debug = EXCP_SPARC_DEBUG,
#if CONFIG_CAPSTONE
    .capstone_arch = CS_ARCH_SPARC,
    .capstone_mode = CS_MODE_BIG_ENDIAN,
#endif
    .big_endian = true,
    .mmu_index = sparc_cpu_mmu_index,
};

static CPUState *sparc_cpu_create(const CpuModel *cm, int index, GError **err)
{
    static bool tcg_ready;
    SPARCCPU *cpu = g_new0(SPARCCPU, 1);
    CPUState *cs = &cpu->parent;

    cs->ops = &sparc_cpu_ops;
    cpu_set_tcg_ops(cs, &sparc_tcg_ops);
    cs->index = index;
    cs->as = &address_space_memory;
    cs->env = &cpu->env;
    cs->exception_index = -1;
    sparc_cpu_reset_state(&cpu->env, cm->opaque);
    sparc_cpu_set_id(&cpu->env, index);
    cpu_exec_init(cs);
    /* the TCG globals, once the translator's context exists */
    if (!tcg_ready) {
        sparc_tcg_init();
        tcg_ready = true;
    }
    return cs;
}

static CpuModel sparc_cpu_models[G_N_ELEMENTS(sparc_models)];

static void __attribute__((constructor)) sparc_cpu_register_models(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(sparc_models); i++) {
        sparc_cpu_models[i] = (CpuModel){
            .name = sparc_models[i].name,
            .desc = i == 0 ? "microSPARC-II (SPARCstation 5)" : "SuperSPARC II (SPARCstation 10/20)",
            .is_default = i == 0,
            .create = sparc_cpu_create,
            .opaque = &sparc_models[i],
        };
        cpu_model_register(&sparc_cpu_models[i]);
    }
}
