/*
 * main(): the command line, in QEMU's spelling and meaning, and the start
 * of a machine.
 *
 * Options are parsed in one pass into a Config, checked (one clear line
 * and exit status 1 for anything wrong), then acted on in a fixed order:
 * help requests, logging, chardevs, the monitor, drives and network
 * backends, the machine, -device, the debugger, and finally the run.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"
#include "chardev/char.h"
#include "config-host.h"
#include "hw/core/machine.h"
#include "hw/core/qdev.h"
#include "monitor/monitor.h"
#include "net/net.h"
#include "softmmu/accel.h"
#include "softmmu/cpu-model.h"
#include "softmmu/cpus.h"
#include "softmmu/main-loop.h"
#include "softmmu/memory.h"
#include "softmmu/runstate.h"
#include "softmmu/target-info.h"
#include "tcg/exec.h"
#include "gdbstub/gdbstub.h"
#include "ui/ui.h"
#include "util/cutils.h"
#include "util/error.h"
#include "util/log.h"

const TargetInfo *target_info;

#define MAX_SERIAL_PORTS 4

typedef struct Config {
    const char *machine;        /* -M, with its properties */
    const char *cpu;
    const char *mem;
    const char *smp;
    const char *bios;
    const char *kernel, *initrd, *append, *dtb;
    const char *boot;
    const char *graphic;
    const char *display;
    const char *accel;
    const char *log_items, *log_file, *log_filter;
    const char *gdb;
    bool nographic;
    bool start_paused;
    GPtrArray *firmware_dirs;
    GPtrArray *serials;
    GPtrArray *monitors;        /* -monitor specs */
    GPtrArray *qmps;            /* -qmp specs */
    GPtrArray *mons;            /* -mon chardev=ID,mode=readline|control */
    GPtrArray *chardevs;
    GPtrArray *devices;
    GPtrArray *drives;
    GPtrArray *netdevs;
    GPtrArray *nics;
    GPtrArray *prom_env;
} Config;

typedef enum OptKind { OPT_FLAG, OPT_ARG } OptKind;

typedef struct Option {
    const char *name;
    OptKind kind;
    const char *arg_help;
    const char *help;
} Option;

static const Option options[] = {
    { "h", OPT_FLAG, NULL, "print this help and exit" },
    { "help", OPT_FLAG, NULL, "print this help and exit" },
    { "version", OPT_FLAG, NULL, "print the version and exit" },
    { "M", OPT_ARG, "NAME[,prop=value...]", "select the machine ('-M help' lists them)" },
    { "machine", OPT_ARG, "NAME[,prop=value...]", "same as -M" },
    { "cpu", OPT_ARG, "MODEL", "select the CPU model ('-cpu help' lists them)" },
    { "m", OPT_ARG, "SIZE[M|G]", "RAM size (a bare number is MiB)" },
    { "smp", OPT_ARG, "N", "number of CPUs" },
    { "bios", OPT_ARG, "FILE", "firmware image" },
    { "L", OPT_ARG, "DIR", "directory searched for firmware" },
    { "kernel", OPT_ARG, "FILE", "kernel image" },
    { "initrd", OPT_ARG, "FILE", "initial ram disk" },
    { "append", OPT_ARG, "CMDLINE", "kernel command line" },
    { "dtb", OPT_ARG, "FILE", "device tree blob for the kernel" },
    { "boot", OPT_ARG, "[order=]DRIVES", "boot order: c disk, d cdrom, n network" },
    { "prom-env", OPT_ARG, "VAR=VALUE", "set an OpenBIOS variable" },
    { "g", OPT_ARG, "WxH[xDEPTH]", "initial graphical resolution" },
    { "nographic", OPT_FLAG, NULL, "no display; serial and monitor on the terminal" },
    { "display", OPT_ARG, "none|sdl", "select the display" },
    { "serial", OPT_ARG, "DEV", "serial port backend (stdio, mon:stdio, pty, file:F, ...)" },
    { "monitor", OPT_ARG, "DEV", "human monitor backend" },
    { "qmp", OPT_ARG, "DEV", "QMP backend (e.g. unix:PATH,server=on,wait=off)" },
    { "mon", OPT_ARG, "chardev=ID[,mode=readline|control]", "monitor on an existing chardev" },
    { "chardev", OPT_ARG, "BACKEND,id=ID[,...]", "create a character device" },
    { "device", OPT_ARG, "NAME[,prop=value...]", "add a device ('-device help' lists them)" },
    { "drive", OPT_ARG, "file=F[,if=T][,format=raw][,media=disk|cdrom]", "add a drive" },
    { "netdev", OPT_ARG, "user,id=ID", "add a network backend" },
    { "nic", OPT_ARG, "user[,model=M][,mac=A]", "add a NIC with its own backend" },
    { "accel", OPT_ARG, "tcg[,backend=x86_64|tci][,tb-size=MiB][,insn-count=on|off]",
      "select the translator backend and its options" },
    { "singlestep", OPT_FLAG, NULL, "one guest instruction per block (for -d cpu logs)" },
    { "S", OPT_FLAG, NULL, "start paused ('cont' in the monitor starts)" },
    { "s", OPT_FLAG, NULL, "same as -gdb tcp::1234" },
    { "gdb", OPT_ARG, "DEV", "wait for gdb on DEV (tcp::PORT or unix:PATH)" },
    { "d", OPT_ARG, "ITEM,...", "log items ('-d help' lists them)" },
    { "D", OPT_ARG, "FILE", "write the log to FILE" },
    { "dfilter", OPT_ARG, "START..END|START+SIZE,...", "log cpu/exec only for these pcs" },
    { "no-reboot", OPT_FLAG, NULL, "exit instead of rebooting" },
    { "no-shutdown", OPT_FLAG, NULL, "stop, do not exit, when the guest powers off" },
};

