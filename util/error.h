/*
 * Error reporting for user mistakes: one line on stderr, prefixed with the
 * program name, as QEMU prints them. Functions that can fail because of what
 * the user asked take a GError ** and leave the reporting to their caller.
 */
#ifndef UTIL_ERROR_H
#define UTIL_ERROR_H

#include <errno.h>
#include <glib.h>

#define CHIMERA_ERROR chimera_error_quark()
GQuark chimera_error_quark(void);

/* Prints "prog: message" on stderr. */
void error_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void warn_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Reports err's message and exits with status 1. */
G_NORETURN void error_report_fatal(GError *err);
/* Reports and exits with status 1. */
G_NORETURN void fatal(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

void error_set_progname(const char *name);

#endif
