/*
 * Machines (boards) and the registry -M chooses from.
 *
 * A MachineType builds a whole machine from a MachineState that the command
 * line filled in. Board files register their types from a constructor; the
 * core registers `none` and `testboard`, which every binary has.
 */
#ifndef HW_CORE_MACHINE_H
#define HW_CORE_MACHINE_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct CPUState CPUState;
typedef struct MachineType MachineType;

typedef struct MachineState {
    const MachineType *type;
    uint64_t ram_size;
    int smp;
    const char *cpu_model;      /* -cpu, or NULL for the board's default */
    const char *kernel;         /* -kernel */
    const char *initrd;         /* -initrd */
    const char *append;         /* -append */
    const char *dtb;            /* -dtb */
    const char *bios;           /* -bios, or NULL for the board's default */
    const char *boot_order;     /* -boot order=..., default "c" */
    const char *graphic_mode;   /* -g WxHxD */
    bool nographic;
    GPtrArray *firmware_dirs;   /* -L, then built-in dirs */
    GPtrArray *prom_env;        /* -prom-env strings */
    GArray *props;              /* KeyVal from -M name,prop=val */
    GPtrArray *cpus;            /* CPUState *, filled by the board */
    void *board;                /* the board's own state */
} MachineState;

struct MachineType {
    const char *name;
    const char *desc;
    const char *alias;          /* e.g. "pc" for a versioned name */
    bool is_default;
    uint64_t default_ram_size;
    uint64_t max_ram_size;      /* 0: no limit */
    int max_cpus;               /* 0 means 1 */
    const char *default_cpu;    /* NULL: the binary's default CPU model */
    const char *const *props;   /* NULL-terminated names -M accepts */
    bool (*init)(MachineState *ms, GError **err);
};

void machine_type_register(const MachineType *type);
const MachineType *machine_type_find(const char *name);
const MachineType *machine_type_default(void);
GPtrArray *machine_type_list(void);   /* sorted by name */

/* The backend of serial port `index` (-serial, -nographic), or NULL. */
struct Chardev *machine_serial_chardev(int index);

/* The running machine, once created. */
extern MachineState *current_machine;

/* Looks up a -M property; NULL when not given. */
const char *machine_prop(MachineState *ms, const char *name);
/*
 * Finds a firmware file by name in -L dirs and the built-in search path
 * (/usr/share/qemu, /usr/share/seabios, /usr/lib/u-boot/...). Returns a
 * newly allocated path or NULL.
 */
char *machine_find_firmware(MachineState *ms, const char *name);

#endif
