/*
 * -accel: which translator backend runs guest code.
 */
#ifndef SOFTMMU_ACCEL_H
#define SOFTMMU_ACCEL_H

#include <glib.h>
#include <stdbool.h>

typedef enum AccelBackend {
    ACCEL_BACKEND_X86_64,   /* the JIT: host code (default) */
    ACCEL_BACKEND_TCI,      /* the IR interpreter: the reference */
} AccelBackend;

extern AccelBackend accel_backend;

/* Parses "tcg[,backend=x86_64|tci]"; false with a one-line error otherwise. */
bool accel_configure(const char *opts, GError **err);

#endif
