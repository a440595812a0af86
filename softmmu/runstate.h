/*
 * Run states and machine-wide requests.
 *
 * The guest runs, is paused (by -S, `stop`, or the debugger) or has shut
 * down. Devices and CPUs request a reset, a power-off or a shutdown from any
 * thread; the main loop carries the request out. Listeners (QMP events,
 * the UI title) hear about every transition.
 */
#ifndef SOFTMMU_RUNSTATE_H
#define SOFTMMU_RUNSTATE_H

#include <stdbool.h>

typedef enum RunState {
    RUN_STATE_PRELAUNCH,
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,
    RUN_STATE_DEBUG,        /* stopped by the gdbstub */
    RUN_STATE_SHUTDOWN,
} RunState;

typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_QMP,      /* quit from QMP */
    SHUTDOWN_CAUSE_HOST_UI,       /* quit from HMP, Ctrl-A x, window close */
    SHUTDOWN_CAUSE_HOST_SIGNAL,
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN, /* the guest powered off */
    SHUTDOWN_CAUSE_GUEST_RESET,   /* a reset with -no-reboot */
    SHUTDOWN_CAUSE_GUEST_PANIC,
} ShutdownCause;

typedef enum RunEvent {
    RUN_EVENT_STOP,
    RUN_EVENT_RESUME,
    RUN_EVENT_RESET,
    RUN_EVENT_SHUTDOWN,
    RUN_EVENT_POWERDOWN,
} RunEvent;

RunState runstate_get(void);
bool runstate_is_running(void);
/* QEMU's query-status names: "prelaunch", "running", "paused", "debug", "shutdown". */
const char *runstate_name(RunState state);

/* Options -no-reboot and -no-shutdown. */
extern bool no_reboot;
extern bool no_shutdown;

void vm_start(void);
void vm_stop(RunState reason);

/* Requests, safe from any thread; the main loop acts on them. */
void system_reset_request(void);
void system_powerdown_request(void);   /* ACPI-style button: the board's notifier acts */
void system_shutdown_request(ShutdownCause cause);
/* Ends the process with this status once the main loop sees it (test board);
 * with -no-shutdown it stops the guest and the status waits for `quit`. */
void system_exit_request(int status);

typedef void (*RunEventNotify)(void *opaque, RunEvent event, ShutdownCause cause);
void runstate_add_listener(RunEventNotify fn, void *opaque);
/* Boards with a power button register what system_powerdown does. */
void runstate_set_powerdown_handler(void (*fn)(void *opaque), void *opaque);

/* Main-loop side: processes pending requests; returns true when the
 * process should exit, with *status set. */
bool runstate_process_requests(int *status);
/* An exit, shutdown or reset waits for the main loop: guest code must not run
 * meanwhile (the vCPU thread checks this before each slice). */
bool runstate_guest_request_pending(void);
/* Called by requesters to wake the main loop. */
void main_loop_wakeup(void);

#endif
