/*
 * -accel tcg[,backend=x86_64|tci]: the translator backend choice.
 */
#include <string.h>

#include "softmmu/accel.h"
#include "util/cutils.h"
#include "util/error.h"

AccelBackend accel_backend = ACCEL_BACKEND_X86_64;

bool accel_configure(const char *opts, GError **err)
{
    GArray *kv = keyval_parse(opts, "accel", err);
    bool ok = false;

    if (!kv) {
        return false;
    }
    const char *accel = keyval_get(kv, "accel");
    const char *backend = keyval_get(kv, "backend");
    if (!accel || strcmp(accel, "tcg")) {
        g_set_error(err, CHIMERA_ERROR, 0, "-accel %s: only the tcg accelerator is available",
                    opts);
    } else if (backend && !strcmp(backend, "tci")) {
        accel_backend = ACCEL_BACKEND_TCI;
        ok = true;
    } else if (!backend || !strcmp(backend, "x86_64")) {
        accel_backend = ACCEL_BACKEND_X86_64;
        ok = true;
    } else {
        g_set_error(err, CHIMERA_ERROR, 0, "-accel %s: unknown backend '%s' (x86_64 or tci)",
                    opts, backend);
    }
    for (guint i = 0; ok && i < kv->len; i++) {
        const char *key = g_array_index(kv, KeyVal, i).key;
        if (strcmp(key, "accel") && strcmp(key, "backend") && strcmp(key, "thread")) {
            g_set_error(err, CHIMERA_ERROR, 0, "-accel %s: invalid parameter '%s'", opts, key);
            ok = false;
        }
    }
    keyval_list_free(kv);
    return ok;
}