static const char *progname;

static void print_usage(void)
{
    printf("usage: %s [options]\n\nChimera %s, a system emulator (%s guest).\n\nOptions:\n",
           progname, CHIMERA_VERSION, target_info ? target_info->human_name : "no");
    for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
        g_autofree char *left = g_strdup_printf("-%s%s%s", options[i].name,
                                                options[i].arg_help ? " " : "",
                                                options[i].arg_help ? options[i].arg_help : "");
        printf("  %-40s %s\n", left, options[i].help);
    }
    printf("\nDuring emulation on a terminal (-nographic): Ctrl-A h prints the keys.\n");
}

static const Option *find_option(const char *arg)
{
    const char *name = arg + 1 + (arg[1] == '-');
    for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
        if (!strcmp(options[i].name, name)) {
            return &options[i];
        }
    }
    return NULL;
}

static void check_readable(const char *opt, const char *path)
{
    if (access(path, R_OK) != 0) {
        fatal("-%s %s: %s", opt, path, g_strerror(errno));
    }
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        fatal("-%s %s: is a directory", opt, path);
    }
}

static void parse_args(Config *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const Option *o;
        const char *val = NULL;

        if (arg[0] != '-' || !(o = find_option(arg))) {
            fatal("%s: invalid option", arg);
        }
        if (o->kind == OPT_ARG) {
            if (i + 1 >= argc) {
                fatal("%s: requires an argument", arg);
            }
            val = argv[++i];
        }
        const char *n = o->name;
        if (!strcmp(n, "h") || !strcmp(n, "help")) {
            print_usage();
            exit(0);
        } else if (!strcmp(n, "version")) {
            printf("Chimera emulator version %s (chimera-system-%s)\n"
                   "Copyright (c) 2026 the Chimera developers\n",
                   CHIMERA_VERSION, target_info ? target_info->name : "none");
            exit(0);
        } else if (!strcmp(n, "M") || !strcmp(n, "machine")) {
            c->machine = val;
        } else if (!strcmp(n, "cpu")) {
            c->cpu = val;
        } else if (!strcmp(n, "m")) {
            c->mem = val;
        } else if (!strcmp(n, "smp")) {
            c->smp = val;
        } else if (!strcmp(n, "bios")) {
            c->bios = val;
        } else if (!strcmp(n, "L")) {
            g_ptr_array_add(c->firmware_dirs, (gpointer)val);
        } else if (!strcmp(n, "kernel")) {
            c->kernel = val;
        } else if (!strcmp(n, "initrd")) {
            c->initrd = val;
        } else if (!strcmp(n, "append")) {
            c->append = val;
        } else if (!strcmp(n, "dtb")) {
            c->dtb = val;
        } else if (!strcmp(n, "boot")) {
            c->boot = val;
        } else if (!strcmp(n, "prom-env")) {
            g_ptr_array_add(c->prom_env, (gpointer)val);
        } else if (!strcmp(n, "g")) {
            c->graphic = val;
        } else if (!strcmp(n, "nographic")) {
            c->nographic = true;
        } else if (!strcmp(n, "display")) {
            c->display = val;
        } else if (!strcmp(n, "serial")) {
            g_ptr_array_add(c->serials, (gpointer)val);
        } else if (!strcmp(n, "monitor")) {
            g_ptr_array_add(c->monitors, (gpointer)val);
        } else if (!strcmp(n, "qmp")) {
            g_ptr_array_add(c->qmps, (gpointer)val);
        } else if (!strcmp(n, "mon")) {
            g_ptr_array_add(c->mons, (gpointer)val);
        } else if (!strcmp(n, "chardev")) {
            g_ptr_array_add(c->chardevs, (gpointer)val);
        } else if (!strcmp(n, "device")) {
            g_ptr_array_add(c->devices, (gpointer)val);
        } else if (!strcmp(n, "drive")) {
            g_ptr_array_add(c->drives, (gpointer)val);
        } else if (!strcmp(n, "netdev")) {
            g_ptr_array_add(c->netdevs, (gpointer)val);
        } else if (!strcmp(n, "nic")) {
            g_ptr_array_add(c->nics, (gpointer)val);
        } else if (!strcmp(n, "accel")) {
            c->accel = val;
        } else if (!strcmp(n, "singlestep")) {
            tcg_one_insn_per_tb = true;
        } else if (!strcmp(n, "S")) {
            c->start_paused = true;
        } else if (!strcmp(n, "s")) {
            c->gdb = "tcp::1234";
        } else if (!strcmp(n, "gdb")) {
            c->gdb = val;
        } else if (!strcmp(n, "d")) {
            c->log_items = val;
        } else if (!strcmp(n, "D")) {
            c->log_file = val;
        } else if (!strcmp(n, "dfilter")) {
            c->log_filter = val;
        } else if (!strcmp(n, "no-reboot")) {
            no_reboot = true;
        } else if (!strcmp(n, "no-shutdown")) {
            no_shutdown = true;
        }
    }
}

