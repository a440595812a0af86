/*
 * CPU models: the names -cpu accepts and how to create them.
 *
 * Each target registers its models; a board asks for one by name (or the
 * target's default) and gets a CPUState it adds to the machine.
 */
#ifndef SOFTMMU_CPU_MODEL_H
#define SOFTMMU_CPU_MODEL_H

#include <glib.h>
#include <stdbool.h>

typedef struct CPUState CPUState;

typedef struct CpuModel {
    const char *name;
    const char *desc;
    bool is_default;            /* the binary's default model */
    /* Creates and resets a CPU; the board then calls cpus_register() on it. */
    CPUState *(*create)(const struct CpuModel *model, int index, GError **err);
    const void *opaque;         /* the target's model description */
} CpuModel;

void cpu_model_register(const CpuModel *model);
const CpuModel *cpu_model_find(const char *name);
const CpuModel *cpu_model_default(void);
GPtrArray *cpu_model_list(void);

#endif
