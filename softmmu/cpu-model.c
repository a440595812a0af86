/*
 * The registry of CPU models -cpu chooses from.
 */
#include <string.h>

#include "softmmu/cpu-model.h"

static GPtrArray *models;

void cpu_model_register(const CpuModel *model)
{
    if (!models) {
        models = g_ptr_array_new();
    }
    g_ptr_array_add(models, (gpointer)model);
}

/* Model names may contain spaces; '-' is accepted in their place, as QEMU does. */
static bool cpu_model_name_matches(const char *model, const char *asked)
{
    for (; *model && *asked; model++, asked++) {
        bool same = g_ascii_tolower(*model) == g_ascii_tolower(*asked) ||
                    (*model == ' ' && *asked == '-');
        if (!same) {
            return false;
        }
    }
    return !*model && !*asked;
}

const CpuModel *cpu_model_find(const char *name)
{
    for (guint i = 0; models && i < models->len; i++) {
        const CpuModel *m = g_ptr_array_index(models, i);
        if (cpu_model_name_matches(m->name, name)) {
            return m;
        }
    }
    return NULL;
}

const CpuModel *cpu_model_default(void)
{
    for (guint i = 0; models && i < models->len; i++) {
        const CpuModel *m = g_ptr_array_index(models, i);
        if (m->is_default) {
            return m;
        }
    }
    return models && models->len ? g_ptr_array_index(models, 0) : NULL;
}

GPtrArray *cpu_model_list(void)
{
    GPtrArray *list = g_ptr_array_new();
    for (guint i = 0; models && i < models->len; i++) {
        g_ptr_array_add(list, g_ptr_array_index(models, i));
    }
    return list;
}
