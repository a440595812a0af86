/*
 * The machine registry, the `none` machine every binary has, and the
 * firmware search path.
 */
#include <string.h>

#include "hw/core/machine.h"
#include "util/cutils.h"

MachineState *current_machine;
static GPtrArray *machine_types;

void machine_type_register(const MachineType *type)
{
    if (!machine_types) {
        machine_types = g_ptr_array_new();
    }
    g_ptr_array_add(machine_types, (gpointer)type);
}

const MachineType *machine_type_find(const char *name)
{
    for (guint i = 0; machine_types && i < machine_types->len; i++) {
        const MachineType *t = g_ptr_array_index(machine_types, i);
        if (!strcmp(t->name, name) || (t->alias && !strcmp(t->alias, name))) {
            return t;
        }
    }
    return NULL;
}

const MachineType *machine_type_default(void)
{
    for (guint i = 0; machine_types && i < machine_types->len; i++) {
        const MachineType *t = g_ptr_array_index(machine_types, i);
        if (t->is_default) {
            return t;
        }
    }
    return NULL;
}

static gint compare_machine_names(gconstpointer a, gconstpointer b)
{
    const MachineType *ta = *(const MachineType *const *)a;
    const MachineType *tb = *(const MachineType *const *)b;
    return strcmp(ta->name, tb->name);
}

GPtrArray *machine_type_list(void)
{
    GPtrArray *list = g_ptr_array_new();
    for (guint i = 0; machine_types && i < machine_types->len; i++) {
        g_ptr_array_add(list, g_ptr_array_index(machine_types, i));
    }
    g_ptr_array_sort(list, compare_machine_names);
    return list;
}

const char *machine_prop(MachineState *ms, const char *name)
{
    return ms->props ? keyval_get(ms->props, name) : NULL;
}

/* Where Debian's packages put firmware, after any -L directories. */
static const char *const firmware_builtin_dirs[] = {
    "/usr/share/qemu",
    "/usr/share/seabios",
    "/usr/lib/u-boot/qemu_arm",
    "/usr/lib/u-boot/qemu-arm",
    "/usr/share/qemu-efi-aarch64",
};

char *machine_find_firmware(MachineState *ms, const char *name)
{
    if (strchr(name, '/')) {
        return g_file_test(name, G_FILE_TEST_IS_REGULAR) ? g_strdup(name) : NULL;
    }
    for (guint i = 0; ms->firmware_dirs && i < ms->firmware_dirs->len; i++) {
        char *path = g_build_filename(g_ptr_array_index(ms->firmware_dirs, i), name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            return path;
        }
        g_free(path);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(firmware_builtin_dirs); i++) {
        char *path = g_build_filename(firmware_builtin_dirs[i], name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            return path;
        }
        g_free(path);
    }
    return NULL;
}

/* -M none: no CPU, no RAM unless -m asks; useful for the monitor and tests. */
static bool machine_none_init(MachineState *ms, GError **err)
{
    return true;
}

static const MachineType machine_none = {
    .name = "none",
    .desc = "empty machine",
    .default_ram_size = 0,
    .init = machine_none_init,
};

static void __attribute__((constructor)) machine_none_register(void)
{
    machine_type_register(&machine_none);
}
