/*
 * The test guest's CPU: state, MMU (identity with remapped pages and a
 * fault window), exception delivery, helpers, and the TCGCPUOps/CPUOps
 * tables that plug it into the exec loop.
 */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "tests/unit/testguest/testguest.h"

#define HELPER_H "tests/unit/testguest/helper.h"
#include "tcg/helper-proto.h"

G_STATIC_ASSERT(offsetof(TGCPU, env) == sizeof(CPUState));

static TGCPU *tg_cpu(CPUState *cs)
{
    return (TGCPU *)cs;
}

/* ---- Helpers ---------------------------------------------------------------- */

void helper_tg_raise(CPUArchState *env, uint32_t excp)
{
    CPUState *cs = env_cpu(env);
    cs->exception_index = excp;
    cpu_loop_exit(cs);
}

void helper_tg_halt(CPUArchState *env)
{
    CPUState *cs = env_cpu(env);
    __atomic_or_fetch(&cs->interrupt_request, CPU_INTERRUPT_HALT, __ATOMIC_SEQ_CST);
    cpu_loop_exit_noexc(cs);
}

/* ---- TCGCPUOps ------------------------------------------------------------------- */

static void tg_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint64_t *cs_base, uint32_t *flags)
{
    *pc = tg_cpu(cs)->env.pc;
    *cs_base = 0;
    *flags = 0;
}

static void tg_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb,
                                    const uint64_t *data)
{
    tg_cpu(cs)->env.pc = data[0];
}

static void tg_do_interrupt(CPUState *cs)
{
    TGCPU *t = tg_cpu(cs);

    t->last_excp = cs->exception_index;
    t->excp_pc = t->env.pc;
    t->excp_count++;
    if (t->trap_vector) {
        t->env.regs[14] = t->env.pc;
        t->env.pc = t->trap_vector;
    } else {
        __atomic_or_fetch(&cs->interrupt_request, CPU_INTERRUPT_HALT, __ATOMIC_SEQ_CST);
    }
}

/* Takes a hard interrupt at a block boundary when a vector is set. */
static bool tg_cpu_exec_interrupt(CPUState *cs, uint32_t interrupt_request)
{
    TGCPU *t = tg_cpu(cs);

    if (!(interrupt_request & CPU_INTERRUPT_HARD) || !t->irq_vector) {
        return false;
    }
    __atomic_and_fetch(&cs->interrupt_request, ~CPU_INTERRUPT_HARD, __ATOMIC_SEQ_CST);
    t->irq_count++;
    t->env.regs[14] = t->env.pc;
    t->env.pc = t->irq_vector;
    return true;
}

static bool tg_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                        int mmu_idx, bool probe, uintptr_t retaddr)
{
    TGCPU *t = tg_cpu(cs);
    uint32_t va = addr;
    uint32_t page = va & TARGET_PAGE_MASK;
    hwaddr pa = page;

    if (va >= t->fault_lo && va < t->fault_hi) {
        if (probe) {
            return false;
        }
        t->fault_addr = va;
        cs->exception_index = TG_EXCP_PAGE_FAULT;
        cpu_loop_exit_restore(cs, retaddr);
    }
    for (int i = 0; i < 4; i++) {
        if (t->remap[i].on && t->remap[i].vpage == page) {
            pa = t->remap[i].ppage;
        }
    }
    tlb_set_page(cs, page, pa, PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx, TARGET_PAGE_SIZE);
    return true;
}

static G_NORETURN void tg_do_unaligned_access(CPUState *cs, uint64_t addr,
                                              MMUAccessType access_type, int mmu_idx,
                                              uintptr_t retaddr)
{
    tg_cpu(cs)->fault_addr = addr;
    cs->exception_index = TG_EXCP_UNALIGNED;
    cpu_loop_exit_restore(cs, retaddr);
}

static void tg_do_transaction_failed(CPUState *cs, hwaddr physaddr, uint64_t addr, unsigned size,
                                     MMUAccessType access_type, int mmu_idx,
                                     MemTxResult response, uintptr_t retaddr)
{
    tg_cpu(cs)->bus_errors++;
    tg_cpu(cs)->fault_addr = addr;
    cs->exception_index = TG_EXCP_BUS;
    cpu_loop_exit_restore(cs, retaddr);
}

const TCGCPUOps tg_tcg_ops = {
    .insn_start_words = 1,
    .translate_code = tg_translate_code,
    .get_tb_cpu_state = tg_get_tb_cpu_state,
    .restore_state_to_opc = tg_restore_state_to_opc,
    .cpu_exec_interrupt = tg_cpu_exec_interrupt,
    .do_interrupt = tg_do_interrupt,
    .tlb_fill = tg_tlb_fill,
    .do_unaligned_access = tg_do_unaligned_access,
    .do_transaction_failed = tg_do_transaction_failed,
    .excp_debug = TG_EXCP_DEBUG,
    .capstone_arch = -1,    /* no disassembler: -d in_asm prints words */
    .big_endian = true,
};

/* ---- CPUOps ------------------------------------------------------------------------ */

static void tg_dump_state(CPUState *cs, GString *out)
{
    TGCPU *t = tg_cpu(cs);
    g_string_append_printf(out, "pc=%08x\n", t->env.pc);
    for (int i = 0; i < 16; i++) {
        g_string_append_printf(out, "r%-2d=%08x%s", i, t->env.regs[i], i % 4 == 3 ? "\n" : " ");
    }
}

static uint64_t tg_get_pc(CPUState *cs)
{
    return tg_cpu(cs)->env.pc;
}

static void tg_set_pc(CPUState *cs, uint64_t pc)
{
    tg_cpu(cs)->env.pc = pc;
}

static const CPUOps tg_cpu_ops = {
    .exec = cpu_exec,
    .dump_state = tg_dump_state,
    .get_pc = tg_get_pc,
    .set_pc = tg_set_pc,
};

TGCPU *tg_cpu_new(AddressSpace *as)
{
    TGCPU *t = g_new0(TGCPU, 1);

    t->cs.ops = &tg_cpu_ops;
    t->cs.as = as;
    t->cs.env = &t->env;
    cpu_set_tcg_ops(&t->cs, &tg_tcg_ops);
    /* The exec side creates the TCG context, which the globals need. */
    cpu_exec_init(&t->cs);
    tg_translate_init();
    return t;
}

void tg_cpu_reset(TGCPU *t)
{
    memset(&t->env, 0, sizeof(t->env));
    t->fault_lo = t->fault_hi = 0;
    memset(t->remap, 0, sizeof(t->remap));
    t->trap_vector = t->irq_vector = 0;
    t->irq_count = 0;
    t->last_excp = -1;
    t->excp_pc = t->fault_addr = 0;
    t->excp_count = t->bus_errors = 0;
    t->cs.exception_index = -1;
    t->cs.interrupt_request = 0;
    t->cs.halted = false;
    t->cs.neg.exit_request = 0;
}

CPUExitReason tg_cpu_run(TGCPU *t, int n)
{
    CPUExitReason why = CPU_EXIT_REQUESTED;
    for (int i = 0; i < n; i++) {
        why = cpu_exec(&t->cs);
        if (why != CPU_EXIT_REQUESTED) {
            break;
        }
    }
    return why;
}
