/*
 * Run states, machine-wide requests (reset, power-off, shutdown, exit) and
 * the listeners that hear about them (QMP events, the UI).
 */
#include <glib.h>

#include "hw/core/qdev.h"
#include "softmmu/cpu.h"
#include "softmmu/cpus.h"
#include "softmmu/runstate.h"
#include "softmmu/timer.h"

bool no_reboot;
bool no_shutdown;

static RunState current_state = RUN_STATE_PRELAUNCH;

typedef struct RunListener {
    RunEventNotify fn;
    void *opaque;
} RunListener;
static GArray *listeners;

static void (*powerdown_handler)(void *opaque);
static void *powerdown_opaque;

/* Pending requests, set from any thread. */
static int reset_requested;
static int powerdown_requested;
static int shutdown_cause;      /* ShutdownCause, 0 for none */
static int exit_requested;
static int exit_status;

RunState runstate_get(void)
{
    return current_state;
}

bool runstate_is_running(void)
{
    return current_state == RUN_STATE_RUNNING;
}

const char *runstate_name(RunState state)
{
    static const char *const names[] = {
        [RUN_STATE_PRELAUNCH] = "prelaunch", [RUN_STATE_RUNNING] = "running",
        [RUN_STATE_PAUSED] = "paused", [RUN_STATE_DEBUG] = "debug",
        [RUN_STATE_SHUTDOWN] = "shutdown",
    };
    return names[state];
}

void runstate_add_listener(RunEventNotify fn, void *opaque)
{
    RunListener l = { fn, opaque };
    if (!listeners) {
        listeners = g_array_new(FALSE, FALSE, sizeof(RunListener));
    }
    g_array_append_val(listeners, l);
}

static void runstate_notify(RunEvent event, ShutdownCause cause)
{
    for (guint i = 0; listeners && i < listeners->len; i++) {
        RunListener *l = &g_array_index(listeners, RunListener, i);
        l->fn(l->opaque, event, cause);
    }
}

void runstate_set_powerdown_handler(void (*fn)(void *opaque), void *opaque)
{
    powerdown_handler = fn;
    powerdown_opaque = opaque;
}

void vm_start(void)
{
    if (current_state == RUN_STATE_RUNNING) {
        return;
    }
    current_state = RUN_STATE_RUNNING;
    clock_virtual_start();
    runstate_notify(RUN_EVENT_RESUME, SHUTDOWN_CAUSE_NONE);
    cpus_notify();
}

void vm_stop(RunState reason)
{
    bool was_running = current_state == RUN_STATE_RUNNING;
    current_state = reason;
    if (was_running) {
        clock_virtual_stop();
        cpus_kick();
        runstate_notify(RUN_EVENT_STOP, SHUTDOWN_CAUSE_NONE);
    }
}

static void request_wakeup(void)
{
    cpus_kick();
    main_loop_wakeup();
}

void system_reset_request(void)
{
    __atomic_store_n(&reset_requested, 1, __ATOMIC_SEQ_CST);
    request_wakeup();
}

void system_powerdown_request(void)
{
    __atomic_store_n(&powerdown_requested, 1, __ATOMIC_SEQ_CST);
    request_wakeup();
}

void system_shutdown_request(ShutdownCause cause)
{
    __atomic_store_n(&shutdown_cause, cause, __ATOMIC_SEQ_CST);
    request_wakeup();
}

void system_exit_request(int status)
{
    exit_status = status;
    __atomic_store_n(&exit_requested, 1, __ATOMIC_SEQ_CST);
    request_wakeup();
}

static void system_reset(void)
{
    devices_reset_all();
    for (guint i = 0; cpus_all && i < cpus_all->len; i++) {
        CPUState *cpu = g_ptr_array_index(cpus_all, i);
        if (cpu->ops->reset) {
            cpu->ops->reset(cpu);
        }
    }
    runstate_notify(RUN_EVENT_RESET, SHUTDOWN_CAUSE_NONE);
}

bool runstate_guest_request_pending(void)
{
    return __atomic_load_n(&exit_requested, __ATOMIC_SEQ_CST) ||
           __atomic_load_n(&shutdown_cause, __ATOMIC_SEQ_CST) ||
           __atomic_load_n(&reset_requested, __ATOMIC_SEQ_CST);
}

bool runstate_process_requests(int *status)
{
    if (__atomic_exchange_n(&exit_requested, 0, __ATOMIC_SEQ_CST)) {
        if (!no_shutdown) {
            *status = exit_status;
            return true;
        }
        /* -no-shutdown: an exit register stops the guest as a power-off
         * does, for the monitor to inspect it; quitting later still ends
         * the process with the guest's status. */
        runstate_notify(RUN_EVENT_SHUTDOWN, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        vm_stop(RUN_STATE_SHUTDOWN);
        return false;
    }
    ShutdownCause cause = __atomic_exchange_n(&shutdown_cause, 0, __ATOMIC_SEQ_CST);
    if (__atomic_exchange_n(&reset_requested, 0, __ATOMIC_SEQ_CST)) {
        if (no_reboot) {
            cause = SHUTDOWN_CAUSE_GUEST_RESET;
        } else {
            system_reset();
        }
    }
    if (cause) {
        bool guest = cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN;
        runstate_notify(RUN_EVENT_SHUTDOWN, cause);
        if (guest && no_shutdown) {
            vm_stop(RUN_STATE_SHUTDOWN);
            return false;
        }
        *status = exit_status;  /* 0 unless a paused guest wrote one */
        return true;
    }
    if (__atomic_exchange_n(&powerdown_requested, 0, __ATOMIC_SEQ_CST)) {
        runstate_notify(RUN_EVENT_POWERDOWN, SHUTDOWN_CAUSE_NONE);
        if (powerdown_handler) {
            powerdown_handler(powerdown_opaque);
        }
    }
    return false;
}