static void list_machines(void)
{
    g_autoptr(GPtrArray) list = machine_type_list();
    printf("Supported machines are:\n");
    for (guint i = 0; i < list->len; i++) {
        const MachineType *t = g_ptr_array_index(list, i);
        if (t->alias) {
            printf("%-20s %s (alias of %s)\n", t->alias, t->desc, t->name);
        }
        printf("%-20s %s%s\n", t->name, t->desc, t->is_default ? " (default)" : "");
    }
}

static void list_cpus(void)
{
    g_autoptr(GPtrArray) list = cpu_model_list();
    printf("Available CPUs:\n");
    if (!list->len) {
        printf("  (none yet for this target)\n");
    }
    for (guint i = 0; i < list->len; i++) {
        const CpuModel *m = g_ptr_array_index(list, i);
        printf("  %-24s %s%s\n", m->name, m->desc ? m->desc : "", m->is_default ? " (default)" : "");
    }
}

static void list_devices(void)
{
    g_autoptr(GPtrArray) list = device_type_list();
    printf("Devices:\n");
    for (guint i = 0; i < list->len; i++) {
        const DeviceType *t = g_ptr_array_index(list, i);
        printf("name \"%s\"%s, desc \"%s\"\n", t->name, t->user_creatable ? "" : " (board only)",
               t->desc ? t->desc : "");
    }
}

static bool is_help(const char *s)
{
    return s && (!strcmp(s, "help") || !strcmp(s, "?"));
}

/* -device NAME,help prints the properties of NAME. */
static bool device_help_requested(const char *spec)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    if (!parts[0] || !parts[1] || !is_help(parts[1])) {
        return false;
    }
    const DeviceType *t = device_type_find(parts[0]);
    if (!t) {
        fatal("-device %s: '%s' is not a valid device (try -device help)", spec, parts[0]);
    }
    g_autoptr(GString) out = g_string_new(NULL);
    device_type_print_props(t, out);
    fputs(out->str, stdout);
    return true;
}

