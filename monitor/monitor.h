/*
 * The human monitor (HMP) and the QEMU Machine Protocol (QMP), each on any
 * chardev. Both run on the main loop with the global lock held.
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include <glib.h>
#include <stdbool.h>

#include "chardev/char.h"

bool monitor_init_hmp(Chardev *chr, GError **err);
bool monitor_init_qmp(Chardev *chr, bool pretty, GError **err);

/* Runs one HMP command line and returns its output (g_free it); for qRcmd, tests. */
char *monitor_hmp_command(const char *line);

/* Extra `info` topics and commands that other layers add (info jit, screendump...). */
typedef void (*MonitorInfoFn)(GString *out);
void monitor_register_info(const char *name, const char *help, MonitorInfoFn fn);
/* argv[0] is the command's name; quoted arguments arrive unquoted. */
typedef void (*MonitorCmdFn)(GString *out, int argc, char **argv);
void monitor_register_command(const char *name, const char *args_help, const char *help,
                              MonitorCmdFn fn);

/*
 * Byte order of the words x and xp print (/h, /w, /g): the target's, set once
 * at startup by the target; little-endian until then.
 */
void monitor_set_target_big_endian(bool big_endian);

/*
 * QMP commands other layers add (screendump, input-send-event). fn checks
 * its own arguments and returns the command's return value as JSON text
 * (g_free'd by the caller; NULL for {}), or sets *err (a GenericError).
 */
typedef struct _JsonObject JsonObject;
typedef char *(*QmpExtCommandFn)(JsonObject *args, GError **err);
void qmp_register_command(const char *name, QmpExtCommandFn fn);

/* Sends a QMP event to every QMP monitor; data_json is an object's text or NULL. */
void qmp_event_emit(const char *event, const char *data_json);

#endif
