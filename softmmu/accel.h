/*
 * The accelerator: Chimera has one, TCG, with a choice of backend. The
 * command line's -accel goes here before any CPU is created.
 */
#ifndef SOFTMMU_ACCEL_H
#define SOFTMMU_ACCEL_H

#include <glib.h>
#include <stdbool.h>

/*
 * Parses "tcg[,backend=x86_64|tci][,tb-size=MiB][,insn-count=on|off]"
 * (QEMU's spelling; insn-count is ours), selects the backend and the code
 * buffer size, turns on executed-instruction counting (`info jit` shows
 * it), and registers `info jit`. Call it
 * once, before the first CPU is created ("tcg" when -accel is absent).
 * False with *err set on anything else.
 */
bool accel_configure(const char *opts, GError **err);

#endif
