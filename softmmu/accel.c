/*
 * -accel: selects the translator backend (tcg/tcg.h tcg_backend), the
 * code buffer's size (tcg/code-buffer.c) and whether generated code counts
 * the guest instructions it executes (tcg/translator.c), and adds
 * `info jit` to the monitor. The exec side picks these up when the first
 * CPU is created.
 */
#include <string.h>

#include "monitor/monitor.h"
#include "softmmu/accel.h"
#include "tcg/exec-internal.h"
#include "tcg/tcg.h"
#include "util/cutils.h"
#include "util/error.h"

/* Smallest and largest -accel tcg,tb-size= (MiB), as QEMU bounds it. */
#define ACCEL_TB_SIZE_MIN 1
#define ACCEL_TB_SIZE_MAX 2048

static bool accel_parse_tb_size(const char *val, GError **err)
{
    uint64_t mib;
    if (!parse_uint64(val, &mib) || mib < ACCEL_TB_SIZE_MIN || mib > ACCEL_TB_SIZE_MAX) {
        g_set_error(err, CHIMERA_ERROR, 0, "-accel tcg,tb-size=%s: expected %d to %d (MiB)",
                    val, ACCEL_TB_SIZE_MIN, ACCEL_TB_SIZE_MAX);
        return false;
    }
    code_buffer_size_request = (size_t)mib << 20;
    return true;
}

bool accel_configure(const char *opts, GError **err)
{
    static bool monitor_done;
    GArray *kv = keyval_parse(opts, "accel", err);
    bool ok = kv != NULL;

    for (guint i = 0; ok && i < kv->len; i++) {
        const KeyVal *p = &g_array_index(kv, KeyVal, i);
        if (!strcmp(p->key, "accel")) {
            if (strcmp(p->value, "tcg")) {
                g_set_error(err, CHIMERA_ERROR, 0, "-accel %s: only tcg is available",
                            p->value);
                ok = false;
            }
        } else if (!strcmp(p->key, "backend")) {
            if (!tcg_backend_parse(p->value, &tcg_backend)) {
                g_set_error(err, CHIMERA_ERROR, 0,
                            "-accel tcg,backend=%s: expected x86_64 or tci", p->value);
                ok = false;
            }
        } else if (!strcmp(p->key, "tb-size")) {
            ok = accel_parse_tb_size(p->value, err);
        } else if (!strcmp(p->key, "insn-count")) {
            if (!parse_bool(p->value, &tcg_insn_count_enabled)) {
                g_set_error(err, CHIMERA_ERROR, 0,
                            "-accel tcg,insn-count=%s: expected on or off", p->value);
                ok = false;
            }
        } else {
            g_set_error(err, CHIMERA_ERROR, 0, "-accel: unknown option '%s'", p->key);
            ok = false;
        }
    }
    if (kv) {
        keyval_list_free(kv);
    }
    if (ok && !monitor_done) {
        monitor_done = true;
        monitor_register_info("jit", "show the translator's statistics", tcg_exec_info_jit);
    }
    return ok;
}
