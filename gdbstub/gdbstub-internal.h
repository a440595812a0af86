/*
 * The gdbstub's protocol engine (gdbstub.c) as the connection glue
 * (server.c), the unit test and the fuzzer drive it: bytes from gdb go in,
 * replies come out through a callback, and the machine's events (a CPU
 * stopping for the debugger, run-state changes, the connection opening and
 * closing) are reported to it. Everything runs with the global lock held.
 */
#ifndef GDBSTUB_GDBSTUB_INTERNAL_H
#define GDBSTUB_GDBSTUB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "softmmu/cpu.h"
#include "softmmu/runstate.h"

typedef struct GdbState GdbState;

/* Where the engine's output bytes go (the chardev, or a test's buffer). */
typedef void (*GdbOutputFn)(void *opaque, const uint8_t *buf, size_t len);

GdbState *gdb_state_new(GdbOutputFn out, void *opaque);
void gdb_state_free(GdbState *s);

/* A gdb connected: the guest stops (gdb expects a stopped target) and
 * the protocol starts over in ack mode. */
void gdb_state_connect(GdbState *s);
/* The connection closed: breakpoints go and the guest resumes. */
void gdb_state_disconnect(GdbState *s);
/* Bytes from gdb. */
void gdb_state_input(GdbState *s, const uint8_t *buf, size_t len);
/* cpu stopped with CPU_EXIT_DEBUG (breakpoint, watchpoint, single step). */
void gdb_state_debug_stop(GdbState *s, CPUState *cpu);
/* A run-state event (a `stop` from the monitor, a shutdown). */
void gdb_state_run_event(GdbState *s, RunEvent event);

#endif