static void handle_help_requests(Config *c)
{
    bool done = false;
    if (c->machine && is_help(c->machine)) {
        list_machines();
        done = true;
    }
    if (is_help(c->cpu)) {
        list_cpus();
        done = true;
    }
    if (is_help(c->log_items)) {
        log_print_help();
        done = true;
    }
    for (guint i = 0; i < c->devices->len; i++) {
        const char *d = g_ptr_array_index(c->devices, i);
        if (is_help(d)) {
            list_devices();
            done = true;
        } else if (device_help_requested(d)) {
            done = true;
        }
    }
    if (done) {
        exit(0);
    }
}

static GPtrArray *serial_chardevs;

Chardev *machine_serial_chardev(int index)
{
    if (!serial_chardevs || index < 0 || (guint)index >= serial_chardevs->len) {
        return NULL;
    }
    return g_ptr_array_index(serial_chardevs, index);
}

static Chardev *chardev_or_die(const char *label, const char *spec)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_legacy(label, spec, &err);
    if (err) {
        error_report_fatal(err);
    }
    return chr;
}

static void monitor_or_die(bool (*init)(Chardev *, GError **), Chardev *chr)
{
    GError *err = NULL;
    if (chr && !init(chr, &err)) {
        error_report_fatal(err);
    }
}

static bool monitor_init_qmp_plain(Chardev *chr, GError **err)
{
    return monitor_init_qmp(chr, false, err);
}

static int count_stdio(GPtrArray *specs)
{
    int n = 0;
    for (guint i = 0; i < specs->len; i++) {
        const char *s = g_ptr_array_index(specs, i);
        n += !strcmp(s, "stdio") || !strcmp(s, "mon:stdio");
    }
    return n;
}

/*
 * Serial ports, monitors and QMP. -nographic sends the first serial port
 * and, unless given elsewhere, the monitor to the terminal through a mux,
 * as QEMU does. With a window, they default to text consoles in it (vc):
 * the monitor is created first so it is console 2 and serial0 console 3.
 */
static void setup_chardevs(Config *c)
{
    GError *err = NULL;

    for (guint i = 0; i < c->chardevs->len; i++) {
        if (!chardev_new_from_options(g_ptr_array_index(c->chardevs, i), &err)) {
            error_report_fatal(err);
        }
    }
    if (c->nographic && !c->serials->len) {
        g_ptr_array_add(c->serials, c->monitors->len ? "stdio" : "mon:stdio");
    } else if (!c->nographic && ui_will_show_window(c->display, c->nographic)) {
        if (!c->monitors->len && !c->qmps->len && !c->mons->len) {
            g_ptr_array_add(c->monitors, "vc");
        }
        if (!c->serials->len) {
            g_ptr_array_add(c->serials, "vc");
        }
    }
    if (count_stdio(c->serials) + count_stdio(c->monitors) > 1) {
        fatal("cannot use stdio by multiple character devices");
    }
    if (c->serials->len > MAX_SERIAL_PORTS) {
        fatal("-serial: too many serial ports (at most %d)", MAX_SERIAL_PORTS);
    }
    for (guint i = 0; i < c->monitors->len; i++) {
        g_autofree char *label = g_strdup_printf("compat_monitor%u", i);
        monitor_or_die(monitor_init_hmp, chardev_or_die(label, g_ptr_array_index(c->monitors, i)));
    }
    serial_chardevs = g_ptr_array_new();
    for (guint i = 0; i < c->serials->len; i++) {
        g_autofree char *label = g_strdup_printf("serial%u", i);
        Chardev *chr = chardev_or_die(label, g_ptr_array_index(c->serials, i));
        g_ptr_array_add(serial_chardevs, chr);
        if (chr && chardev_wants_monitor(chr)) {
            monitor_or_die(monitor_init_hmp, chr);
        }
    }
    for (guint i = 0; i < c->qmps->len; i++) {
        g_autofree char *label = g_strdup_printf("compat_qmp%u", i);
        monitor_or_die(monitor_init_qmp_plain, chardev_or_die(label, g_ptr_array_index(c->qmps, i)));
    }
    for (guint i = 0; i < c->mons->len; i++) {
        GArray *kv = keyval_parse(g_ptr_array_index(c->mons, i), "chardev", &err);
        if (!kv) {
            error_report_fatal(err);
        }
        const char *id = keyval_get(kv, "chardev"), *mode = keyval_get(kv, "mode");
        Chardev *chr = id ? chardev_find(id) : NULL;
        if (!chr) {
            fatal("-mon: no chardev with id '%s'", id ? id : "");
        }
        if (mode && !strcmp(mode, "control")) {
            monitor_or_die(monitor_init_qmp_plain, chr);
        } else if (!mode || !strcmp(mode, "readline")) {
            monitor_or_die(monitor_init_hmp, chr);
        } else {
            fatal("-mon: mode '%s' must be readline or control", mode);
        }
        keyval_list_free(kv);
    }
}

