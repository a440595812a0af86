/*
 * The vCPU thread: one thread runs every CPU of the machine round-robin
 * (ARCHITECTURE.md: time and threads), holding the global lock while guest
 * code runs and handing it to the main thread whenever that asks.
 */
#include <pthread.h>

#include "softmmu/cpus.h"
#include "softmmu/main-loop.h"
#include "softmmu/runstate.h"
#include "softmmu/timer.h"

GPtrArray *cpus_all;
__thread CPUState *current_cpu;
void (*cpus_debug_stop_hook)(CPUState *cpu);

static __thread bool on_vcpu_thread;
static CPUState *running_cpu;   /* the CPU in generated code, for kicks */
static Timer *rr_kick_timer;    /* with several CPUs, bounds each one's slice */

#define RR_SLICE_NS (1000 * 1000)

void cpus_register(CPUState *cpu)
{
    if (!cpus_all) {
        cpus_all = g_ptr_array_new();
    }
    cpu->index = cpus_all->len;
    cpu->exception_index = -1;
    g_ptr_array_add(cpus_all, cpu);
}

CPUState *cpu_by_index(int index)
{
    if (!cpus_all || index < 0 || (guint)index >= cpus_all->len) {
        return NULL;
    }
    return g_ptr_array_index(cpus_all, index);
}

bool cpus_on_vcpu_thread(void)
{
    return on_vcpu_thread;
}

void cpus_kick(void)
{
    CPUState *cpu = __atomic_load_n(&running_cpu, __ATOMIC_SEQ_CST);
    if (cpu) {
        cpu_exit(cpu);
    }
}

void cpu_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_or_fetch(&cpu->interrupt_request, mask, __ATOMIC_SEQ_CST);
    cpu_exit(cpu);
    cpus_notify();
}

void cpu_reset_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_and_fetch(&cpu->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}

static void rr_kick(void *opaque)
{
    cpus_kick();
    timer_mod_ns(rr_kick_timer, clock_get_ns(CLOCK_TYPE_VIRTUAL) + RR_SLICE_NS);
}

static bool cpu_can_run(CPUState *cpu)
{
    if (cpu->stopped) {
        return false;
    }
    if (cpu->halted) {
        if (!cpu->ops->has_work || !cpu->ops->has_work(cpu)) {
            return false;
        }
        cpu->halted = false;
    }
    return true;
}

static void cpu_run_once(CPUState *cpu)
{
    current_cpu = cpu;
    /*
     * Publish the running CPU, then look for a main thread waiting for the
     * lock. bql_lock does the mirror image (announce, then kick running_cpu),
     * so with sequentially consistent accesses on both sides at least one of
     * us sees the other: either it kicks this CPU or we do not start it.
     * Without this the kick could land between the yield and the store, and
     * the CPU would keep the lock with nothing left to kick it.
     */
    __atomic_store_n(&running_cpu, cpu, __ATOMIC_SEQ_CST);
    if (bql_iothread_waiting()) {
        __atomic_store_n(&running_cpu, NULL, __ATOMIC_SEQ_CST);
        current_cpu = NULL;
        return;
    }
    CPUExitReason why = cpu->ops->exec(cpu);
    __atomic_store_n(&running_cpu, NULL, __ATOMIC_RELEASE);
    current_cpu = NULL;

    if (why == CPU_EXIT_HALTED) {
        cpu->halted = true;
    } else if (why == CPU_EXIT_DEBUG) {
        vm_stop(RUN_STATE_DEBUG);
        if (cpus_debug_stop_hook) {
            cpus_debug_stop_hook(cpu);
        }
    }
}

static void *vcpu_thread_fn(void *arg)
{
    unsigned next = 0;

    on_vcpu_thread = true;
    bql_lock();
    for (;;) {
        bql_vcpu_yield();
        /* A request to exit, shut down or reset stops guest code at once,
         * as on hardware: nothing runs until the main loop has acted on it. */
        if (!runstate_is_running() || runstate_guest_request_pending() || !cpus_all ||
            !cpus_all->len) {
            bql_vcpu_wait();
            continue;
        }
        CPUState *cpu = NULL;
        for (guint i = 0; i < cpus_all->len; i++) {
            CPUState *c = g_ptr_array_index(cpus_all, (next + i) % cpus_all->len);
            if (cpu_can_run(c)) {
                cpu = c;
                next = (c->index + 1) % cpus_all->len;
                break;
            }
        }
        if (!cpu) {
            /* Every CPU idles: wait for an interrupt (cpu_interrupt notifies). */
            bql_vcpu_wait();
            continue;
        }
        cpu_run_once(cpu);
    }
    return NULL;
}

void cpus_start(void)
{
    pthread_t thread;

    if (cpus_all && cpus_all->len > 1) {
        rr_kick_timer = timer_new_ns(CLOCK_TYPE_VIRTUAL, rr_kick, NULL);
        timer_mod_ns(rr_kick_timer, clock_get_ns(CLOCK_TYPE_VIRTUAL) + RR_SLICE_NS);
    }
    pthread_create(&thread, NULL, vcpu_thread_fn, NULL);
    pthread_detach(thread);
}
