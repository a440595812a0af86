/*
 * Traps and interrupts (V8 chapter 7): entering a trap through the TBR,
 * error mode when a trap arrives with traps disabled, and the interrupt
 * levels 1-15 against PSR.PIL (level 15 cannot be masked).
 */
#include "softmmu/runstate.h"
#include "target/sparc/cpu.h"
#include "tcg/exec.h"
#include "util/log.h"

G_NORETURN void sparc_raise_exception(CPUSPARCState *env, int tt, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);

    cs->exception_index = tt;
    cpu_loop_exit_restore(cs, ra);
}

void sparc_cpu_do_interrupt(CPUState *cs)
{
    CPUSPARCState *env = sparc_env(cs);
    int tt = cs->exception_index;
    uint32_t cwp;

    if (tt < 0) {
        return;
    }
    cs->exception_index = -1;
    env->tbr = (env->tbr & TBR_TBA) | ((uint32_t)(tt & 0xff) << 4);

    if (!(env->psr & PSR_ET)) {
        /* V8 7.3: a trap with ET = 0 puts the processor in error mode,
         * which the sun4m hardware turns into a watchdog reset. */
        log_mask_printf(LOG_INT | LOG_GUEST_ERRORS,
                        "sparc: trap 0x%02x at pc %08x with traps disabled: error mode\n",
                        tt, env->pc);
        cs->halted = true;
        cpu_exit(cs);
        system_reset_request();
        return;
    }
    if (log_enabled(LOG_INT)) {
        log_printf("sparc: trap 0x%02x pc %08x npc %08x psr %08x\n", tt, env->pc, env->npc,
                   sparc_cpu_get_psr(env));
    }
    /* V8 7.4.1: disable traps, save S, enter supervisor, advance to the
     * next window without a WIM check, save pc/npc in %l1/%l2. */
    cwp = sparc_cwp_dec(env->cwp);
    sparc_cpu_set_cwp(env, cwp);
    env->regwptr[8 + 1] = env->pc;
    env->regwptr[8 + 2] = env->npc;
    env->psr = (env->psr & ~(PSR_PS | PSR_ET)) | ((env->psr & PSR_S) ? PSR_PS : 0) | PSR_S;
    env->pc = env->tbr;
    env->npc = env->tbr + 4;
}

bool sparc_cpu_exec_interrupt(CPUState *cs, uint32_t interrupt_request)
{
    CPUSPARCState *env = sparc_env(cs);
    uint32_t pil = (env->psr & PSR_PIL) >> PSR_PIL_SHIFT;

    if (!(interrupt_request & CPU_INTERRUPT_HARD) || !(env->psr & PSR_ET)) {
        return false;
    }
    if (env->pil_in == 0 || (env->pil_in != 15 && env->pil_in <= pil)) {
        return false;
    }
    cs->exception_index = TT_INTERRUPT_LEVEL_1 + env->pil_in - 1;
    sparc_cpu_do_interrupt(cs);
    return true;
}

/* One input per level: the board's interrupt controller drives level n
 * (1-15); the highest asserted level is what the IU sees (V8 7.6). */
void sparc_cpu_set_irq(CPUState *cs, int line, int level)
{
    CPUSPARCState *env = sparc_env(cs);

    if (line < 1 || line > 15) {
        return;
    }
    if (level) {
        env->irq_lines |= 1u << line;
    } else {
        env->irq_lines &= ~(1u << line);
    }
    env->pil_in = env->irq_lines ? 31 - __builtin_clz(env->irq_lines) : 0;
    if (env->pil_in) {
        cpu_interrupt(cs, CPU_INTERRUPT_HARD);
    } else {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_HARD);
    }
}

/*
 * A halted CPU (stopped by the APC idle register, or a secondary waiting
 * for the PROM) restarts when an interrupt request reaches its IRL lines,
 * whatever PSR.PIL says: Linux idles with PIL 15 and lowers it only after
 * the idle write returns. Waking only for levels above PIL would leave the
 * CPU stopped for good if the timer's level was already pending when it
 * went idle. Error mode (ET = 0) stays stopped until the reset.
 */
bool sparc_cpu_has_work(CPUState *cs)
{
    CPUSPARCState *env = sparc_env(cs);

    return (env->psr & PSR_ET) && env->pil_in;
}