static void setup_backends(Config *c)
{
    GError *err = NULL;
    for (guint i = 0; i < c->drives->len; i++) {
        if (!blk_new_from_options(g_ptr_array_index(c->drives, i), &err)) {
            error_report_fatal(err);
        }
    }
    for (guint i = 0; i < c->netdevs->len; i++) {
        if (!net_client_new_from_netdev(g_ptr_array_index(c->netdevs, i), &err)) {
            error_report_fatal(err);
        }
    }
    for (guint i = 0; i < c->nics->len; i++) {
        if (!net_client_new_from_nic(g_ptr_array_index(c->nics, i), &err)) {
            error_report_fatal(err);
        }
    }
}

static uint64_t parse_ram_size(const char *arg)
{
    uint64_t size;
    const char *m = g_str_has_prefix(arg, "size=") ? arg + 5 : arg;
    if (!parse_size(m, 1 << 20, &size) || size == 0) {
        fatal("-m %s: invalid RAM size (a number with an optional K, M, G or T suffix)", arg);
    }
    return size;
}

static MachineState *machine_state_new(Config *c)
{
    GError *err = NULL;
    MachineState *ms = g_new0(MachineState, 1);
    GArray *props = NULL;
    const char *name = NULL;

    if (c->machine) {
        props = keyval_parse(c->machine, "type", &err);
        if (!props) {
            error_report_fatal(err);
        }
        name = keyval_get(props, "type");
    }
    ms->type = name ? machine_type_find(name) : machine_type_default();
    if (!ms->type) {
        if (name) {
            fatal("-M %s: unsupported machine type (use -M help to list them)", name);
        }
        fatal("no machine specified, and there is no default (use -M help to list them)");
    }
    for (guint i = 0; props && i < props->len; i++) {
        const char *key = g_array_index(props, KeyVal, i).key;
        bool known = !strcmp(key, "type") || !strcmp(key, "accel") ||
                     (ms->type->props && g_strv_contains(ms->type->props, key));
        if (!known) {
            fatal("-M %s: machine '%s' has no property '%s'", c->machine, ms->type->name, key);
        }
    }
    ms->props = props;

    ms->ram_size = c->mem ? parse_ram_size(c->mem) : ms->type->default_ram_size;
    if (ms->type->max_ram_size && ms->ram_size > ms->type->max_ram_size) {
        fatal("-m %s: too much memory for machine '%s' (at most %" G_GUINT64_FORMAT " MiB)",
              c->mem, ms->type->name, ms->type->max_ram_size >> 20);
    }
    ms->smp = 1;
    if (c->smp) {
        const char *s = c->smp;
        uint64_t n;
        int max = ms->type->max_cpus ? ms->type->max_cpus : 1;
        if (g_str_has_prefix(s, "cpus=")) {
            s += 5;
        }
        if (!parse_uint64(s, &n) || n == 0) {
            fatal("-smp %s: invalid number of CPUs", c->smp);
        }
        if (n > (uint64_t)max) {
            fatal("-smp %s: machine '%s' supports at most %d CPUs", c->smp, ms->type->name, max);
        }
        ms->smp = n;
    }
    ms->cpu_model = c->cpu;
    ms->kernel = c->kernel;
    ms->initrd = c->initrd;
    ms->append = c->append;
    ms->dtb = c->dtb;
    ms->bios = c->bios;
    ms->boot_order = "c";
    if (c->boot) {
        ms->boot_order = g_str_has_prefix(c->boot, "order=") ? c->boot + 6 : c->boot;
        if (!*ms->boot_order || strspn(ms->boot_order, "abcdnp") != strlen(ms->boot_order)) {
            fatal("-boot %s: invalid boot order", c->boot);
        }
    }
    ms->graphic_mode = c->graphic;
    ms->nographic = c->nographic;
    ms->firmware_dirs = c->firmware_dirs;
    ms->prom_env = c->prom_env;
    ms->cpus = g_ptr_array_new();
    if ((c->initrd || c->append) && !c->kernel) {
        fatal("-%s only allowed with -kernel", c->initrd ? "initrd" : "append");
    }
    return ms;
}

