/*
 * The GDB remote serial protocol server (-s, -gdb DEV).
 */
#ifndef GDBSTUB_GDBSTUB_H
#define GDBSTUB_GDBSTUB_H

#include <glib.h>
#include <stdbool.h>

/* Starts listening on a chardev spec ("tcp::1234", "unix:PATH"). */
bool gdbserver_start(const char *spec, GError **err);

#endif