static void on_signal(int sig)
{
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
}

static void setup_signals(void)
{
    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

int main(int argc, char **argv)
{
    GError *err = NULL;
    Config c = {
        .firmware_dirs = g_ptr_array_new(), .serials = g_ptr_array_new(),
        .monitors = g_ptr_array_new(), .qmps = g_ptr_array_new(), .mons = g_ptr_array_new(),
        .chardevs = g_ptr_array_new(), .devices = g_ptr_array_new(),
        .drives = g_ptr_array_new(), .netdevs = g_ptr_array_new(), .nics = g_ptr_array_new(),
        .prom_env = g_ptr_array_new(),
    };

    progname = argv[0];
    error_set_progname(argv[0]);
    parse_args(&c, argc, argv);
    handle_help_requests(&c);

    if (c.log_items && !log_parse_categories(c.log_items, &log_mask, &err)) {
        error_report_fatal(err);
    }
    if (c.log_file && !log_set_file(c.log_file, &err)) {
        error_report_fatal(err);
    }
    if (c.log_filter && !tcg_log_filter_parse(c.log_filter, &err)) {
        error_report_fatal(err);
    }
    if (c.display && strcmp(c.display, "none") && strcmp(c.display, "sdl")) {
        fatal("-display %s: unknown display type (none or sdl)", c.display);
    }
    if (c.display && !strcmp(c.display, "sdl") && !CONFIG_SDL) {
        fatal("-display sdl: this build has no SDL support");
    }
    if (!accel_configure(c.accel ? c.accel : "tcg", &err)) {
        error_report_fatal(err);
    }
    const char *files[][2] = {
        { "kernel", c.kernel }, { "initrd", c.initrd }, { "dtb", c.dtb }, { "bios", c.bios },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        if (files[i][1] && (strcmp(files[i][0], "bios") || strchr(files[i][1], '/'))) {
            check_readable(files[i][0], files[i][1]);
        }
    }
    if (c.mem) {
        parse_ram_size(c.mem);
    }
    if (c.cpu && !cpu_model_find(c.cpu)) {
        fatal("-cpu %s: unknown CPU model (use -cpu help to list them)", c.cpu);
    }
    MachineState *ms = machine_state_new(&c);

    setup_signals();
    setup_chardevs(&c);
    setup_backends(&c);

    memory_system_init();
    bql_lock();
    current_machine = ms;
    if (!ms->type->init(ms, &err)) {
        error_report_fatal(err);
    }
    for (guint i = 0; i < c.devices->len; i++) {
        Device *dev = device_new_from_options(g_ptr_array_index(c.devices, i), &err);
        if (!dev || !device_realize(dev, &err)) {
            error_report_fatal(err);
        }
    }
    /* The display and the monitor's screendump/sendkey, once devices exist (ui/ui.h). */
    if (!ui_init(c.display, c.nographic, &err)) {
        error_report_fatal(err);
    }
    if (c.gdb && !gdbserver_start(c.gdb, &err)) {
        error_report_fatal(err);
    }
    if (!c.start_paused) {
        vm_start();
    } else {
        vm_stop(RUN_STATE_PAUSED);
    }
    cpus_start();
    bql_unlock();

    int status = main_loop_run();

    blk_flush_all();
    chardev_cleanup_all();
    log_flush();
    fflush(stdout);
    exit(status);
}
